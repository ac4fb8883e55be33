"""How catalogue values read in Vietnamese: durations, amounts in VND, levels."""

from decimal import Decimal

from django.utils.translation import gettext as _

from lienthong.catalog.models import Level, TimeUnit


def number(value):
    """``Decimal('0.500')`` → ``"0,5"``; ``Decimal('3.000')`` → ``"3"`` (Vietnamese decimal comma)."""
    if value is None:
        return ""
    value = Decimal(value)
    text = format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
    return text.replace(".", ",")


def duration(value, unit):
    if unit == TimeUnit.WITHIN_DAY:
        return _("Trong ngày")
    return f"{number(value)} {TimeUnit(unit).label}"


def vnd(amount):
    """``8000`` → ``"8.000 đồng"``."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " " + _("đồng")


def levels(version):
    return ", ".join(str(Level(level).label) for level in version.levels)
