"""What the organisers' tests share: an event made through the services, and
registrations in the states a participant list shows. Imported by the test
modules (``from klusteri.events.tests.organiser_fixtures import ...``)."""

from datetime import timedelta

from django.utils import timezone

from klusteri.events import testing
from klusteri.events.models import Event, Registration


def make_event(
    organiser,
    *,
    by,
    title: str = "Vetytalouden aamupäivä",
    starts_in: timedelta = timedelta(days=10),
    hours: int = 3,
    status: str = Event.Status.PUBLISHED,
    **fields,
) -> Event:
    """An event of ``organiser`` (a cluster, or None: the national platform),
    starting ``starts_in`` from now, in person: ``testing.make_event`` with these
    defaults, its title in Finnish only."""
    starts = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    fields.setdefault("event_type", "workshop")
    fields.setdefault("format", "in_person")
    return testing.make_event(
        organiser=organiser, by=by, title_fi=title, title_en="", starts_at=starts,
        duration=timedelta(hours=hours), status=status, **fields,
    )  # fmt: skip


def register(event: Event, user, state: str = Registration.State.CONFIRMED, **fields):
    """A registration in ``state``, as the services would have left it (set
    directly: the test is about the organiser's side)."""
    return Registration.objects.create(event=event, user=user, state=state, **fields)
