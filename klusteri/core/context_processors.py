from django.conf import settings

from klusteri.core.sections import SECTIONS


def site(request):
    return {"sections": SECTIONS, "contact_email": settings.CONTACT_EMAIL}
