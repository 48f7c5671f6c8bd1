"""Registration: the box on an event's page, registering, withdrawing, accepting a
freed seat, and a person's own registrations."""

from klusteri.events.models import Event, Registration


def registration_context(request, event: Event) -> dict:
    """What the registration box on the event's page (``events/_registration_box.html``)
    needs: the person's registration, if any."""
    registration = (
        Registration.objects.filter(event=event, user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    return {"registration": registration}
