from django.urls import path

from klusteri.clusters.views import directory

app_name = "clusters"

urlpatterns = [
    path("", directory.cluster_list, name="list"),
    path("<slug:slug>/", directory.cluster_detail, name="detail"),
]
