"""Reads about one person across the apps that keep data about people.

The accounts app owns the person's rights under the GDPR (access, erasure), so it
is the one place that knows every record naming a person: its own models, cluster
roles and contacts, API tokens, the audit trail, allauth's e-mail addresses and
authenticators, and Django's admin history. ``test_gdpr_export`` fails when a model
gains a link to a person that is not covered here.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from klusteri.accounts.models import Affiliation, Consent, Organisation, User
from klusteri.api.models import ApiToken
from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import Cluster, ClusterManager

EXPORT_FORMAT_VERSION = 1


def email_addresses_of(user: User) -> list[str]:
    """Every address the person has given, the log-in address first, lower-cased."""
    addresses = [user.email.lower()]
    for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        if email.lower() not in addresses:
            addresses.append(email.lower())
    return addresses


def clusters_naming_as_contact(user: User) -> QuerySet[Cluster]:
    """Clusters whose published contact e-mail is one of the person's addresses."""
    matches = [Q(contact_email__iexact=email) for email in email_addresses_of(user)]
    return Cluster.objects.filter(reduce(or_, matches)).order_by("name")


@dataclass(frozen=True)
class ErasureConsequences:
    """What deleting the person's account leaves behind without them."""

    organisations_without_administrator: list[Organisation]
    clusters_without_manager: list[Cluster]
    clusters_losing_contact: list[Cluster]


def erasure_consequences(user: User) -> ErasureConsequences:
    other_administrators = Affiliation.objects.filter(role=Affiliation.Role.ADMIN).exclude(
        user=user
    )
    other_managers = ClusterManager.objects.exclude(user=user)
    return ErasureConsequences(
        organisations_without_administrator=list(
            Organisation.objects.filter(
                affiliations__user=user, affiliations__role=Affiliation.Role.ADMIN
            ).exclude(pk__in=other_administrators.values("organisation"))
        ),
        clusters_without_manager=list(
            Cluster.objects.filter(managers__user=user)
            .exclude(pk__in=other_managers.values("cluster"))
            .order_by("name")
        ),
        clusters_losing_contact=list(clusters_naming_as_contact(user)),
    )


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _organisation(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "registry_id": organisation.registry_id,
    }


def _audit_entry(entry: AuditEntry) -> dict[str, Any]:
    return {
        "time": _time(entry.created_at),
        "action": entry.action,
        "record_type": f"{entry.content_type.app_label}.{entry.content_type.model}",
        "record_id": entry.object_id,
        "record": entry.object_repr,
        "on_behalf_of": _organisation(entry.organisation),
        "data": entry.data,
    }


def _entries_about(user: User) -> QuerySet[AuditEntry]:
    """Entries that others (staff, programs) made about the person's records, or
    that name the person (by id; older entries by one of their e-mail addresses).
    Who made them is left out: that is the other person's data, not this one's."""
    about_records = [
        Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
        for model, ids in [
            (User, [str(user.pk)]),
            (ApiToken, [str(pk) for pk in user.api_tokens.values_list("pk", flat=True)]),
            (Consent, [str(pk) for pk in user.consents.values_list("pk", flat=True)]),
        ]
        if ids
    ]
    # Entries name a person in ``data`` by ``user_id``; older ones by an address.
    naming_the_person = [Q(data__user_id=user.pk)]
    naming_addresses = [Q(data__icontains=email) for email in email_addresses_of(user)]
    return (
        AuditEntry.objects.filter(reduce(or_, about_records + naming_the_person + naming_addresses))
        .exclude(actor=user)
        .select_related("content_type", "organisation")
    )


def personal_data_of(user: User) -> dict[str, Any]:
    """Everything Klusteri keeps about the person, as plain JSON-ready data.

    Secrets never appear: not the password hash, not API tokens (only their
    beginning), not two-factor secrets or recovery codes.
    """
    return {
        "export": {
            "service": "Klusteri",
            "format_version": EXPORT_FORMAT_VERSION,
            "exported_at": _time(timezone.now()),
        },
        "person": {
            "id": user.pk,
            "email": user.email,
            "name": user.name,
            "preferred_language": user.language,
            "joined_at": _time(user.created_at),
            "last_login_at": _time(user.last_login),
            "is_active": user.is_active,
            "is_platform_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "has_password": user.has_usable_password(),
            "permission_groups": list(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "organisations": [
            {
                "organisation": _organisation(affiliation.organisation),
                "role": affiliation.role,
                "may_sign_on_its_behalf": affiliation.is_signatory,
                "since": _time(affiliation.created_at),
            }
            for affiliation in user.affiliations.select_related("organisation")
        ],
        "cluster_roles": [
            {
                "cluster": {"slug": manager.cluster.slug, "name": manager.cluster.name},
                "role": "manager",
                "since": _time(manager.created_at),
            }
            for manager in ClusterManager.objects.filter(user=user)
            .select_related("cluster")
            .order_by("created_at", "pk")
        ],
        "cluster_contact_person": [
            {
                "cluster": {"slug": cluster.slug, "name": cluster.name},
                "contact_name": cluster.contact_name,
                "contact_email": cluster.contact_email,
            }
            for cluster in clusters_naming_as_contact(user)
        ],
        "api_tokens": [
            {
                "name": token.name,
                "beginning": token.prefix,
                "created_at": _time(token.created_at),
                "last_used_at": _time(token.last_used_at),
                "is_active": token.is_active,
            }
            for token in user.api_tokens.order_by("created_at", "pk")
        ],
        "two_factor_authentication": [
            {
                "type": authenticator.type,
                "created_at": _time(authenticator.created_at),
                "last_used_at": _time(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "consents": [
            {
                "kind": consent.kind,
                "version": consent.version,
                "given_at": _time(consent.given_at),
                "withdrawn_at": _time(consent.withdrawn_at),
            }
            for consent in user.consents.order_by("given_at", "pk")
        ],
        "audit_trail": {
            "actions_by_you": [
                _audit_entry(entry)
                for entry in AuditEntry.objects.filter(actor=user)
                .select_related("content_type", "organisation")
                .order_by("created_at", "pk")
            ],
            "entries_about_you": [
                _audit_entry(entry) for entry in _entries_about(user).order_by("created_at", "pk")
            ],
        },
        "administration_history": [
            {
                "time": _time(entry.action_time),
                "action": {
                    LogEntry.ADDITION: "added",
                    LogEntry.CHANGE: "changed",
                    LogEntry.DELETION: "deleted",
                }.get(entry.action_flag, str(entry.action_flag)),
                "record_type": (
                    f"{entry.content_type.app_label}.{entry.content_type.model}"
                    if entry.content_type
                    else None
                ),
                "record_id": entry.object_id,
                "record": entry.object_repr,
                "change": entry.get_change_message(),
            }
            for entry in LogEntry.objects.filter(user=user)
            .select_related("content_type")
            .order_by("action_time", "pk")
        ],
    }
