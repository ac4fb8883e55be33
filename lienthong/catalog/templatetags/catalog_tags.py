import datetime

from django import template

from lienthong.catalog import display
from lienthong.catalog.models import Action

register = template.Library()


@register.filter
def duration(version):
    """``{{ version|duration }}`` → "3 ngày làm việc", "Trong ngày"."""
    return display.duration(version.time_value, version.time_unit)


@register.filter
def decimal_vi(value):
    """``0.500`` → "0,5"."""
    return display.number(value)


@register.filter
def vnd(amount):
    return display.vnd(amount)


@register.filter
def levels(version):
    return display.levels(version)


@register.filter
def action_labels(actions):
    """``["receive", "transfer"]`` → "Tiếp nhận hồ sơ, Chuyển hồ sơ"."""
    return ", ".join(str(Action(a).label) if a in Action.values else a for a in actions or [])


@register.filter
def iso_date(value):
    """``"2014-11-20"`` → "20/11/2014"."""
    try:
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return value
