from django.urls import path

from klusteri.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/edit/", views.profile_edit, name="profile-edit"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("privacy/", views.privacy_settings, name="privacy"),
    path("privacy/export/", views.personal_data_export, name="personal-data-export"),
    path("privacy/consents/<str:kind>/give/", views.consent_give, name="consent-give"),
    path("privacy/consents/<str:kind>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("privacy/delete/", views.account_delete, name="account-delete"),
]
