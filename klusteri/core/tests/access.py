"""The machinery of the access matrices: personas, expected answers, every URL
pattern of the project, and a comparison of the database before and after a request.

Used by ``core/tests/test_url_access.py`` (the site's pages, allauth's, the admin)
and ``api/tests/test_endpoint_access.py`` (the API's operations). A row of a
matrix says which ``Answer`` each persona must get; ``Answer.mismatch`` says in
words what went wrong, so that a failure reads like the rule it breaks. A
``State`` holds the rows for the world with its objects in another state (an
unpublished cluster), for the pages that answer otherwise there.
"""

import copy
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib import admin
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

# The personas of klusteri/conftest.py, from the least to the most powerful:
# company_user administers a member organisation of the cluster, representative
# represents the cluster's host organisation without administering it,
# other_manager manages another cluster, manager manages this one (and administers
# its host), staff run the platform.
ROLES = (
    "anonymous", "outsider", "company_user", "representative", "other_manager", "manager",
    "staff",
)  # fmt: skip

# Pages are asked for in Finnish, the default language; the hygiene tests check
# that every public page answers in all three.
LANGUAGE = "fi"


# Answers ------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What a request must get: a status, where a redirect leads, and whether the
    request changes the database."""

    label: str
    status: int
    to: str | None = None  # a URL name or an address; None: anywhere but a log-in page
    changes: bool = False

    def __str__(self) -> str:
        return self.label

    def mismatch(self, response, *, changed: str) -> str | None:
        """Why ``response`` (which changed the tables ``changed``) is not this
        answer, or None when it is."""
        location = response.get("Location", "")
        got = f"got {response.status_code}" + (f" to {location}" if location else "")
        if response.status_code != self.status:
            return f"{got}, expected {self}"
        if self.to is not None and urlsplit(location).path != url_of(self.to):
            return f"{got}, expected {self}"
        if self.to is None and 300 <= self.status < 400 and is_log_in(location):
            return f"{got}, expected {self}, not a log-in page"
        if self.changes and not changed:
            return f"{got} but changed nothing, expected {self}"
        if changed and not self.changes:
            return f"{got} and CHANGED THE DATABASE ({changed}), expected {self}"
        return None


def url_of(name: str) -> str:
    """A URL name's address in the pages' language; an address stays as it is."""
    if name.startswith("/"):
        return name
    with translation.override(LANGUAGE):
        return reverse(name)


def is_log_in(location: str) -> bool:
    return urlsplit(location).path in {url_of("account_login"), url_of("admin:login")}


def redirect_to(to: str) -> Answer:
    """A redirect to a URL name ("accounts:profile") or an address ("/")."""
    return Answer(f"302 to {to}", 302, to=to)


def saved_to(to: str) -> Answer:
    """An accepted form: a change to the database, then a redirect to ``to``."""
    return Answer(f"302 to {to} after saving", 302, to=to, changes=True)


OK = Answer("200", 200)
LOG_IN = Answer("302 to log-in", 302, to="account_login")
ADMIN_LOG_IN = Answer("302 to the admin's log-in", 302, to="admin:login")
FORBIDDEN = Answer("403", 403)
NOT_FOUND = Answer("404", 404)
NOT_ALLOWED = Answer("405", 405)
# An accepted form: a redirect (not to a log-in page) after a change to the database.
SAVED = Answer("302 after saving", 302, changes=True)


def everyone(answer: Answer, **exceptions: Answer) -> dict[str, Answer]:
    """``answer`` for every persona but the ones named: ``everyone(FORBIDDEN,
    anonymous=LOG_IN, manager=OK, staff=OK)``."""
    unknown = exceptions.keys() - set(ROLES)
    if unknown:
        raise ValueError(f"unknown personas: {sorted(unknown)}")
    return {role: exceptions.get(role, answer) for role in ROLES}


NO_ONE = everyone(NOT_ALLOWED)  # the method is not taken


@dataclass(frozen=True)
class Page:
    """One URL pattern's row: the answer each persona gets to GET, POST and PUT.
    ``kwargs`` fill the address from the world ("{world.cluster.slug}"); ``path``
    is the address of a pattern without a name; ``data(world)`` makes what a POST
    sends, as the person who may send it would."""

    get: dict[str, Answer]
    post: dict[str, Answer] = field(default_factory=lambda: NO_ONE)
    put: dict[str, Answer] = field(default_factory=lambda: NO_ONE)
    kwargs: dict[str, str] = field(default_factory=dict)
    path: str = ""
    data: Callable[..., dict] | None = None
    # Served only where urls.py was imported with DEBUG on (uploads in development).
    optional: bool = False

    def url(self, key: str, world) -> str:
        if self.path:
            return self.path
        kwargs = {name: value.format(world=world) for name, value in self.kwargs.items()}
        with translation.override(LANGUAGE):
            return reverse(key, kwargs=kwargs)


def any_method(answers: dict[str, Answer], **fields) -> Page:
    """A row whose answers do not depend on the method."""
    return Page(get=answers, post=answers, put=answers, **fields)


@dataclass(frozen=True)
class State:
    """The world in another state of its objects (an unpublished cluster):
    ``enter(world)`` puts it there, and ``rows`` are the matrix's rows for it. Every
    URL pattern whose key starts with one of ``covers`` must have a row, so that a
    new page says how it answers in this state too."""

    enter: Callable[..., None]
    rows: dict
    covers: tuple[str, ...] = ()

    def missing(self, keys) -> list[str]:
        """The keys among ``keys`` this state covers and has no row for."""
        return sorted(key for key in keys if key.startswith(self.covers) and key not in self.rows)


# URL patterns -------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern. ``key`` is its namespaced name ("clusters:edit"), or for an
    unnamed pattern its route ("<lang>/admin/(?P<url>.*)$")."""

    key: str
    route: str
    pattern: URLPattern

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("<lang>/admin/")


def join_route(first: str, second: str) -> str:
    """As Django's resolver joins the routes of nested patterns (ResolverMatch.route)."""
    return first + second.removeprefix("^") if first else second


def iter_routes(
    patterns=None, prefix: str = "", namespaces: tuple[str, ...] = ()
) -> Iterator[Route]:
    """Every URL pattern of the project, the language-prefixed ones under "<lang>/"."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if isinstance(pattern.pattern, LocalePrefixPattern):
                part = "<lang>/"
            else:
                part = str(pattern.pattern)
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from iter_routes(pattern.url_patterns, join_route(prefix, part), inner)
        elif isinstance(pattern, URLPattern):
            route = join_route(prefix, str(pattern.pattern))
            key = ":".join((*namespaces, pattern.name)) if pattern.name else route
            yield Route(key, route, pattern)


def route_key(path: str) -> str:
    """The key of the pattern that answers ``path``."""
    match = resolve(urlsplit(path).path)
    if match.url_name:
        return match.view_name
    for code in ("fi", "sv", "en"):
        if match.route.startswith(f"{code}/"):
            return "<lang>/" + match.route.removeprefix(f"{code}/")
    return match.route


def api_operation_names() -> set[str]:
    """The URL names of the API's operations ("cluster-list"…), which the API's
    own matrix covers method by method."""
    from klusteri.api.api import api

    return {
        operation.url_name
        for _prefix, router in api._routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
    }


def admin_model(route: Route) -> type | None:
    """The model whose ModelAdmin answers ``route``; None for the admin's own pages."""
    view = route.pattern.callback
    while view is not None:
        # ModelAdmin.get_urls marks its views; a view it wraps itself (a user's
        # password) is a method of the ModelAdmin under the decorators.
        owner = getattr(view, "model_admin", None) or getattr(view, "__self__", None)
        if isinstance(owner, admin.ModelAdmin):
            return owner.model
        view = getattr(view, "__wrapped__", None)
    return None


def admin_view_name(route: Route) -> str:
    """The name of the ModelAdmin's view function: "changelist_view", "add_view"…;
    "view" for the pattern that only leads on to an object's change page."""
    view = route.pattern.callback
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return view.__name__


# The database ---------------------------------------------------------------------

# Columns that record use, not content: signing in or using a token is no change.
USE_RECORDS = {"last_login", "last_used_at"}
NOT_STATE = {"sessions.Session", "contenttypes.ContentType", "auth.Permission"}
# Reference data loaded by migrations, which only the admin changes: counted, not
# compared row by row, to keep the comparison quick (see ``database_state``).
REFERENCE_DATA = {
    "places.Region",
    "places.Municipality",
    "clusters.Ecosystem",
    "clusters.NaceSection",
    "clusters.NaceDivision",
    "clusters.ServiceArea",
}


@functools.cache
def state_queries(in_full: frozenset[str]) -> tuple[tuple[str, str, tuple], ...]:
    """(model label, SQL, parameters) for ``database_state``. The ORM writes the SQL
    once: building the queries anew for every request took most of the tests' time."""
    queries = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in NOT_STATE or not model._meta.managed:
            continue
        if label in REFERENCE_DATA and label not in in_full:
            query = model._base_manager.values_list(Count("pk"))
        else:
            columns = [
                field.attname
                for field in model._meta.concrete_fields
                if field.attname not in USE_RECORDS
            ]
            query = model._base_manager.order_by("pk").values_list(*columns)
        sql, params = query.query.sql_with_params()
        queries.append((label, sql, params))
    return tuple(queries)


def database_state(*, in_full: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every row of every table, to compare before and after a request; of the
    reference data (but the models named in ``in_full``) only the count."""
    state = {}
    with connection.cursor() as cursor:
        for label, sql, params in state_queries(in_full):
            cursor.execute(sql, params)
            state[label] = cursor.fetchall()
    return state


def changed_tables(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> str:
    """The models whose rows differ, or "" for none."""
    return ", ".join(label for label in before if before[label] != after[label])


def ask(client, method: str, url: str, data=None, *, in_full=frozenset(), **extra):
    """``client``'s answer to ``method`` ``url``, and the models a write changed
    ("" for none). Each request runs in a transaction rolled back afterwards, and
    the client's cookies are put back, so that the next request finds the world
    and the person's session as they were. Rate limits live in the cache: each
    request starts with none spent."""
    cache.clear()
    cookies = copy.deepcopy(client.cookies)
    send = getattr(client, method.lower())
    with transaction.atomic():
        if method in ("GET", "HEAD"):
            response, changed = send(url, **extra), ""
        else:
            before = database_state(in_full=in_full)
            response = send(url, data, **extra) if data is not None else send(url, **extra)
            changed = changed_tables(before, database_state(in_full=in_full))
        transaction.set_rollback(True)
    client.cookies = cookies
    return response, changed


def answers(clients, url: str, key: str, method: str, expected: dict, data=None,
            *, in_full=frozenset(), **extra) -> list[str]:  # fmt: skip
    """Ask as each persona in ``expected`` (persona: Answer), with ``clients``
    (persona: test client); what broke the rule, one line each."""
    wrong = []
    for role, answer in expected.items():
        response, changed = ask(clients[role], method, url, data, in_full=in_full, **extra)
        reason = answer.mismatch(response, changed=changed)
        if reason:
            wrong.append(f"{key} {method} as {role}: {reason}")
    return wrong
