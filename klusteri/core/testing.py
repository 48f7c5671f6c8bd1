"""Small helpers for tests of every app."""

from django.utils import translation
from django.utils.html import escape


def translated(message: str, language: str = "fi") -> str:
    """``message`` in ``language``, HTML-escaped as a page shows it. Fails when the
    catalogue has no translation, so that a test of a Finnish page also proves the
    message was translated."""
    with translation.override(language):
        text = translation.gettext(message)
    assert text != message or language == "en", f"no {language} translation for {message!r}"
    return escape(text)
