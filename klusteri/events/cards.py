"""The cards of the calendar's lists, and what a card shows beyond its row: the
public seats left, for a whole list of events in one query."""

from django.db.models import Count
from django.template.loader import get_template
from django.utils.safestring import SafeString

from klusteri.core import pagecache
from klusteri.events.models import Event, Registration


def seats_left(events: list[Event]) -> dict[int, int]:
    """For each of ``events`` with a capacity: the public seats still free, in one
    query (confirmed registrations and open offers hold seats)."""
    limited = [event for event in events if event.capacity is not None]
    if not limited:
        return {}
    taken = dict(
        Registration.objects.filter(
            event__in=[event.pk for event in limited],
            state__in=Registration.HOLDS_SEAT,
            reserved_seat=False,
        )
        .order_by()
        .values_list("event")
        .annotate(n=Count("*"))
    )
    return {event.pk: max(event.public_seats - taken.get(event.pk, 0), 0) for event in limited}


def with_seats(events: list[Event]) -> list[Event]:
    """``events`` with ``seats_left`` set on each (None: no limit), as the cards
    (``events/_event_card.html``) want them."""
    left = seats_left(events)
    for event in events:
        event.seats_left = left.get(event.pk)
    return events


def event_cards(pks: list[int]) -> list[SafeString]:
    """The card of each event of ``pks``, in order: from the cache, or rendered in
    two queries for those not cached yet (the events, their seats). A card is the
    same for everyone who may see the event, and any change of an event or a
    registration renews them all (the "events" version of ``core.pagecache``)."""
    version = pagecache.current_version("events")
    keys = [pagecache.fragment_key("events", "card", pk, version=version) for pk in pks]

    def render(missing: list[int]) -> dict[str, str]:
        wanted = [pks[index] for index in missing]
        events = Event.objects.filter(pk__in=wanted).select_related(
            "organiser", "municipality__region"
        )
        by_pk = {event.pk: event for event in with_seats(list(events))}
        template = get_template("events/_event_card.html")
        return {keys[index]: template.render({"event": by_pk[pks[index]]}) for index in missing}

    return pagecache.cached_fragments(keys, render)
