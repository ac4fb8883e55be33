"""Keyset pages of a work queue, in appointment order: no COUNT(*) and no OFFSET, so a page costs
the same at the end of a long queue as at the start. Links carry the (appointment, id) of the
last row (``sau``) or the first row (``truoc``) of the page being left."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q

_NULL = "-"


@dataclass
class Page:
    rows: list
    next_cursor: str = ""
    previous_cursor: str = ""
    is_first: bool = True


def cursor_of(row):
    at = row.appointment_at.isoformat() if row.appointment_at else _NULL
    return f"{at}_{row.pk}"


def parse(value):
    """``(appointment or None, id)`` from a cursor; ``None`` when it is not one of ours."""
    at, sep, pk = (value or "").rpartition("_")
    if not sep or not pk.isdigit():
        return None
    if at == _NULL:
        return None, int(pk)
    try:
        parsed = datetime.datetime.fromisoformat(at)
    except ValueError:
        return None
    return (parsed, int(pk)) if parsed.tzinfo else None


def _after(at, pk):
    if at is None:  # nulls come last
        return Q(appointment_at__isnull=True, pk__gt=pk)
    return Q(appointment_at__gt=at) | Q(appointment_at=at, pk__gt=pk) | Q(appointment_at__isnull=True)


def _before(at, pk):
    if at is None:
        return Q(appointment_at__isnull=False) | Q(appointment_at__isnull=True, pk__lt=pk)
    return Q(appointment_at__lt=at) | Q(appointment_at=at, pk__lt=pk)


def keyset_page(queryset, after="", before="", size=50):
    forward = F("appointment_at").asc(nulls_last=True), "pk"
    backward = F("appointment_at").desc(nulls_first=True), "-pk"
    back = parse(before) if not after else None
    if back is not None:
        rows = list(queryset.filter(_before(*back)).order_by(*backward)[: size + 1])
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        return Page(
            rows,
            next_cursor=cursor_of(rows[-1]) if rows else "",
            previous_cursor=cursor_of(rows[0]) if rows and more_before else "",
            is_first=not more_before,
        )
    start = parse(after)
    if start is not None:
        queryset = queryset.filter(_after(*start))
    rows = list(queryset.order_by(*forward)[: size + 1])
    more_after = len(rows) > size
    rows = rows[:size]
    return Page(
        rows,
        next_cursor=cursor_of(rows[-1]) if rows and more_after else "",
        previous_cursor=cursor_of(rows[0]) if rows and start is not None else "",
        is_first=start is None,
    )
