"""The funding admin saves a call as the rest of the site does: through
services.save_call, with its deadlines on the funder's clock."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from klusteri.audit.models import AuditEntry
from klusteri.funding.models import ApplicantType, Call, FundingSource, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def superuser(make_user):
    return make_user("paakayttaja@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(superuser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


def call_data(**fields) -> dict:
    """What the add page posts for a two-stage call, with ``deadlines`` as
    (date, time, time zone, label) on the funder's clock."""
    deadlines = fields.pop(
        "deadlines",
        [
            ("2027-03-10", "17:00", "Europe/Brussels", "Stage 1"),
            ("2027-09-15", "17:00", "Europe/Brussels", "Stage 2"),
        ],
    )
    data = {
        "identifier": "HORIZON-EIE-2027-SCALEUP-01-02",
        "title_fi": "Ekosysteemien kasvu",
        "title_sv": "",
        "title_en": "Scaling up ecosystems",
        "summary_fi": "",
        "summary_sv": "",
        "summary_en": "",
        "programme": Programme.objects.get(slug="horizon-europe-eie").pk,
        "action_type": "CSA",
        "deadline_model": Call.DeadlineModel.TWO_STAGE,
        "opens_at_0": "2027-01-20",
        "opens_at_1": "00:00",
        "budget_total": "20000000",
        "grant_min": "1000000",
        "grant_max": "2500000",
        "cofunding_rate": "100",
        "applicant_types": [ApplicantType.objects.get(slug="cluster-organisation").pk],
        "countries": [],
        "keywords": '["scale-up"]',
        "cluster_role": Call.ClusterRole.APPLICANT,
        "source": Call.Source.MANUAL,
        "source_url": "",
        "last_checked_on": "",
        "is_published": "on",
        "deadlines-TOTAL_FORMS": str(len(deadlines)),
        "deadlines-INITIAL_FORMS": "0",
        "deadlines-MIN_NUM_FORMS": "0",
        "deadlines-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for number, (day, time, zone, label) in enumerate(deadlines):
        data |= {
            f"deadlines-{number}-at_0": day,
            f"deadlines-{number}-at_1": time,
            f"deadlines-{number}-time_zone": zone,
            f"deadlines-{number}-label": label,
        }
    return data


def test_adding_a_call_goes_through_save_call(admin_client, superuser):
    response = admin_client.post(reverse("admin:funding_call_add"), call_data())

    assert response.status_code == 302, response.context["adminform"].form.errors
    call = Call.objects.get()
    # 17:00 in Brussels, not in the administrator's Finland.
    assert [(d.at, d.time_zone, d.label) for d in call.deadlines.all()] == [
        (datetime(2027, 3, 10, 16, 0, tzinfo=UTC), "Europe/Brussels", "Stage 1"),
        (datetime(2027, 9, 15, 15, 0, tzinfo=UTC), "Europe/Brussels", "Stage 2"),
    ]
    assert call.closes_at == datetime(2027, 9, 15, 15, 0, tzinfo=UTC)
    assert list(call.applicant_types.values_list("slug", flat=True)) == ["cluster-organisation"]
    entry = AuditEntry.objects.get(action="funding.call.created")
    assert entry.actor == superuser


def test_moving_a_deadline_is_audited_and_moves_closes_at(admin_client, superuser, make_call):
    call = make_call(deadlines=[datetime(2027, 3, 10, 16, 0, tzinfo=UTC)])
    data = call_data(
        identifier=call.identifier,
        programme=call.programme_id,
        deadline_model=Call.DeadlineModel.SINGLE_STAGE,
        deadlines=[("2027-04-14", "17:00", "Europe/Brussels", "")],
    )
    data |= {"deadlines-0-id": call.deadlines.get().pk, "deadlines-INITIAL_FORMS": "1"}
    changed_at = call.changed_at

    response = admin_client.post(reverse("admin:funding_call_change", args=[call.pk]), data)

    assert response.status_code == 302
    call.refresh_from_db()
    assert call.closes_at == datetime(2027, 4, 14, 15, 0, tzinfo=UTC)
    assert call.changed_at > changed_at
    entry = AuditEntry.objects.get(action="funding.call.updated")
    assert entry.actor == superuser
    assert "deadlines" in entry.data


def test_the_change_page_shows_a_deadline_on_the_funders_clock(admin_client, make_call):
    call = make_call(deadlines=[datetime(2027, 3, 10, 16, 0, tzinfo=UTC)])

    response = admin_client.get(reverse("admin:funding_call_change", args=[call.pk]))

    assert 'name="deadlines-0-at_1" value="17:00:00"' in response.content.decode()


def test_deadlines_that_do_not_fit_the_model_are_refused(admin_client):
    data = call_data(deadlines=[("2027-03-10", "17:00", "Europe/Brussels", "")])

    response = admin_client.post(reverse("admin:funding_call_add"), data)

    assert response.status_code == 200
    assert "A two-stage call has two deadlines, one for each stage." in response.content.decode()
    assert not Call.objects.exists()
    assert not AuditEntry.objects.exists()


def test_grants_the_wrong_way_round_are_refused(admin_client):
    response = admin_client.post(reverse("admin:funding_call_add"), call_data(grant_min="3000000"))

    assert response.status_code == 200
    assert "The smallest grant is larger than the largest." in response.content.decode()
    assert not Call.objects.exists()


def test_the_change_list_shows_and_filters_the_status_from_the_dates(admin_client, make_call):
    now = timezone.now()
    make_call("Soon", opens_at=now + timedelta(days=10), deadlines=[now + timedelta(days=40)])
    make_call("Over", opens_at=now - timedelta(days=90), deadlines=[now - timedelta(days=1)])
    url = reverse("admin:funding_call_changelist")

    everything = admin_client.get(url).content.decode()
    closed = admin_client.get(url + "?status=closed").content.decode()

    assert '<td class="field-status">Forthcoming</td>' in everything
    assert '<td class="field-status">Closed</td>' in everything
    assert "Over" in closed and "Soon" not in closed


def test_deleting_a_call_is_audited(admin_client, superuser, make_call):
    call = make_call()

    response = admin_client.post(
        reverse("admin:funding_call_delete", args=[call.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Call.objects.exists()
    assert AuditEntry.objects.get(action="funding.call.deleted").actor == superuser


def test_a_funding_source_changed_in_the_admin_is_audited(admin_client, superuser, cluster):
    data = {
        "cluster": cluster.pk,
        "name": "Maakuntaliiton AKKE-hanke",
        "programme": Programme.objects.get(slug="akke").pk,
        "kind": FundingSource.Kind.PROJECT,
        "amount": "120000",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
    }

    response = admin_client.post(reverse("admin:funding_fundingsource_add"), data)

    assert response.status_code == 302
    source = FundingSource.objects.get()
    entry = AuditEntry.objects.for_object(source).get()
    assert (entry.action, entry.actor) == ("funding.fundingsource.created", superuser)
