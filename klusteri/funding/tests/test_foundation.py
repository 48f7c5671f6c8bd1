from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from klusteri.audit.models import AuditEntry
from klusteri.funding.models import Call, Programme
from klusteri.funding.services import DeadlineData, FundingError, save_call

pytestmark = pytest.mark.django_db

DEADLINE = datetime(2027, 3, 10, 16, 0, tzinfo=UTC)  # 17:00 in Brussels


def test_the_reference_programmes_are_loaded():
    assert Programme.objects.count() >= 20
    aurora = Programme.objects.get(slug="interreg-aurora")
    assert aurora.name_fi and aurora.name_sv and aurora.level


def test_status_follows_the_dates_across_the_deadline(make_call):
    call = make_call(opens_at=DEADLINE - timedelta(days=60), deadlines=[DEADLINE])
    with time_machine.travel(DEADLINE - timedelta(days=61), tick=False):
        assert call.status == Call.Status.FORTHCOMING
        assert Call.objects.with_status().get().status == Call.Status.FORTHCOMING
    with time_machine.travel(DEADLINE - timedelta(seconds=1), tick=False):
        assert call.status == Call.Status.OPEN
        assert list(Call.objects.open()) == [call]
    with time_machine.travel(DEADLINE + timedelta(seconds=1), tick=False):
        assert call.status == Call.Status.CLOSED
        assert list(Call.objects.closed()) == [call]
        assert Call.objects.with_status().get().status == Call.Status.CLOSED


def test_a_two_stage_call_keeps_both_deadlines_and_closes_after_the_second(make_call):
    stage_2 = DEADLINE + timedelta(days=150)
    call = make_call(deadline_model=Call.DeadlineModel.TWO_STAGE, deadlines=[DEADLINE, stage_2])
    assert [d.at for d in call.deadlines.all()] == [DEADLINE, stage_2]
    assert call.closes_at == stage_2
    with time_machine.travel(DEADLINE + timedelta(days=1), tick=False):
        assert call.status == Call.Status.OPEN
        assert call.next_deadline_at().at == stage_2


def test_a_deadline_model_takes_its_number_of_deadlines(make_call):
    with pytest.raises(FundingError):
        make_call(deadline_model=Call.DeadlineModel.TWO_STAGE, deadlines=[DEADLINE])
    assert not Call.objects.exists()


def test_only_a_change_a_follower_cares_about_moves_changed_at(make_call, staff):
    call = make_call(deadlines=[DEADLINE], by=staff)
    first = call.changed_at
    call.last_checked_on = DEADLINE.date()
    save_call(call, deadlines=[DeadlineData(DEADLINE, "Europe/Brussels")], related={}, by=staff)
    call.refresh_from_db()
    assert call.changed_at == first
    moved = DEADLINE + timedelta(days=7)
    save_call(call, deadlines=[DeadlineData(moved, "Europe/Brussels")], related={}, by=staff)
    call.refresh_from_db()
    assert call.changed_at > first
    assert call.closes_at == moved
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["funding.call.created", "funding.call.updated"]
