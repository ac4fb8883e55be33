"""Deadline arithmetic in working days and working hours. Pure Python: no database in the hot path.

A ``Calendar`` holds the days off of 2000–2100 as a frozenset and the working days as a sorted list
(built once from the statutory holidays and the province's overrides) plus the working sessions;
its methods only compute. The module-level functions use the installation's current calendar
(``lienthong.workdays.selectors.current_calendar``, cached and kept fresh across web nodes) unless
one is passed. Everything is in Asia/Ho_Chi_Minh, to the second.

Rules (regulations.md §7.2):

* Civil Code 2015 Arts. 144–148: the day of receipt is not counted; a limit in working days ends at
  the end of the N-th working day (end of the afternoon session) and never on a day off.
* A receipt after the cut-off hour (default 15:00), outside the sessions or on a day off is deemed
  received at the start of the next working day (next session on the same day before the cut-off).
* Hour mode: working hours elapse only inside the sessions of working days. Half a day is half the
  day's working hours (4 h with the default 07:30–11:30, 13:30–17:30), counted from the morning of
  the working day after the last whole day.
* Pauses (a supplement period, a suspension) do not count: the limit moves by the working time lost.
"""

import datetime
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_YEAR = 2000
LAST_YEAR = 2100
WORKING_DAYS = "working_days"
WORKING_HOURS = "working_hours"
UNITS = (WORKING_DAYS, WORKING_HOURS)
HOURS_PER_DAY = 8

# Kinds of day, as shown on the calendar page and in the API.
WORKING = "working"
WEEKEND = "weekend"
HOLIDAY = "holiday"  # statutory holiday or compensatory day (holidays package, Labour Code Arts. 111–112)
DAY_OFF = "day_off"  # extra day off from the province's override table
MAKE_UP = "make_up"  # make-up working day (làm bù), usually a Saturday
_OFF_KINDS = frozenset({WEEKEND, HOLIDAY, DAY_OFF})
_DAY = 86400
_HOUR = Decimal(3600)
_EPOCH = datetime.date(1970, 1, 1).toordinal()
# Vietnam has kept UTC+07:00 without daylight saving since 1975: local days are fixed-length, so
# instants convert with plain arithmetic (checked here against the time-zone database).
_OFFSET = 7 * 3600
if any(
    datetime.datetime(year, month, 1, tzinfo=TZ).utcoffset() != datetime.timedelta(seconds=_OFFSET)
    for year in (FIRST_YEAR, 2026, LAST_YEAR)
    for month in (1, 7)
):
    raise RuntimeError("Asia/Ho_Chi_Minh is no longer UTC+07:00: revisit deadlines._local and _instant.")


class DeadlineError(ValueError):
    """Bad input to the arithmetic; the message is in the active language and safe to show."""


def _years():
    return {"first": FIRST_YEAR, "last": LAST_YEAR}


def _day_out_of_range():
    return DeadlineError(_("Ngày nằm ngoài phạm vi của lịch (%(first)s–%(last)s).") % _years())


def _result_out_of_range():
    return DeadlineError(_("Kết quả vượt quá phạm vi của lịch (%(first)s–%(last)s).") % _years())


def _seconds(value):
    return value.hour * 3600 + value.minute * 60 + value.second


