"""Periodic tasks: several schedulers, one run per task and time slot."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command

from lienthong.notifications import scheduler
from lienthong.notifications.models import ScheduledRun
from lienthong.workdays.deadlines import TZ

T0 = datetime.datetime(2026, 11, 17, 9, 0, 10, tzinfo=TZ)
PERIODIC = {
    "lienthong.notifications.tasks.retry_due_messages": 1,
    "lienthong.dossiers.tasks.deadline_sweep": 30,
}


@pytest.fixture
def enqueued():
    """The tests' task backend runs a task when it is enqueued: count the work it does."""
    with (
        mock.patch("lienthong.notifications.services.retry_due_messages") as retry,
        mock.patch("lienthong.dossiers.tasks.sweep_deadlines") as sweep,
    ):
        yield {"retry": retry, "sweep": sweep}


def test_slot_is_the_start_of_the_period():
    assert scheduler.slot(T0, 30) == datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ)
    assert scheduler.slot(T0 + datetime.timedelta(minutes=31), 30) == datetime.datetime(
        2026, 11, 17, 9, 30, tzinfo=TZ
    )


@pytest.mark.django_db
def test_two_schedulers_in_the_same_slot_enqueue_each_task_once(settings, enqueued):
    settings.PERIODIC_TASKS = PERIODIC
    first = scheduler.run_due(T0)
    second = scheduler.run_due(T0 + datetime.timedelta(seconds=20))
    assert sorted(first) == sorted(PERIODIC)
    assert second == []
    assert enqueued["retry"].call_count == enqueued["sweep"].call_count == 1
    assert ScheduledRun.objects.count() == 2


@pytest.mark.django_db
def test_each_task_runs_again_in_its_next_slot(settings, enqueued):
    settings.PERIODIC_TASKS = PERIODIC
    for minute in range(0, 61, 1):
        scheduler.run_due(T0 + datetime.timedelta(minutes=minute))
    assert enqueued["retry"].call_count == 61
    assert enqueued["sweep"].call_count == 3  # 09:00, 09:30, 10:00


@pytest.mark.django_db
def test_old_slots_are_pruned(settings, enqueued):
    settings.PERIODIC_TASKS = PERIODIC
    scheduler.run_due(T0)
    scheduler.run_due(T0 + datetime.timedelta(days=3))
    assert set(ScheduledRun.objects.values_list("slot__date", flat=True)) == {datetime.date(2026, 11, 20)}


@pytest.mark.django_db
def test_run_scheduler_once_enqueues_the_due_tasks(settings, enqueued):
    settings.PERIODIC_TASKS = PERIODIC
    with time_machine.travel(T0, tick=False):
        call_command("run_scheduler", "--once")
    assert enqueued["retry"].call_count == enqueued["sweep"].call_count == 1
