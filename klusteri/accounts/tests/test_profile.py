import pytest

from klusteri.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_profile_lists_the_persons_organisations(manager_client, django_assert_num_queries):
    with django_assert_num_queries(3):  # session, user, affiliations with organisations
        response = manager_client.get("/fi/accounts/profile/")

    assert response.status_code == 200
    assert "Vetyklusteri ry" in response.text
    assert "Ylläpitäjä" in response.text or "Administrator" in response.text


def test_profile_query_count_does_not_grow_with_organisations(
    outsider, outsider_client, make_organisation, affiliate, django_assert_num_queries
):
    for number in range(10):
        affiliate(outsider, make_organisation(f"Yritys {number} Oy"))

    with django_assert_num_queries(3):
        outsider_client.get("/fi/accounts/profile/")


def test_edit_saves_name_and_language_and_audits(outsider_client, outsider):
    response = outsider_client.post(
        "/fi/accounts/profile/edit/", {"name": "Otto Ulkopuolinen", "language": "sv"}
    )

    assert response.status_code == 302
    outsider.refresh_from_db()
    assert (outsider.name, outsider.language) == ("Otto Ulkopuolinen", "sv")
    entry = AuditEntry.objects.get()
    assert entry.action == "accounts.profile.updated"
    # The trail outlives the account: it names neither the person nor the new name.
    assert entry.object_repr == f"person #{outsider.pk}"
    assert entry.data == {"language": "sv"}


def test_edit_refuses_an_unknown_language(outsider_client, outsider):
    response = outsider_client.post(
        "/fi/accounts/profile/edit/", {"name": "Otto", "language": "de"}
    )

    assert response.status_code == 200
    outsider.refresh_from_db()
    assert outsider.language == "fi"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("path", ["/fi/accounts/profile/", "/fi/accounts/profile/edit/"])
def test_anonymous_is_sent_to_log_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/login/")


def test_profile_refuses_post(outsider_client):
    assert outsider_client.post("/fi/accounts/profile/").status_code == 405
