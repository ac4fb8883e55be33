"""What each printed form shows (regulations.md §3.2), read from a dossier and its history.

Every builder returns the template context of one form, or raises ``FormNotApplicable`` (409) when
the dossier has nothing to print on that form yet (an apology before any apology, …).
"""

from decimal import Decimal

import segno
from django.conf import settings
from django.utils.translation import gettext as _

from lienthong.catalog.models.choices import TimeUnit
from lienthong.core.api.errors import Conflict
from lienthong.directory.models import AgencyKind
from lienthong.dossiers.models import Channel, CopyType, DeliveryMethod, State, Timeliness
from lienthong.dossiers.printing import formatting as fmt
from lienthong.dossiers.printing.book import book_line

DESK_NAME = "Bộ phận Tiếp nhận và Trả kết quả"
NATIONAL_PORTAL = "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)"


class FormNotApplicable(Conflict):
    code = "form_not_applicable"


def _not_applicable(message):
    return FormNotApplicable(message, code="form_not_applicable")


def _events(dossier, *actions):
    return [e for e in dossier.events.all() if e.action in actions]


def _last_event(dossier, actions, message):
    found = _events(dossier, *actions)
    if not found:
        raise _not_applicable(message)
    return found[-1]


def _name(user):
    return user.display_name if user is not None else ""


def _time_limit(version):
    if version.time_unit == TimeUnit.WITHIN_DAY:
        return "Trong ngày"
    value = Decimal(version.time_value).normalize()
    text = f"{value:f}".replace(".", ",")
    return f"{text} {TimeUnit(version.time_unit).label}" if version.time_unit in TimeUnit.values else text


def components(dossier):
    """The components handed in: ids (older rows) or ``{"id", "copy_type", "count"}`` dicts."""
    catalog = {c.pk: c for c in dossier.procedure_version.components.all()}
    rows = []
    for entry in dossier.components or []:
        if isinstance(entry, dict):
            pk, copy_type, number = entry.get("id"), entry.get("copy_type"), entry.get("count") or 1
        else:
            pk, copy_type, number = entry, None, None
        component = catalog.get(_int(pk))
        if component is None:
            continue
        if copy_type in CopyType.values:
            kind = CopyType(copy_type).label
        else:
            kind = CopyType.ORIGINAL.label if component.originals else CopyType.COPY.label
        if number is None:
            number = (component.originals + component.copies) or 1
        rows.append({"name": component.name, "copy_type": kind, "count": fmt.count(number)})
    return rows


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def lookup_url(code):
    return settings.PUBLIC_LOOKUP_URL.format(code=code)


def qr_svg(url):
    """The QR code of ``url`` as inline SVG (vector: sharp at any print resolution)."""
    return segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#000")


def _collect(dossier):
    method = dossier.delivery_method or (dossier.eform_data or {}).get("delivery_method")
    if not method:
        method = {Channel.POST: DeliveryMethod.POST, Channel.ONLINE: DeliveryMethod.ELECTRONIC}.get(
            dossier.channel, DeliveryMethod.COUNTER
        )
    agency = dossier.receiving_agency
    if method == DeliveryMethod.POST:
        return f"Qua dịch vụ bưu chính công ích, tại địa chỉ: {dossier.applicant_address}"
    if method == DeliveryMethod.ELECTRONIC:
        return f"Trực tuyến, trên {NATIONAL_PORTAL} hoặc Cổng dịch vụ công của tỉnh"
    return ", ".join(part for part in (desk_name(agency), agency.address) if part)


def desk_name(agency):
    """A provincial service centre is the desk itself; elsewhere the desk belongs to the agency."""
    if agency.kind == AgencyKind.SERVICE_CENTRE:
        return agency.name
    return f"{DESK_NAME} – {agency.name}"


def _fees(dossier):
    """The fees at receipt with their status, when the dossier has any (payments app)."""
    from lienthong.payments.models import ChargeStatus

    charges = [c for c in dossier.charges.all() if not c.obligation and c.status != ChargeStatus.CANCELLED]
    return [
        {"description": c.description, "amount": fmt.money(c.amount), "status": ChargeStatus(c.status).label}
        for c in charges
    ]


def common(spec, numbering, dossier, issuer, desk, at):
    """What every per-dossier form has: number, header, applicant, procedure, code."""
    top, unit = fmt.header_lines(issuer, desk)
    version = dossier.procedure_version
    return {
        "spec": spec,
        "title": spec.title_in(numbering),
        "form_number": f"Mẫu số {spec.number(numbering)}" if spec.number(numbering) else "",
        "dossier": dossier,
        "code": dossier.code or "",
        "header_top": top,
        "header_unit": unit,
        "place_date": f"{fmt.place(issuer)}, {fmt.long_date(at)}",
        "issuer": issuer,
        "desk_agency": dossier.receiving_agency,
        "desk_name": desk_name(dossier.receiving_agency),
        "procedure": version.name,
        "procedure_code": version.procedure.code,
        "applicant": {
            "name": dossier.applicant_name,
            "address": dossier.applicant_address,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
            "id_number": dossier.applicant_id_number,
        },
        "received_at": fmt.minute(dossier.received_at),
        "received_day": fmt.day(dossier.received_at),
        "online": dossier.channel == Channel.ONLINE,
    }


