from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from klusteri.audit.models import AuditEntry


def log_action(
    obj: models.Model,
    action: str,
    *,
    by,
    organisation=None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``by`` did ``action`` to ``obj``, on behalf of ``organisation``.

    ``action`` is a dotted name such as ``accounts.organisation.created``; ``data``
    holds what changed. Call it inside the service's transaction so that the entry
    and the change are written together or not at all.
    """
    return AuditEntry.objects.create(
        actor=by if by is not None and by.is_authenticated else None,
        organisation=organisation,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data or {},
    )
