"""Writes of the accounts domain: one function per operation, each audited."""

from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from klusteri.accounts.models import Affiliation, Consent, Organisation, User
from klusteri.accounts.selectors import ErasureConsequences, erasure_consequences, personal_data_of
from klusteri.audit.services import log_action
from klusteri.core.mail import send_to


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
    """All data about ``user`` (see ``selectors.personal_data_of``), for the person
    or for platform staff answering an access request; the trail records who
    exported whose data."""
    data = personal_data_of(user)
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
def erase_account(user: User, *, by: User) -> ErasureConsequences:
    """Delete the person's account and everything that is theirs alone.

    Kept without the person: organisations and clusters (a cluster that published
    the person's e-mail as its contact loses the contact), and the audit trail,
    which is append-only: its entries lose the link to the person
    (``AuditEntry.actor`` is set to null). The erasure itself is logged under the
    account's number only. An organisation whose last administrator leaves stays
    without one: the right to erasure cannot wait for a successor. Platform staff
    are told by e-mail, so that they can appoint one when the organisation asks.

    The person's sessions end with the account: each refers to a person that no
    longer exists. The caller logs the current request out.
    """
    # Clusters build on accounts (and their services import ours): import here.
    from klusteri.clusters.services import update_cluster

    consequences = erasure_consequences(user)
    for cluster in consequences.clusters_losing_contact:
        update_cluster(cluster, by=by, changed={"contact_name": "", "contact_email": ""})

    # The entry names the account by its number (see ``log_action``): its name and
    # e-mail are what goes.
    log_action(
        user,
        "accounts.account.erased",
        by=None if by.pk == user.pk else by,
        data={
            "by_the_person": by.pk == user.pk,
            "organisations_without_administrator": [
                organisation.pk for organisation in consequences.organisations_without_administrator
            ],
            "clusters_without_manager": [
                cluster.pk for cluster in consequences.clusters_without_manager
            ],
            "clusters_without_contact": [
                cluster.pk for cluster in consequences.clusters_losing_contact
            ],
        },
    )
    # Django's admin history of changes to the account names the person too.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    # Cascades to affiliations, cluster manager roles, API tokens, consents, e-mail
    # addresses and authenticators; the audit trail's references become null.
    user.delete()
    _tell_staff_about(consequences)
    return consequences


def _tell_staff_about(consequences: ErasureConsequences) -> None:
    """E-mail each member of platform staff, in their language, about organisations
    and clusters left without an administrator, a manager or a contact."""
    if not any(
        [
            consequences.organisations_without_administrator,
            consequences.clusters_without_manager,
            consequences.clusters_losing_contact,
        ]
    ):
        return
    for staff_member in User.objects.filter(is_staff=True, is_active=True):
        send_to(staff_member, "accounts/email/left_without_person", {"consequences": consequences})
