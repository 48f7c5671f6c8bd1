from django.urls import path

from klusteri.clusters.views import directory, editing, maps, organisations, profile, transfer

app_name = "clusters"

urlpatterns = [
    path("", directory.cluster_list, name="list"),
    path("export/<str:fmt>/", transfer.cluster_export, name="export"),
    path("import/", transfer.cluster_import, name="import"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("map/", maps.cluster_map, name="map"),
    path("map/clusters.geojson", maps.cluster_map_data, name="map-data"),
    path("<slug:slug>/", profile.cluster_detail, name="detail"),
    path("<slug:slug>/edit/", editing.cluster_edit, name="edit"),
    path("<slug:slug>/members/", editing.member_list, name="members"),
    path("<slug:slug>/members/add/", editing.member_add, name="member-add"),
    path("<slug:slug>/members/<int:pk>/edit/", editing.member_edit, name="member-edit"),
    path("<slug:slug>/members/<int:pk>/remove/", editing.member_remove, name="member-remove"),
]
