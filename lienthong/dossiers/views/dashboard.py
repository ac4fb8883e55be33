"""The agency leader's dashboard: counts by state, this month's on-time rate, the late and due-soon lists."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from lienthong.dossiers import selectors
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.forms import COLOURS
from lienthong.dossiers.models import State

# The national dossier status codes (regulations.md §4.3).
NATIONAL_LABELS = {
    1: _lazy("Mới đăng ký"),
    2: _lazy("Được tiếp nhận"),
    3: _lazy("Không được tiếp nhận"),
    4: _lazy("Đang xử lý"),
    5: _lazy("Yêu cầu bổ sung giấy tờ"),
    6: _lazy("Yêu cầu thực hiện nghĩa vụ tài chính"),
    7: _lazy("Công dân yêu cầu rút hồ sơ"),
    8: _lazy("Dừng xử lý"),
    9: _lazy("Đã xử lý xong"),
    10: _lazy("Đã trả kết quả"),
}


def _state_rows(by_state):
    return [
        {"state": s, "label": s.label, "national": tr.NATIONAL_STATUS[s], "count": by_state.get(s.value, 0)}
        for s in State
    ]


def _national_rows(by_state):
    totals = dict.fromkeys(NATIONAL_LABELS, 0)
    for state, count in by_state.items():
        totals[tr.NATIONAL_STATUS[State(state)]] += count
    return [{"code": code, "label": NATIONAL_LABELS[code], "count": n} for code, n in totals.items()]


@login_required
@require_GET
def dashboard(request):
    scopes = selectors.dashboard_scopes(request.user)
    if not scopes:
        raise PermissionDenied(_("Bảng điều khiển dành cho lãnh đạo cơ quan, lãnh đạo phòng."))
    scope = next((s for s in scopes if s.key == request.GET.get("scope")), scopes[0])
    now = timezone.now()
    figures = selectors.dashboard_figures(scope, now)
    limit = selectors.due_soon_limit(now)
    for key in ("overdue", "due_soon", "finished_late"):
        for d in figures[key]:
            d.colour = selectors.deadline_colour(d, now, limit)
            d.colour_label = COLOURS.get(d.colour, "")
    return render(
        request,
        "dossiers/dashboard.html",
        {
            "scopes": scopes,
            "scope": scope,
            "now": now,
            "f": figures,
            "state_rows": _state_rows(figures["by_state"]),
            "national_rows": _national_rows(figures["by_state"]),
            "total": sum(figures["by_state"].values()),
        },
    )
