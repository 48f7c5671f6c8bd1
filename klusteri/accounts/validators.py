"""The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_PATTERN = re.compile(r"^(\d{6,7})-(\d)$")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits: str) -> int | None:
    """The check digit for seven digits, or None when no valid ID has them
    (a remainder of 1 is never issued)."""
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise_business_id(value: str) -> str:
    """Strip spaces; pad the old six-digit form with a leading zero."""
    value = value.strip().replace(" ", "")
    match = BUSINESS_ID_PATTERN.match(value)
    if match and len(match.group(1)) == 6:
        return f"0{match.group(1)}-{match.group(2)}"
    return value


def validate_business_id(value: str) -> None:
    match = BUSINESS_ID_PATTERN.match(normalise_business_id(value))
    if not match:
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 1234567-1."),
            code="format",
        )
    digits = match.group(1).zfill(7)
    if business_id_check_digit(digits) != int(match.group(2)):
        raise ValidationError(
            _("This business ID is not valid: its check digit does not match."),
            code="checksum",
        )
