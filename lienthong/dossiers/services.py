"""Every change to a dossier: one transaction each, writing the change, a history row and an audit record.

The dossier row is locked (select_for_update) before the state is checked, so two officers acting at
once are serialised and the second one meets the new state (409). Passing ``expected_version``
refuses an action prepared on a stale copy.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import can_act_for_agency, require
from lienthong.accounts.roles import Role
from lienthong.catalog import selectors as catalog
from lienthong.catalog.models.choices import Requirement
from lienthong.core import audit
from lienthong.core.api.errors import Conflict
from lienthong.directory.validators import validate_citizen_id
from lienthong.dossiers import codes
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.deadlines import appointment_for, dossier_result, step_deadline, step_result
from lienthong.dossiers.models import (
    ApplicantKind,
    Channel,
    DeliveryMethod,
    Dossier,
    DossierEvent,
    DossierStep,
    State,
    Timeliness,
)
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import TZ

TAX_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$")
_AUDITED = ("state", "national_status", "handling_agency", "step_index", "assignee", "appointment_at")


# Receipt


def _clean_applicant(data):
    errors = {}
    kind = data.get("kind")
    name = (data.get("name") or "").strip()
    number = (data.get("id_number") or "").strip()
    if kind not in ApplicantKind.values:
        errors["applicant_kind"] = _("Chọn loại đối tượng: công dân hoặc tổ chức.")
    if not name:
        errors["applicant_name"] = _("Nhập tên người nộp hoặc tên tổ chức.")
    if kind == ApplicantKind.PERSON:
        try:
            validate_citizen_id(number)
        except ValidationError as exc:
            errors["applicant_id_number"] = exc.messages[0]
    elif kind == ApplicantKind.ORGANISATION and not TAX_CODE_RE.match(number):
        errors["applicant_id_number"] = _("Mã số thuế gồm 10 chữ số hoặc 10 chữ số, gạch ngang và 3 chữ số.")
    email = (data.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["applicant_email"] = _("Địa chỉ thư điện tử không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    return {
        "applicant_kind": kind,
        "applicant_name": name,
        "applicant_id_number": number,
        "applicant_address": (data.get("address") or "").strip(),
        "applicant_phone": (data.get("phone") or "").strip(),
        "applicant_email": email,
        "representative_name": (data.get("representative_name") or "").strip(),
        "representative_id_number": (data.get("representative_id_number") or "").strip(),
    }


def _clean_components(version, submitted, must_be_complete):
    """``submitted``: ids of the version's components handed in. All required ones must be there."""
    components = {c.pk: c for c in version.components.all()}
    ids = []
    for value in submitted:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            ids.append(None)
    unknown = [v for v, i in zip(submitted, ids, strict=True) if i not in components]
    if unknown:
        raise ValidationError({"components": _("Thành phần hồ sơ không thuộc thủ tục này.")})
    missing = [
        c.name for c in components.values() if c.requirement == Requirement.REQUIRED and c.pk not in ids
    ]
    if must_be_complete and missing:
        raise ValidationError(
            {
                "components": _("Còn thiếu thành phần hồ sơ bắt buộc: %(names)s.")
                % {"names": "; ".join(missing)}
            }
        )
    return sorted(set(ids))


