import contextlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from klusteri.accounts.models import Organisation
from klusteri.accounts.validators import (
    REGISTRIES,
    business_id_check_digit,
    normalise_business_id,
    normalise_registry_id,
    validate_business_id,
    validate_registry_id,
)
from klusteri.clusters.models import Cluster


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


# --- Through python-stdnum: the examples of its documentation -----------------------


def test_the_stdnum_example_business_id_is_valid_and_its_neighbour_is_not():
    validate_business_id("2077474-0")
    with pytest.raises(ValidationError) as error:
        validate_business_id("2077474-1")
    assert error.value.code == "checksum"


def published_check_digit(digits: str) -> int | None:
    """The check digit by the weights the Finnish Tax Administration publishes."""
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


@given(digits)
def test_the_check_digit_is_the_published_one(number):
    assert business_id_check_digit(number) == published_check_digit(number)


@given(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩", min_size=7, max_size=7))
def test_digits_of_other_scripts_are_a_format_error(number):
    if not number.isascii():
        with pytest.raises(ValidationError) as error:
            validate_business_id(f"{number}-0")
        assert error.value.code == "format"


VALID = [
    # (country, as written in stdnum's documentation, as stored)
    ("SE", "1234567897", "123456-7897"),
    ("SE", "123456-7897", "123456-7897"),
    ("NO", "988 077 917", "988 077 917"),
    ("NO", "988077917", "988 077 917"),
    ("DK", "DK 13585628", "13585628"),
    ("IS", "450401-3150", "450401-3150"),  # an organisation
    ("IS", "4504013150", "450401-3150"),
    ("EE", "12345678", "12345678"),
]


@pytest.mark.parametrize(("country", "value", "stored"), VALID)
def test_registry_ids_of_stdnum_examples_are_valid_and_stored_as_written(country, value, stored):
    validate_registry_id(country, value)
    assert normalise_registry_id(country, value) == stored
    assert normalise_registry_id(country, stored) == stored
    validate_registry_id(country, stored)


@pytest.mark.parametrize(
    ("country", "value", "code"),
    [
        ("SE", "1234567891", "checksum"),
        ("NO", "988 077 918", "checksum"),
        ("DK", "DK 13585627", "checksum"),
        ("IS", "530575-0299", "checksum"),
        ("EE", "12345679", "checksum"),
        ("SE", "123456-789", "format"),  # nine digits
        ("SE", "SE1234567897", "format"),
        ("NO", "98807791", "format"),
        ("DK", "03585628", "format"),  # a CVR number never starts with 0
        ("IS", "320174-3399", "format"),  # the 32nd is not a day
        ("EE", "32345674", "format"),  # a registry code starts with 1, 7, 8 or 9
        ("SE", "", "format"),
        ("NO", "abc", "format"),
    ],
)
def test_registry_ids_with_a_wrong_check_digit_or_form_are_refused(country, value, code):
    with pytest.raises(ValidationError) as error:
        validate_registry_id(country, value)
    assert error.value.code == code
    assert normalise_registry_id(country, value) == value.strip()


@pytest.mark.parametrize(
    ("country", "value"),
    [
        ("NO", "123456-7897"),  # Swedish
        ("DK", "123456-7897"),
        ("IS", "123456-7897"),
        ("SE", "988 077 917"),  # Norwegian
        ("SE", "13585628"),  # Danish
        ("IS", "13585628"),
        ("DK", "450401-3150"),  # Icelandic
        ("NO", "12345678"),  # Estonian
    ],
)
def test_a_registry_id_of_another_country_is_refused(country, value):
    with pytest.raises(ValidationError):
        validate_registry_id(country, value)


def format_messages(language: str) -> dict[str, str]:
    messages = {}
    with translation.override(language):
        for country in REGISTRIES:
            with pytest.raises(ValidationError) as error:
                validate_registry_id(country, "x")
            messages[country] = str(error.value.message)
    return messages


def test_the_message_names_the_form_expected_in_the_country():
    messages = format_messages("en")

    assert "Swedish organisation number" in messages["SE"]
    assert "123456-7897" in messages["SE"]
    assert "Norwegian organisation number" in messages["NO"]
    assert "Danish CVR number" in messages["DK"]
    assert "kennitala" in messages["IS"]
    assert "registrikood" in messages["EE"]
    assert len(set(messages.values())) == len(REGISTRIES)
    finnish, swedish = format_messages("fi"), format_messages("sv")
    assert finnish["SE"].startswith("Anna ruotsalainen organisaationumero")
    assert swedish["NO"].startswith("Ange det norska organisationsnumret")
    for country in REGISTRIES:
        assert len({messages[country], finnish[country], swedish[country]}) == 3


@pytest.mark.parametrize("country", ["FI", "AX", "FO", "GL", "DE", "US"])
def test_registry_ids_of_other_countries_stay_free_text(country):
    validate_registry_id(country, "HRB 12345 / Amtsgericht")
    assert normalise_registry_id(country, "  DEMO-FO-00001 ") == "DEMO-FO-00001"


def test_every_example_in_the_messages_is_valid():
    examples = {"SE": "123456-7897", "NO": "988 077 917", "DK": "13585628"}
    examples |= {"IS": "450401-3150", "EE": "12345678"}
    for country, example in examples.items():
        assert example in str(REGISTRIES[country].format_message)
        validate_registry_id(country, example)


# Any number with a check digit computed here, in any of its written forms.
def with_check_digit(country: str, body: str) -> list[str]:
    """The numbers with ``body`` that the country's registry accepts."""
    ending = "{}9" if country == "IS" else "{}"  # a kennitala ends in its century
    candidates = [body + ending.format(check) for check in range(10)]
    return [number for number in candidates if REGISTRIES[country].number.is_valid(number)]


BODIES = {
    "SE": st.text(alphabet="0123456789", min_size=9, max_size=9),
    "NO": st.text(alphabet="0123456789", min_size=8, max_size=8),
    "DK": st.from_regex(r"\A[1-9][0-9]{6}\Z"),
    "EE": st.from_regex(r"\A[1789][0-9]{6}\Z"),
    # an organisation registered on a day of 1900–1999 that every month has
    "IS": st.from_regex(r"\A[4-6][0-9](0[1-9]|1[0-2])[0-9]{4}\Z"),
}


@given(st.sampled_from(sorted(BODIES)).flatmap(lambda c: st.tuples(st.just(c), BODIES[c])))
def test_at_most_one_check_digit_makes_a_number_valid(country_and_body):
    country, body = country_and_body
    assert len(with_check_digit(country, body)) <= 1


@given(
    st.sampled_from(sorted(BODIES)).flatmap(lambda c: st.tuples(st.just(c), BODIES[c])),
    st.sampled_from(["", " ", "-", "."]),
    st.sampled_from(["", " "]),
)
def test_any_valid_number_in_any_written_form_is_stored_in_one_form(
    country_and_body, separator, padding
):
    country, body = country_and_body
    for number in with_check_digit(country, body):
        written = f"{padding}{number[:6]}{separator}{number[6:]}{padding}"
        stored = normalise_registry_id(country, written)
        validate_registry_id(country, stored)
        assert normalise_registry_id(country, stored) == stored
        assert stored == normalise_registry_id(country, number)
        assert len(stored) <= 50


@given(st.sampled_from(sorted(REGISTRIES)), st.text(max_size=20))
def test_arbitrary_text_never_crashes_the_registry_check(country, value):
    stored = normalise_registry_id(country, value)
    with contextlib.suppress(ValidationError):
        validate_registry_id(country, stored)
        # What passes is stored in the registry's form, unchanged by a second pass.
        assert normalise_registry_id(country, stored) == stored


# --- In the models: every form, the admin, the importer and the API go through clean()


def test_an_organisation_abroad_is_checked_by_its_country_and_stored_as_written_there():
    organisation = Organisation(name="Volvo", kind="company", country="SE")
    organisation.foreign_registry_id = "1234567897"
    organisation.clean()
    assert organisation.foreign_registry_id == "123456-7897"

    organisation.country = "DK"
    with pytest.raises(ValidationError) as error:
        organisation.clean()
    assert list(error.value.error_dict) == ["foreign_registry_id"]
    assert error.value.error_dict["foreign_registry_id"][0].code == "format"

    organisation.country = "GL"  # no checked registry: free text
    organisation.clean()


def test_a_cluster_abroad_is_checked_by_its_country_and_stored_as_written_there():
    cluster = Cluster(name_sv="Vätgas Väst", country="NO", foreign_registry_id="988077918")
    with pytest.raises(ValidationError) as error:
        cluster.clean()
    assert list(error.value.error_dict) == ["foreign_registry_id"]
    assert error.value.error_dict["foreign_registry_id"][0].code == "checksum"

    cluster.foreign_registry_id = "988077917"
    cluster.clean()
    assert cluster.foreign_registry_id == "988 077 917"

    cluster.country = "FO"
    cluster.foreign_registry_id = "V-tal 623857"
    cluster.clean()
    assert cluster.foreign_registry_id == "V-tal 623857"
