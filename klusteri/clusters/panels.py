"""Panels that apps above clusters add to a cluster's profile for its managers and
platform staff (funding's continuity warning, say), without clusters importing them.

An app registers a panel in its ``AppConfig.ready``::

    from klusteri.clusters import panels
    panels.register("funding.continuity", continuity_panel)

A panel is a function ``(request, cluster) -> HTML | None``: the rendered panel
(``render_to_string``), or None to show nothing. The profile renders the panels
only for those who may edit the cluster, never into a page anyone else could see
or a cache could keep. Each panel's reads count against the profile's queries:
keep them a constant few.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from klusteri.clusters.models import Cluster

Panel = Callable[[HttpRequest, Cluster], SafeString | None]

_panels: dict[str, Panel] = {}


def register(name: str, panel: Panel) -> None:
    """Add ``panel`` under ``name``; registering a name again replaces its panel
    (``ready`` may run more than once)."""
    _panels[name] = panel


def unregister(name: str) -> None:
    _panels.pop(name, None)


def render_for_managers(request: HttpRequest, cluster: Cluster) -> list[SafeString]:
    """The panels for this cluster in the order registered, the empty ones left
    out. Call it only for a person who may edit the cluster."""
    rendered = (panel(request, cluster) for panel in _panels.values())
    return [html for html in rendered if html]
