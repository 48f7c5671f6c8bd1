from django.http import Http404
from django.urls import path

from klusteri.funding.views import alerts, continuity, transfer

app_name = "funding"


def _not_merged_yet(request, **kwargs):
    raise Http404


urlpatterns: list = [
    # A cluster's funding sources (continuity)
    path("clusters/<slug:slug>/sources/", continuity.source_list, name="sources"),
    path("clusters/<slug:slug>/sources/add/", continuity.source_add, name="source-add"),
    path("clusters/<slug:slug>/sources/<int:pk>/edit/", continuity.source_edit, name="source-edit"),
    path(
        "clusters/<slug:slug>/sources/<int:pk>/delete/",
        continuity.source_delete,
        name="source-delete",
    ),
    # Import of calls, for staff
    path("import/", transfer.call_import, name="import"),
    # Alerts (alerts)
    path("mine/", alerts.alert_list, name="mine"),
    path("searches/save/", alerts.search_save, name="search-save"),
    path("searches/<int:pk>/edit/", alerts.search_edit, name="search-edit"),
    path("searches/<int:pk>/delete/", alerts.search_delete, name="search-delete"),
    path("calls/<str:identifier>/follow/", alerts.call_follow, name="call-follow"),
    path("unsubscribe/<str:token>/", alerts.unsubscribe, name="unsubscribe"),
    # STAND-INS on the alerts branch for the finder's pages, which the alerts link
    # to: DROP these two lines (and their rows in core/tests/test_url_access.py)
    # when merging the finder. reverse() takes the last pattern of a name.
    path("finder-stand-in/", _not_merged_yet, name="call-list"),
    path("calls/<str:identifier>/", _not_merged_yet, name="call-detail"),
]
