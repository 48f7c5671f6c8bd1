"""``klusteri reindex``: build every app's search index anew from the data as it is.

Needed once after a release that changes how documents are analysed (new stems,
base forms or folded letters, ``search/text.py``): documents indexed before it
lack the new forms until they are indexed again. Saving a record reindexes it, so
nothing else needs this. An app takes part with a function ``reindex_all()`` in
its ``search.py`` that indexes all its records and returns how many; search sits
below the apps it serves, so it finds them through the app registry, as
``core.reminders`` finds each app's reminders.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


def indexers() -> dict[str, object]:
    """Each app's ``reindex_all``, by app label, in ``INSTALLED_APPS`` order."""
    found = {}
    for config in apps.get_app_configs():
        if config.name == "klusteri.search" or not module_has_submodule(config.module, "search"):
            continue
        module = import_module(f"{config.name}.search")
        if hasattr(module, "reindex_all"):
            found[config.label] = module.reindex_all
    return found


class Command(BaseCommand):
    help = "Index every record of every app anew (after a change of how the search analyses text)."

    def handle(self, *args, **options):
        for label, reindex_all in indexers().items():
            count = reindex_all()
            self.stdout.write(f"{label}: {count} indexed")
