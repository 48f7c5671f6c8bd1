"""What each deadline model takes, said in words: the rule of
``services.check_deadlines`` for the forms and files that a person fills."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klusteri.funding.models import Call
from klusteri.funding.services import DeadlineData, FundingError, check_deadlines

RULES = {
    Call.DeadlineModel.SINGLE_STAGE: gettext_lazy("A single-stage call has exactly one deadline."),
    Call.DeadlineModel.TWO_STAGE: gettext_lazy(
        "A two-stage call has two deadlines, one for each stage."
    ),
    Call.DeadlineModel.MULTIPLE_CUT_OFF: gettext_lazy(
        "A call with multiple cut-off dates has at least two deadlines."
    ),
    Call.DeadlineModel.CONTINUOUS: gettext_lazy(
        "A continuous call has at most one deadline, when it ends."
    ),
}


def deadline_problem(deadline_model: str, deadlines: list[DeadlineData]) -> str | None:
    """What is wrong with a call's deadlines, in the person's language, or None."""
    if len({deadline.at for deadline in deadlines}) != len(deadlines):
        return _("Two deadlines are at the same moment.")
    try:
        check_deadlines(deadline_model, deadlines)
    except FundingError:
        rule = str(RULES[deadline_model])
        return _("The deadline is missing.") + " " + rule if not deadlines else rule
    return None
