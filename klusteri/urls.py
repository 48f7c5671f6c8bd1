from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from klusteri.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("api/", include("klusteri.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("klusteri.core.urls")),
    path("clusters/", include("klusteri.clusters.urls")),
    path("funding/", include("klusteri.funding.urls")),
    path("events/", include("klusteri.events.urls")),
    path("accounts/", include("klusteri.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# Uploaded files (logos) in development; production serves them from object storage.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "klusteri.core.views.bad_request"
handler403 = "klusteri.core.views.permission_denied"
handler404 = "klusteri.core.views.page_not_found"
handler500 = "klusteri.core.views.server_error"
