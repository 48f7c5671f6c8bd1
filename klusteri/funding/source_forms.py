"""The form a cluster's managers record a funding source with."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from klusteri.funding.models import FundingSource, Programme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FundingSourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["name", "kind", "programme", "amount", "starts_on", "ends_on"]
        labels = {
            "kind": _("Kind of funding"),
            "programme": _("Programme (optional)"),
            "ends_on": _("Ends (optional)"),
        }
        help_texts = {
            "programme": _("The funding programme it comes from, if it is one of those listed."),
            "amount": _("The whole amount for the period, in euros."),
            "ends_on": _("Leave empty if the funding goes on until further notice."),
        }
        error_messages = {
            "amount": {"min_value": _("The amount cannot be negative.")},
        }
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The active programmes, and the one already chosen should it have ended.
        self.fields["programme"].queryset = Programme.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.programme_id)
        )
        self.fields["amount"].widget.attrs["min"] = 0

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end cannot be before the start."))
        return cleaned

    def changed_values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.changed_data}
