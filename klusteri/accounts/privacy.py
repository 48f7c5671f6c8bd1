"""What the accounts app keeps about a person (see ``core.personal_data``): the account
itself, affiliations and consents, and for the third-party apps it sets up, allauth's
e-mail addresses and two-factor authenticators and Django's admin history."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from klusteri.accounts.models import Affiliation, Organisation, User
from klusteri.audit.privacy import organisation_data
from klusteri.core.personal_data import Consequence, timestamp

COVERS = frozenset(
    {
        "accounts.Affiliation.user",
        "accounts.Consent.user",
        "account.EmailAddress.user",
        "mfa.Authenticator.user",
        "admin.LogEntry.user",
    }
)


def export(user: User) -> dict[str, Any]:
    return {
        "person": {
            "id": user.pk,
            "email": user.email,
            "name": user.name,
            "preferred_language": user.language,
            "joined_at": timestamp(user.created_at),
            "last_login_at": timestamp(user.last_login),
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
                "organisation": organisation_data(affiliation.organisation),
                "role": affiliation.role,
                "may_sign_on_its_behalf": affiliation.is_signatory,
                "since": timestamp(affiliation.created_at),
            }
            for affiliation in user.affiliations.select_related("organisation")
        ],
        "two_factor_authentication": [
            {
                "type": authenticator.type,
                "created_at": timestamp(authenticator.created_at),
                "last_used_at": timestamp(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "consents": [
            {
                "kind": consent.kind,
                "version": consent.version,
                "given_at": timestamp(consent.given_at),
                "withdrawn_at": timestamp(consent.withdrawn_at),
            }
            for consent in user.consents.order_by("given_at", "pk")
        ],
        "administration_history": [
            {
                "time": timestamp(entry.action_time),
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


def records(user: User) -> list[QuerySet]:
    return [User.objects.filter(pk=user.pk), user.consents.all()]


def erasure_consequences(user: User) -> list[Consequence]:
    other_administrators = Affiliation.objects.filter(role=Affiliation.Role.ADMIN).exclude(
        user=user
    )
    return [
        Consequence(
            key="organisations_without_administrator",
            records=list(
                Organisation.objects.filter(
                    affiliations__user=user, affiliations__role=Affiliation.Role.ADMIN
                ).exclude(pk__in=other_administrators.values("organisation"))
            ),
            warning=_(
                "You are the only administrator of these organisations. They will have no "
                "administrator until platform staff appoint a new one at the organisation's "
                "request:"
            ),
            staff_heading=_("Organisations that now have no administrator:"),
            staff_label=lambda organisation: f"{organisation.name} ({organisation.registry_id})",
        )
    ]


def erase(user: User, *, by: User) -> None:
    # Django's admin history of changes to the account names the person too. (The
    # person's own entries, as the one who made a change, go with the account.)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
