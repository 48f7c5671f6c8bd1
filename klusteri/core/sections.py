"""The platform's main sections, in the order the header shows them.

Each section's page is a "coming soon" page until the app that owns it lands;
the app then takes over the path and its URL name here.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise
    summary: Promise
    url_name: str = ""  # empty: the section's "coming soon" page in core

    def __post_init__(self):
        if not self.url_name:
            object.__setattr__(self, "url_name", f"core:{self.slug}")

    @property
    def is_coming_soon(self) -> bool:
        return self.url_name.startswith("core:")


SECTIONS = (
    Section(
        "clusters",
        _("Clusters"),
        _("A public directory and map of every Finnish cluster and its Nordic peers."),
        "clusters:list",
    ),
    Section(
        "events",
        _("Events"),
        _("Webinars, regular meetings and national cluster events, with registration."),
        "events:list",
    ),
    Section(
        "funding",
        _("Funding"),
        _("Regional, national and European funding programmes and their open calls."),
        "funding:call-list",
    ),
    Section(
        "knowledge",
        _("Knowledge"),
        _("What a cluster is, guides for cluster managers, news and success stories."),
    ),
    Section(
        "collaboration",
        _("Collaboration"),
        _("Cooperation offers and requests, partners, joint projects and mentoring."),
    ),
    Section(
        "impact",
        _("Impact"),
        _("Key figures, annual reports and regular evaluation of clusters."),
    ),
    Section(
        "voice",
        _("Voice"),
        _("Surveys of clusters' needs and common positions for decision-makers."),
    ),
)
