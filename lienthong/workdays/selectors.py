"""Reads of the working calendar: the cached ``Calendar`` for the arithmetic, the year view, overrides.

Cache: each process keeps the built ``Calendar`` with the revision token it was built from. The token
lives in the database (``WorkCalendar.revision``) and is mirrored in the shared cache; a process
checks it at most every ``RECHECK_SECONDS``, so every web node sees a change within about a second
(the node that made it at once). Inside a transaction the token is checked on every call and is
never written to the shared cache, so an uncommitted (or rolled-back) change never leaks out; the
services drop the cached token when they change the calendar, so their own transaction sees it.
"""

import calendar as month_grid
import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext, gettext_noop, pgettext_lazy

from lienthong.workdays import deadlines, statutory
from lienthong.workdays.models import CalendarOverride, WorkCalendar

CACHE_SECONDS = 30
RECHECK_SECONDS = 1.0
_NO_CALENDAR = "default"
_built = {}  # province code → Calendar (process-local copy, checked against the shared token)
_checked = {}  # province code → monotonic time of the last check of the shared token


def _cache_key(code):
    return f"workdays:revision:{code}"


def province_code(code=None):
    """The province this installation serves, unless ``code`` names another."""
    return code or settings.PROVINCE_CODE


def _revision(code, in_transaction):
    token = cache.get(_cache_key(code))
    if token is None:
        token = WorkCalendar.objects.filter(province_code=code).values_list("revision", flat=True).first()
        token = token or _NO_CALENDAR
        if not in_transaction:  # never share a token that may yet be rolled back
            cache.set(_cache_key(code), token, CACHE_SECONDS)
    return token


def forget(code):
    """Drop the shared token now and again after commit (a concurrent reader may re-cache the old one)."""
    key = _cache_key(code)
    _checked.pop(code, None)
    cache.delete(key)

    def after_commit():
        _checked.pop(code, None)
        cache.delete(key)

    transaction.on_commit(after_commit)


def build_calendar(row, token=""):
    """A ``Calendar`` from a ``WorkCalendar`` row (or the statutory defaults when ``row`` is None)."""
    if row is None:
        return deadlines.Calendar(
            statutory.statutory_days_off(), {}, statutory.statutory_make_up_days(), token=token
        )
    overrides = {day: (kind, name) for day, kind, name in row.overrides.values_list("date", "kind", "name")}
    sessions = [hours.as_sessions() for hours in row.hours.all()] or [deadlines.DEFAULT_SESSIONS]
    return deadlines.Calendar(
        statutory.statutory_days_off(row.observe_culture_day),
        overrides,
        statutory.statutory_make_up_days(),
        sessions,
        token=token,
    )


def current_calendar(province=None):
    """The province's ``Calendar``, rebuilt only when its revision changed (at most one cache read a second)."""
    code = province_code(province)
    built = _built.get(code)
    in_transaction = transaction.get_connection().in_atomic_block
    now = time.monotonic()
    if built is not None and not in_transaction and now - _checked.get(code, float("-inf")) < RECHECK_SECONDS:
        return built
    token = _revision(code, in_transaction)
    if built is None or built.token != token:
        row = WorkCalendar.objects.filter(province_code=code).first()
        built = build_calendar(row, token)
        _built[code] = built
    if not in_transaction:
        _checked[code] = now
    return built


def calendar_row(province=None):
    return WorkCalendar.objects.filter(province_code=province_code(province)).first()


