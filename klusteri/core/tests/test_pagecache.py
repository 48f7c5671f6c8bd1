"""``core.pagecache``: one version per app renews its cached pages and fragments."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from klusteri.accounts.models import Organisation
from klusteri.core import pagecache

pytestmark = pytest.mark.django_db  # bump() renews the version again on commit


def test_bump_makes_a_new_version():
    before = pagecache.current_version("events")
    assert pagecache.current_version("events") == before
    pagecache.bump("events")
    assert pagecache.current_version("events") != before


def test_namespaces_have_versions_of_their_own():
    clusters = pagecache.current_version("clusters")
    pagecache.bump("events")
    assert pagecache.current_version("clusters") == clusters


def test_bump_renews_the_version_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.bump("events")
        during = pagecache.current_version("events")
    assert pagecache.current_version("events") != during


def test_forget_on_change_bumps_on_save_and_delete(make_organisation):
    pagecache.forget_on_change("test-organisations", Organisation)
    before = pagecache.current_version("test-organisations")
    organisation = make_organisation("Muuttuva Oy")
    after_save = pagecache.current_version("test-organisations")
    assert after_save != before
    organisation.delete()
    assert pagecache.current_version("test-organisations") != after_save


def test_fragment_key_is_per_language_and_version():
    with translation.override("fi"):
        finnish = pagecache.fragment_key("events", "card", 7)
        assert pagecache.fragment_key("events", "card", 7) == finnish
    with translation.override("sv"):
        assert pagecache.fragment_key("events", "card", 7) != finnish
    with translation.override("fi"):
        pagecache.bump("events")
        assert pagecache.fragment_key("events", "card", 7) != finnish


def counting_view():
    calls = []

    @pagecache.cache_anonymous_page("events")
    def view(request):
        calls.append(request)
        return HttpResponse(f"page {len(calls)}")

    return view, calls


def anonymous_get(path="/fi/events/", **headers):
    request = RequestFactory().get(path, headers=headers)
    request.user = AnonymousUser()
    return request


def test_anonymous_page_is_kept_until_the_version_changes():
    view, calls = counting_view()
    assert view(anonymous_get()).content == b"page 1"
    assert view(anonymous_get()).content == b"page 1"
    assert len(calls) == 1
    pagecache.bump("events")
    assert view(anonymous_get()).content == b"page 2"


def test_htmx_requests_and_addresses_are_kept_apart():
    view, calls = counting_view()
    view(anonymous_get())
    view(anonymous_get(**{"HX-Request": "true"}))
    view(anonymous_get("/fi/events/?page=2"))
    assert len(calls) == 3


def test_signed_in_and_session_holders_are_never_served_from_the_cache(outsider):
    view, calls = counting_view()
    view(anonymous_get())
    signed_in = anonymous_get()
    signed_in.user = outsider
    view(signed_in)
    with_session = anonymous_get()
    with_session.COOKIES["sessionid"] = "abc"
    view(with_session)
    assert len(calls) == 3
