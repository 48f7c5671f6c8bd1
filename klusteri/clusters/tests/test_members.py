"""A cluster's members and partners as its managers keep them:
/<lang>/clusters/<slug>/members/ and the add, edit and remove pages under it."""

import datetime

import pytest

from klusteri.accounts.models import Organisation
from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import Cluster, ClusterMembership

pytestmark = pytest.mark.django_db

LIST_URL = "/en/clusters/vetyklusteri/members/"
ADD_URL = "/en/clusters/vetyklusteri/members/add/"


def edit_url(membership) -> str:
    return f"/en/clusters/{membership.cluster.slug}/members/{membership.pk}/edit/"


def remove_url(membership) -> str:
    return f"/en/clusters/{membership.cluster.slug}/members/{membership.pk}/remove/"


@pytest.fixture
def membership(cluster, member_company):
    return ClusterMembership.objects.create(
        cluster=cluster, organisation=member_company, since=datetime.date(2020, 3, 1)
    )


@pytest.fixture
def other_client(client, other_manager):
    client.force_login(other_manager)
    return client


@pytest.fixture
def company_client(client, company_user):
    client.force_login(company_user)
    return client


# The list


def test_manager_sees_every_membership_listed_or_not(manager_client, cluster, make_organisation):
    listed = make_organisation("Listattu Oy")
    unlisted = make_organisation("Salainen Oy")
    ClusterMembership.objects.create(cluster=cluster, organisation=listed, is_public=True)
    ClusterMembership.objects.create(cluster=cluster, organisation=unlisted, is_public=False)

    response = manager_client.get(LIST_URL)

    assert response.status_code == 200
    assert "Listattu Oy" in response.text
    assert "Salainen Oy" in response.text
    assert "<caption>2 organisations</caption>" in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_does_not_grow(
    manager_client, cluster, make_organisation, django_assert_num_queries, count
):
    for number in range(count):
        organisation = make_organisation(f"Jäsen {number} Oy")
        ClusterMembership.objects.create(cluster=cluster, organisation=organisation)

    # session, user, cluster, memberships with their organisations
    with django_assert_num_queries(4):
        response = manager_client.get(LIST_URL)

    assert response.text.count("/remove/") == count


def test_list_wrong_method_is_405(manager_client, cluster):
    assert manager_client.post(LIST_URL).status_code == 405


# Adding


def test_manager_adds_a_registered_organisation_by_business_id(
    manager_client, manager, cluster, member_company, host_organisation
):
    response = manager_client.post(
        ADD_URL,
        {
            "business_id": member_company.business_id,
            "name": "",
            "kind": "company",
            "role": "member",
            "since": "2024-05-01",
            "is_public": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    membership = ClusterMembership.objects.get(cluster=cluster)
    assert membership.organisation == member_company
    assert membership.since == datetime.date(2024, 5, 1)
    assert membership.is_public
    assert Organisation.objects.count() == 2  # the host and the member, no new one
    entry = AuditEntry.objects.get(action="clusters.member.added")
    assert entry.actor == manager
    assert entry.organisation == host_organisation
    assert entry.data == {
        "organisation": "Koneistus Oy",
        "organisation_id": member_company.pk,
        "role": "member",
        "since": "2024-05-01",
        "is_public": True,
    }


def test_manager_registers_a_new_organisation_while_adding_it(
    manager_client, manager, cluster, host_organisation
):
    response = manager_client.post(
        ADD_URL,
        {
            "business_id": "112038-9",
            "name": "Uusi Oy",
            "kind": "research",
            "role": "research_partner",
        },
        follow=True,
    )

    assert "Uusi Oy was added to the cluster." in response.text
    organisation = Organisation.objects.get(business_id="0112038-9")
    assert (organisation.name, organisation.kind) == ("Uusi Oy", "research")
    membership = ClusterMembership.objects.get(cluster=cluster)
    assert membership.organisation == organisation
    assert membership.role == "research_partner"
    assert not membership.is_public
    registered = AuditEntry.objects.get(action="accounts.organisation.registered")
    assert registered.actor == manager
    assert registered.organisation == host_organisation
    assert registered.data["cluster"] == cluster.slug
    # The manager registers the company for the cluster, not as its administrator.
    assert not organisation.affiliations.exists()
    assert AuditEntry.objects.filter(action="clusters.member.added").count() == 1


def test_a_new_organisation_needs_a_name(manager_client, cluster):
    response = manager_client.post(
        ADD_URL, {"business_id": "0112038-9", "name": "", "kind": "company", "role": "member"}
    )

    assert response.status_code == 200
    assert (
        "No organisation with this business ID is registered yet: give its name." in response.text
    )
    assert 'value="0112038-9"' in response.text
    assert not ClusterMembership.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"business_id": "1234567-8"}, "its check digit does not match"),
        ({"business_id": ""}, "This field is required."),
        ({"role": "boss"}, "Select a valid choice."),
        ({"since": "2999-01-01"}, "The date cannot be in the future."),
        ({"since": "eilen"}, "Enter a valid date."),
    ],
)
def test_bad_input_adds_nothing(manager_client, cluster, data, message):
    values = {"business_id": "0112038-9", "name": "Uusi Oy", "kind": "company", "role": "member"}

    response = manager_client.post(ADD_URL, {**values, **data})

    assert response.status_code == 200
    assert message in response.text
    assert not ClusterMembership.objects.exists()
    assert not Organisation.objects.filter(name="Uusi Oy").exists()
    assert not AuditEntry.objects.exists()


