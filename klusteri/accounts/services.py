"""Writes of the accounts domain: one function per operation, each audited."""

from django.db import transaction

from klusteri.accounts.models import Affiliation, Organisation, User
from klusteri.audit.services import log_action


@transaction.atomic
def update_profile(user: User, *, by: User, name: str, language: str) -> User:
    user.name = name
    user.language = language
    user.save(update_fields=["name", "language"])
    log_action(user, "accounts.profile.updated", by=by, data={"name": name, "language": language})
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
