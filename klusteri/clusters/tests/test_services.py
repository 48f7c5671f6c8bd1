"""The writes of the clusters domain: klusteri/clusters/services.py."""

import datetime

import pytest

from klusteri.accounts.models import Organisation
from klusteri.audit.models import AuditEntry
from klusteri.clusters import services
from klusteri.clusters.models import Cluster, ClusterMembership, Ecosystem
from klusteri.clusters.services import ClusterError
from klusteri.search import search

pytestmark = pytest.mark.django_db


def test_update_cluster_saves_and_audits(cluster, manager, host_organisation):
    energy = Ecosystem.objects.get(slug="renewable-energy")

    services.update_cluster(
        cluster, by=manager, changed={"city": "Oulu", "founded_year": 2015, "ecosystems": [energy]}
    )

    stored = Cluster.objects.get(pk=cluster.pk)
    assert (stored.city, stored.founded_year) == ("Oulu", 2015)
    assert list(stored.ecosystems.all()) == [energy]
    entry = AuditEntry.objects.for_object(cluster).get()
    assert entry.action == "clusters.cluster.updated"
    assert entry.actor == manager
    assert entry.organisation == host_organisation
    assert entry.data == {"city": "Oulu", "founded_year": "2015", "ecosystems": [str(energy)]}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("label", "gold"),
        ("label_valid_until", datetime.date(2030, 1, 1)),
        ("national_status", "recognised"),
        ("is_published", False),
    ],
)
def test_update_cluster_refuses_staff_only_fields_to_a_manager(cluster, manager, field, value):
    with pytest.raises(ClusterError):
        services.update_cluster(cluster, by=manager, changed={"city": "Oulu", field: value})

    stored = Cluster.objects.get(pk=cluster.pk)
    assert stored.city == ""
    assert (stored.label, stored.national_status, stored.is_published) == ("", "", True)
    assert not AuditEntry.objects.exists()


def test_update_cluster_audits_that_the_contact_changed_not_who_it_is(cluster, manager):
    services.update_cluster(
        cluster,
        by=manager,
        changed={"contact_name": "Helmi Vetynen", "contact_email": "", "city": "Oulu"},
    )

    assert AuditEntry.objects.get().data == {
        "contact_name": "(personal data, not recorded)",
        "contact_email": "",
        "city": "Oulu",
    }


def test_appoint_manager_audits_the_person_by_id(cluster, staff, outsider):
    services.appoint_manager(cluster, outsider, by=staff)

    entry = AuditEntry.objects.for_object(cluster).get()
    assert entry.action == "clusters.manager.appointed"
    assert entry.data == {"user_id": outsider.pk}


def test_staff_change_recognition(cluster, staff):
    services.update_cluster(
        cluster,
        by=staff,
        changed={"label": "gold", "label_valid_until": datetime.date(2030, 1, 31)},
    )

    stored = Cluster.objects.get(pk=cluster.pk)
    assert (stored.label, stored.label_valid_until) == ("gold", datetime.date(2030, 1, 31))
    assert AuditEntry.objects.get().data == {"label": "gold", "label_valid_until": "2030-01-31"}


def test_update_cluster_reindexes_after_commit(
    cluster, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_cluster(cluster, by=manager, changed={"name_fi": "Polttokennoklusteri"})

    assert search("cluster", "polttokenno") == [cluster.pk]


def test_add_member_saves_and_audits(cluster, manager, member_company, host_organisation):
    membership = services.add_member(
        cluster,
        member_company,
        by=manager,
        role=ClusterMembership.Role.RESEARCH_PARTNER,
        since=datetime.date(2024, 1, 15),
        is_public=True,
    )

    membership.refresh_from_db()
    assert (membership.cluster, membership.organisation) == (cluster, member_company)
    assert membership.role == "research_partner"
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.organisation) == (
        "clusters.member.added",
        manager,
        host_organisation,
    )
    assert entry.data["since"] == "2024-01-15"


def test_add_member_refuses_a_second_membership(cluster, manager, member_company):
    services.add_member(cluster, member_company, by=manager)

    with pytest.raises(ClusterError):
        services.add_member(cluster, member_company, by=manager)

    assert ClusterMembership.objects.count() == 1


def test_add_member_by_business_id_uses_the_registered_organisation(
    cluster, manager, member_company
):
    membership = services.add_member_by_business_id(
        cluster, member_company.business_id, by=manager, name="Ignored Oy"
    )

    assert membership.organisation == member_company
    assert Organisation.objects.get(pk=member_company.pk).name == "Koneistus Oy"
    assert not AuditEntry.objects.filter(action="accounts.organisation.registered").exists()


