from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from klusteri.api.models import ApiToken
from klusteri.api.services import revoke_api_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff see and revoke tokens here; tokens are created with
    ``klusteri create_api_token``, which shows the token once."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "user__email", "prefix"]
    list_select_related = ["user"]
    fields = ["user", "name", "prefix", "token_hash", "created_at", "last_used_at", "is_active"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request, obj=None):
        # The list's "revoke" action, not the change form: a token changes only
        # through the service, which audits the revocation.
        return obj is None and request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(is_active=True).select_related("user"))
        for api_token in tokens:
            revoke_api_token(api_token, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )
