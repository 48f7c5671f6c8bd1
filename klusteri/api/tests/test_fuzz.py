"""Property-based fuzzing of the whole API against its own OpenAPI schema.

Schemathesis reads the schema the site serves (/api/schema/) and, for every
operation, sends valid and invalid requests through the WSGI application (no
network server), then checks every answer: never a 5xx, a status code, a body
and a content type that the schema declares, invalid input refused with a 4xx,
valid input not refused. Runs are deterministic (``derandomize``) and bounded
(``MAX_EXAMPLES`` per operation and persona, plus schemathesis' boundary cases).
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.core import NOT_SET
from schemathesis.specs.openapi.checks import positive_data_acceptance

from klusteri.accounts.models import Organisation
from klusteri.api.models import ApiToken, hash_token
from klusteri.api.schemas import ClusterChanges
from klusteri.clusters.models import Tag
from klusteri.events.models import Event
from klusteri.events.testing import make_event
from klusteri.funding.testing import make_call

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 30

# Reading the schema touches no database, so it can be read while collecting.
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())


@schema.hook
def filter_query(context, query) -> bool:
    """Skip a query that schemathesis counts as invalid though no server can tell it
    from a valid one: on the wire ``?tag=x`` is both the text "x" and the list ["x"],
    a list given for a single value is sent as that value repeated, and an object
    sends its keys or nothing. Such a case would report a well-formed request as a
    schema violation that was accepted."""
    if not query:
        return True
    arrays = {
        parameter.name
        for parameter in context.operation.query
        if parameter.definition.get("schema", {}).get("type") == "array"
    }
    for name, value in query.items():
        if isinstance(value, dict):
            return False
        if (name in arrays) != isinstance(value, list):
            return False
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            return False
    return True


fuzzing = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    # The database fixtures run once per test, not per example: that is intended.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Random slugs find nothing (404); these reach real profiles as well: a published
# one the manager runs, an unpublished one the manager runs, and another's.
SLUGS = ["vetyklusteri", "piiloklusteri", "metsaklusteri"]
slugs = st.one_of(st.none(), st.sampled_from(SLUGS))


# Tokens known in advance, so that schemathesis can send them itself: it then leaves
# them out exactly where it tests a request without credentials.
MANAGER_TOKEN = "klu_fuzzing-manager"
STAFF_TOKEN = "klu_fuzzing-staff"


class BearerAuth:
    token: str

    def get(self, case, context) -> str:
        return self.token

    def set(self, case, token: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


class ManagerAuth(BearerAuth):
    token = MANAGER_TOKEN


class StaffAuth(BearerAuth):
    token = STAFF_TOKEN


@pytest.fixture
def _connection_kept_open():
    """Keep the database connection across requests, as Django's test client does:
    the WSGI handler closes it at the end of each request, which on PostgreSQL
    would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(
    _connection_kept_open,
    cluster,
    other_cluster,
    make_cluster,
    manager,
    staff,
    make_membership,
    make_organisation,
):
    for user, token in [(manager, MANAGER_TOKEN), (staff, STAFF_TOKEN)]:
        ApiToken.objects.create(user=user, name="Fuzzing", token_hash=hash_token(token))
    hydrogen = Tag.objects.create(slug="vety", name_fi="vety", name_sv="väte", name_en="hydrogen")
    cluster.tags.add(hydrogen)
    make_cluster("Piiloklusteri", slug="piiloklusteri", is_published=False, managers=[manager])
    for number in range(3):
        member = make_organisation(f"Jäsen {number} Oy", kind=Organisation.Kind.COMPANY)
        make_membership(cluster, member, is_public=True)
    # Funding calls for the lists to show: one open with every amount, one unpublished.
    make_call(identifier="FUZZ-2027-01", budget_total=1_000_000, grant_max=200_000,
              cofunding_rate=70, countries=["FI"], keywords=["vety"])  # fmt: skip
    make_call(identifier="FUZZ-DRAFT", is_published=False)
    # Events for the calendar to list: one published, one draft.
    make_event("Fuzzausvebinaari", organiser=cluster)
    make_event("Luonnos", status=Event.Status.DRAFT)


