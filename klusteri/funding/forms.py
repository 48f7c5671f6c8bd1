"""Forms of the funding pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from klusteri.funding.models import SavedSearch
from klusteri.funding.services import normalise_query


class SavedSearchForm(forms.ModelForm):
    """A saved search's name and how often its digest comes (editing)."""

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        labels = {"name": _("Name of the search"), "frequency": _("Send me a digest")}
        help_texts = {
            "frequency": _("Only when calls in the search are new or have changed."),
        }
        widgets = {"frequency": forms.RadioSelect}


class SaveSearchForm(SavedSearchForm):
    """Saving the finder's current search: its query string comes along unseen."""

    # Neither is seen nor typed: an error in them is the form's own (``clean``), or
    # the view's (an address elsewhere is not followed).
    query = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(SavedSearchForm.Meta):
        pass

    def __init__(self, *args, query: str = "", next_url: str = "", **kwargs):
        kwargs.setdefault("prefix", "save")
        super().__init__(*args, **kwargs)
        self.fields["query"].initial = query
        self.fields["next"].initial = next_url

    def clean_query(self) -> str:
        return normalise_query(self.cleaned_data["query"])

    def clean(self) -> dict:
        # The query is not a field the person sees: its error is the form's own.
        query = self.cleaned_data.get("query")
        if query is None or len(query) > SavedSearch._meta.get_field("query").max_length:
            raise forms.ValidationError(
                _("This search has too many filters to save. Choose fewer and try again.")
            )
        return super().clean()
