"""What the audit trail keeps about a person (see ``core.personal_data``): the entries
of what they did, and the entries others made about their records or naming them.

Erasure leaves the trail to itself: it is append-only, and an entry's actor becomes
null with the account (``on_delete=SET_NULL``); the trail names people by account
number only (``log_action``), never by name or address."""

from functools import reduce
from operator import or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from klusteri.audit.models import AuditEntry
from klusteri.core.personal_data import email_addresses_of, records_of, timestamp

COVERS = frozenset({"audit.AuditEntry.actor"})


def organisation_data(organisation) -> dict[str, Any] | None:
    """How the export names an organisation (``accounts.Organisation``)."""
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "registry_id": organisation.registry_id,
    }


def _entry(entry: AuditEntry) -> dict[str, Any]:
    return {
        "time": timestamp(entry.created_at),
        "action": entry.action,
        "record_type": f"{entry.content_type.app_label}.{entry.content_type.model}",
        "record_id": entry.object_id,
        "record": entry.object_repr,
        "on_behalf_of": organisation_data(entry.organisation),
        "data": entry.data,
    }


def _entries_about(user) -> QuerySet[AuditEntry]:
    """Entries that others (staff, programs) made about the person's records, or
    that name the person (by id; older entries by one of their e-mail addresses).
    Who made them is left out: that is the other person's data, not this one's."""
    about_records = [
        Q(content_type=ContentType.objects.get_for_model(records.model), object_id__in=ids)
        for records in records_of(user)
        if (ids := [str(pk) for pk in records.values_list("pk", flat=True)])
    ]
    # Entries name a person in ``data`` by ``user_id``; older ones by an address.
    naming_the_person = [Q(data__user_id=user.pk)]
    naming_addresses = [Q(data__icontains=email) for email in email_addresses_of(user)]
    return (
        AuditEntry.objects.filter(reduce(or_, about_records + naming_the_person + naming_addresses))
        .exclude(actor=user)
        .select_related("content_type", "organisation")
    )


def export(user) -> dict[str, Any]:
    return {
        "audit_trail": {
            "actions_by_you": [
                _entry(entry)
                for entry in AuditEntry.objects.filter(actor=user)
                .select_related("content_type", "organisation")
                .order_by("created_at", "pk")
            ],
            "entries_about_you": [
                _entry(entry) for entry in _entries_about(user).order_by("created_at", "pk")
            ],
        }
    }
