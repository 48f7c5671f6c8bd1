from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "klusteri.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        # The continuity panel on a cluster's profile, for its managers: clusters
        # sits below funding and cannot know of it.
        from klusteri.clusters import panels
        from klusteri.funding.views.continuity import continuity_panel

        panels.register("funding.continuity", continuity_panel)
