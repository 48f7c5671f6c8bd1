from django.urls import path

from klusteri.funding.views import transfer

app_name = "funding"

urlpatterns: list = [
    path("import/", transfer.call_import, name="import"),
]
