"""Property tests (hypothesis): the due instant never lands on a day off and grows with the duration."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from lienthong.workdays import deadlines, official_days, statutory

OVERRIDES = {day["date"]: (day["kind"], day["name"]) for day in official_days.OFFICIAL_DAYS}
CALENDAR = deadlines.Calendar(statutory.statutory_days_off(), OVERRIDES, statutory.statutory_make_up_days())

starts = st.datetimes(
    min_value=datetime.datetime(2025, 1, 1),
    max_value=datetime.datetime(2028, 12, 31),
    timezones=st.just(deadlines.TZ),
)
halves = st.integers(min_value=0, max_value=120).map(lambda n: Decimal(n) / 2)
hours = st.decimals(min_value=0, max_value=500, places=2)
units = st.sampled_from(deadlines.UNITS)
cutoffs = st.one_of(st.none(), st.times(min_value=datetime.time(8), max_value=datetime.time(17, 30)))


def _inside_a_session(instant):
    local = instant.astimezone(deadlines.TZ)
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return any(a <= seconds <= b for a, b in CALENDAR.sessions_for(local.date()).spans)


@settings(max_examples=300, deadline=None, database=None)
@given(start=starts, amount=st.one_of(halves, hours), unit=units, cutoff=cutoffs)
def test_due_instant_is_inside_a_working_day(start, amount, unit, cutoff):
    """Civil Code 2015 Art. 148 (a limit never ends on a day off) and the session rules of §7.2."""
    due = CALENDAR.due_at(start, amount, unit, cutoff)
    assert CALENDAR.is_working_day(due.astimezone(deadlines.TZ).date())
    assert _inside_a_session(due)
    assert due >= start


@settings(max_examples=300, deadline=None, database=None)
@given(start=starts, a=st.one_of(halves, hours), b=st.one_of(halves, hours), unit=units)
def test_due_instant_grows_with_the_duration(start, a, b, unit):
    """A longer limit is never due earlier (monotonic in the duration)."""
    small, large = sorted((a, b))
    assert CALENDAR.due_at(start, small, unit) <= CALENDAR.due_at(start, large, unit)


@settings(max_examples=200, deadline=None, database=None)
@given(start=starts, amount=hours)
def test_hour_mode_round_trips_with_working_time_between(start, amount):
    """Hour mode: the working time from the deemed receipt to the due instant is the duration."""
    due = CALENDAR.due_at(start, amount, deadlines.WORKING_HOURS)
    elapsed = CALENDAR.working_seconds_between(CALENDAR.deemed_receipt(start), due)
    assert elapsed == int((amount * 3600).to_integral_value())


@settings(max_examples=200, deadline=None, database=None)
@given(
    start=starts,
    amount=halves,
    unit=units,
    pause_start=st.integers(min_value=0, max_value=30 * 24),
    pause_hours=st.integers(min_value=0, max_value=10 * 24),
)
def test_pauses_never_shorten_the_limit(start, amount, unit, pause_start, pause_hours):
    """A pause (supplement period) can only move the due instant later, never onto a day off."""
    begin = start + datetime.timedelta(hours=pause_start)
    pause = (begin, begin + datetime.timedelta(hours=pause_hours))
    plain = CALENDAR.due_at(start, amount, unit)
    paused = CALENDAR.due_at(start, amount, unit, pauses=[pause])
    assert paused >= plain
    assert CALENDAR.is_working_day(paused.astimezone(deadlines.TZ).date())
