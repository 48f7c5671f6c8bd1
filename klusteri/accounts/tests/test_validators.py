import contextlib

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from klusteri.accounts.validators import (
    business_id_check_digit,
    normalise_business_id,
    validate_business_id,
)


@pytest.mark.parametrize("value", ["0112038-9", "1572860-0", "2617416-4", "112038-9"])
def test_real_business_ids_are_valid(value):
    validate_business_id(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0112038-8", "checksum"),
        ("1234567-8", "checksum"),
        ("01120389", "format"),
        ("0112038 9", "format"),
        ("FI01120389", "format"),
        ("", "format"),
        ("abcdefg-h", "format"),
    ],
)
def test_malformed_business_ids_are_refused(value, code):
    with pytest.raises(ValidationError) as error:
        validate_business_id(value)
    assert error.value.code == code


def test_normalise_pads_the_old_six_digit_form_and_strips_spaces():
    assert normalise_business_id(" 112038-9 ") == "0112038-9"
    assert normalise_business_id("0112038-9") == "0112038-9"


digits = st.text(alphabet="0123456789", min_size=7, max_size=7)


@given(digits)
def test_every_issuable_number_with_its_check_digit_is_valid(number):
    check = business_id_check_digit(number)
    if check is None:  # a remainder of 1: no check digit makes this number valid
        for candidate in range(10):
            with pytest.raises(ValidationError):
                validate_business_id(f"{number}-{candidate}")
    else:
        validate_business_id(f"{number}-{check}")


@given(digits, st.integers(min_value=1, max_value=9))
def test_any_other_check_digit_is_refused(number, offset):
    check = business_id_check_digit(number)
    if check is not None:
        with pytest.raises(ValidationError):
            validate_business_id(f"{number}-{(check + offset) % 10}")


@given(st.text(max_size=20))
def test_arbitrary_text_never_crashes_the_validator(value):
    with contextlib.suppress(ValidationError):
        validate_business_id(value)
