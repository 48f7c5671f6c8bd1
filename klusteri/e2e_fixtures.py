"""End-to-end fixtures: one Chromium per session, a fresh page per test, and axe.

PYTEST_DONT_REWRITE: the assertions here carry their own messages, and the test
modules import this file before pytest could rewrite it.

Register in ``klusteri/conftest.py`` with ``pytest_plugins = ["klusteri.e2e_fixtures"]``.
The tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright's sync
API against pytest-django's ``live_server``; ``playwright install`` is never needed.
Without Chromium the browser tests are skipped, except on CI (``CI=true``), where a
missing browser is a failure: a suite that silently skips there proves nothing.
"""

import functools
import os
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no rule tagged wcag22a).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# For actions, navigations and expect(): generous enough for a loaded two-core machine;
# a healthy page answers in milliseconds, so only a broken one waits this long.
TIMEOUT_MS = 15_000


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last. Playwright's sync API keeps an asyncio loop running
    in the main thread for as long as the browser lives, and their live server flushes
    the database, reference data included; neither should leak into other tests.
    (The sort is stable: pytest-django's order holds within each group.)"""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    # Playwright's sync API runs an event loop in this thread, so Django would take
    # every ORM call in a test for one made from async code. The calls are in fact
    # synchronous; allow them while the browser (and so the loop) lives.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        expect.set_options(timeout=TIMEOUT_MS)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def make_page(browser: Browser, live_server, reference_data) -> Iterator[Callable[..., Page]]:
    """``make_page(**context_options)``: a page in a fresh browser context (no cookies),
    relative URLs resolved against the live server; e.g. ``viewport=``, ``color_scheme=``."""
    contexts: list[BrowserContext] = []

    def make(**options) -> Page:
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page) -> Page:
    return make_page()


def open_page(page: Page, path: str, language: str) -> None:
    """Open ``path`` and check that it answered 200 in ``language`` with one main heading."""
    response = page.goto(path)
    status = response.status if response else None
    assert status == 200, f"{path} answered {status}"
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).not_to_be_empty()


def submit_form(page: Page, fields: dict[str, str] | None = None) -> None:
    """Fill the form in <main> by field name and submit it past the browser's own
    checks (``required``, ``type=email``), so that the server's error state shows."""
    form = page.locator("main form[method=post]").first
    for name, value in (fields or {}).items():
        form.locator(f"[name={name}]").fill(value)
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()


@functools.cache
def axe_source() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def assert_accessible(page: Page) -> None:
    """Run axe on the page as it is now; fail with every WCAG 2.x A/AA violation,
    its rule, help text and the elements at fault."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # evaluate() is not subject to the page's Content-Security-Policy,
        # unlike a <script> tag, which script-src 'self' would block.
        page.evaluate(axe_source())
    violations = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        }).then(results => results.violations.map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
        })))""",
        AXE_TAGS,
    )
    assert not violations, format_violations(page.url, violations)


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)