# Filters that take codes from the database (applicant types, ecosystems, regions,
# countries), which the schema does not list: a well-formed code may name nothing,
# and the list then refuses it with 422, naming it.
FILTERS_BY_CODE = {("GET", "/api/v1/funding/calls/"), ("GET", "/api/v1/events/")}


def fuzz(case, slug: str | None) -> None:
    if slug is not None and "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = slug
    if (case.method, case.path) in FILTERS_BY_CODE:
        case.call_and_validate(excluded_checks=[positive_data_acceptance])
        return
    if case.method != "PATCH":
        case.call_and_validate()
        return
    # A change can be well formed and still break the editing form's rules (funding
    # shares adding up to 100 %, a municipality outside the region, a business ID
    # with a wrong check digit): 422 with reasons is then right. What must hold is
    # that a change the schema calls valid passes the schema's own validation.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
    if case.meta.generation.mode.is_positive and case.body is not NOT_SET:
        ClusterChanges.model_validate(case.body)


@schema.parametrize()
@schema.given(slug=slugs)
@fuzzing
def test_anonymous_requests_get_declared_answers(case, slug, api_data):
    fuzz(case, slug)


@schema.auth(ManagerAuth)
@schema.parametrize()
@schema.given(slug=slugs)
@fuzzing
def test_manager_token_requests_get_declared_answers(case, slug, api_data):
    fuzz(case, slug)


@schema.auth(StaffAuth)
@schema.parametrize()
@schema.given(slug=slugs)
@fuzzing
def test_staff_token_requests_get_declared_answers(case, slug, api_data):
    fuzz(case, slug)


# What fuzzing found, kept as plain examples ----------------------------------------


def test_member_counts_adding_up_past_the_total_column_are_refused(client, cluster, manager_token):
    # Each count fitted its column; their sum overflowed member_total on PostgreSQL.
    response = client.patch(
        "/api/v1/clusters/vetyklusteri/?lang=en",
        {"members_large": 2_147_483_647, "members_sme": 2_147_483_647},
        content_type="application/json",
        headers={"Authorization": f"Bearer {manager_token}"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "members_other": ["The members add up to more than a million: check the numbers."]
    }
    cluster.refresh_from_db()
    assert cluster.members_large == 5


@pytest.mark.parametrize("value", ["", "HX-Request", "1,5", "NaN"])
def test_a_decimal_that_is_not_a_number_is_refused_with_a_reason(
    client, cluster, manager_token, value
):
    # The schema once promised that any string would do for a decimal field.
    response = client.patch(
        "/api/v1/clusters/vetyklusteri/?lang=en",
        {"management_fte": value},
        content_type="application/json",
        headers={"Authorization": f"Bearer {manager_token}"},
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["management_fte"]


def test_the_schema_promises_a_json_number_for_decimals(client):
    changes = client.get("/api/schema/").json()["components"]["schemas"]["ClusterChanges"]

    for name in ["management_fte", "latitude", "longitude"]:
        assert changes["properties"][name]["anyOf"] == [{"type": "number"}, {"type": "null"}]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/clusters/a%00b/",  # PostgreSQL cannot compare text holding NUL
        "/api/v1/clusters/a%00b/members/",
        "/api/v1/clusters/line%0Abreak/",  # "." in the catch-all did not match it
        "/api/v1/clusters/%C3%A4%C3%A4kk%C3%B6set/",  # a slug is ASCII
    ],
)
def test_an_address_that_cannot_be_a_cluster_is_a_json_404(client, cluster, path):
    for response in [
        client.get(path),
        client.patch(path, {}, content_type="application/json"),  # once CSRF's HTML 403
    ]:
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_a_code_holding_nul_is_unknown(client, cluster, manager_token):
    response = client.patch(
        "/api/v1/clusters/vetyklusteri/?lang=en",
        {"tags": ["vety\x00"], "region": "\x00"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {manager_token}"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "region": ["Unknown code: \x00."],
        "tags": ["Unknown code: vety\x00."],
    }
