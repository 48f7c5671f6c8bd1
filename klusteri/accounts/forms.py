from django import forms
from django.utils.translation import gettext_lazy as _

from klusteri.accounts.models import Organisation, User
from klusteri.accounts.validators import normalise_business_id


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "country",
            "business_id",
            "foreign_registry_id",
            "size",
            "region",
            "website",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].help_text = _("Finnish organisations: the region of the head office.")

    def clean_business_id(self) -> str:
        return normalise_business_id(self.cleaned_data["business_id"])