def receive(
    actor,
    *,
    procedure_code,
    agency,
    channel,
    applicant,
    components=(),
    eform_data=None,
    outcome="accept",
    reasons="",
    redirect_to=None,
    applicant_user=None,
    idempotency_key=None,
    code_scheme=None,
):
    """Receive a dossier at ``agency``'s desk: accept (code + appointment), refuse with reasons, or
    redirect to the competent agency (NĐ 61/2018 Art. 15 [probable], now NĐ 118/2025).

    The same ``idempotency_key`` returns the dossier already made with it.
    """
    existing = _replayed(actor, idempotency_key)
    if existing is not None:
        return existing
    if outcome not in tr.TRANSITIONS[State.NEW]:
        raise ValidationError({"outcome": _("Kết quả tiếp nhận không hợp lệ.")})
    edge = tr.TRANSITIONS[State.NEW][outcome]
    require(
        can_act_for_agency(actor, agency, edge.roles),
        _("Bạn không có quyền tiếp nhận hồ sơ tại cơ quan này."),
    )
    now = timezone.now()
    version = catalog.version_in_force(procedure_code, now.astimezone(TZ).date())
    if version is None:
        raise ValidationError({"procedure": _("Không tìm thấy thủ tục đang có hiệu lực với mã này.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Kênh nộp hồ sơ không hợp lệ.")})
    fields = _clean_applicant(applicant)
    submitted = _clean_components(version, list(components), must_be_complete=outcome == "accept")
    reasons = (reasons or "").strip()
    if outcome == "refuse_at_receipt" and not reasons:
        raise ValidationError({"reasons": _("Nêu rõ lý do từ chối tiếp nhận.")})
    if outcome == "redirect" and (redirect_to is None or redirect_to.pk == agency.pk):
        raise ValidationError({"redirect_to": _("Chọn cơ quan có thẩm quyền mà người nộp cần đến.")})
    try:
        with transaction.atomic():
            dossier = Dossier(
                procedure_version=version,
                receiving_agency=agency,
                handling_agency=agency,
                channel=channel,
                applicant_user=applicant_user,
                eform_data=eform_data or {},
                components=submitted,
                idempotency_key=idempotency_key or None,
                outcome_note=reasons,
                redirected_to=redirect_to if outcome == "redirect" else None,
                **fields,
            )
            if outcome == "accept":
                scheme = code_scheme or codes.DEFAULT_SCHEME
                dossier.code = scheme.next_code(agency, now)
                dossier.code_scheme = scheme.name
                dossier.received_at = now
                dossier.appointment_at = dossier.first_appointment_at = appointment_for(version, now)
            else:
                dossier.finished_at = now
            _set_state(dossier, edge.target)
            dossier.save()
            if outcome == "accept":
                _open_first_step(dossier, version, actor, now)
            _record(actor, dossier, outcome, State.NEW, now, reasons, {"code": dossier.code})
    except IntegrityError:
        existing = _replayed(actor, idempotency_key)
        if existing is not None:
            return existing
        raise
    return dossier


def _replayed(actor, idempotency_key):
    """The dossier already made with this key; only for someone who may act at its desk."""
    if not idempotency_key:
        return None
    existing = Dossier.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        require(can_act_for_agency(actor, existing.receiving_agency_id), code="idempotency_key_in_use")
    return existing


def _open_first_step(dossier, version, actor, at):
    steps = _catalog_steps(version)
    if not steps:
        return
    first = steps[0]
    step = _open_step(dossier, 0, first.name, dossier.receiving_agency, first.role, first.duration, at, actor)
    dossier.step_index, dossier.assignee = step.index, actor
    dossier.save(update_fields=["step_index", "assignee"])


# Helpers shared by the actions


def _catalog_steps(version):
    return list(version.process_steps.select_related("agency").order_by("position"))


def _set_state(dossier, state):
    dossier.state = state
    dossier.national_status = tr.NATIONAL_STATUS[state]


def _record(actor, dossier, action, from_state, at, note="", data=None):
    user = actor if getattr(actor, "is_authenticated", False) else None
    DossierEvent.objects.create(
        dossier=dossier,
        at=at,
        actor=user,
        action=action,
        from_state=from_state,
        to_state=dossier.state,
        note=note,
        data=data or {},
    )
    audit.record(
        actor,
        f"dossier.{action}",
        dossier,
        before={"state": from_state},
        after=audit.snapshot(dossier, _AUDITED),
    )


def _lock(dossier, expected_version):
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(_("Hồ sơ vừa được người khác cập nhật; vui lòng tải lại."), code="stale_dossier")
    return locked


def _authorize(actor, dossier, edge):
    if tr.APPLICANT in edge.roles and actor is not None and actor.pk == dossier.applicant_user_id:
        return
    agency_id = dossier.receiving_agency_id if edge.acting_for == tr.DESK else dossier.handling_agency_id
    require(can_act_for_agency(actor, agency_id, edge.roles - {tr.APPLICANT}))


def _current_step(dossier):
    return dossier.steps.filter(finished_at__isnull=True).order_by("-id").first()


def _open_step(dossier, index, name, agency, role, duration, at, assignee=None):
    deadline = step_deadline(at, duration) if duration is not None else dossier.appointment_at
    return DossierStep.objects.create(
        dossier=dossier,
        index=index,
        name=name,
        agency=agency,
        role=role,
        duration=duration,
        assignee=assignee,
        started_at=at,
        deadline=deadline,
    )


def _close_step(dossier, at):
    step = _current_step(dossier)
    if step is not None:
        step.finished_at = at
        step.result = step_result(step.started_at, step.deadline, at)
        step.save(update_fields=["finished_at", "result"])
    return step


