from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language: str) -> str:
    """This page's address in another language, or that language's home page."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def current_if(context, url: str) -> str:
    """``aria-current="page"`` when the request is for ``url`` or a page under it."""
    request = context.get("request")
    if request is not None and request.path.startswith(url):
        return mark_safe('aria-current="page"')  # a constant, no user input
    return ""


@register.filter
def markdown(text: str):
    """Render user-written Markdown as sanitised HTML."""
    from klusteri.core.markdown import render_markdown

    return render_markdown(text)


@register.filter
def invalid_fields(form) -> list:
    """The visible fields of ``form`` that have errors, for the error summary."""
    return [field for field in form.visible_fields() if field.errors]


@register.filter
def euros(amount) -> str:
    """An amount of euros as the language writes it: "1 500 000 €" in Finnish and
    Swedish, "€1,500,000" in English. Empty for no amount."""
    from django.utils.formats import number_format
    from django.utils.translation import pgettext

    if amount in (None, ""):
        return ""
    number = number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    # Translators: where the euro sign goes and with what space; keep %(amount)s.
    return pgettext("money", "€%(amount)s") % {"amount": number}


@register.simple_tag
def lang_attr(obj, field: str) -> str:
    """`` lang="en"`` when the translated ``field`` of ``obj`` shows in another
    language than the page's (modeltranslation fell back to it), so that screen
    readers pronounce it right (WCAG 3.1.2); empty otherwise."""
    from django.utils.translation import get_language
    from modeltranslation.utils import resolution_order

    current = get_language()
    for language in resolution_order(current):
        if getattr(obj, f"{field}_{language}", None):
            if language == current:
                return ""
            return format_html(' lang="{}"', language)
    return ""
