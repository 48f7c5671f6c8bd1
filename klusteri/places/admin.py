from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from klusteri.places.models import Municipality, Region


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "iso_code"]


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
