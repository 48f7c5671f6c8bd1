"""Forms of the clusters domain: the profile a manager edits and its members."""

import io
import re
from pathlib import PurePath

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from klusteri.accounts.models import Organisation
from klusteri.accounts.validators import (
    normalise_business_id,
    normalise_registry_id,
    validate_business_id,
)
from klusteri.clusters import fields as cluster_fields
from klusteri.clusters.models import Cluster, ClusterMembership
from klusteri.clusters.services import STAFF_ONLY_FIELDS

# Languages a cluster may serve in: the Nordic languages, Sámi, and the
# languages of Finland's largest trading partners.
SERVICE_LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("se", _("Northern Sámi")),
    ("no", _("Norwegian")),
    ("da", _("Danish")),
    ("is", _("Icelandic")),
    ("fo", _("Faroese")),
    ("kl", _("Greenlandic")),
    ("et", _("Estonian")),
    ("de", _("German")),
    ("fr", _("French")),
]

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 2000
# Pillow's format name → the extension the re-encoded file gets.
LOGO_FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "WEBP": ("webp", "image/webp"),
}


def number_text(value):
    """A number as people and Finnish Excel write it, e.g. ``1 234,5``, in the form
    Python reads (``1234.5``); anything but text as it is."""
    if not isinstance(value, str):
        return value
    text = re.sub(r"[\s\u00a0\u202f]", "", value)
    return text.replace(",", ".") if "," in text and "." not in text else text


class IntegerField(forms.IntegerField):
    """A whole number, with spaces between thousands or a decimal comma as in
    ``1 000`` or ``12,0``."""

    def to_python(self, value):
        return super().to_python(number_text(value))


class DecimalField(forms.DecimalField):
    """A number with a decimal point or a decimal comma, whatever the language of the
    page: ``62.5`` and ``62,5`` (Finnish Excel) are the same."""

    default_error_messages = {"invalid": _("Enter a number, e.g. 62.5 or 62,5.")}

    def to_python(self, value):
        return super().to_python(number_text(value))


class DateField(forms.DateField):
    """A date as the date input sends it (ISO), or as Finnish Excel writes it
    (``31.12.2026``), whatever the language of the page."""

    input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
    default_error_messages = {"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2027-12-31.")}


def _field_classes() -> dict[str, type]:
    """The form field of each number and date of a cluster."""
    classes = {}
    for field in Cluster._meta.concrete_fields:
        if field.choices or field.primary_key:
            continue
        if isinstance(field, models.DecimalField):
            classes[field.name] = DecimalField
        elif isinstance(field, models.IntegerField):
            classes[field.name] = IntegerField
        elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            classes[field.name] = DateField
    return classes


def language_names(codes: list[str]) -> list[str]:
    """The names of language codes in the active language; unknown codes as they are."""
    names = dict(SERVICE_LANGUAGES)
    return [str(names.get(code, code)) for code in codes]


# The model's own words for a code it does not know, as a file's cell is told.
INVALID_CHOICE = _("Value %(value)r is not a valid choice.")


