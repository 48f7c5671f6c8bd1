from django.contrib import admin


class RecordAdmin(admin.ModelAdmin):
    """An admin for records that are evidence (the audit trail, consents): staff
    read them, and nobody adds, changes or deletes one here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
