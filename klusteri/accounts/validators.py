"""Organisation identifiers, checked with python-stdnum.

The Finnish business ID (Y-tunnus) is seven digits, a hyphen and a check digit.
Outside Finland an organisation gives the number of its national registry; where
stdnum knows that registry (``REGISTRIES``), the number is checked and stored in
the registry's own written form, elsewhere it stays free text.
"""

import re
from dataclasses import dataclass
from types import ModuleType

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.dk import cvr
from stdnum.ee import registrikood
from stdnum.fi import ytunnus
from stdnum.is_ import kennitala
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

BUSINESS_ID_PATTERN = re.compile(r"^(\d{6,7})-(\d)$")
SEPARATORS = re.compile(r"[\s.-]")  # as people write registry numbers


def business_id_check_digit(digits: str) -> int | None:
    """The check digit for seven digits, or None when no valid ID has them
    (a remainder of 1 is never issued)."""
    for check in range(10):
        if ytunnus.is_valid(f"{digits}{check}"):
            return check
    return None


def normalise_business_id(value: str) -> str:
    """Strip spaces; pad the old six-digit form with a leading zero."""
    value = value.strip().replace(" ", "")
    match = BUSINESS_ID_PATTERN.match(value)
    if match and len(match.group(1)) == 6:
        return f"0{match.group(1)}-{match.group(2)}"
    return value


def validate_business_id(value: str) -> None:
    business_id = normalise_business_id(value)
    if not BUSINESS_ID_PATTERN.match(business_id):
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 1234567-1."),
            code="format",
        )
    try:
        ytunnus.validate(business_id)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("This business ID is not valid: its check digit does not match."),
            code="checksum",
        ) from None
    except stdnum_errors.ValidationError:  # digits outside ASCII, which \d lets through
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 1234567-1."),
            code="format",
        ) from None


@dataclass(frozen=True)
class Registry:
    """A national registry of organisations whose numbers stdnum checks."""

    number: ModuleType  # the stdnum module: compact(), validate(), maybe format()
    format_message: Promise  # names the expected form, with an example that is valid

    def written(self, value: str) -> str:
        """The number as the registry writes it (stdnum's format), else compact."""
        formatter = getattr(self.number, "format", None)
        return formatter(value) if formatter else self.number.compact(value)


# The examples in the messages are those of stdnum's own documentation.
REGISTRIES = {
    "SE": Registry(
        se_orgnr,
        _(
            "Enter the Swedish organisation number (organisationsnummer) as ten digits, "
            "e.g. 123456-7897."
        ),
    ),
    "NO": Registry(
        no_orgnr,
        _(
            "Enter the Norwegian organisation number (organisasjonsnummer) as nine digits, "
            "e.g. 988 077 917."
        ),
    ),
    "DK": Registry(cvr, _("Enter the Danish CVR number as eight digits, e.g. 13585628.")),
    "IS": Registry(
        kennitala,
        _("Enter the Icelandic identity number (kennitala) as ten digits, e.g. 450401-3150."),
    ),
    "EE": Registry(
        registrikood,
        _(
            "Enter the Estonian registry code (registrikood) as eight digits starting "
            "with 1, 7, 8 or 9, e.g. 12345678."
        ),
    ),
}


def normalise_registry_id(country: str, value: str) -> str:
    """A valid number of the country's registry as the registry writes it, whatever
    spaces, hyphens or dots it was typed with (``5566778899`` → ``556677-8899``);
    anything else only stripped."""
    value = value.strip()
    registry = REGISTRIES.get(country)
    if registry is None:
        return value
    digits = SEPARATORS.sub("", value)
    if not registry.number.is_valid(digits):
        return value
    return registry.written(digits)


def validate_registry_id(country: str, value: str) -> None:
    """Check a registry ID against the rules of the country's registry, where
    stdnum knows them; other countries' IDs are free text."""
    registry = REGISTRIES.get(country)
    if registry is None:
        return
    try:
        registry.number.validate(value)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("This registry ID is not valid: its check digit does not match."),
            code="checksum",
        ) from None
    except stdnum_errors.ValidationError:  # the length, characters or a date part
        raise ValidationError(registry.format_message, code="format") from None
