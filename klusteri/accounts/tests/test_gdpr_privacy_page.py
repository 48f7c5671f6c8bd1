"""The privacy notice (core/privacy.html): what is kept, why, for how long, by whom,
and the person's rights with links to the pages that exercise them."""

import pytest
from django.utils import translation
from django.utils.formats import date_format

from klusteri.core.privacy_notice import (
    AUDIT_RETENTION_YEARS,
    CONTROLLER_NAME,
    PRIVACY_NOTICE_DATE,
    PRIVACY_NOTICE_VERSION,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_notice_links_to_the_pages_that_exercise_the_rights(client, language):
    response = client.get(f"/{language}/privacy/")

    assert response.status_code == 200
    for path in ["accounts/privacy/", "accounts/privacy/delete/", "accounts/profile/edit/"]:
        assert f'href="/{language}/{path}"' in response.text
    assert 'href="https://tietosuoja.fi/"' in response.text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_notice_names_its_version_and_a_controller_labelled_fictional(client, language):
    response = client.get(f"/{language}/privacy/")

    with translation.override(language):
        in_force_since = date_format(PRIVACY_NOTICE_DATE)
    assert PRIVACY_NOTICE_VERSION in response.text
    assert in_force_since in response.text
    assert CONTROLLER_NAME in response.text
    assert 'class="demo-label"' in response.text


def test_notice_states_the_legal_basis_and_retention_of_each_kind_of_data(client):
    text = client.get("/en/privacy/").text

    for heading in [
        "Your account",
        "Consents",
        "Audit trail",
        "Sessions and cookies",
        "Server logs",
        "Backups",
    ]:
        assert f"<h3>{heading}</h3>" in text
    assert text.count("<dt>Legal basis</dt>") == text.count("<dt>How long</dt>") == 11
    assert f"{AUDIT_RETENTION_YEARS} years, then the entries are deleted." in text
    assert "Until you log out, at most 14 days." in text
