"""Deadline warnings (issue 4, item 4; regulations.md §7.2 "warning states" [confirmed for the
practice]: due soon, due today, overdue, thresholds configurable). The clock of a dossier waiting for
the applicant is stopped (NĐ 61/2018 Art. 17 [probable], Decision 766/QĐ-TTg: supplement time is
not counted), so it is not warned about."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lienthong.accounts.roles import Role
from lienthong.dossiers import services
from lienthong.dossiers.models import Dossier, DossierStep, State
from lienthong.dossiers.tasks import DUE_SOON, DUE_TODAY, OVERDUE, level, sweep_deadlines
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import dossier_in
from lienthong.notifications.models import Channel, Message, MessageTemplate
from lienthong.workdays.deadlines import TZ


def local(day, hour=9, minute=0):
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _received_on_tuesday_17_november():
    with time_machine.travel(local(17), tick=False):
        yield


def due(dossier, deadline, step_deadline=None):
    """Give the dossier (and its open step) fixed deadlines."""
    Dossier.objects.filter(pk=dossier.pk).update(appointment_at=deadline)
    DossierStep.objects.filter(dossier=dossier, finished_at__isnull=True).update(
        deadline=step_deadline or deadline
    )


def warned(dossier):
    return Message.objects.filter(
        related_type="dossiers.dossier", related_id=str(dossier.pk), event__startswith="dossier.deadline_"
    )


def sweep(day, hour=9, minute=0):
    with time_machine.travel(local(day, hour, minute), tick=False):
        return sweep_deadlines()


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (local(17, 9, 59), OVERDUE),
        (local(17, 10, 0), DUE_TODAY),
        (local(17, 17, 30), DUE_TODAY),
        (local(18, 17, 30), DUE_SOON),
        (local(19, 8, 0), None),
    ],
)
def test_levels_on_a_tuesday(db, deadline, expected):
    assert level(deadline, local(17, 10)) == expected


def test_due_soon_window_skips_the_weekend(db):
    """Friday 20 Nov 2026: the next working day is Monday 23 Nov."""
    now = local(20, 10)
    assert level(local(23, 17, 30), now) == DUE_SOON
    assert level(local(25, 8, 0), now) is None


def test_due_soon_horizon_is_a_setting_and_skips_holidays(db, settings):
    """Two working days after Friday 20 Nov 2026: Monday 23 and Wednesday 25 (24 Nov, Vietnamese
    Culture Day, is a day off in the calendar since 2026)."""
    settings.DEADLINE_DUE_SOON_WORKING_DAYS = 2
    now = local(20, 10)
    assert level(local(25, 17, 30), now) == DUE_SOON
    assert level(local(26, 8, 0), now) is None


def test_assignee_and_agency_leaders_are_warned_others_are_not(world):
    other_agency = f.commune()
    outsider = f.officer(other_agency, Role.AGENCY_LEADER)
    dossier = dossier_in(world, State.PROCESSING)  # assigned to the specialist
    due(dossier, local(16, 17, 30))
    assert sweep(17) == {DUE_SOON: 0, DUE_TODAY: 0, OVERDUE: 1}
    users = set(warned(dossier).values_list("user", flat=True))
    assert users == {world.specialist.pk, world.unit_leader.pk, world.leader.pk}
    assert outsider.pk not in users and world.desk.pk not in users
    email = warned(dossier).filter(user=world.specialist, channel=Channel.EMAIL).get()
    assert email.event == "dossier.deadline_overdue"
    assert email.dedup_key == f"deadline:{dossier.pk}:overdue:2026-11-17:u{world.specialist.pk}:email"
    assert email.subject == f"[LienThong] Hồ sơ {dossier.code} đã quá hạn xử lý"
    assert "Hạn xử lý: 17:30 ngày 16/11/2026" in email.body
    assert f"/mot-cua/ho-so/{dossier.code}/" in email.body


def test_officer_sms_is_off_by_default(world):
    dossier = dossier_in(world, State.PROCESSING)
    due(dossier, local(16, 17, 30))
    world.specialist.phone = "0912000111"
    world.specialist.save(update_fields=["phone"])
    sweep(17)
    assert not warned(dossier).filter(channel=Channel.SMS).exists()
    MessageTemplate.objects.filter(event="dossier.deadline_overdue", channel=Channel.SMS).update(active=True)
    sweep(17, 10)
    assert warned(dossier).get(channel=Channel.SMS).recipient == "0912000111"


def test_the_earlier_of_step_deadline_and_appointment_decides(world):
    dossier = dossier_in(world, State.PROCESSING)
    due(dossier, local(27, 17, 30), step_deadline=local(17, 17, 30))
    sweep(17)
    assert set(warned(dossier).values_list("event", flat=True)) == {"dossier.deadline_due_today"}


def test_levels_follow_the_clock_through_the_day(world):
    dossier = dossier_in(world, State.PROCESSING)
    due(dossier, local(18, 15, 0))
    sweep(17, 9)
    sweep(18, 9)
    sweep(18, 16)
    events = warned(dossier).filter(user=world.specialist).values_list("event", flat=True)
    assert sorted(events) == [
        "dossier.deadline_due_soon",
        "dossier.deadline_due_today",
        "dossier.deadline_overdue",
    ]


def test_running_the_sweep_twice_sends_once_and_again_the_next_day(world, django_capture_on_commit_callbacks):
    dossier = dossier_in(world, State.PROCESSING)
    due(dossier, local(16, 17, 30))
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        sweep(17, 9)
    with django_capture_on_commit_callbacks(execute=True):
        sweep(17, 9, 30)
    assert len([m for m in mail.outbox if "quá hạn" in m.subject]) == 3
    assert warned(dossier).count() == 3
    sweep(18, 9)
    assert warned(dossier).count() == 6


@pytest.mark.parametrize("state", [State.SUPPLEMENT_REQUESTED, State.FINANCIAL_OBLIGATION, State.APPROVED])
def test_dossiers_whose_clock_is_stopped_or_finished_are_not_swept(world, state):
    dossier = dossier_in(world, state)
    due(dossier, local(16, 17, 30))
    assert sweep(17) == {DUE_SOON: 0, DUE_TODAY: 0, OVERDUE: 0}
    assert not warned(dossier).exists()


@pytest.mark.parametrize(("day", "hour"), [(17, 6), (17, 18), (21, 10), (24, 10)])
def test_no_warnings_outside_working_hours_or_on_days_off(world, day, hour):
    """Saturday 21 Nov and Tuesday 24 Nov 2026 (a day off) are not working days."""
    dossier = dossier_in(world, State.PROCESSING)
    due(dossier, local(16, 17, 30))
    sweep(day, hour)
    assert not warned(dossier).exists()


def test_revoked_leader_is_not_warned(world):
    dossier = dossier_in(world, State.PROCESSING)
    due(dossier, local(16, 17, 30))
    world.leader.role_assignments.update(revoked_at=local(16))
    sweep(17)
    assert world.leader.pk not in set(warned(dossier).values_list("user", flat=True))


def test_query_count_does_not_grow_with_the_number_of_dossiers(world, django_assert_max_num_queries):
    def make(n):
        for _ in range(n):
            dossier = services.transfer(world.desk, world.receive(), assignee=world.specialist)
            due(dossier, local(16, 17, 30))

    make(2)
    with CaptureQueriesContext(connection) as few:
        sweep(17, 9)
    make(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        counts = sweep(18, 9)
    assert counts[OVERDUE] == 12
    assert Message.objects.filter(event="dossier.deadline_overdue").count() == 2 * 3 + 12 * 3
