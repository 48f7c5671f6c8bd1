"""Who may call every operation of the API, with which credentials: one policy.

``ENDPOINTS`` has one row per operation and method that django-ninja declares
under /api/v1/; each row says which answer each credential gets. Every method
an address does not declare (of GET, POST, PUT, PATCH and DELETE) answers 405 to
every credential, and changes nothing. A write is sent as its authorised caller
would send it; the database is compared before and after, and a refused write
must change nothing.

Adding an operation: add its row. An operation without a row fails
``test_every_operation_has_a_row``, naming it. ``UNPUBLISHED`` has the rows of the
operations on one cluster again for an unpublished cluster, which is not there
(404) for anyone but its managers and staff. The API's own pages (schema, docs)
are in ``klusteri/core/tests/test_url_access.py``.
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse

from klusteri.api.api import api
from klusteri.api.models import ApiToken
from klusteri.api.services import revoke_api_token
from klusteri.clusters.models import Cluster
from klusteri.core.tests.access import (
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Answer,
    State,
    ask,
)
from klusteri.events.testing import make_event
from klusteri.funding.testing import make_call

pytestmark = pytest.mark.django_db

# Whom a request comes from, and how it says so.
CREDENTIALS = (
    "anonymous",  # no session, no token
    "session",  # the cluster's manager, signed in on the site, without a token
    "wrong_scheme",  # Authorization: Basic …
    "bad_token",  # a token that was never made
    "revoked_token",  # the cluster's manager's, revoked
    "outsider",  # the token of a person of no organisation
    "company_user",  # of a member company's administrator
    "other_manager",  # of another cluster's manager (the wrong organisation)
    "manager",  # of the cluster's manager (the right organisation)
    "staff",  # of platform staff
)
NOT_AUTHENTICATED = ("wrong_scheme", "bad_token", "revoked_token")

UNAUTHORIZED = Answer("401", 401)
CHANGED = Answer("200 after saving", 200, changes=True)


def every(answer: Answer, **exceptions: Answer) -> dict[str, Answer]:
    unknown = exceptions.keys() - set(CREDENTIALS)
    if unknown:
        raise ValueError(f"unknown credentials: {sorted(unknown)}")
    return {credential: exceptions.get(credential, answer) for credential in CREDENTIALS}


@dataclass(frozen=True)
class Endpoint:
    """One operation's row: the answer per credential; ``kwargs`` fill the address
    from the fixtures ("{cluster.slug}"); ``body`` is what a write sends."""

    answers: dict[str, Answer]
    kwargs: dict[str, str] = field(default_factory=dict)
    body: dict | None = None


# Reads act for the token's person, else the session's, else anonymously; a
# token that is not valid is refused, never ignored.
READ = every(OK, **dict.fromkeys(NOT_AUTHENTICATED, UNAUTHORIZED))
# Writes need a token (a session is not one) of the cluster's manager or of staff.
WRITE = every(
    FORBIDDEN,
    **dict.fromkeys(("anonymous", "session", *NOT_AUTHENTICATED), UNAUTHORIZED),
    manager=CHANGED,
    staff=CHANGED,
)

CLUSTER = {"slug": "{cluster.slug}"}
FUNDING_CALL = {"identifier": "{call.identifier}"}
EVENT = {"event_id": "{event.pk}"}

ENDPOINTS = {
    ("cluster-list", "GET"): Endpoint(READ),
    ("cluster-detail", "GET"): Endpoint(READ, kwargs=CLUSTER),
    ("cluster-members", "GET"): Endpoint(READ, kwargs=CLUSTER),
    # Codes and names only: it reads no credentials at all.
    ("taxonomies", "GET"): Endpoint(every(OK)),
    ("cluster-update", "PATCH"): Endpoint(WRITE, kwargs=CLUSTER, body={"members_micro": 7}),
    # Funding: public reads; an unpublished call is not there (test_funding_api.py).
    # Programmes are all public: the list reads no credentials, as taxonomies.
    ("funding-programme-list", "GET"): Endpoint(every(OK)),
    ("funding-call-list", "GET"): Endpoint(READ),
    ("funding-call-detail", "GET"): Endpoint(READ, kwargs=FUNDING_CALL),
    # Events: public reads; a draft is not there (test_events_api.py).
    ("event-list", "GET"): Endpoint(READ),
    ("event-detail", "GET"): Endpoint(READ, kwargs=EVENT),
}

# An unpublished cluster: the list leaves it out (``test_the_list_shows_…``), the
# operations on it answer 404 to whoever may not see it, before any other check.
HIDDEN = every(
    NOT_FOUND, manager=OK, staff=OK, session=OK, **dict.fromkeys(NOT_AUTHENTICATED, UNAUTHORIZED)
)
HIDDEN_WRITE = every(
    NOT_FOUND,
    manager=CHANGED,
    staff=CHANGED,
    **dict.fromkeys(("anonymous", "session", *NOT_AUTHENTICATED), UNAUTHORIZED),
)


def unpublish(cluster) -> None:
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)


UNPUBLISHED = State(
    enter=unpublish,
    rows={
        ("cluster-detail", "GET"): Endpoint(HIDDEN, kwargs=CLUSTER),
        ("cluster-members", "GET"): Endpoint(HIDDEN, kwargs=CLUSTER),
        ("cluster-update", "PATCH"): Endpoint(HIDDEN_WRITE, kwargs=CLUSTER,
                                              body={"members_micro": 7}),
    },
)  # fmt: skip

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def declared_operations() -> dict[tuple[str, str], str]:
    """(URL name, method): the operation's path, for every operation of the API."""
    return {
        (operation.url_name, method): prefix + path
        for prefix, router in api._routers
        for path, path_view in router.path_operations.items()
        for operation in path_view.operations
        for method in operation.methods
    }


