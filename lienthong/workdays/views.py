from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lienthong.accounts.permissions import is_province_admin
from lienthong.workdays import deadlines, selectors


def year_calendar(request, year=None):
    """A year's working calendar by month; public, like the holidays it shows."""
    year = year or timezone.localdate().year
    if not deadlines.FIRST_YEAR <= year <= deadlines.LAST_YEAR:
        raise Http404
    context = selectors.year_calendar(year)
    context["previous_year"] = year - 1 if year > deadlines.FIRST_YEAR else None
    context["next_year"] = year + 1 if year < deadlines.LAST_YEAR else None
    context["can_edit"] = is_province_admin(request.user)
    return render(request, "workdays/calendar.html", context)
