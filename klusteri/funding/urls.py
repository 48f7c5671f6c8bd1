from django.urls import path

from klusteri.funding.views import alerts, continuity, feeds, finder, matches, transfer

app_name = "funding"

urlpatterns = [
    # The finder, a call, a programme
    path("", finder.call_list, name="call-list"),
    path("calls/<str:identifier>/", finder.call_detail, name="call-detail"),
    path("calls/<str:identifier>/clusters/", finder.call_matches, name="call-matches"),
    path("programmes/<slug:slug>/", finder.programme_detail, name="programme-detail"),
    path("deadlines.ics", feeds.deadline_feed, name="ical"),
    # A cluster's matches and funding sources
    path("clusters/<slug:slug>/", matches.cluster_matches, name="cluster-matches"),
    path("clusters/<slug:slug>/sources/", continuity.source_list, name="sources"),
    path("clusters/<slug:slug>/sources/add/", continuity.source_add, name="source-add"),
    path("clusters/<slug:slug>/sources/<int:pk>/edit/", continuity.source_edit, name="source-edit"),
    path(
        "clusters/<slug:slug>/sources/<int:pk>/delete/",
        continuity.source_delete,
        name="source-delete",
    ),
    # Saved searches, followed calls and their e-mail
    path("mine/", alerts.alert_list, name="mine"),
    path("searches/save/", alerts.search_save, name="search-save"),
    path("searches/<int:pk>/edit/", alerts.search_edit, name="search-edit"),
    path("searches/<int:pk>/delete/", alerts.search_delete, name="search-delete"),
    path("calls/<str:identifier>/follow/", alerts.call_follow, name="call-follow"),
    path("unsubscribe/<str:token>/", alerts.unsubscribe, name="unsubscribe"),
    # Import of calls, for staff
    path("import/", transfer.call_import, name="import"),
]
