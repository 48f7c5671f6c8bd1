"""How we write tests in Klusteri: read this file before your first test.

1. Plain functions and bare ``assert``. One behaviour per test, named after it:
   ``test_outsider_gets_404``, not ``test_view_2``.
2. Personas come from ``klusteri/conftest.py``: ``staff``, ``manager`` (administers
   the ``host_organisation``), ``other_manager``, ``company_user``, ``outsider``,
   and the anonymous ``client``. ``manager_client`` and friends are signed in.
   Build what else a test needs with the small factories there (``make_user``,
   ``make_organisation``, ``affiliate``); there are no JSON fixtures.
3. Arrange, act, assert, separated by blank lines. Assert side effects from the
   database (``refresh_from_db()``), not only the response.
4. Every view gets: the happy path, wrong method → 405, anonymous → log-in,
   outsider → 404, too weak a role → 403; list pages assert their query count.
5. User-facing messages are asserted in Finnish through ``translated()``, which
   also fails when the message lacks a translation.
6. Time with ``time_machine``, never ``sleep``. No network.
"""

import pytest
import time_machine

from klusteri.accounts.models import Organisation
from klusteri.audit.models import AuditEntry
from klusteri.core.testing import translated

pytestmark = pytest.mark.django_db


def test_a_page_for_everyone(client):
    response = client.get("/fi/")

    assert response.status_code == 200


def test_a_page_behind_log_in_sends_anonymous_to_log_in(client):
    response = client.get("/fi/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"] == "/fi/accounts/login/?next=/fi/accounts/profile/"


def test_a_write_is_asserted_from_the_database(manager_client, host_organisation):
    with time_machine.travel("2026-12-01 09:00 +02:00", tick=False):
        manager_client.post(
            f"/fi/accounts/organisations/{host_organisation.pk}/edit/",
            {
                "name": "Suomen vetyklusteri ry",
                "kind": "association",
                "country": "FI",
                "business_id": host_organisation.business_id,
                "size": "n/a",
            },
        )

    host_organisation.refresh_from_db()
    assert host_organisation.name == "Suomen vetyklusteri ry"
    assert host_organisation.updated_at.isoformat() == "2026-12-01T07:00:00+00:00"
    assert AuditEntry.objects.for_object(host_organisation).count() == 1


def test_bad_input_is_refused_in_finnish_and_writes_nothing(outsider_client):
    response = outsider_client.post(
        "/fi/accounts/organisations/new/",
        {"name": "", "kind": "company", "country": "FI", "business_id": "0112038-9", "size": "n/a"},
    )

    assert response.status_code == 200
    assert translated("This field is required.") in response.text
    assert not Organisation.objects.exists()


def test_query_counts_are_exact(manager_client, django_assert_num_queries):
    with django_assert_num_queries(3):
        manager_client.get("/fi/accounts/profile/")
