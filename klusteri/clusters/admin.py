"""The administration of clusters and their taxonomies, for platform staff.

Saving a cluster here is audited and reindexed like an edit on the site.
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from klusteri.clusters import fields as cluster_fields
from klusteri.clusters import services
from klusteri.clusters.models import (
    Cluster,
    ClusterManager,
    ClusterMembership,
    Ecosystem,
    NaceDivision,
    NaceSection,
    ServiceArea,
    Tag,
)


class ClusterMembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "since", "is_public"]


class ClusterManagerInline(admin.TabularInline):
    model = ClusterManager
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Cluster)
class ClusterAdmin(TranslationAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "region",
        "member_total",
        "label",
        "national_status",
        "is_published",
        "is_demo",
        "updated_at",
    ]
    list_filter = [
        "is_published",
        "is_demo",
        "kind",
        "country",
        "region",
        "label",
        "national_status",
        "ecosystems",
    ]
    search_fields = ["name_fi", "name_sv", "name_en", "slug", "business_id"]
    list_select_related = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["host"]
    filter_horizontal = [field.name for field in Cluster._meta.many_to_many]
    date_hierarchy = "updated_at"
    inlines = [ClusterManagerInline, ClusterMembershipInline]
    # The groups of clusters/fields.py, with what only the administration shows.
    fieldsets = cluster_fields.admin_fieldsets()
    readonly_fields = list(cluster_fields.READ_ONLY)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        fields = list(form.changed_data)
        for formset in formsets:
            if formset.has_changed():
                fields.append(formset.model._meta.verbose_name_plural)
        if fields or not change:
            services.record_admin_change(
                form.instance, by=request.user, created=not change, fields=[str(f) for f in fields]
            )


@admin.register(Ecosystem)
class EcosystemAdmin(TranslationAdmin):
    list_display = ["number", "name", "slug"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]


@admin.register(NaceSection)
class NaceSectionAdmin(TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(NaceDivision)
class NaceDivisionAdmin(TranslationAdmin):
    list_display = ["code", "name", "section"]
    list_filter = ["section"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(TranslationAdmin):
    list_display = ["position", "name", "slug"]
    list_display_links = ["name"]


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}