@dataclass(frozen=True)
class Sessions:
    """Working sessions of a day (seconds from midnight) and the cut-off hour, from ``valid_from`` on."""

    valid_from: datetime.date
    spans: tuple
    cutoff: int

    @classmethod
    def from_times(cls, valid_from, morning_start, morning_end, afternoon_start, afternoon_end, cutoff):
        spans = (
            (_seconds(morning_start), _seconds(morning_end)),
            (_seconds(afternoon_start), _seconds(afternoon_end)),
        )
        return cls(valid_from, spans, _seconds(cutoff))

    def __post_init__(self):
        # Read on every computation: stored once rather than derived each time.
        object.__setattr__(self, "start", self.spans[0][0])
        object.__setattr__(self, "end", self.spans[-1][1])
        object.__setattr__(self, "length", sum(b - a for a, b in self.spans))

    @property
    def cutoff_time(self):
        return datetime.time(self.cutoff // 3600, self.cutoff % 3600 // 60, self.cutoff % 60)


DEFAULT_SESSIONS = Sessions.from_times(
    datetime.date(FIRST_YEAR, 1, 1),
    datetime.time(7, 30),
    datetime.time(11, 30),
    datetime.time(13, 30),
    datetime.time(17, 30),
    datetime.time(15, 0),
)


@dataclass(frozen=True)
class DayInfo:
    date: datetime.date
    is_working_day: bool
    kind: str
    name: str


def _amount(value):
    if isinstance(value, bool):
        raise DeadlineError(_("Thời hạn phải là một số."))
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise DeadlineError(_("Thời hạn phải là một số.")) from None
    if not amount.is_finite() or amount < 0:
        raise DeadlineError(_("Thời hạn phải là một số không âm."))
    return amount


def _round(value):
    return int(value.to_integral_value(ROUND_HALF_UP))


class Calendar:
    """A province's working calendar for 2000–2100, immutable once built.

    ``holidays``: {date: name} of statutory days off; ``overrides``: {date: (kind, name)} with kind
    ``"day_off"`` or ``"working_day"`` (these win); ``make_up_days``: {date: name} of statutory
    make-up working days; ``sessions``: ``Sessions`` versions; ``token``: the revision it was built from.
    """

    def __init__(
        self, holidays=None, overrides=None, make_up_days=None, sessions=(DEFAULT_SESSIONS,), token=""
    ):
        self.token = token
        self.first_day = datetime.date(FIRST_YEAR, 1, 1)
        self.last_day = datetime.date(LAST_YEAR, 12, 31)
        self._lo, self._hi = self.first_day.toordinal(), self.last_day.toordinal()
        self.sessions = tuple(sorted(sessions or (DEFAULT_SESSIONS,), key=lambda s: s.valid_from))
        self._session_from = [s.valid_from.toordinal() for s in self.sessions]
        self._single = len(self.sessions) == 1
        self._s0 = self.sessions[0]
        holidays = {d.toordinal(): n for d, n in (holidays or {}).items()}
        make_up = {d.toordinal(): n for d, n in (make_up_days or {}).items()}
        overrides = {d.toordinal(): v for d, v in (overrides or {}).items()}
        special, working, off = {}, [], []
        for o in range(self._lo, self._hi + 1):
            kind, name = self._resolve(o, holidays, make_up, overrides)
            if kind != WORKING:
                special[o] = (kind, name)
            (off if kind in _OFF_KINDS else working).append(o)
        self._special = special
        self._working = working
        self._working_set = frozenset(working)
        self.days_off = frozenset(off)

    @staticmethod
    def _resolve(o, holidays, make_up, overrides):
        if o in overrides:
            kind, name = overrides[o]
            return (DAY_OFF if kind == "day_off" else MAKE_UP), name
        if o in holidays:
            return HOLIDAY, holidays[o]
        if o in make_up:
            return MAKE_UP, make_up[o]
        if (o - 1) % 7 >= 5:  # ordinal 1 (1 Jan 0001) was a Monday
            return WEEKEND, ""
        return WORKING, ""

    # Days

    def _check(self, o):
        if not self._lo <= o <= self._hi:
            raise _day_out_of_range()

    def is_working_day(self, day):
        o = day.toordinal()
        self._check(o)
        return o in self._working_set

    def day_info(self, day):
        o = day.toordinal()
        self._check(o)
        kind, name = self._special.get(o, (WORKING, ""))
        return DayInfo(day, o in self._working_set, kind, name)

    def _next_working(self, o):
        try:
            return self._working[bisect_right(self._working, o)]
        except IndexError:
            raise _result_out_of_range() from None

    def _nth_after(self, o, n):
        """The n-th working day (n ≥ 1) after day ``o``."""
        try:
            return self._working[bisect_right(self._working, o) + n - 1]
        except IndexError:
            raise _result_out_of_range() from None

    def next_working_day(self, day):
        """The first working day after ``day``."""
        self._check(day.toordinal())
        return datetime.date.fromordinal(self._next_working(day.toordinal()))

    def add_working_days(self, day, n):
        """The n-th working day after ``day`` (the day itself not counted); n = 0 gives ``day`` or the next working day."""
        o = day.toordinal()
        self._check(o)
        if n <= 0:
            return day if o in self._working_set else datetime.date.fromordinal(self._next_working(o))
        return datetime.date.fromordinal(self._nth_after(o, int(n)))

    def working_days_between(self, first, last):
        """Working days after ``first`` up to and including ``last`` (negative when ``last`` is earlier)."""
        a, b = first.toordinal(), last.toordinal()
        self._check(a)
        self._check(b)
        if b < a:
            return -self.working_days_between(last, first)
        return bisect_right(self._working, b) - bisect_right(self._working, a)

    def sessions_for(self, day):
        return self._sessions(day.toordinal())

    def _sessions(self, o):
        if self._single:
            return self._s0
        return self.sessions[max(bisect_right(self._session_from, o) - 1, 0)]

    # Instants: a position is (day ordinal, seconds from local midnight).

    def _local(self, instant):
        if not isinstance(instant, datetime.datetime) or instant.utcoffset() is None:
            raise DeadlineError(_("Thời điểm phải là ngày giờ có múi giờ."))
        # Round a fraction of a second up, so that a due instant is never before its start.
        o, s = divmod(math.ceil(instant.timestamp()) + _OFFSET, _DAY)
        o += _EPOCH
        self._check(o)
        return o, s

    @staticmethod
    def _instant(pos):
        o, s = pos
        return datetime.datetime.fromtimestamp((o - _EPOCH) * _DAY + s - _OFFSET, TZ)

    def _deemed(self, o, s, cutoff):
        if o in self._working_set:
            sessions = self._sessions(o)
            limit = min(sessions.cutoff if cutoff is None else cutoff, sessions.end)
            if s < limit:
                for a, b in sessions.spans:
                    if s < b:
                        return o, max(s, a)
        nxt = self._next_working(o)
        return nxt, self._sessions(nxt).start

    def deemed_receipt(self, start, cutoff=None):
        """When the clock starts for a receipt at ``start`` (cut-off, sessions and days off applied)."""
        o, s = self._local(start)
        return self._instant(self._deemed(o, s, None if cutoff is None else _seconds(cutoff)))

    def _add(self, pos, seconds):
        """The position after ``seconds`` working seconds from ``pos``; lands at a session's end when exact."""
        o, s = pos
        working = self._working
        while True:
            if o not in self._working_set:
                o, s = self._next_working(o), 0
            sessions = self._sessions(o)
            length = sessions.length
            if self._single and seconds > length and s <= sessions.start:
                skip = (seconds - 1) // length  # whole days, leaving (0, length] for the last one
                try:
                    o = working[bisect_left(working, o) + skip]
                except IndexError:
                    raise _result_out_of_range() from None
                seconds -= skip * length
            for a, b in sessions.spans:
                if s >= b:
                    continue
                s = max(s, a)
                if seconds <= b - s:
                    return o, s + seconds
                seconds -= b - s
                s = b
            o, s = self._next_working(o), 0

    def _overlap(self, o, x, y):
        if o not in self._working_set:
            return 0
        return sum(max(0, min(b, y) - max(a, x)) for a, b in self._sessions(o).spans)

    def _between(self, p, q):
        """Working seconds from position ``p`` to ``q`` (0 when q ≤ p)."""
        if q <= p:
            return 0
        (o1, s1), (o2, s2) = p, q
        if o1 == o2:
            return self._overlap(o1, s1, s2)
        total = self._overlap(o1, s1, _DAY) + self._overlap(o2, 0, s2)
        i, j = bisect_right(self._working, o1), bisect_left(self._working, o2)
        if j > i:
            if self._single:
                total += (j - i) * self._s0.length
            else:
                total += sum(self._sessions(self._working[k]).length for k in range(i, j))
        return total

    def _pauses(self, pauses):
        spans = []
        for pause in pauses:
            try:
                begin, end = pause
            except (TypeError, ValueError):
                raise DeadlineError(_("Mỗi khoảng tạm dừng phải có thời điểm bắt đầu và kết thúc.")) from None
            a, b = self._local(begin), self._local(end)
            if b < a:
                raise DeadlineError(_("Khoảng tạm dừng kết thúc trước khi bắt đầu."))
            if b > a:
                spans.append((a, b))
        spans.sort()
        merged = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged

    def _run(self, origin, seconds, pauses):
        """Elapse ``seconds`` of working time from ``origin``, the clock stopped during ``pauses``."""
        current = origin
        for begin, end in pauses:
            if end <= current:
                continue
            if begin > current:
                available = self._between(current, begin)
                if available >= seconds:
                    return self._add(current, seconds)
                seconds -= available
            current = max(current, end)
        return self._add(current, seconds)

    def _due_in_days(self, receipt, amount, pauses):
        whole = int(amount)
        fraction = amount - whole
        day = receipt[0]
        if whole == 0 and not fraction:
            origin, due = receipt, (day, self._sessions(day).end)  # "within the day" procedures
        else:
            first = self._nth_after(day, 1)
            origin = (first, self._sessions(first).start)
            if fraction:
                last = self._nth_after(day, whole + 1)
                sessions = self._sessions(last)
                due = self._add((last, sessions.start), _round(fraction * sessions.length))
            else:
                last = self._nth_after(day, whole)
                due = (last, self._sessions(last).end)
        if not pauses:
            return due
        return self._run(origin, self._between(origin, due), pauses)

    def due_at(self, start, amount, unit=WORKING_DAYS, cutoff=None, pauses=()):
        """The due instant for a receipt at ``start`` and a limit of ``amount`` working days or hours.

        ``cutoff`` (a ``datetime.time``) replaces the calendar's cut-off hour, e.g. per procedure;
        ``pauses`` is an iterable of (begin, end) aware datetimes during which the clock stops.
        """
        amount = _amount(amount)
        o, s = self._local(start)
        receipt = self._deemed(o, s, None if cutoff is None else _seconds(cutoff))
        spans = self._pauses(pauses) if pauses else ()
        if unit == WORKING_DAYS:
            return self._instant(self._due_in_days(receipt, amount, spans))
        if unit == WORKING_HOURS:
            return self._instant(self._run(receipt, _round(amount * _HOUR), spans))
        raise DeadlineError(_("Đơn vị thời hạn phải là ngày làm việc hoặc giờ làm việc."))

    def working_seconds_between(self, a, b, pauses=()):
        """Working seconds from ``a`` to ``b`` outside ``pauses`` (negative when ``b`` is earlier)."""
        p, q = self._local(a), self._local(b)
        if q < p:
            return -self.working_seconds_between(b, a, pauses)
        total = self._between(p, q)
        for begin, end in self._pauses(pauses) if pauses else ():
            total -= self._between(max(begin, p), min(end, q))
        return total

    def working_time_between(self, a, b, pauses=()):
        """Working hours (Decimal, 4 places) from ``a`` to ``b`` outside ``pauses``."""
        seconds = self.working_seconds_between(a, b, pauses)
        return (Decimal(seconds) / _HOUR).quantize(Decimal("0.0001"))


# The installation's calendar, for callers that do not hold one.


def _current(calendar):
    if calendar is not None:
        return calendar
    from lienthong.workdays.selectors import current_calendar

    return current_calendar()


def due_at(start, amount, unit=WORKING_DAYS, cutoff=None, pauses=(), calendar=None):
    return _current(calendar).due_at(start, amount, unit, cutoff, pauses)


def deemed_receipt(start, cutoff=None, calendar=None):
    return _current(calendar).deemed_receipt(start, cutoff)


def working_time_between(a, b, pauses=(), calendar=None):
    return _current(calendar).working_time_between(a, b, pauses)


def working_seconds_between(a, b, pauses=(), calendar=None):
    return _current(calendar).working_seconds_between(a, b, pauses)


def is_working_day(day, calendar=None):
    return _current(calendar).is_working_day(day)


def day_info(day, calendar=None):
    return _current(calendar).day_info(day)


def next_working_day(day, calendar=None):
    return _current(calendar).next_working_day(day)


def add_working_days(day, n, calendar=None):
    return _current(calendar).add_working_days(day, n)


def working_days_between(first, last, calendar=None):
    return _current(calendar).working_days_between(first, last)
