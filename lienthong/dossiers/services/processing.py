"""Processing: assignment, transfer along the process (liên thông), supplement, apology, ending."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lienthong.accounts.roles import Role
from lienthong.core.api.errors import Conflict
from lienthong.dossiers.deadlines import appointment_for
from lienthong.dossiers.models import (
    Timeliness,
)
from lienthong.dossiers.services.common import (
    act,
    authorize_step,
    catalog_steps,
    check_assignee,
    close_step,
    current_step,
    finish,
    open_step,
)
from lienthong.dossiers.services.receipt import SupplementParts
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import TZ


def assign(actor, dossier, assignee, note="", expected_version=None):
    """Give the current step to an officer holding its role (phân công xử lý)."""

    def change(d, edge, now):
        step = current_step(d)
        check_assignee(assignee, d.handling_agency_id, step.role if step else Role.SPECIALIST)
        if step is not None:
            step.assignee = assignee
            step.save(update_fields=["assignee"])
        d.assignee = assignee
        return note, {"assignee": assignee.pk}

    return act(actor, dossier, "assign", expected_version, change)


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
        authorize_step(actor, d, current_step(d))
        steps = catalog_steps(d.procedure_version)
        index = 0 if d.step_index is None else d.step_index + 1
        if index < len(steps):
            pstep = steps[index]
            agency = _next_agency(d, pstep, to_agency)
            name, role, duration = pstep.name, pstep.role, pstep.duration
        elif to_agency is not None:
            agency, name, role, duration = to_agency, _("Xử lý hồ sơ"), Role.SPECIALIST, None
        else:
            raise Conflict(_("Quy trình không còn bước tiếp theo."), code="no_next_step")
        check_assignee(assignee, agency, role)
        close_step(d, now)
        open_step(d, index, name, agency, role, duration, now, assignee)
        d.handling_agency, d.step_index, d.assignee = agency, index, assignee
        return note, {"step": index, "agency": agency.code or agency.pk}

    return act(actor, dossier, "transfer", expected_version, change)


def request_supplement(actor, dossier, items, note="", expected_version=None):
    """Ask once, in writing, for every missing item; the clock pauses. A second request makes the
    dossier late (Decision 766/QĐ-TTg, indicator 2.1)."""
    items = [str(i).strip() for i in items or () if str(i).strip()]
    if not items:
        raise ValidationError({"items": _("Liệt kê đầy đủ các giấy tờ cần bổ sung.")})

    def change(d, edge, now):
        close_step(d, now)
        d.supplement_count += 1
        d.supplement_requested_at = now
        if d.supplement_count > 1:
            d.timeliness = Timeliness.LATE
        return note, {"items": items, "count": d.supplement_count}

    return act(actor, dossier, "request_supplement", expected_version, change)


def receive_supplement(actor, dossier, components=(), note="", expected_version=None, files=None):
    """The complete dossier arrived: the time limit restarts from now (regulations.md §2.2(5), §7.2
    [probable]) and the waiting time is kept for the Decision 766 report; the step restarts too.
    ``files`` ({component id: [UploadedFile, ...]}) are checked first and kept as supplement files."""
    supplement = SupplementParts(dossier, components, files)

    def change(d, edge, now):
        supplement.apply(d, actor, now)
        d.paused_seconds += max(0, deadlines.working_seconds_between(d.supplement_requested_at, now))
        d.appointment_at = appointment_for(d.procedure_version, now)
        last = d.steps.order_by("-id").first()
        if last is not None:
            open_step(d, last.index, last.name, last.agency, last.role, last.duration, now, last.assignee)
        return note, {"appointment_at": d.appointment_at.isoformat()}

    with supplement:
        return act(actor, dossier, "receive_supplement", expected_version, change)


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

    return act(actor, dossier, "apologise", expected_version, change)


def _ending(action, reasons_required):
    def service(actor, dossier, reasons="", expected_version=None):
        reasons = (reasons or "").strip()
        if reasons_required and not reasons:
            raise ValidationError({"reasons": _("Nêu rõ lý do.")})

        def change(d, edge, now):
            finish(d, now)
            d.outcome_note = reasons
            return reasons, {"timeliness": d.timeliness}

        return act(actor, dossier, action, expected_version, change)

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
        finish(d, now)
        steps = catalog_steps(d.procedure_version)
        if steps and steps[-1].role == Role.ONE_STOP_OFFICER and (d.step_index or 0) < len(steps) - 1:
            last = steps[-1]
            open_step(d, len(steps) - 1, last.name, d.receiving_agency, last.role, last.duration, now)
            d.step_index = len(steps) - 1
        d.handling_agency = d.receiving_agency
        return note, {"timeliness": d.timeliness}

    return act(actor, dossier, "approve", expected_version, change)
