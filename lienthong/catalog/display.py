"""How catalogue values read in Vietnamese: durations, amounts in VND, levels."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lienthong.catalog.models import Level, TimeUnit


def number(value):
    """``Decimal('0.500')`` → ``"0,5"``; ``Decimal('3.000')`` → ``"3"`` (Vietnamese decimal comma)."""
    if value is None:
        return ""
    value = Decimal(value)
    text = format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
    return text.replace(".", ",")


def _plural_count(value):
    """The count that picks the plural form: whole numbers as they are, fractions as plural (0,5 days)."""
    if value is None:
        return 0
    value = Decimal(value)
    return int(value) if value == value.to_integral() else 2


def time_amount(value, unit):
    """``(3, "working_days")`` → ``"3 ngày làm việc"``; parts of a "within the day" limit are days."""
    unit, values = TimeUnit(unit), {"n": number(value)}
    count = _plural_count(value)
    # Vietnamese nouns do not inflect: both forms are the same, English needs two.
    if unit == TimeUnit.WORKING_DAYS:
        return ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", count) % values
    if unit == TimeUnit.WORKING_HOURS:
        return ngettext("%(n)s giờ làm việc", "%(n)s giờ làm việc", count) % values
    return ngettext("%(n)s ngày", "%(n)s ngày", count) % values


def duration(value, unit):
    if unit == TimeUnit.WITHIN_DAY:
        return _("Trong ngày")
    return time_amount(value, unit)


def vnd(amount):
    """``8000`` → ``"8.000 đồng"``."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " " + _("đồng")


def levels(version):
    return ", ".join(str(Level(level).label) for level in version.levels)