def receipt(spec, numbering, dossier):
    if not dossier.code or not dossier.received_at:
        raise _not_applicable(_("Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận và hẹn trả kết quả."))
    accepted = _events(dossier, "accept")
    resupplied = _events(dossier, "receive_supplement")
    appointment = dossier.first_appointment_at or dossier.appointment_at
    if resupplied:
        appointment = fmt.as_datetime(resupplied[-1].data.get("appointment_at")) or appointment
    year, line = book_line(dossier)
    url = lookup_url(dossier.code)
    return {
        **common(spec, numbering, dossier, dossier.receiving_agency, True, dossier.received_at),
        "copies": (
            "Liên 1: Lưu cùng Phiếu kiểm soát quá trình giải quyết hồ sơ",
            "Liên 2: Giao người nộp hồ sơ",
        ),
        "components": components(dossier),
        "sets": fmt.count(dossier.sets or 1),
        "time_limit": _time_limit(dossier.procedure_version),
        "appointment": fmt.minute(appointment),
        "collect": _collect(dossier),
        "book_year": year,
        "book_line": line,
        "fees": _fees(dossier),
        "lookup_url": url,
        "qr_svg": qr_svg(url),
        "officer": _name(accepted[-1].actor) if accepted else "",
    }


def supplement_request(spec, numbering, dossier):
    event = _last_event(dossier, ("request_supplement",), _("Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nào."))
    agency = dossier.receiving_agency
    return {
        **common(spec, numbering, dossier, agency, True, event.at),
        "items": [str(i) for i in (event.data or {}).get("items", [])],
        "reason": event.note,
        "officer": _name(event.actor),
        "contact_phone": agency.phone,
        "published_at": f"{NATIONAL_PORTAL}; Cổng dịch vụ công và {DESK_NAME} – {agency.name}",
    }


def refusal(spec, numbering, dossier):
    event = _last_event(
        dossier,
        ("refuse_at_receipt", "refuse"),
        _("Hồ sơ không bị từ chối tiếp nhận hoặc từ chối giải quyết."),
    )
    at_receipt = event.action == "refuse_at_receipt"
    return {
        **common(spec, numbering, dossier, dossier.receiving_agency, True, event.at),
        "at_receipt": at_receipt,
        "deciding_agency": dossier.receiving_agency if at_receipt else _agency_at(dossier, event.at),
        "reasons": event.note or dossier.outcome_note,
        "officer": _name(event.actor),
    }


def _agency_at(dossier, at):
    """The agency whose step was open at ``at`` (the one at fault for an apology, or refusing)."""
    for step in sorted(dossier.steps.all(), key=lambda s: s.id, reverse=True):
        if step.started_at <= at and (step.finished_at is None or step.finished_at >= at):
            return step.agency
    return dossier.handling_agency


def apology(spec, numbering, dossier):
    event = _last_event(dossier, ("apologise",), _("Hồ sơ chưa có văn bản xin lỗi, hẹn lại nào."))
    agency = _agency_at(dossier, event.at)
    data = event.data or {}
    return {
        **common(spec, numbering, dossier, agency, False, event.at),
        "agency_name": agency.name,
        "old_appointment": fmt.minute(fmt.as_datetime(data.get("old"))),
        "new_appointment": fmt.minute(fmt.as_datetime(data.get("new"))),
        "reason": event.note,
        "signer": _name(event.actor),
        "extension": numbering == "2025",
    }


def stop_notice(spec, numbering, dossier):
    event = _last_event(dossier, ("stop",), _("Hồ sơ không bị dừng giải quyết."))
    return {
        **common(spec, numbering, dossier, dossier.receiving_agency, True, event.at),
        "reason": event.note or dossier.outcome_note,
        "effective": fmt.long_date(event.at),
        "effective_time": fmt.minute(event.at),
        "officer": _name(event.actor),
    }


def control_slip(spec, numbering, dossier):
    if not dossier.code:
        raise _not_applicable(_("Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát."))
    steps = sorted(dossier.steps.all(), key=lambda s: s.id)
    rows, giver = [], ("Người nộp hồ sơ", dossier.applicant_name)
    for number, step in enumerate(steps, start=1):
        same = step.agency_id == dossier.receiving_agency_id
        unit = step.name if same else f"{step.name} – {step.agency.name}"
        rows.append(
            {
                "number": number,
                "from_unit": giver[0],
                "from_person": giver[1],
                "unit": unit,
                "person": _name(step.assignee),
                "received": fmt.short(step.started_at),
                "deadline": fmt.short(step.deadline),
                "handed_over": fmt.short(step.finished_at),
                "result": Timeliness(step.result).label if step.result in Timeliness.values else "",
            }
        )
        giver = (unit, _name(step.assignee))
    lead = dossier.procedure_version.competent_agency or next(
        (s.agency for s in reversed(steps) if s.agency_id != dossier.receiving_agency_id),
        dossier.handling_agency,
    )
    cooperating = []
    for step in steps:
        if step.agency_id not in (lead.pk, dossier.receiving_agency_id) and step.agency not in cooperating:
            cooperating.append(step.agency)
    returned = None
    if dossier.returned_at:
        returned = {"at": fmt.short(dossier.returned_at), "to": dossier.result_received_by}
    return {
        **common(spec, numbering, dossier, dossier.receiving_agency, True, dossier.received_at),
        "lead": lead,
        "cooperating": ", ".join(a.name for a in cooperating),
        "rows": rows,
        "returned": returned,
        "appointment": fmt.minute(dossier.appointment_at),
        "state": State(dossier.state).label,
        "timeliness": Timeliness(dossier.timeliness).label if dossier.timeliness else "",
    }


BUILDERS = {
    "receipt": receipt,
    "supplement_request": supplement_request,
    "refusal": refusal,
    "apology": apology,
    "stop_notice": stop_notice,
    "control_slip": control_slip,
}