def undeclared_methods() -> list[tuple[str, str]]:
    """(URL name of an operation at the address, method) for every method that no
    operation at that address declares."""
    by_path: dict[str, tuple[str, set[str]]] = {}
    for (name, method), path in declared_operations().items():
        by_path.setdefault(path, (name, set()))[1].add(method)
    return [
        (name, method)
        for name, declared in by_path.values()
        for method in METHODS
        if method not in declared
    ]


@pytest.fixture
def credentials(cluster, other_cluster, make_token, outsider, company_user, manager, staff):
    """credential: (client, request headers)."""
    revoked = make_token(manager, name="Vanha")
    revoke_api_token(ApiToken.objects.matching(revoked).get(), by=staff)
    signed_in = Client()
    signed_in.force_login(manager)
    people = {"outsider": outsider, "company_user": company_user, "manager": manager,
              "staff": staff, "other_manager": other_cluster.managers.get().user}  # fmt: skip
    result = {
        "anonymous": (Client(), {}),
        "session": (signed_in, {}),
        "wrong_scheme": (Client(), {"Authorization": "Basic bWFuYWdlcjpzYWxhc2FuYQ=="}),
        "bad_token": (Client(), {"Authorization": "Bearer klu_this-token-was-never-made"}),
        "revoked_token": (Client(), {"Authorization": f"Bearer {revoked}"}),
    }
    for credential, person in people.items():
        result[credential] = (Client(), {"Authorization": f"Bearer {make_token(person)}"})
    return result


@pytest.fixture
def funding_call(db):
    """A published funding call, for the operations on one call."""
    return make_call(identifier="ACCESS-2027-01")


@pytest.fixture
def event(db):
    """A published event, for the operations on one event."""
    return make_event("Pääsytapahtuma")


def url_of(name: str, kwargs: dict[str, str], cluster, call=None, event=None) -> str:
    return reverse(
        f"api:{name}",
        kwargs={
            key: value.format(cluster=cluster, call=call, event=event)
            for key, value in kwargs.items()
        },
    )


def answers(credentials, url: str, method: str, expected: dict, body=None) -> list[str]:
    """Call as each credential; what broke the rule, one line each. Every refusal
    must be JSON with a reason."""
    wrong = []
    for credential, answer in expected.items():
        client, headers = credentials[credential]
        response, changed = ask(
            client, method, url, body, content_type="application/json", headers=headers
        )
        reason = answer.mismatch(response, changed=changed)
        if reason is None and response.status_code >= 400 and not response.json().get("detail"):
            reason = f"got {response.status_code} without a reason"
        if reason:
            wrong.append(f"{method} {url} with {credential}: {reason}")
    return wrong


def test_every_operation_has_a_row():
    missing = sorted(declared_operations().keys() - ENDPOINTS.keys())

    assert missing == [], f"add a row to ENDPOINTS for each of these operations: {missing}"


def test_every_row_has_an_operation():
    gone = sorted(ENDPOINTS.keys() - declared_operations().keys())

    assert gone == [], f"these rows of ENDPOINTS have no operation any more: {gone}"


@pytest.mark.parametrize(("name", "method"), list(ENDPOINTS))
def test_operation(credentials, cluster, funding_call, event, name, method):
    endpoint = ENDPOINTS[(name, method)]
    url = url_of(name, endpoint.kwargs, cluster, funding_call, event)

    wrong = answers(credentials, url, method, endpoint.answers, endpoint.body)

    assert wrong == [], "\n".join(wrong)


def test_every_operation_on_one_cluster_has_an_unpublished_row():
    on_a_cluster = {key for key, row in ENDPOINTS.items() if row.kwargs == CLUSTER}

    assert sorted(on_a_cluster - UNPUBLISHED.rows.keys()) == [], "add them to UNPUBLISHED"


@pytest.mark.parametrize(("name", "method"), list(UNPUBLISHED.rows))
def test_operation_on_an_unpublished_cluster(credentials, cluster, name, method):
    endpoint = UNPUBLISHED.rows[(name, method)]
    UNPUBLISHED.enter(cluster)
    url = url_of(name, endpoint.kwargs, cluster)

    wrong = answers(credentials, url, method, endpoint.answers, endpoint.body)

    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("published", [True, False])
def test_the_list_shows_a_cluster_to_whom_may_read_it(credentials, cluster, published):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=published)
    rows = ENDPOINTS if published else UNPUBLISHED.rows
    wrong = []
    for credential, answer in rows[("cluster-detail", "GET")].answers.items():
        if answer == UNAUTHORIZED:
            continue  # refused by the list too (READ)
        client, headers = credentials[credential]
        response = client.get(reverse("api:cluster-list"), headers=headers)
        listed = "vetyklusteri" in [row["slug"] for row in response.json()["results"]]
        if listed is not (answer == OK):
            wrong.append(f"{credential}: {'listed' if listed else 'not listed'}, reads {answer}")

    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize(("name", "method"), undeclared_methods())
def test_undeclared_method(credentials, cluster, funding_call, event, name, method):
    kwargs = next(row.kwargs for (row_name, _), row in ENDPOINTS.items() if row_name == name)
    url = url_of(name, kwargs, cluster, funding_call, event)

    wrong = answers(credentials, url, method, every(NOT_ALLOWED), {"members_micro": 7})

    assert wrong == [], "\n".join(wrong)
