import pytest

from klusteri.accounts.models import Affiliation, Organisation
from klusteri.audit.models import AuditEntry
from klusteri.core.testing import translated
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db
URL = "/fi/accounts/organisations/new/"


def form_data(**overrides):
    data = {
        "name": "Uusi Teknologia Oy",
        "kind": "company",
        "country": "FI",
        "business_id": "0112038-9",
        "foreign_registry_id": "",
        "size": "small",
        "region": Region.objects.get(code="MK16").pk,
        "website": "https://uusi.example.org",
    }
    data.update(overrides)
    return data


def test_form_shows_for_a_signed_in_person(outsider_client):
    response = outsider_client.get(URL)

    assert response.status_code == 200
    assert "Keski-Pohjanmaa" in response.text


def test_registering_makes_the_person_administrator_and_is_audited(outsider_client, outsider):
    response = outsider_client.post(URL, form_data())

    assert response.status_code == 302
    organisation = Organisation.objects.get(business_id="0112038-9")
    affiliation = Affiliation.objects.get(organisation=organisation)
    assert affiliation.user == outsider
    assert affiliation.role == Affiliation.Role.ADMIN
    assert not affiliation.is_signatory  # only staff confirm the right to sign
    entry = AuditEntry.objects.get(action="accounts.organisation.registered")
    assert entry.actor == outsider
    assert entry.organisation == organisation


def test_old_six_digit_business_id_is_stored_in_the_current_form(outsider_client):
    outsider_client.post(URL, form_data(business_id=" 112038-9"))

    assert Organisation.objects.filter(business_id="0112038-9").exists()


@pytest.mark.parametrize(
    ("business_id", "message"),
    [
        ("1234567-8", "This business ID is not valid: its check digit does not match."),
        (
            "12345678",
            "Enter the business ID as seven digits, a hyphen and a check digit, e.g. 1234567-1.",
        ),
    ],
)
def test_malformed_business_id_is_refused_and_kept(outsider_client, business_id, message):
    response = outsider_client.post(URL, form_data(business_id=business_id))

    assert response.status_code == 200
    assert f'value="{business_id}"' in response.text
    assert 'value="Uusi Teknologia Oy"' in response.text
    assert translated(message) in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_finnish_organisation_needs_a_business_id(outsider_client):
    response = outsider_client.post(URL, form_data(business_id=""))

    assert response.status_code == 200
    assert translated("A Finnish organisation needs its business ID (Y-tunnus).") in response.text
    assert not Organisation.objects.exists()


def test_foreign_organisation_needs_its_registry_id(outsider_client):
    response = outsider_client.post(URL, form_data(country="SE", business_id=""))

    assert response.status_code == 200
    assert not Organisation.objects.exists()

    response = outsider_client.post(
        URL, form_data(country="SE", business_id="", foreign_registry_id="556000-0001")
    )
    assert response.status_code == 302
    assert Organisation.objects.get().foreign_registry_id == "556000-0001"


def test_a_foreign_registry_id_is_checked_by_its_country_and_stored_as_written_there(
    outsider_client,
):
    response = outsider_client.post(
        URL, form_data(country="SE", business_id="", foreign_registry_id="556000-0000")
    )

    assert response.status_code == 200
    assert translated("This registry ID is not valid: its check digit does not match.") in (
        response.text
    )
    response = outsider_client.post(
        URL, form_data(country="NO", business_id="", foreign_registry_id="556000-0001")
    )
    assert response.status_code == 200
    assert "988 077 917" in response.text  # the Norwegian format, with an example
    assert not Organisation.objects.exists()

    response = outsider_client.post(
        URL, form_data(country="NO", business_id="", foreign_registry_id=" 988077917 ")
    )
    assert response.status_code == 302
    assert Organisation.objects.get().foreign_registry_id == "988 077 917"


def test_duplicate_business_id_is_refused(outsider_client, make_organisation):
    make_organisation("Vanha Oy", business_id="0112038-9")

    response = outsider_client.post(URL, form_data())

    assert response.status_code == 200
    assert (
        translated("An organisation with this business ID is already registered.") in response.text
    )
    assert Organisation.objects.count() == 1


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/login/?next=")


def test_wrong_method_is_405(outsider_client):
    assert outsider_client.put(URL).status_code == 405
