from django.contrib import admin

from klusteri.audit.models import AuditEntry
from klusteri.core.admin import RecordAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordAdmin):
    list_display = ["created_at", "actor", "organisation", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__email", "organisation__name"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "organisation", "content_type"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff
