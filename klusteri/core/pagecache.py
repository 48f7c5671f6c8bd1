"""What an app caches from the pages it shows, kept under one version per app.

An app names a namespace (its label, say ``"clusters"``) and lists the models whose
change alters its pages; every key it caches carries the namespace's current
version, so one change makes everything cached before it unreachable at once,
however many pages and fragments there are. Nothing is deleted: old entries are
never read again and leave the cache when their timeout ends. In an app::

    # models.py: any change of these renews the app's pages and fragments
    pagecache.forget_on_change("events", Event, Venue, m2m=[Event.topics.through])

    # views.py: anonymous visitors are answered from the cache
    @require_safe
    @pagecache.cache_anonymous_page("events")
    def event_list(request): ...

    # a fragment rendered once per change and language
    key = pagecache.fragment_key("events", "card", event.pk)

The version lives in the shared cache (Redis in production), so a change seen by
one process renews the pages of all of them.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Anonymous pages are kept this long (seconds) at most; a change renews them sooner.
PAGE_TIMEOUT = 60


def _version_key(namespace: str) -> str:
    return f"{namespace}:pages-version"


def current_version(namespace: str) -> str:
    """The namespace's current version: part of every key cached from its pages."""
    return cache.get_or_set(_version_key(namespace), uuid4().hex, timeout=None)


def bump(namespace: str) -> None:
    """Make everything cached under ``namespace`` unreachable: a new version at
    once, and again when the transaction commits, so that a page read in between
    with the old data is not kept either."""

    def renew() -> None:
        cache.set(_version_key(namespace), uuid4().hex, timeout=None)

    renew()
    transaction.on_commit(renew)


def forget_on_change(
    namespace: str, *senders: type[models.Model], m2m: Iterable[type[models.Model]] = ()
) -> None:
    """Bump ``namespace`` whenever a row of one of ``senders`` is saved or deleted,
    or a many-to-many relation through one of ``m2m`` changes."""

    def forget(**kwargs) -> None:
        bump(namespace)

    # The signals keep only a weak reference unless told otherwise.
    for sender in senders:
        uid = f"pagecache-{namespace}-{sender._meta.label}"
        post_save.connect(forget, sender=sender, weak=False, dispatch_uid=uid)
        post_delete.connect(forget, sender=sender, weak=False, dispatch_uid=f"{uid}-delete")
    for through in m2m:
        uid = f"pagecache-{namespace}-{through._meta.label}-m2m"
        m2m_changed.connect(forget, sender=through, weak=False, dispatch_uid=uid)


def fragment_key(namespace: str, *parts: object, version: str | None = None) -> str:
    """The cache key of a fragment of ``namespace``'s pages, in the current language:
    ``parts`` say which fragment (its kind, the object's id…). Pass ``version`` when
    making many keys at once, to read the version once."""
    version = version or current_version(namespace)
    return ":".join([namespace, version, get_language() or "", *map(str, parts)])


# Rendered fragments (cards) outlive no change: the version and the key renew them;
# the timeout only frees memory.
FRAGMENT_TIMEOUT = 60 * 60


def cached_fragments(
    keys: list[str], render: Callable[[list[int]], dict[str, str]]
) -> list[SafeString]:
    """The fragment of each of ``keys`` in order, from the cache; ``render`` gets the
    positions of those not cached and returns them, key → HTML, to be kept. The
    fragments were rendered by the template engine, which escaped every value."""
    fragments = cache.get_many(keys)
    missing = [index for index, key in enumerate(keys) if key not in fragments]
    if missing:
        fresh = render(missing)
        cache.set_many(fresh, FRAGMENT_TIMEOUT)
        fragments.update(fresh)
    return [mark_safe(fragments[key]) for key in keys]  # noqa: S308


def may_cache(request: HttpRequest) -> bool:
    """Whether the page is the same for everyone who asks for this address: an
    anonymous visitor without a session, so without messages waiting either."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_anonymous_page(namespace: str, timeout: int = PAGE_TIMEOUT) -> Callable:
    """Keep the page the view answers anonymous visitors for ``timeout`` seconds,
    per language, address and htmx request, under ``namespace``'s version, which
    the changes it was told of renew (``forget_on_change``). Signed-in people
    always get a fresh page: theirs shows drafts, edit links and a CSRF token."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not may_cache(request):
                return view(request, *args, **kwargs)
            variant = "|".join(
                [
                    request.scheme,
                    request.get_host(),
                    get_language(),
                    request.headers.get("HX-Request", ""),
                    request.headers.get("HX-History-Restore-Request", ""),
                    request.get_full_path(),
                ]
            )
            digest = hashlib.sha256(variant.encode()).hexdigest()
            key = f"{namespace}:page:{current_version(namespace)}:{digest}"
            cached = cache.get(key)
            if cached is not None:
                content, headers = cached
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and not response.streaming:
                cache.set(key, (response.content, dict(response.items())), timeout)
            return response

        return wrapper

    return decorator
