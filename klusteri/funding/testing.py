"""Funding calls for tests of every app: one way to make them, through the service."""

from datetime import datetime, timedelta
from itertools import count

from django.utils import timezone

from klusteri.funding.models import ApplicantType, Call, Programme
from klusteri.funding.services import DeadlineData, save_call

_numbers = count(1)


def make_call(
    title: str | None = None,
    *,
    programme: Programme | str = "interreg-aurora",
    deadlines: list[datetime] | None = None,
    opens_at: datetime | None = None,
    applicant_types: list[str] = (ApplicantType.CLUSTER_ORGANISATION,),
    regions=(),
    ecosystems=(),
    by=None,
    **fields,
) -> Call:
    """A published call of ``programme`` (a reference programme's slug or the
    record) saved by ``services.save_call``. By default it opened a week ago and
    has one deadline 30 days from now, 17:00 Brussels time, and cluster
    organisations may apply as partners; ``deadlines=[]`` makes it continuous."""
    number = next(_numbers)
    now = timezone.now()
    if isinstance(programme, str):
        programme = Programme.objects.get(slug=programme)
    if deadlines is None:
        deadlines = [(now + timedelta(days=30)).replace(hour=16, minute=0, second=0, microsecond=0)]
    fields.setdefault("identifier", f"TEST-{number:04d}")
    fields.setdefault(
        "deadline_model",
        {0: Call.DeadlineModel.CONTINUOUS, 1: Call.DeadlineModel.SINGLE_STAGE}.get(
            len(deadlines), Call.DeadlineModel.MULTIPLE_CUT_OFF
        ),
    )
    call = Call(
        title_en=title or f"Test call {number}",
        programme=programme,
        opens_at=opens_at if opens_at is not None else now - timedelta(days=7),
        **fields,
    )
    return save_call(
        call,
        deadlines=[DeadlineData(at=at, time_zone="Europe/Brussels") for at in deadlines],
        related={
            "applicant_types": list(ApplicantType.objects.filter(slug__in=applicant_types)),
            "regions": list(regions),
            "ecosystems": list(ecosystems),
        },
        by=by,
    )
