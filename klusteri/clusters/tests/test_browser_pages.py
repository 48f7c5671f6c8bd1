"""The cluster pages in a real Chromium: axe in every language, and the keyboard.

Each test opens one page in Finnish, Swedish and English in turn (a loop, not a
parametrisation, to start the live server and the data once). People sign in by
the session cookie of ``Client.force_login``; the log-in form has its own tests.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from klusteri.accounts.models import Organisation
from klusteri.clusters.models import (
    Cluster,
    ClusterMembership,
    Ecosystem,
    NaceSection,
    ServiceArea,
    Tag,
)
from klusteri.e2e_fixtures import assert_accessible, open_page, submit_form

pytest_plugins = ["klusteri.e2e_fixtures"]
# The live server's tests empty the database after them: ``reference_data`` puts
# the regions and taxonomies back before any cluster is made.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LANGUAGES = ["fi", "sv", "en"]
DESCRIPTION = """Vetyklusteri brings **hydrogen** companies together.

- Research with *universities*
- Pilots in [Uusimaa](https://example.org/uusimaa)
"""


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"clusters:{name}", kwargs=kwargs)


@pytest.fixture
def showcase_cluster(cluster, make_cluster, make_organisation):
    """The shared cluster with everything its profile shows, beside a draft and a
    Swedish network."""
    Cluster.objects.filter(pk=cluster.pk).update(
        city="Espoo",
        members_sme=12,
        description=DESCRIPTION,
        label=Cluster.Label.GOLD,
        label_valid_until=datetime.date(2030, 12, 31),
    )
    cluster.tags.set(
        [Tag.objects.create(slug=slug, name=slug.title()) for slug in ("hydrogen", "batteries")]
    )
    cluster.ecosystems.set(
        Ecosystem.objects.filter(slug__in=["digital", "energy-intensive-industries"])
    )
    cluster.nace_sections.set(NaceSection.objects.filter(code="C"))
    cluster.services.set(ServiceArea.objects.filter(slug="advocacy"))
    for name, role, is_public in [
        ("Koneistus Oy", ClusterMembership.Role.MEMBER, True),
        ("Aalto-yliopisto", ClusterMembership.Role.RESEARCH_PARTNER, True),
        ("Hiljainen Oy", ClusterMembership.Role.MEMBER, False),
    ]:
        ClusterMembership.objects.create(
            cluster=cluster,
            organisation=make_organisation(name),
            role=role,
            is_public=is_public,
            since=datetime.date(2022, 5, 1),
        )
    make_cluster("Luonnos", is_published=False)
    make_cluster("Verkosto", kind=Cluster.Kind.NETWORK, country="SE")
    cluster.refresh_from_db()
    return cluster


def signed_in(make_page, live_server, user):
    """A page in a browser context that carries ``user``'s session cookie."""
    client = Client()
    client.force_login(user)
    page = make_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def expect_error_summary(page, language: str) -> None:
    summary = page.locator("main .error-summary")
    expect(summary).to_be_visible()
    if language == "en":
        expect(summary).to_contain_text("The form was not saved.")


def test_browser_profile_is_accessible(page, showcase_cluster):
    for language in LANGUAGES:
        open_page(page, url("detail", language, slug=showcase_cluster.slug), language)
        expect(page.locator("main strong", has_text="hydrogen")).to_be_visible()
        expect(page.get_by_text("Koneistus Oy")).to_be_visible()
        expect(page.get_by_text("Hiljainen Oy")).to_have_count(0)

        assert_accessible(page)


def test_browser_organisation_page_is_accessible(page, showcase_cluster):
    member = Organisation.objects.get(name="Koneistus Oy")
    for language in LANGUAGES:
        open_page(page, url("organisation", language, pk=member.pk), language)
        expect(page.get_by_role("link", name="Vetyklusteri")).to_be_visible()

        assert_accessible(page)


def test_browser_edit_page_is_accessible_empty_and_with_errors(
    make_page, live_server, cluster_manager, showcase_cluster
):
    page = signed_in(make_page, live_server, cluster_manager)
    bad = {
        "funding_membership": "60",
        "funding_public": "60",
        "funding_project": "0",
        "funding_other": "0",
        "business_id": "1234567-8",
    }
    for language in LANGUAGES:
        path = url("edit", language, slug="vetyklusteri")
        open_page(page, path, language)
        assert_accessible(page)

        submit_form(page, bad)

        assert page.url.endswith(path)
        expect_error_summary(page, language)
        for name, value in bad.items():
            expect(page.locator(f"main [name={name}]")).to_have_value(value)
        if language == "en":
            expect(page.locator("main")).to_contain_text("The funding shares must add up to 100 %.")
            expect(page.locator("main")).to_contain_text("its check digit does not match")
        assert_accessible(page)


def test_browser_members_and_add_member_pages_are_accessible(
    make_page, live_server, cluster_manager, showcase_cluster
):
    page = signed_in(make_page, live_server, cluster_manager)
    for language in LANGUAGES:
        open_page(page, url("members", language, slug="vetyklusteri"), language)
        expect(page.locator("main table tbody tr")).to_have_count(3)
        assert_accessible(page)

        open_page(page, url("member-add", language, slug="vetyklusteri"), language)
        assert_accessible(page)

        submit_form(page, {"business_id": "1234567-8", "name": "Uusi Oy"})

        expect_error_summary(page, language)
        expect(page.locator("main [name=business_id]")).to_have_value("1234567-8")
        expect(page.locator("main [name=name]")).to_have_value("Uusi Oy")
        assert_accessible(page)
    assert not Organisation.objects.filter(name="Uusi Oy").exists()


def test_browser_import_page_is_accessible_with_an_error_report(make_page, live_server, staff):
    page = signed_in(make_page, live_server, staff)
    bad_file = {
        "name": "bad.csv",
        "mimeType": "text/csv",
        "buffer": b"slug;name_fi;region\nx;X;XX\n",
    }
    for language in LANGUAGES:
        open_page(page, url("import", language), language)
        assert_accessible(page)

        page.locator("main input[type=file][name=file]").set_input_files(bad_file)
        submit_form(page)

        report = page.locator("main .error-summary")
        expect(report).to_be_visible()
        expect(report.locator("tbody tr")).not_to_have_count(0)
        if language == "en":
            expect(report).to_contain_text("The file was not imported")
        assert_accessible(page)
    assert not Cluster.objects.filter(slug="x").exists()


def test_browser_directory_filters_with_the_keyboard_alone(page, showcase_cluster):
    open_page(page, "/en/clusters/", "en")
    page.wait_for_function("() => window.htmx !== undefined")
    country = page.locator("summary", has_text="Country")

    for _ in range(60):
        page.keyboard.press("Tab")
        if country.evaluate("element => element === document.activeElement"):
            break
    expect(country).to_be_focused()
    group = page.locator("details.filter-group", has=country)
    page.keyboard.press("Enter")
    expect(group).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(group).not_to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(group).to_have_attribute("open", "")
    finland = page.get_by_label("Finland", exact=True)
    for _ in range(10):
        page.keyboard.press("Tab")
        if finland.evaluate("element => element === document.activeElement"):
            break
    expect(finland).to_be_focused()
    page.keyboard.press("Space")

    expect(finland).to_be_checked()
    expect(page).to_have_url(re.compile(r"[?&]country=FI(&|$)"))
    expect(page.locator("#result-count")).to_have_text("1 cluster")
    expect(page.locator(".cluster-card__name a")).to_have_text(["Vetyklusteri"])