def test_an_organisation_is_added_only_once(manager_client, cluster, membership, member_company):
    response = manager_client.post(
        ADD_URL, {"business_id": member_company.business_id, "kind": "company", "role": "member"}
    )

    assert response.status_code == 200
    assert "Koneistus Oy is already in this cluster." in response.text
    assert ClusterMembership.objects.count() == 1


def test_add_form_is_shown(manager_client, cluster):
    response = manager_client.get(ADD_URL)

    assert response.status_code == 200
    assert 'name="business_id"' in response.text


def test_add_wrong_method_is_405(manager_client, cluster):
    assert manager_client.put(ADD_URL).status_code == 405


# Editing


def test_manager_edits_a_membership(manager_client, manager, cluster, membership):
    response = manager_client.post(
        edit_url(membership), {"role": "partner", "since": "2020-03-01", "is_public": "on"}
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "partner"
    assert membership.is_public
    entry = AuditEntry.objects.get()
    assert entry.action == "clusters.member.updated"
    assert entry.actor == manager
    assert entry.organisation == cluster.host
    assert entry.data == {"organisation": "Koneistus Oy", "role": "partner", "is_public": "True"}


def test_edit_form_shows_the_membership(manager_client, membership):
    response = manager_client.get(edit_url(membership))

    assert response.status_code == 200
    assert "Edit the membership of Koneistus Oy" in response.text
    assert 'value="2020-03-01"' in response.text


def test_bad_edit_changes_nothing(manager_client, membership):
    response = manager_client.post(edit_url(membership), {"role": "boss", "since": "2020-03-01"})

    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == "member"
    assert not AuditEntry.objects.exists()


def test_edit_wrong_method_is_405(manager_client, membership):
    assert manager_client.delete(edit_url(membership)).status_code == 405


# Removing


def test_remove_asks_first(manager_client, membership):
    response = manager_client.get(remove_url(membership))

    assert response.status_code == 200
    assert "Remove Koneistus Oy from Vetyklusteri?" in response.text
    assert ClusterMembership.objects.filter(pk=membership.pk).exists()


def test_manager_removes_a_member(manager_client, manager, cluster, membership, member_company):
    response = manager_client.post(remove_url(membership), follow=True)

    assert "Koneistus Oy was removed from the cluster." in response.text
    assert not ClusterMembership.objects.filter(pk=membership.pk).exists()
    assert Organisation.objects.filter(pk=member_company.pk).exists()
    entry = AuditEntry.objects.get()
    assert entry.action == "clusters.member.removed"
    assert entry.actor == manager
    assert entry.organisation == cluster.host
    assert entry.data == {"organisation": "Koneistus Oy", "organisation_id": member_company.pk}


def test_remove_wrong_method_is_405(manager_client, membership):
    assert manager_client.put(remove_url(membership)).status_code == 405


# Who may


def test_membership_of_another_cluster_is_404(
    manager_client, cluster, other_cluster, member_company
):
    foreign = ClusterMembership.objects.create(cluster=other_cluster, organisation=member_company)
    smuggled = f"/en/clusters/vetyklusteri/members/{foreign.pk}/"

    assert manager_client.get(smuggled + "edit/").status_code == 404
    assert manager_client.post(smuggled + "edit/", {"role": "partner"}).status_code == 404
    assert manager_client.post(smuggled + "remove/").status_code == 404
    assert ClusterMembership.objects.filter(pk=foreign.pk, role="member").exists()


@pytest.mark.parametrize("persona", ["other_client", "company_client", "outsider_client"])
def test_others_get_403_and_change_nothing(request, persona, cluster, membership):
    browser = request.getfixturevalue(persona)

    assert browser.get(LIST_URL).status_code == 403
    assert (
        browser.post(
            ADD_URL,
            {"business_id": "0112038-9", "name": "X Oy", "kind": "company", "role": "member"},
        ).status_code
        == 403
    )
    assert browser.post(edit_url(membership), {"role": "partner"}).status_code == 403
    assert browser.post(remove_url(membership)).status_code == 403
    membership.refresh_from_db()
    assert membership.role == "member"
    assert not AuditEntry.objects.exists()


def test_outsider_gets_404_for_an_unpublished_cluster(outsider_client, cluster, membership):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    assert outsider_client.get(LIST_URL).status_code == 404
    assert outsider_client.post(remove_url(membership)).status_code == 404


def test_staff_manage_any_cluster(staff_client, staff, membership):
    response = staff_client.post(remove_url(membership))

    assert response.status_code == 302
    assert AuditEntry.objects.get().actor == staff


@pytest.mark.parametrize("path", ["", "add/", "{pk}/edit/", "{pk}/remove/"])
def test_anonymous_is_sent_to_log_in(client, membership, path):
    url = LIST_URL + path.format(pk=membership.pk)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={url}"
