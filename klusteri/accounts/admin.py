from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from klusteri.accounts import services
from klusteri.accounts.models import Affiliation, Consent, Organisation, User
from klusteri.accounts.views import personal_data_response
from klusteri.core.admin import RecordAdmin


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "language", "is_staff", "is_active", "created_at"]
    list_filter = ["is_staff", "is_active", "language"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal details"), {"fields": ["name", "language"]}),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "created_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [AffiliationInline]
    actions = ["export_personal_data"]

    @admin.action(description=_("Export personal data (GDPR access request)"), permissions=["view"])
    def export_personal_data(self, request, queryset):
        if len(people := list(queryset[:2])) != 1:
            self.message_user(
                request,
                _("Select exactly one person: an access request is answered for one person."),
                messages.ERROR,
            )
            return None
        [person] = people
        data = services.export_personal_data(person, by=request.user)
        return personal_data_response(data, person)

    def get_deleted_objects(self, objs, request):
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        # The person's own records (consents, API tokens…) go with the person, though
        # nobody may delete them one by one: the permission to delete people is enough.
        return deleted, counts, set(), protected

    # Deleting a person here is an erasure like the person's own: audited, the
    # records of organisations and clusters kept, staff told what is left without them.
    def delete_model(self, request, obj):
        services.erase_account(obj, by=request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for person in queryset:
            services.erase_account(person, by=request.user)


@admin.register(Consent)
class ConsentAdmin(RecordAdmin):
    """Consents are evidence of what people agreed to: staff read them, nobody edits."""

    list_display = ["user", "kind", "version", "given_at", "withdrawn_at"]
    list_filter = ["kind", "version", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "user__name"]
    list_select_related = ["user"]
    date_hierarchy = "given_at"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "registry_id", "country", "kind", "size", "region", "is_demo"]
    list_filter = ["kind", "size", "country", "region", "is_demo"]
    search_fields = ["name", "business_id", "foreign_registry_id"]
    inlines = [AffiliationInline]
