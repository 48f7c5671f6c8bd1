"""User-written Markdown → safe HTML: markdown-it-py renders, nh3 sanitises.

Raw HTML in the source is escaped by the renderer, and whatever survives is
cleaned against an allow-list, so nothing a user writes can run as script.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "hr",
}


def render_markdown(text: str) -> SafeString:
    html = _renderer.render(text or "")
    # Headings in user text start at h3: the page owns h1 and h2.
    for level in (2, 1):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
