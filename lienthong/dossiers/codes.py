"""Dossier codes (regulations.md §4.1): ``<agency code>-<YYMMDD>-<NNNN>``, gap-free per agency and day.

The sequence comes from a ``DailyCounter`` row locked inside the acceptance transaction, never from
counting rows: a rolled-back acceptance gives its number back. The scheme is pluggable because
Circular 03/2025 may change the shape; pass another scheme object to ``services.receive``.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lienthong.core.api.errors import Conflict
from lienthong.dossiers.models import DailyCounter
from lienthong.workdays.deadlines import TZ


def _locked_counter(agency, day):
    # Usually the day's row exists already: lock it at once (one statement instead of four).
    counter = DailyCounter.objects.select_for_update().filter(agency=agency, day=day).first()
    if counter is not None:
        return counter
    for _attempt in range(3):
        try:
            with transaction.atomic():
                DailyCounter.objects.get_or_create(agency=agency, day=day)
            break
        except IntegrityError:
            continue  # another receipt created the row first; lock it below
    return DailyCounter.objects.select_for_update().get(agency=agency, day=day)


class AgencyDailyCodeScheme:
    """``000.17.22.H56-210531-0001``: QCVN 102 agency code, reception date, daily sequence."""

    name = "agency-daily-v1"
    digits = 4

    def next_code(self, agency, received_at):
        """Issue the next code; must run inside the acceptance transaction."""
        if not agency.code:
            raise Conflict(
                _("Cơ quan tiếp nhận chưa có mã định danh (QCVN 102)."), code="agency_without_code"
            )
        day = received_at.astimezone(TZ).date()
        counter = _locked_counter(agency, day)
        if counter.last_value >= 10**self.digits - 1:
            raise Conflict(_("Đã hết số thứ tự hồ sơ trong ngày."), code="daily_sequence_exhausted")
        counter.last_value += 1
        counter.save(update_fields=["last_value"])
        return f"{agency.code}-{day:%y%m%d}-{counter.last_value:0{self.digits}d}"


DEFAULT_SCHEME = AgencyDailyCodeScheme()
