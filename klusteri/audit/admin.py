from django.contrib import admin

from klusteri.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "organisation", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__email", "organisation__name"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "organisation", "content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff
