"""The registration form: the event's extra questions and, where the event asks
for it, the organisation the person registers on behalf of.

The answers are kept in ``Registration.answers`` by the question's id
(``{"12": "Vegetarian", "13": "yes"}``), so a question reworded later still
finds its answers; a yes/no answer is "yes" or "no".
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from klusteri.accounts.models import Organisation
from klusteri.events.models import Audience, Event, Question

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def organisation_choices(event: Event, user):
    """Whom the person may register on behalf of: their organisations, and for a
    member-only event those that are members of the organising cluster."""
    if event.audience == Audience.MEMBERS and not event.is_managed_by(user):
        return event.member_organisations_of(user).order_by("name")
    return Organisation.objects.of_user(user).order_by("name")


class RegistrationForm(forms.Form):
    def __init__(self, *args, event: Event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(event.questions.all())
        if event.asks_organisation:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("On behalf of"),
                queryset=organisation_choices(event, user),
                empty_label=_("Choose an organisation"),
                error_messages={
                    "required": _("Choose the organisation you register on behalf of.")
                },
            )
        for question in self.questions:
            self.fields[self.field_name(question)] = self.question_field(question)

    @staticmethod
    def field_name(question: Question) -> str:
        return f"question_{question.pk}"

    @staticmethod
    def question_field(question: Question) -> forms.Field:
        common = {"label": question.text, "required": question.is_required}
        if question.kind == Question.Kind.CHOICE:
            choices = [(choice, choice) for choice in question.choice_list]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        if question.kind == Question.Kind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common)

    def answers(self) -> dict[str, str]:
        """The answers given, by question id; unanswered optional questions left out."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(self.field_name(question))
            if value:
                answers[str(question.pk)] = value
        return answers