def list_overrides(user, year=None, kind=None, province=None):
    """Overrides of the province's calendar; public data, readable by any signed-in user."""
    qs = CalendarOverride.objects.filter(calendar__province_code=province_code(province)).select_related(
        "calendar", "created_by"
    )
    if year:
        qs = qs.filter(date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("date")


# Vietnamese names, Monday first: the API's stable ``weekday`` value. Pages show them translated.
WEEKDAYS = [
    gettext_noop("Thứ Hai"),
    gettext_noop("Thứ Ba"),
    gettext_noop("Thứ Tư"),
    gettext_noop("Thứ Năm"),
    gettext_noop("Thứ Sáu"),
    gettext_noop("Thứ Bảy"),
    gettext_noop("Chủ nhật"),
]
WEEKDAYS_SHORT = [
    pgettext_lazy("weekday abbreviation", "T2"),
    pgettext_lazy("weekday abbreviation", "T3"),
    pgettext_lazy("weekday abbreviation", "T4"),
    pgettext_lazy("weekday abbreviation", "T5"),
    pgettext_lazy("weekday abbreviation", "T6"),
    pgettext_lazy("weekday abbreviation", "T7"),
    pgettext_lazy("weekday abbreviation", "CN"),
]


def year_calendar(year, province=None):
    """Months of ``year`` as weeks of days, with the named days off and make-up days of each month."""
    cal = current_calendar(province)
    documents = {o.date: o for o in list_overrides(None, year=year, province=province)}
    grid = month_grid.Calendar(firstweekday=0)
    sessions = cal.sessions_for(datetime.date(year, 12, 31))
    weekday_names = [gettext(name) for name in WEEKDAYS]
    months, working_days, weekday_days_off = [], 0, 0
    for month in range(1, 13):
        weeks, events = [], []
        for week in grid.monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                info = cal.day_info(day)
                working_days += info.is_working_day
                weekday_days_off += info.kind in (deadlines.HOLIDAY, deadlines.DAY_OFF) and day.weekday() < 5
                override = documents.get(day)
                cell = {
                    "info": info,
                    "weekday": weekday_names[day.weekday()],
                    # Names typed into an override are data; statutory ones are ours to translate.
                    "name": info.name if override else statutory.label(info.name),
                    "override": override,
                }
                row.append(cell)
                if info.name:
                    events.append(cell)
            weeks.append(row)
        months.append({"number": month, "weeks": weeks, "events": events})
    return {
        "year": year,
        "months": months,
        "working_days": working_days,
        "weekday_days_off": weekday_days_off,
        "weekdays": list(zip(WEEKDAYS_SHORT, weekday_names, strict=True)),
        "hours": [(_clock(a), _clock(b)) for a, b in sessions.spans],
        "cutoff": _clock(sessions.cutoff),
    }


def _clock(seconds):
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def compute_due(start, duration, unit, procedure=None, cutoff=None, pauses=(), province=None):
    """The due instant and how it was reached; the cut-off comes from the request, else the procedure,
    else the calendar."""
    calendar = current_calendar(province)
    source = "request"
    if cutoff is None and procedure:
        cutoff, source = cutoff_for_procedure(procedure), "procedure"
    if cutoff is None:
        source = "calendar"
    due = calendar.due_at(start, duration, unit, cutoff, pauses)
    local_start = start.astimezone(deadlines.TZ)
    return {
        "start": local_start,
        "received_at": calendar.deemed_receipt(start, cutoff),
        "due": due,
        "due_date": due.date(),
        "duration": duration,
        "unit": unit,
        "cutoff": calendar.sessions_for(local_start.date()).cutoff_time if cutoff is None else cutoff,
        "cutoff_source": source,
        "procedure": procedure,
        "province_code": province_code(province),
    }


def cutoff_for_procedure(code):
    """The cut-off hour of procedure ``code`` from the catalogue, or None (unknown code, default hour,
    or no catalogue). Never raises: the calendar's cut-off applies instead."""
    if not code:
        return None
    try:
        from lienthong.catalog.selectors import cutoff_for_procedure as catalog_cutoff
    except ImportError:
        return None
    try:
        with transaction.atomic():  # a failing query must not break the caller's transaction
            value = catalog_cutoff(code)
    except Exception:  # another app, still evolving: its failure must not break deadlines
        return None
    return value if isinstance(value, datetime.time) else None