def test_add_member_by_business_id_registers_a_new_organisation(
    cluster, manager, host_organisation
):
    membership = services.add_member_by_business_id(
        cluster, "0112038-9", by=manager, name=" Uusi Oy ", kind=Organisation.Kind.UNIVERSITY
    )

    organisation = Organisation.objects.get(business_id="0112038-9")
    assert (organisation.name, organisation.kind) == ("Uusi Oy", "university")
    assert membership.organisation == organisation
    assert not organisation.affiliations.exists()  # the manager does not become its admin
    entry = AuditEntry.objects.for_object(organisation).get()
    assert (entry.action, entry.actor, entry.organisation) == (
        "accounts.organisation.registered",
        manager,
        host_organisation,
    )


def test_add_member_by_business_id_needs_a_name_for_a_new_organisation(cluster, manager):
    with pytest.raises(ClusterError):
        services.add_member_by_business_id(cluster, "0112038-9", by=manager, name=" ")

    assert not Organisation.objects.filter(business_id="0112038-9").exists()


def test_update_member_saves_and_audits(cluster, manager, member_company):
    membership = ClusterMembership.objects.create(cluster=cluster, organisation=member_company)

    services.update_member(membership, by=manager, changed={"is_public": True})

    assert ClusterMembership.objects.get(pk=membership.pk).is_public
    entry = AuditEntry.objects.get()
    assert entry.action == "clusters.member.updated"
    assert entry.data == {"organisation": "Koneistus Oy", "is_public": "True"}


def test_update_member_refuses_to_move_a_membership(
    cluster, manager, member_company, other_host_organisation
):
    other = Cluster.objects.create(name_fi="Toinen", slug="toinen")
    membership = ClusterMembership.objects.create(cluster=cluster, organisation=member_company)

    with pytest.raises(ClusterError):
        services.update_member(membership, by=manager, changed={"cluster": other})
    with pytest.raises(ClusterError):
        services.update_member(
            membership, by=manager, changed={"organisation": other_host_organisation}
        )

    stored = ClusterMembership.objects.get(pk=membership.pk)
    assert (stored.cluster, stored.organisation) == (cluster, member_company)
    assert not AuditEntry.objects.exists()


def test_remove_member_deletes_and_audits(cluster, manager, member_company, host_organisation):
    membership = ClusterMembership.objects.create(cluster=cluster, organisation=member_company)

    services.remove_member(membership, by=manager)

    assert not ClusterMembership.objects.exists()
    entry = AuditEntry.objects.for_object(cluster).get()
    assert (entry.action, entry.actor, entry.organisation) == (
        "clusters.member.removed",
        manager,
        host_organisation,
    )


def test_record_admin_change_audits(cluster, staff, host_organisation):
    services.record_admin_change(cluster, by=staff, created=False, fields=["slug", "label"])

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.organisation) == (
        "clusters.cluster.updated",
        staff,
        host_organisation,
    )
    assert entry.data == {"fields": ["label", "slug"], "via": "admin"}


# The administration saves through record_admin_change


def admin_data(cluster: Cluster, **overrides) -> dict:
    data = {
        "name_fi": cluster.name_fi,
        "name_sv": "",
        "name_en": "",
        "slug": cluster.slug,
        "kind": cluster.kind,
        "host": cluster.host_id or "",
        "region": cluster.region_id or "",
        "legal_form": cluster.legal_form,
        "languages": "[]",
        "initial-languages": "[]",  # the admin's hidden initial for a callable default
        "country": cluster.country,
        "operating_area": cluster.operating_area,
        "label": "",
        "national_status": "",
        "is_published": "on",
        "managers-TOTAL_FORMS": "0",
        "managers-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    for field in (
        "members_large", "members_sme", "members_micro", "members_university", "members_uas",
        "members_research", "members_public", "members_financier", "members_other",
        "members_unclassified",
        "funding_membership", "funding_public", "funding_project", "funding_other",
    ):  # fmt: skip
        data[field] = "0"
    data.update(overrides)
    return data


def test_saving_in_the_admin_is_audited(cluster, staff, staff_client, host_organisation):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])

    response = staff_client.post(
        f"/en/admin/clusters/cluster/{cluster.pk}/change/",
        admin_data(cluster, label="gold", label_valid_until="2030-01-31"),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Cluster.objects.get(pk=cluster.pk).label == "gold"
    entry = AuditEntry.objects.get(action="clusters.cluster.updated")
    assert entry.actor == staff
    assert entry.organisation == host_organisation
    assert entry.data == {"fields": ["label", "label_valid_until"], "via": "admin"}


@pytest.mark.parametrize("slug", ["map", "import", "export", "organisations"])
def test_a_cluster_cannot_take_the_address_of_a_page(slug):
    from django.core.exceptions import ValidationError

    from klusteri.clusters.models import Cluster

    cluster = Cluster(name_fi="Karttaklusteri", slug=slug)
    with pytest.raises(ValidationError) as error:
        cluster.full_clean(exclude=["host", "region", "municipality"])
    assert "slug" in error.value.message_dict
