from django.urls import path

from klusteri.funding.views import matches

app_name = "funding"

urlpatterns: list = [
    path("clusters/<slug:slug>/", matches.cluster_matches, name="cluster-matches"),
]
