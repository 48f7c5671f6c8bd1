from django.urls import path

from klusteri.core import views
from klusteri.core.sections import SECTIONS

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("contact/", views.contact, name="contact"),
    *(
        path(
            f"{section.slug}/", views.section_coming_soon, {"slug": section.slug}, name=section.slug
        )
        for section in SECTIONS
        if section.is_coming_soon
    ),
]
