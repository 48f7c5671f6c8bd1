import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klusteri.core.markdown import render_markdown


def test_markdown_renders_emphasis_lists_and_links():
    html = render_markdown(
        "**Vety** ja *energia*\n\n- yksi\n- kaksi\n\n[Linkki](https://example.org)"
    )

    assert "<strong>Vety</strong>" in html
    assert "<em>energia</em>" in html
    assert "<li>yksi</li>" in html
    assert '<a href="https://example.org" rel="nofollow noopener">Linkki</a>' in html


def test_headings_start_below_the_page_headings():
    assert render_markdown("# Otsikko").strip() == "<h3>Otsikko</h3>"


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        '<svg onload="alert(1)"></svg>',
        "![kuva](https://evil.example/track.png)",
    ],
)
def test_scripts_and_dangerous_markup_never_survive(payload):
    html = render_markdown(payload)

    assert "<script" not in html
    assert re.search(r'<a\s[^>]*href="javascript:', html) is None
    assert re.search(r"<[^>]+\son\w+=", html) is None  # no event-handler attribute
    assert "<iframe" not in html
    assert "<img" not in html
    assert "<svg" not in html


@given(st.text(max_size=300))
def test_any_text_renders_without_error_or_raw_tags(text):
    html = render_markdown(text)

    assert "<script" not in html.lower()
