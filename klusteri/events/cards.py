"""What an event's card shows beyond its row: the public seats left, for a whole
list of events in one query."""

from django.db.models import Count

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