def _check_assignee(user, agency, role):
    if user is not None and not can_act_for_agency(user, agency, {role}):
        raise ValidationError(
            {"assignee": _("Người được giao không giữ vai trò của bước này tại cơ quan xử lý.")}
        )


def _act(actor, dossier, action, expected_version, change):
    """Lock, check the edge and the caller, let ``change`` edit the dossier, then save and record."""
    with transaction.atomic():
        dossier = _lock(dossier, expected_version)
        edge = tr.edge(dossier.state, action)
        _authorize(actor, dossier, edge)
        now = timezone.now()
        from_state = dossier.state
        note, data = change(dossier, edge, now)
        _set_state(dossier, edge.target)
        dossier.version += 1
        dossier.save()
        _record(actor, dossier, action, from_state, now, note, data)
    return dossier


def _finish(dossier, now):
    _close_step(dossier, now)
    dossier.finished_at = now
    dossier.timeliness = dossier_result(dossier, now)
    dossier.assignee = None


# Processing


def assign(actor, dossier, assignee, note="", expected_version=None):
    """Give the current step to an officer holding its role (phân công xử lý)."""

    def change(d, edge, now):
        step = _current_step(d)
        _check_assignee(assignee, d.handling_agency_id, step.role if step else Role.SPECIALIST)
        if step is not None:
            step.assignee = assignee
            step.save(update_fields=["assignee"])
        d.assignee = assignee
        return note, {"assignee": assignee.pk}

    return _act(actor, dossier, "assign", expected_version, change)


def _next_agency(d, pstep, to_agency):
    if to_agency is not None:
        if pstep is not None and pstep.agency_id and pstep.agency_id != to_agency.pk:
            raise ValidationError(
                {"to_agency": _("Bước tiếp theo do cơ quan khác thực hiện theo quy trình.")}
            )
        if pstep is not None and pstep.agency_kind and pstep.agency_kind != to_agency.kind:
            raise ValidationError(
                {"to_agency": _("Cơ quan nhận không đúng loại cơ quan của bước tiếp theo.")}
            )
        return to_agency
    if pstep is not None and pstep.agency_id:
        return pstep.agency
    if pstep is not None and pstep.agency_kind:
        for candidate in (d.handling_agency, d.receiving_agency):
            if candidate.kind == pstep.agency_kind:
                return candidate
        raise ValidationError({"to_agency": _("Chọn cơ quan thực hiện bước tiếp theo.")})
    return d.handling_agency


def transfer(actor, dossier, to_agency=None, assignee=None, note="", expected_version=None):
    """Move the dossier to the next step of the procedure's process, possibly in another agency
    (liên thông); the new step's deadline is computed now and stored."""

    def change(d, edge, now):
        current = _current_step(d)
        if current is not None:
            require(can_act_for_agency(actor, d.handling_agency_id, {current.role, *tr.LEADERS}))
        steps = _catalog_steps(d.procedure_version)
        index = 0 if d.step_index is None else d.step_index + 1
        if index < len(steps):
            pstep = steps[index]
            agency = _next_agency(d, pstep, to_agency)
            name, role, duration = pstep.name, pstep.role, pstep.duration
        elif to_agency is not None:
            agency, name, role, duration = to_agency, _("Xử lý hồ sơ"), Role.SPECIALIST, None
        else:
            raise Conflict(_("Quy trình không còn bước tiếp theo."), code="no_next_step")
        _check_assignee(assignee, agency, role)
        _close_step(d, now)
        _open_step(d, index, name, agency, role, duration, now, assignee)
        d.handling_agency, d.step_index, d.assignee = agency, index, assignee
        return note, {"step": index, "agency": agency.code or agency.pk}

    return _act(actor, dossier, "transfer", expected_version, change)


def request_supplement(actor, dossier, items, note="", expected_version=None):
    """Ask once, in writing, for every missing item; the clock pauses. A second request makes the
    dossier late (Decision 766/QĐ-TTg, indicator 2.1)."""
    items = [str(i).strip() for i in items or () if str(i).strip()]
    if not items:
        raise ValidationError({"items": _("Liệt kê đầy đủ các giấy tờ cần bổ sung.")})

    def change(d, edge, now):
        _close_step(d, now)
        d.supplement_count += 1
        d.supplement_requested_at = now
        if d.supplement_count > 1:
            d.timeliness = Timeliness.LATE
        return note, {"items": items, "count": d.supplement_count}

    return _act(actor, dossier, "request_supplement", expected_version, change)


