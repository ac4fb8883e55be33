"""The dossier page: header, applicant, components and files, control slip, timeline, charges,
rating, printable forms and a form for every action the officer may take now."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from lienthong.dossiers import selectors
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.forms import ACTION_FORMS, COLOURS
from lienthong.dossiers.models import CopyType, DeliveryMethod, State, Timeliness
from lienthong.dossiers.services.receipt import submitted_components
from lienthong.dossiers.views.common import dossier_or_404, officer_required

# Printable forms (helper D's dossiers:print) and when each applies to a dossier.
PRINTS = (
    ("receipt", gettext_lazy("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"), lambda d: bool(d.code)),
    (
        "supplement_request",
        gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        lambda d: d.supplement_count > 0,
    ),
    (
        "refusal",
        gettext_lazy("Phiếu từ chối giải quyết hồ sơ"),
        lambda d: d.state in (State.REFUSED, State.REFUSED_AT_RECEIPT),
    ),
    ("apology", gettext_lazy("Phiếu xin lỗi và hẹn lại ngày trả kết quả"), lambda d: d.apology_count > 0),
    ("stop_notice", gettext_lazy("Thông báo dừng giải quyết hồ sơ"), lambda d: d.state == State.STOPPED),
    ("control_slip", gettext_lazy("Phiếu kiểm soát quá trình giải quyết hồ sơ"), lambda d: bool(d.code)),
)


def _prints(dossier):
    links = []
    for form, label, applies in PRINTS:
        if not applies(dossier):
            continue
        try:
            links.append((label, reverse("dossiers:print", args=[dossier.code, form])))
        except NoReverseMatch:
            return []  # the printing pages are not installed
    return links


def _when(value):
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _describe(event, users):
    """What an event's data says, as (label, value) pairs for people."""
    data, facts = event.data or {}, []
    if data.get("items"):
        facts.append((_("Giấy tờ cần bổ sung"), "; ".join(str(i) for i in data["items"])))
    if data.get("old"):
        facts.append((_("Ngày hẹn cũ"), _when(data["old"])))
    if data.get("new"):
        facts.append((_("Ngày hẹn mới"), _when(data["new"])))
    if data.get("appointment_at"):
        facts.append((_("Ngày hẹn trả"), _when(data["appointment_at"])))
    if data.get("assignee") in users:
        facts.append((_("Người được giao"), users[data["assignee"]].display_name))
    if data.get("agency"):
        facts.append((_("Cơ quan nhận"), data["agency"]))
    if data.get("delivery_method") in DeliveryMethod.values:
        facts.append((_("Hình thức trả"), DeliveryMethod(data["delivery_method"]).label))
    if data.get("received_by"):
        facts.append((_("Người nhận"), data["received_by"]))
    if data.get("timeliness") in Timeliness.values:
        facts.append((_("Kết quả"), Timeliness(data["timeliness"]).label))
    return facts


def _timeline(dossier):
    events = list(dossier.events.all())
    ids = {e.data.get("assignee") for e in events if isinstance(e.data, dict)} - {None}
    users = (
        {u.pk: u for u in get_user_model().objects.filter(pk__in=ids).select_related("official")}
        if ids
        else {}
    )
    return [
        {
            "event": e,
            "label": tr.action_label(e.action),
            "state": State(e.to_state).label if e.to_state in State.values else e.to_state,
            "facts": _describe(e, users),
        }
        for e in events
    ]


def _components(dossier, files):
    received = {e["id"]: e for e in submitted_components(dossier)}
    by_component = {}
    for f in files:
        by_component.setdefault(f.component_id, []).append(f)
    parts = dossier.procedure_version.components.order_by("position", "id")
    rows = []
    for c in parts:
        entry = received.get(c.pk)
        copy = CopyType(entry["copy_type"]).label if entry and entry["copy_type"] in CopyType.values else ""
        rows.append(
            {
                "component": c,
                "received": entry is not None,
                "copy_type": copy,
                "count": entry["count"] if entry else 0,
                "files": by_component.pop(c.pk, []),
            }
        )
    others = [f for group in by_component.values() for f in group]
    return rows, others


def _extras(dossier):
    charges = list(dossier.charges.all()) if apps.is_installed("lienthong.payments") else []
    try:
        rating = dossier.rating
    except ObjectDoesNotExist:
        rating = None
    return charges, rating


def action_forms(user, dossier):
    """An unbound form for every action the user may take on the dossier now."""
    return [
        form(dossier=dossier, user=user, initial={"expected_version": dossier.version})
        for form in ACTION_FORMS.values()
        if form.possible(dossier) and form.offered(user, dossier)
    ]


@officer_required
@require_GET
def detail(request, code):
    dossier = dossier_or_404(request.user, code)
    now = timezone.now()
    files = list(selectors.current_files(dossier))
    components, other_files = _components(dossier, files)
    charges, rating = _extras(dossier)
    colour = selectors.deadline_colour(dossier, now)
    context = {
        "dossier": dossier,
        "colour": colour,
        "colour_label": COLOURS.get(colour, ""),
        "components": components,
        "other_files": other_files,
        "steps": list(dossier.steps.all()),
        "timeline": _timeline(dossier),
        "charges": charges,
        "rating": rating,
        "prints": _prints(dossier),
        "forms": action_forms(request.user, dossier),
    }
    return render(request, "dossiers/detail.html", context)


@officer_required
@require_GET
def file_download(request, code, file_id):
    found = selectors.dossier_file(request.user, code, file_id)
    if found is None:
        raise Http404(_("Không tìm thấy tệp."))
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
