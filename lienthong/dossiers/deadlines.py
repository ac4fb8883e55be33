"""Deadline and on-time rules of the dossier (regulations.md §6, §7.2), on top of lienthong.workdays."""

import datetime
from decimal import Decimal

from lienthong.catalog.models.choices import CountingMode, TimeUnit
from lienthong.dossiers.models import State, Timeliness
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import HOURS_PER_DAY, TZ, WORKING_DAYS, WORKING_HOURS


def appointment_for(version, start):
    """The appointment (ngày hẹn trả) for a dossier whose clock starts at ``start``."""
    amount, unit, cutoff = Decimal(version.time_value), version.time_unit, version.cutoff_hour
    if unit == TimeUnit.WITHIN_DAY:
        return deadlines.due_at(start, 0, WORKING_DAYS, cutoff=cutoff)
    if unit == TimeUnit.CALENDAR_DAYS:
        # Civil Code Arts. 144–148: counting starts the next day; a last day off moves to the next working day.
        day = deadlines.deemed_receipt(start, cutoff=cutoff).astimezone(TZ).date() + datetime.timedelta(
            days=int(amount)
        )
        if not deadlines.is_working_day(day):
            day = deadlines.next_working_day(day)
        return datetime.datetime.combine(day, datetime.time(23, 59, 59), TZ)
    if unit == TimeUnit.WORKING_HOURS:
        return deadlines.due_at(start, amount, WORKING_HOURS, cutoff=cutoff)
    if version.counting_mode == CountingMode.HOUR:
        return deadlines.due_at(start, amount * HOURS_PER_DAY, WORKING_HOURS, cutoff=cutoff)
    return deadlines.due_at(start, amount, WORKING_DAYS, cutoff=cutoff)


def step_deadline(start, duration):
    return deadlines.due_at(start, duration, WORKING_DAYS)


def step_result(started_at, deadline, finished_at):
    """Control-slip rule (Decision 766 practice): allowed minutes > used → early; equal → on time; else late."""
    allowed = deadlines.working_seconds_between(started_at, deadline) // 60
    used = deadlines.working_seconds_between(started_at, finished_at) // 60
    if used < allowed:
        return Timeliness.EARLY
    return Timeliness.ON_TIME if used == allowed else Timeliness.LATE


def dossier_result(dossier, end):
    """Decision 766/QĐ-TTg indicator 2.1 for a dossier whose processing ended at ``end``.

    More than one supplement request, or an apology (LienThong keeps the late mark [probable]),
    is late. Supplement waiting time does not count: the appointment restarts when the supplement
    arrives, and a dossier ended while waiting is measured at the request.
    """
    if dossier.supplement_count > 1 or dossier.apology_count:
        return Timeliness.LATE
    if dossier.state == State.SUPPLEMENT_REQUESTED and dossier.supplement_requested_at:
        end = dossier.supplement_requested_at
    # Waiting for a financial obligation does not count either (the appointment moves on fulfilment).
    if dossier.state == State.FINANCIAL_OBLIGATION and dossier.obligation_requested_at:
        end = dossier.obligation_requested_at
    if end > dossier.appointment_at:
        return Timeliness.LATE
    if end.astimezone(TZ).date() < dossier.appointment_at.astimezone(TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
