from django.urls import path

from klusteri.funding.views import finder

app_name = "funding"

urlpatterns = [
    path("", finder.call_list, name="call-list"),
    path("calls/<str:identifier>/", finder.call_detail, name="call-detail"),
    path("programmes/<slug:slug>/", finder.programme_detail, name="programme-detail"),
]
