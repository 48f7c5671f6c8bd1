"""A cluster manager opens the cluster's matches in a real Chromium, in Finnish,
Swedish and English: the cards with their scores and reasons, and no axe-core
violations. (The pattern of clusters/tests/test_browser_pages.py.)"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from klusteri.clusters.models import Ecosystem, Tag
from klusteri.e2e_fixtures import assert_accessible, open_page

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LANGUAGES = ["fi", "sv", "en"]


@pytest.fixture
def matching_cluster(reference_data, cluster, make_call):
    """Vetyklusteri with a profile, and three calls that fit it, one best of all."""
    digital = Ecosystem.objects.filter(slug="digital")
    cluster.ecosystems.set(digital)
    cluster.tags.set([Tag.objects.create(slug="hydrogen", name_fi="vety", name_en="hydrogen")])
    make_call("Vetylaaksot", keywords=["hydrogen"], ecosystems=digital, countries=["FI"])
    make_call("Digitaaliset innovaatiokeskittymät", programme="digital-europe-edih",
              ecosystems=digital)  # fmt: skip
    make_call("Vetytalouden yhteishankkeet", keywords=["vetytalous"], deadlines=[])
    return cluster


def signed_in(make_page, live_server, user):
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


def test_browser_manager_sees_the_clusters_matches(
    make_page, live_server, cluster_manager, matching_cluster
):
    page = signed_in(make_page, live_server, cluster_manager)
    for language in LANGUAGES:
        with translation.override(language):
            path = reverse("funding:cluster-matches", kwargs={"slug": matching_cluster.slug})
        open_page(page, path, language)

        cards = page.locator("main .match-card")
        expect(cards).to_have_count(3)
        expect(cards.first).to_contain_text("Vetylaaksot")
        if language == "en":
            expect(cards.first).to_contain_text(
                "The call names a keyword of the profile: hydrogen."
            )
            expect(page.locator("main")).to_contain_text(
                "Fills a gap: the cluster has no base or operating funding at present."
            )
        assert_accessible(page)
