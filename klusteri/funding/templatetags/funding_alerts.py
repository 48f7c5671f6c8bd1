"""For the include templates of the alerts on other pages of the section."""

from django import template

from klusteri.funding.forms import SaveSearchForm
from klusteri.funding.models import FollowedCall

register = template.Library()


@register.simple_tag(takes_context=True)
def follows(context, call) -> bool:
    """Whether the person asking follows ``call`` (one query)."""
    user = context["request"].user
    return user.is_authenticated and FollowedCall.objects.filter(user=user, call=call).exists()


@register.simple_tag(takes_context=True)
def save_search_form(context, query: str = "") -> SaveSearchForm:
    """The form that saves the finder's search ``query``, which comes back to the
    finder with it after saving; its name suggested from the search words."""
    request = context["request"]
    form = SaveSearchForm(query=query, next_url=request.get_full_path())
    form.fields["name"].initial = request.GET.get("q", "").strip()[:100]
    return form
