import pytest

from klusteri.audit.models import AppendOnlyError, AuditEntry
from klusteri.audit.services import PERSONAL_VALUE, log_action, without_personal_values

pytestmark = pytest.mark.django_db


def test_log_action_records_person_organisation_record_and_data(manager, host_organisation):
    entry = log_action(
        host_organisation,
        "accounts.organisation.updated",
        by=manager,
        organisation=host_organisation,
        data={"website": "https://vety.example.org"},
    )

    assert entry.actor == manager
    assert entry.organisation == host_organisation
    assert entry.object_repr == "Vetyklusteri ry"
    assert entry.data == {"website": "https://vety.example.org"}
    assert AuditEntry.objects.for_object(host_organisation).get() == entry


def test_anonymous_actions_are_recorded_without_a_person(host_organisation):
    from django.contrib.auth.models import AnonymousUser

    entry = log_action(host_organisation, "test.viewed", by=AnonymousUser())

    assert entry.actor is None


def test_entries_cannot_be_changed_or_deleted(manager, host_organisation):
    entry = log_action(host_organisation, "test.done", by=manager)

    entry.action = "test.forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="test.forged")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == "test.done"


def test_entries_outlive_the_person(make_user, host_organisation):
    person = make_user("gone@example.org")
    log_action(host_organisation, "test.done", by=person)

    person.delete()

    assert AuditEntry.objects.get().actor is None


def test_a_person_as_the_record_is_named_by_id_only(make_user):
    person = make_user("essi@example.org", name="Essi Esimerkki")

    entry = log_action(person, "accounts.profile.updated", by=person)

    assert entry.object_repr == f"person #{person.pk}"
    assert entry.object_id == str(person.pk)


def test_personal_values_are_replaced_but_an_emptied_one_stays():
    data = {"contact_name": "Essi", "contact_email": "", "city": "Oulu"}

    assert without_personal_values(data, frozenset({"contact_name", "contact_email"})) == {
        "contact_name": PERSONAL_VALUE,
        "contact_email": "",
        "city": "Oulu",
    }
