from django import template
from django.utils.translation import gettext as _

from klusteri.core.templatetags.klusteri import euros
from klusteri.funding.models import Call

register = template.Library()


@register.filter
def grant_range(call: Call) -> str:
    """The size of one grant as the call states it: a range, a floor or a ceiling."""
    low, high = call.grant_min, call.grant_max
    if low is not None and high is not None:
        if low == high:
            return euros(low)
        return _("%(low)s–%(high)s") % {"low": euros(low), "high": euros(high)}
    if high is not None:
        return _("up to %(amount)s") % {"amount": euros(high)}
    if low is not None:
        return _("from %(amount)s") % {"amount": euros(low)}
    return ""


@register.filter
def last_deadline(call: Call):
    """The call's last deadline (from the prefetched deadlines), None when it has none."""
    deadlines = list(call.deadlines.all())
    return deadlines[-1] if deadlines else None


@register.inclusion_tag("funding/_status_badge.html")
def status_badge(call: Call) -> dict:
    status = call.status
    return {"status": status, "label": Call.Status(status).label}