class ClusterForm(forms.ModelForm):
    """A cluster's profile. The staff-only fields exist only in a staff member's form."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of service"),
        choices=SERVICE_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 2 MB and 2000 × 2000 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    # The groups of clusters/fields.py, as (legend, field names).
    fieldsets = cluster_fields.form_fieldsets()

    class Meta:
        model = Cluster
        fields = cluster_fields.form_fields()
        field_classes = _field_classes()
        error_messages = {
            field.name: {"invalid_choice": INVALID_CHOICE}
            for field in Cluster._meta.concrete_fields
            if field.choices
        }
        labels = {
            "name_fi": _("Name in Finnish"),
            "name_sv": _("Name in Swedish"),
            "name_en": _("Name in English"),
            "description_fi": _("Description in Finnish"),
            "description_sv": _("Description in Swedish"),
            "description_en": _("Description in English"),
        }
        widgets = {
            "name_fi": forms.TextInput(attrs={"lang": "fi"}),
            "name_sv": forms.TextInput(attrs={"lang": "sv"}),
            "name_en": forms.TextInput(attrs={"lang": "en"}),
            "description_fi": forms.Textarea(attrs={"lang": "fi", "rows": 8}),
            "description_sv": forms.Textarea(attrs={"lang": "sv", "rows": 8}),
            "description_en": forms.Textarea(attrs={"lang": "en", "rows": 8}),
            "ecosystems": forms.CheckboxSelectMultiple,
            "nace_sections": forms.CheckboxSelectMultiple,
            "nace_divisions": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
            "services": forms.CheckboxSelectMultiple,
            "label_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_staff:
            for name in STAFF_ONLY_FIELDS:
                self.fields.pop(name, None)
        for language in ("fi", "sv", "en"):
            if f"name_{language}" in self.fields:
                self.fields[f"name_{language}"].required = False
        if "municipality" in self.fields:
            self.fields["municipality"].help_text = _("In Finland: the municipality of the office.")
        # Codes stored by an import but missing from the list stay selectable, so
        # that saving the form does not drop them unnoticed.
        known = {code for code, _name in SERVICE_LANGUAGES}
        extra = [(code, code) for code in self.instance.languages or [] if code not in known]
        self.fields["languages"].choices = [*SERVICE_LANGUAGES, *extra]

    def grouped_fields(self):
        """(legend, bound fields) for each group that has fields in this form."""
        for legend, names in self.fieldsets:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield legend, fields

    def clean_business_id(self) -> str:
        return normalise_business_id(self.cleaned_data["business_id"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("foreign_registry_id"):
            country = cleaned.get("country", self.instance.country)
            cleaned["foreign_registry_id"] = normalise_registry_id(
                country, cleaned["foreign_registry_id"]
            )
        return cleaned

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo:  # None: unchanged; False: "clear" was ticked
            return logo
        return reencoded_logo(logo, name=self.instance.slug or "logo")

    def _update_errors(self, errors):
        # The model's clean() may object to a field this form leaves out (a
        # manager's form has no label fields): show that as a form-wide error
        # instead of failing.
        if hasattr(errors, "error_dict"):
            foreign = [
                name
                for name in errors.error_dict
                if name != NON_FIELD_ERRORS and name not in self.fields
            ]
            for name in foreign:
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(
                    errors.error_dict.pop(name)
                )
        super()._update_errors(errors)

    def changed_values(self) -> dict[str, object]:
        """The fields the person changed, with their new values."""
        changed = {name: self.cleaned_data[name] for name in self.changed_data}
        if changed.get("logo") is False:  # "clear" was ticked
            changed["logo"] = ""
        return changed


def reencoded_logo(upload, *, name: str) -> SimpleUploadedFile:
    """A PNG, JPEG or WebP file within the limits, decoded and encoded anew, so
    that nothing but pixels survives (no metadata, no trailing payload)."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo is larger than 2 MB."), code="too_large")
    head = upload.read(1024)
    upload.seek(0)
    if (
        PurePath(upload.name).suffix.lower() in {".svg", ".svgz"}
        or getattr(upload, "content_type", "") == "image/svg+xml"
        or b"<svg" in head.lower()
    ):
        raise ValidationError(
            _("SVG images are not accepted: upload the logo as a PNG, JPEG or WebP file."),
            code="svg",
        )
    invalid = ValidationError(
        _("This file is not a PNG, JPEG or WebP image, or it is damaged."), code="invalid"
    )
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except Image.DecompressionBombError:
        # A small file that would unpack into hundreds of millions of pixels:
        # Pillow refuses to open it before telling its size.
        raise ValidationError(
            _("The logo has far too many pixels: at most 2000 × 2000 are accepted."),
            code="too_big",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise invalid from None
    if image_format not in LOGO_FORMATS:
        raise invalid
    if width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE:
        raise ValidationError(
            _("The logo is %(width)s × %(height)s pixels: at most 2000 × 2000 are accepted."),
            code="too_big",
            params={"width": width, "height": height},
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.load()
            pixels = _without_metadata(image, image_format)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise invalid from None
    output = io.BytesIO()
    options = {"JPEG": {"quality": 90, "optimize": True}, "PNG": {"optimize": True}}
    pixels.save(output, format=image_format, **options.get(image_format, {"quality": 90}))
    extension, content_type = LOGO_FORMATS[image_format]
    return SimpleUploadedFile(f"{name}.{extension}", output.getvalue(), content_type=content_type)


# The pixel modes each format can store; any other mode is converted to the last.
LOGO_MODES = {
    "JPEG": ("L", "CMYK", "RGB"),
    "PNG": ("1", "L", "LA", "P", "RGBA", "RGB"),
    "WEBP": ("RGB", "RGBA"),
}


def _without_metadata(image: Image.Image, image_format: str) -> Image.Image:
    modes = LOGO_MODES[image_format]
    mode = image.mode if image.mode in modes else modes[-1]
    if image_format != "JPEG" and mode != image.mode and image.has_transparency_data:
        mode = "RGBA"
    clean = image.convert(mode) if mode != image.mode else image.copy()
    # Transparency of a palette or a single colour is part of the picture: keep it.
    clean.info = {key: clean.info[key] for key in ["transparency"] if key in clean.info}
    return clean


class MemberAddForm(forms.Form):
    """Add an organisation to the cluster: an existing one found by its business
    ID, or a new one with the name and type given here."""

    business_id = forms.CharField(
        label=_("Business ID (Y-tunnus)"),
        max_length=9,
        help_text=_("Seven digits, a hyphen and a check digit, e.g. 1234567-1."),
    )
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        required=False,
        help_text=_("Needed only if the organisation is not yet registered on Klusteri."),
    )
    kind = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=Organisation.Kind.choices,
        initial=Organisation.Kind.COMPANY,
    )
    role = forms.ChoiceField(
        label=_("Role in the cluster"),
        choices=ClusterMembership.Role.choices,
        initial=ClusterMembership.Role.MEMBER,
    )
    since = forms.DateField(
        label=_("Member since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    is_public = forms.BooleanField(
        label=_("The organisation agrees to be listed publicly on the cluster's profile"),
        required=False,
    )

    def __init__(self, *args, cluster: Cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        self.organisation: Organisation | None = None

    def clean_business_id(self) -> str:
        business_id = normalise_business_id(self.cleaned_data["business_id"])
        validate_business_id(business_id)
        return business_id

    def clean_since(self):
        return _not_in_future(self.cleaned_data["since"])

    def clean(self):
        cleaned = super().clean()
        business_id = cleaned.get("business_id")
        if not business_id:
            return cleaned
        self.organisation = Organisation.objects.filter(business_id=business_id).first()
        if self.organisation is None and not cleaned.get("name", "").strip():
            self.add_error(
                "name",
                _("No organisation with this business ID is registered yet: give its name."),
            )
        elif (
            self.organisation
            and self.cluster.memberships.filter(organisation=self.organisation).exists()
        ):
            self.add_error(
                "business_id",
                _("%(name)s is already in this cluster.") % {"name": self.organisation.name},
            )
        return cleaned


class MemberForm(forms.ModelForm):
    class Meta:
        model = ClusterMembership
        fields = ["role", "since", "is_public"]
        labels = {
            "role": _("Role in the cluster"),
            "is_public": _(
                "The organisation agrees to be listed publicly on the cluster's profile"
            ),
        }
        widgets = {"since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_since(self):
        return _not_in_future(self.cleaned_data["since"])

    def changed_values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.changed_data}


def _not_in_future(day):
    if day is not None and day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    return day
