"""Statutory days off from the ``holidays`` package (Vietnam, Vietnamese lunar calendar), no database.

Labour Code 2019 (45/2019/QH14) Art. 112 lists the holidays; Art. 111(3) gives a compensatory day
off on the next working day when a holiday falls on the weekly rest. The package already applies
that rule; ``add_missing_compensation`` is a safety net for any single-day holiday it leaves out.
Tết is a block the Government fixes yearly, so it is left to the package and the override table.

Names stay Vietnamese here (the package's names are matched, results are cached, the API returns
them as they are); ``label`` gives our own names in the active language for pages.
"""

import datetime
import re
from functools import lru_cache

import holidays
from django.utils.translation import gettext, gettext_noop

FIRST_YEAR = 2000
LAST_YEAR = 2100
COMPENSATION_SUFFIX = " (nghỉ bù)"
CULTURE_DAY = gettext_noop("Ngày Văn hóa Việt Nam")
CULTURE_DAY_FROM = 2026  # Resolution 80-NQ/TW; the legal instrument for civil servants is unconfirmed.
# Single-day holidays (Art. 112) whose weekend dates earn one compensatory day each.
SINGLE_DAY_HOLIDAYS = frozenset(
    {
        gettext_noop("Tết Dương lịch"),
        gettext_noop("Ngày Giỗ Tổ Hùng Vương"),
        gettext_noop("Ngày Chiến thắng"),
        gettext_noop("Ngày Quốc tế Lao động"),
        gettext_noop("Quốc khánh"),
        CULTURE_DAY,
    }
)
MAKE_UP_NAME = gettext_noop("Ngày làm việc bù cho ngày nghỉ %(date)s")
_MAKE_UP = re.compile(re.escape(MAKE_UP_NAME).replace(re.escape("%(date)s"), r"(\d\d/\d\d/\d{4})"))


def _is_weekend(day):
    return day.weekday() >= 5


def add_missing_compensation(days_off):
    """Return ``days_off`` ({date: name}) plus the Art. 111 compensatory days the source left out."""
    result = dict(days_off)
    for day, name in sorted(days_off.items()):
        if name not in SINGLE_DAY_HOLIDAYS or not _is_weekend(day):
            continue
        label = name + COMPENSATION_SUFFIX
        window = [day + datetime.timedelta(days=n) for n in range(1, 8)]
        if any(result.get(other) == label for other in window):
            continue
        nxt = day + datetime.timedelta(days=1)
        while _is_weekend(nxt) or nxt in result:
            nxt += datetime.timedelta(days=1)
        result[nxt] = label
    return result


def _package_days(first_year, last_year):
    source = holidays.country_holidays("VN", years=range(first_year, last_year + 1), language="vi")
    days = {}
    for day, name in source.items():
        # A date may carry two names ("A; B"); keep the first. Drop the package's "(dự kiến)" marker.
        first = name.split("; ")[0]
        days[day] = first.replace(" (nghỉ bù, dự kiến)", COMPENSATION_SUFFIX).replace(" (dự kiến)", "")
    return days


def _with_culture_day(days, observe, first_year, last_year):
    days = {d: n for d, n in days.items() if not n.startswith(CULTURE_DAY)}
    if observe:
        for year in range(max(first_year, CULTURE_DAY_FROM), last_year + 1):
            days.setdefault(datetime.date(year, 11, 24), CULTURE_DAY)
    return days


@lru_cache(maxsize=4)
def statutory_days_off(observe_culture_day=True, first_year=FIRST_YEAR, last_year=LAST_YEAR):
    """{date: Vietnamese name} of the statutory days off, compensatory days included.

    Deterministic for the pinned package version, so caching it per process is safe.
    ``observe_culture_day`` switches 24 November (from 2026) on or off.
    """
    days = _package_days(first_year, last_year)
    days = _with_culture_day(days, observe_culture_day, first_year, last_year)
    return add_missing_compensation(days)


def _substitutions():
    """The package's table of Government day swaps: {day off: worked Saturday}."""
    try:
        from holidays.countries.vietnam import VietnamStaticHolidays

        table = VietnamStaticHolidays.special_public_holidays
    except (ImportError, AttributeError):
        return {}
    swaps = {}
    for year, entries in table.items():
        if entries and not isinstance(entries[0], tuple):
            entries = (entries,)
        for entry in entries:
            month, day, from_month, from_day, *rest = entry
            from_year = rest[0] if rest else year
            swaps[datetime.date(year, month, day)] = datetime.date(from_year, from_month, from_day)
    return swaps


@lru_cache(maxsize=1)
def statutory_make_up_days():
    """{worked Saturday: name} for the day swaps the package knows (e.g. Sat 4 May 2024)."""
    return {
        worked: MAKE_UP_NAME % {"date": f"{off:%d/%m/%Y}"}
        for off, worked in _substitutions().items()
        if FIRST_YEAR <= worked.year <= LAST_YEAR
    }


def label(name):
    """A statutory day's name in the active language. Only our own names are translated: the
    package's other names (Tết Nguyên Đán, …) are its data and stay as they are."""
    if name.endswith(COMPENSATION_SUFFIX):
        return gettext("%(name)s (nghỉ bù)") % {"name": label(name.removesuffix(COMPENSATION_SUFFIX))}
    match = _MAKE_UP.fullmatch(name)
    if match:
        return gettext(MAKE_UP_NAME) % {"date": match[1]}
    return gettext(name) if name in SINGLE_DAY_HOLIDAYS else name