def receive_supplement(actor, dossier, components=(), note="", expected_version=None):
    """The complete dossier arrived: the time limit restarts from now (regulations.md §2.2(5), §7.2
    [probable]) and the waiting time is kept for the Decision 766 report; the step restarts too."""

    def change(d, edge, now):
        if components:
            d.components = sorted(
                set(d.components) | set(_clean_components(d.procedure_version, list(components), False))
            )
        d.paused_seconds += max(0, deadlines.working_seconds_between(d.supplement_requested_at, now))
        d.appointment_at = appointment_for(d.procedure_version, now)
        last = d.steps.order_by("-id").first()
        if last is not None:
            _open_step(d, last.index, last.name, last.agency, last.role, last.duration, now, last.assignee)
        return note, {"appointment_at": d.appointment_at.isoformat()}

    return _act(actor, dossier, "receive_supplement", expected_version, change)


def apologise(actor, dossier, new_appointment_at, reason, expected_version=None):
    """Apology with a new appointment date: once, and at least one working day before the deadline
    (NĐ 107/2021 amending NĐ 61/2018 [probable]); the dossier keeps its late mark."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Nêu lý do chậm trễ.")})

    def change(d, edge, now):
        if d.apology_count:
            raise Conflict(_("Hồ sơ đã được xin lỗi và hẹn lại một lần."), code="apology_already_given")
        if (
            deadlines.working_days_between(now.astimezone(TZ).date(), d.appointment_at.astimezone(TZ).date())
            < 1
        ):
            raise Conflict(
                _("Phải xin lỗi, hẹn lại trước hạn trả ít nhất một ngày làm việc."), code="apology_too_late"
            )
        if new_appointment_at <= d.appointment_at or not deadlines.is_working_day(
            new_appointment_at.astimezone(TZ).date()
        ):
            raise ValidationError(
                {"new_appointment_at": _("Ngày hẹn mới phải là ngày làm việc sau ngày hẹn cũ.")}
            )
        old = d.appointment_at
        d.appointment_at = new_appointment_at
        d.apology_count += 1
        return reason.strip(), {"old": old.isoformat(), "new": new_appointment_at.isoformat()}

    return _act(actor, dossier, "apologise", expected_version, change)


def _ending(action, reasons_required):
    def service(actor, dossier, reasons="", expected_version=None):
        reasons = (reasons or "").strip()
        if reasons_required and not reasons:
            raise ValidationError({"reasons": _("Nêu rõ lý do.")})

        def change(d, edge, now):
            _finish(d, now)
            d.outcome_note = reasons
            return reasons, {"timeliness": d.timeliness}

        return _act(actor, dossier, action, expected_version, change)

    service.__name__ = action
    service.__doc__ = f"End processing ({action}); the Decision 766 result is computed at this moment."
    return service


refuse = _ending("refuse", reasons_required=True)
stop = _ending("stop", reasons_required=True)
withdraw = _ending("withdraw", reasons_required=False)


def approve(actor, dossier, note="", expected_version=None):
    """The competent leader decides: processing ends (national status 9) and the result goes to the
    desk's return step when the process has one."""

    def change(d, edge, now):
        _finish(d, now)
        steps = _catalog_steps(d.procedure_version)
        if steps and steps[-1].role == Role.ONE_STOP_OFFICER and (d.step_index or 0) < len(steps) - 1:
            last = steps[-1]
            _open_step(d, len(steps) - 1, last.name, d.receiving_agency, last.role, last.duration, now)
            d.step_index = len(steps) - 1
        d.handling_agency = d.receiving_agency
        return note, {"timeliness": d.timeliness}

    return _act(actor, dossier, "approve", expected_version, change)


def return_result(actor, dossier, delivery_method, received_by="", note="", expected_version=None):
    """Hand the result over (counter, post or electronically) and record who received it."""
    received_by = (received_by or "").strip()
    if delivery_method not in DeliveryMethod.values:
        raise ValidationError({"delivery_method": _("Chọn hình thức trả kết quả.")})
    if delivery_method != DeliveryMethod.ELECTRONIC and not received_by:
        raise ValidationError({"received_by": _("Nhập tên người nhận kết quả.")})

    def change(d, edge, now):
        _close_step(d, now)
        d.returned_at = now
        d.delivery_method = delivery_method
        d.result_received_by = received_by or d.applicant_name
        return note, {"delivery_method": delivery_method, "received_by": d.result_received_by}

    return _act(actor, dossier, "return_result", expected_version, change)
