from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "klusteri.clusters"
    verbose_name = _("Clusters")

    def ready(self) -> None:
        # Connect the receivers that renew the cached filter choices, also in
        # management commands that never load the URLs.
        from klusteri.clusters import filters  # noqa: F401
