"""The work queues (mine, my unit, my agency) with filters, keyset pages and an Excel export."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lienthong.core import excel
from lienthong.dossiers import selectors
from lienthong.dossiers.forms import COLOURS, QUEUES, QueueFilterForm
from lienthong.dossiers.views.common import officer_required
from lienthong.dossiers.views.counter import desk_agencies
from lienthong.dossiers.views.paging import keyset_page
from lienthong.workdays.deadlines import TZ

PAGE_SIZE = 50
EXPORT_MAX = 10000
_SELECTORS = {"mine": selectors.my_queue, "unit": selectors.unit_queue, "agency": selectors.agency_queue}


def filtered(user, filters, now):
    """The chosen queue narrowed by the filters (procedure, state, deadline colour, text)."""
    rows = _SELECTORS[filters["queue"] or "mine"](user)
    if filters["procedure"]:
        rows = rows.filter(procedure_version__procedure_id=filters["procedure"])
    if filters["state"]:
        rows = rows.filter(state=filters["state"])
    rows = selectors.with_deadline(rows, filters["deadline"], now)
    return selectors.queue_rows(selectors.search(rows, filters["q"]))


def _decorate(rows, now):
    limit = selectors.due_soon_limit(now)
    for row in rows:
        row.colour = selectors.deadline_colour(row, now, limit)
        row.colour_label = COLOURS.get(row.colour, "")
        row.open_step = row.open_steps[0] if row.open_steps else None
    return rows


@officer_required
@require_GET
def queue(request):
    form = QueueFilterForm(request.GET)
    filters = form.filters()
    filters["queue"] = filters["queue"] or "mine"
    now = timezone.now()
    rows = filtered(request.user, filters, now)
    if request.GET.get("export") == "xlsx":
        return _export(rows, now)
    page = keyset_page(rows, request.GET.get("sau", ""), request.GET.get("truoc", ""), PAGE_SIZE)
    context = {
        "form": form,
        "tabs": [(key, label, key == filters["queue"]) for key, label in QUEUES.items()],
        "current_queue": filters["queue"],
        "page": page,
        "rows": _decorate(page.rows, now),
        "filtered": any(filters[k] for k in ("q", "procedure", "state", "deadline")),
        "at_desk": bool(desk_agencies(request.user)),
        "leads": bool(selectors.dashboard_scopes(request.user)),
    }
    return render(request, "dossiers/queue.html", context)


def _local(value):
    return value.astimezone(TZ).strftime("%d/%m/%Y %H:%M") if value else ""


def _export(rows, now):
    headers = [
        _("Mã hồ sơ"),
        _("Người nộp"),
        _("Mã thủ tục"),
        _("Thủ tục"),
        _("Tiếp nhận lúc"),
        _("Hẹn trả"),
        _("Thời hạn"),
        _("Trạng thái"),
        _("Bước đang xử lý"),
        _("Người đang xử lý"),
    ]
    data = []
    for row in _decorate(list(rows.order_by("appointment_at", "pk")[:EXPORT_MAX]), now):
        data.append(
            [
                row.code or "",
                row.applicant_name,
                row.procedure_version.procedure.code,
                row.procedure_version.name,
                _local(row.received_at),
                _local(row.appointment_at),
                str(row.colour_label),
                row.get_state_display(),
                row.open_step.name if row.open_step else "",
                row.assignee.display_name if row.assignee_id else "",
            ]
        )
    return excel.workbook_response("ho-so-mot-cua.xlsx", _("Hồ sơ"), headers, data)
