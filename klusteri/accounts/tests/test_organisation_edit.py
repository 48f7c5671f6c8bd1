import pytest

from klusteri.accounts.models import Affiliation
from klusteri.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(organisation):
    return f"/en/accounts/organisations/{organisation.pk}/edit/"


def data(organisation, **overrides):
    values = {
        "name": organisation.name,
        "kind": organisation.kind,
        "country": "FI",
        "business_id": organisation.business_id,
        "foreign_registry_id": "",
        "size": organisation.size,
        "region": "",
        "website": "",
    }
    values.update(overrides)
    return values


def test_administrator_sees_the_form(manager_client, host_organisation):
    response = manager_client.get(url(host_organisation))

    assert response.status_code == 200
    assert 'value="Vetyklusteri ry"' in response.text


def test_administrator_saves_and_the_change_is_audited(manager_client, manager, host_organisation):
    response = manager_client.post(
        url(host_organisation), data(host_organisation, website="https://vety.example.org")
    )

    assert response.status_code == 302
    host_organisation.refresh_from_db()
    assert host_organisation.website == "https://vety.example.org"
    entry = AuditEntry.objects.get(action="accounts.organisation.updated")
    assert entry.actor == manager
    assert entry.organisation == host_organisation
    assert entry.data == {"website": "https://vety.example.org"}


def test_a_registry_id_abroad_is_saved_and_audited_as_the_registry_writes_it(
    manager_client, host_organisation
):
    response = manager_client.post(
        url(host_organisation),
        data(host_organisation, country="SE", business_id="", foreign_registry_id="5566778899"),
    )

    assert response.status_code == 302
    host_organisation.refresh_from_db()
    assert host_organisation.foreign_registry_id == "556677-8899"
    entry = AuditEntry.objects.get(action="accounts.organisation.updated")
    assert entry.data["foreign_registry_id"] == "556677-8899"


def test_a_registry_id_that_is_not_valid_in_its_country_changes_nothing(
    manager_client, host_organisation
):
    response = manager_client.post(
        url(host_organisation),
        data(host_organisation, country="DK", business_id="", foreign_registry_id="556677-8899"),
    )

    assert response.status_code == 200
    assert "Enter the Danish CVR number as eight digits, e.g. 13585628." in response.text
    host_organisation.refresh_from_db()
    assert host_organisation.country == "FI"
    assert not AuditEntry.objects.exists()


def test_bad_input_changes_nothing(manager_client, host_organisation):
    response = manager_client.post(
        url(host_organisation), data(host_organisation, name="", website="ei osoite")
    )

    assert response.status_code == 200
    assert 'value="ei osoite"' in response.text
    host_organisation.refresh_from_db()
    assert host_organisation.name == "Vetyklusteri ry"
    assert not AuditEntry.objects.exists()


def test_representative_without_admin_role_gets_403(
    make_user, affiliate, host_organisation, client
):
    representative = make_user("rep@example.org")
    affiliate(representative, host_organisation, Affiliation.Role.MEMBER)
    client.force_login(representative)

    assert client.get(url(host_organisation)).status_code == 403
    assert client.post(url(host_organisation), data(host_organisation, name="X")).status_code == 403
    host_organisation.refresh_from_db()
    assert host_organisation.name == "Vetyklusteri ry"


def test_outsider_gets_404(outsider_client, host_organisation):
    assert outsider_client.get(url(host_organisation)).status_code == 404


def test_manager_of_another_organisation_gets_404(client, other_manager, host_organisation):
    client.force_login(other_manager)

    assert client.get(url(host_organisation)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, host_organisation):
    response = client.get(url(host_organisation))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_wrong_method_is_405(manager_client, host_organisation):
    assert manager_client.delete(url(host_organisation)).status_code == 405
