from django.urls import path

from klusteri.funding.views import continuity

app_name = "funding"

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
]
