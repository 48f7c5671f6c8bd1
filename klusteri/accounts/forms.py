from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klusteri.accounts import services
from klusteri.accounts.models import Organisation, User
from klusteri.accounts.validators import normalise_business_id, normalise_registry_id


class SignupForm(AllauthSignupForm):
    """allauth's sign-up (``ACCOUNT_FORMS["signup"]``) with the privacy notice to
    acknowledge and the newsletter to ask for; both are recorded with the version
    of their text and the time."""

    privacy_notice = forms.BooleanField(
        label=_("I have read the privacy notice"),
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )
    newsletter = forms.BooleanField(
        label=_("Send me Klusteri's newsletter"),
        required=False,
        help_text=_(
            "News, events and funding calls by e-mail, about once a month. You can "
            "withdraw your consent at any time on the My data page."
        ),
    )
    field_order = ["email", "password1", "password2", "privacy_notice", "newsletter"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_notice"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("core:privacy"), gettext("Read the privacy notice")
        )

    def custom_signup(self, request, user: User) -> None:
        super().custom_signup(request, user)
        services.record_signup_consents(user, newsletter=self.cleaned_data["newsletter"])


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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("foreign_registry_id"):
            country = str(cleaned.get("country", self.instance.country))
            cleaned["foreign_registry_id"] = normalise_registry_id(
                country, cleaned["foreign_registry_id"]
            )
        return cleaned


class AccountDeleteForm(forms.Form):
    """The person confirms with their password, or, without one (a log-in through
    another service), by typing their e-mail address."""

    def __init__(self, user: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Your password"),
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )
        else:
            self.fields["email"] = forms.CharField(
                label=_("Your e-mail address"),
                help_text=_("Type the address you log in with to confirm."),
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email.lower() != self.user.email.lower():
            raise forms.ValidationError(
                _("This is not the address you log in with."), code="wrong_email"
            )
        return email
