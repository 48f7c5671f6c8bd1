"""Writes of the accounts domain: one function per operation, each audited."""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from klusteri.accounts.models import Affiliation, Consent, Organisation, User
from klusteri.audit.services import log_action
from klusteri.core import personal_data
from klusteri.core.mail import send_to
from klusteri.core.personal_data import Consequence


class AccountError(Exception):
    pass


@transaction.atomic
def update_profile(user: User, *, by: User, name: str, language: str) -> User:
    user.name = name
    user.language = language
    user.save(update_fields=["name", "language"])
    # Not the name: the trail outlives the account (see ``log_action``).
    log_action(user, "accounts.profile.updated", by=by, data={"language": language})
    return user


@transaction.atomic
def register_organisation(
    organisation: Organisation,
    *,
    by: User,
    make_administrator: bool = True,
    on_behalf_of: Organisation | None = None,
    context: dict[str, object] | None = None,
) -> Organisation:
    """Save a new organisation. By default the person who registered it becomes its
    administrator; a cluster manager adding a member company does not, and acts on
    behalf of the cluster's host (``on_behalf_of``)."""
    organisation.save()
    if make_administrator:
        Affiliation.objects.create(user=by, organisation=organisation, role=Affiliation.Role.ADMIN)
    log_action(
        organisation,
        "accounts.organisation.registered",
        by=by,
        organisation=on_behalf_of or organisation,
        data={
            "name": organisation.name,
            "registry_id": organisation.registry_id,
            **(context or {}),
        },
    )
    return organisation


@transaction.atomic
def update_organisation(
    organisation: Organisation, *, by: User, changed: dict[str, object]
) -> Organisation:
    """Save the fields in ``changed`` (already set on ``organisation`` by a form)."""
    organisation.save(update_fields=[*changed, "updated_at"])
    log_action(
        organisation,
        "accounts.organisation.updated",
        by=by,
        organisation=organisation,
        data={field: str(value) for field, value in changed.items()},
    )
    return organisation


@transaction.atomic
def export_personal_data(user: User, *, by: User) -> dict[str, Any]:
    """All data about ``user``, from every app's ``privacy.py`` (see
    ``core.personal_data``), for the person or for platform staff answering an access
    request; the trail records who exported whose data."""
    data = personal_data.export(user)
    log_action(
        user,
        "accounts.personal_data.exported",
        by=by,
        data={"by_the_person": by.pk == user.pk},
    )
    return data


@transaction.atomic
def give_consent(user: User, kind: str, *, by: User) -> Consent:
    """Record that ``user`` agreed to the current version of ``kind``."""
    version = Consent.CURRENT_VERSIONS[Consent.Kind(kind)]
    if user.consents.in_force().filter(kind=kind, version=version).exists():
        raise AccountError(f"{kind} {version} is already given")
    consent = Consent.objects.create(user=user, kind=kind, version=version)
    log_action(consent, "accounts.consent.given", by=by, data={"kind": kind, "version": version})
    return consent


@transaction.atomic
def withdraw_consent(user: User, kind: str, *, by: User) -> list[Consent]:
    """Withdraw every version of an optional consent that is in force."""
    if kind not in Consent.OPTIONAL_KINDS:
        raise AccountError(f"{kind} cannot be withdrawn")
    consents = list(user.consents.in_force().filter(kind=kind).select_for_update())
    if not consents:
        raise AccountError(f"{kind} is not given")
    now = timezone.now()
    for consent in consents:
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
        log_action(
            consent,
            "accounts.consent.withdrawn",
            by=by,
            data={"kind": kind, "version": consent.version},
        )
    return consents


@transaction.atomic
def record_signup_consents(user: User, *, newsletter: bool) -> list[Consent]:
    """At sign-up: the privacy notice the person read, and the newsletter if asked for."""
    kinds = [Consent.Kind.PRIVACY_NOTICE] + ([Consent.Kind.NEWSLETTER] if newsletter else [])
    return [give_consent(user, kind, by=user) for kind in kinds]


@transaction.atomic
def erase_account(user: User, *, by: User) -> list[Consequence]:
    """Delete the person's account and everything that is theirs alone.

    Each app erases its part first (its ``privacy.erase``, see ``core.personal_data``):
    a cluster that published the person's e-mail as its contact loses the contact,
    Django's admin history of the account goes. Kept without the person:
    organisations and clusters, and the audit trail, which is append-only: its
    entries lose the link to the person (``AuditEntry.actor`` is set to null). The
    erasure itself is logged under the account's number only. An organisation whose
    last administrator leaves stays without one: the right to erasure cannot wait for
    a successor. Platform staff are told by e-mail, so that they can appoint one when
    the organisation asks.

    The person's sessions end with the account: each refers to a person that no
    longer exists. The caller logs the current request out.
    """
    consequences = personal_data.erasure_consequences(user)
    personal_data.erase(user, by=by)

    # The entry names the account by its number (see ``log_action``): its name and
    # e-mail are what goes.
    log_action(
        user,
        "accounts.account.erased",
        by=None if by.pk == user.pk else by,
        data={
            "by_the_person": by.pk == user.pk,
            **{
                consequence.key: [record.pk for record in consequence.records]
                for consequence in consequences
            },
        },
    )
    # Cascades to what refers to the person (affiliations, cluster manager roles, API
    # tokens, consents, e-mail addresses, authenticators); the audit trail's
    # references become null.
    user.delete()
    _tell_staff_about(consequences)
    return consequences


def _admin_url(record) -> str:
    """The record's page in the administration; empty for a model it does not show."""
    if not admin.site.is_registered(type(record)):
        return ""
    opts = record._meta
    return settings.SITE_URL + reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]
    )


def _tell_staff_about(consequences: list[Consequence]) -> None:
    """E-mail each member of platform staff, in their language, about the records
    left without a person (an organisation without an administrator, a cluster
    without a manager or a contact)."""
    left_behind_records = [consequence for consequence in consequences if consequence.records]
    if not left_behind_records:
        return
    for staff_member in User.objects.filter(is_staff=True, is_active=True):
        # Labels and admin links in the staff member's language, as the mail is.
        with translation.override(staff_member.language):
            left_behind = [
                (
                    consequence,
                    [
                        (consequence.staff_label(record), _admin_url(record))
                        for record in consequence.records
                    ],
                )
                for consequence in left_behind_records
            ]
        send_to(staff_member, "accounts/email/left_without_person", {"left_behind": left_behind})
