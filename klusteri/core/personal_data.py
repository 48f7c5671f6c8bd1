"""Personal data, app by app: each app that keeps data about people says so in its
own ``privacy.py``, and this registry collects them through the app registry, in the
order of ``INSTALLED_APPS``. A new app that keeps data about people adds that one
file and nothing else: the export, the erasure and their tests find it.

A ``privacy.py`` module has, at module level:

``COVERS``
    The fields naming a person that the module exports and erases, as
    ``"app_label.Model.field"``: every foreign key, one-to-one or many-to-many field to
    the user model, of its own models or of a third-party app it speaks for, and other
    fields holding a person's name or address (``clusters.Cluster.contact_email``).
    ``accounts/tests/test_gdpr_export.py`` fails while a link to a person is covered
    by no module.

``export(user) -> dict[str, Any]``
    Its sections of the person's JSON export (section name → JSON-ready data). Never a
    secret, and nobody else's data. Section names are unique across the modules.

and, where it has them:

``records(user) -> list[QuerySet]``
    The person's own records: entries of the audit trail about them are the person's
    data (the audit app's export collects them through ``records_of``).

``erasure_consequences(user) -> list[Consequence]``
    What deleting the person's account leaves without them. The person is shown them
    before they decide, the erasure's audit entry records them by id and platform
    staff are told of them by e-mail.

``erase(user, *, by) -> None``
    Erase or pseudonymise what the app keeps about the person and that does not go
    with the user row itself (rows with ``on_delete=CASCADE`` go with it, and
    ``SET_NULL`` references lose it). Called in the erasure's transaction, before the
    user row is deleted; ``by`` is who erases (the person, or platform staff).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from types import ModuleType
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

EXPORT_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Consequence:
    """Records that erasing a person leaves without them (a cluster without a manager)."""

    key: str  # the erasure's audit entry lists the records' ids under this name
    records: list[Model]
    warning: str  # before the list on the deletion page (to the person)
    staff_heading: str  # before the list in the e-mail to platform staff
    staff_label: Callable[[Any], str] = str  # how the e-mail to staff names a record


def modules() -> list[ModuleType]:
    """The ``privacy`` modules of the installed apps, in ``INSTALLED_APPS`` order."""
    return [
        import_module(f"{config.name}.privacy")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "privacy")
    ]


def _each(hook: str) -> list[Callable[..., Any]]:
    return [getattr(module, hook) for module in modules() if hasattr(module, hook)]


def covered_fields() -> dict[str, str]:
    """Every field a module covers → the module that covers it."""
    covered: dict[str, str] = {}
    for module in modules():
        for field in module.COVERS:
            if field in covered:
                raise ValueError(f"{field} is covered by {covered[field]} and {module.__name__}")
            covered[field] = module.__name__
    return covered


def export(user) -> dict[str, Any]:
    """Everything Klusteri keeps about the person, as plain JSON-ready data."""
    data: dict[str, Any] = {
        "export": {
            "service": "Klusteri",
            "format_version": EXPORT_FORMAT_VERSION,
            "exported_at": timestamp(timezone.now()),
        }
    }
    for module in modules():
        sections = module.export(user)
        if clash := data.keys() & sections.keys():
            raise ValueError(f"{module.__name__} exports {', '.join(sorted(clash))} again")
        data.update(sections)
    return data


def records_of(user) -> list[QuerySet]:
    """The person's own records, from every app (see ``records``)."""
    return [queryset for records in _each("records") for queryset in records(user)]


def erasure_consequences(user) -> list[Consequence]:
    """What erasing the person leaves behind, from every app; empty ones too, so that
    the erasure's audit entry always has the same keys."""
    return [
        consequence
        for consequences in _each("erasure_consequences")
        for consequence in consequences(user)
    ]


def erase(user, *, by) -> None:
    """Each app's part of erasing the person, before the user row is deleted."""
    for erase_in_app in _each("erase"):
        erase_in_app(user, by=by)


def timestamp(value: datetime | None) -> str | None:
    """A time as the export writes it (ISO 8601), or None."""
    return value.isoformat() if value is not None else None


def email_addresses_of(user) -> list[str]:
    """Every address the person has given, the log-in address first, lower-cased."""
    addresses = [user.email.lower()]
    for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        if email.lower() not in addresses:
            addresses.append(email.lower())
    return addresses
