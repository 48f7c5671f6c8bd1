from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models

from klusteri.audit.models import AuditEntry


def person_reference(user) -> str:
    """How the trail names a person: by account number only. The trail outlives an
    erased account, and a name or an e-mail address written into it would too."""
    return f"person #{user.pk}"


# Stands in ``data`` for a value that is a person's name or e-mail address.
PERSONAL_VALUE = "(personal data, not recorded)"


def without_personal_values(data: dict[str, Any], personal: frozenset[str]) -> dict[str, Any]:
    """``data`` with the values of the ``personal`` keys replaced: the trail shows that
    a contact person changed or was removed (an empty value stays), not who it is."""
    return {
        key: PERSONAL_VALUE if key in personal and value else value for key, value in data.items()
    }


def log_action(
    obj: models.Model,
    action: str,
    *,
    by,
    organisation=None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``by`` did ``action`` to ``obj``, on behalf of ``organisation``.

    ``action`` is a dotted name such as ``accounts.organisation.updated``; ``data``
    holds what changed. Call it inside the service's transaction so that the entry
    and the change are written together or not at all.

    A person is recorded by id, never by name or e-mail address: a person as the
    record is written as ``person #<id>``, and callers put ``user_id`` (not an
    address) into ``data``.
    """
    is_person = isinstance(obj, get_user_model())
    return AuditEntry.objects.create(
        actor=by if by is not None and by.is_authenticated else None,
        organisation=organisation,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=person_reference(obj) if is_person else str(obj)[:200],
        data=data or {},
    )
