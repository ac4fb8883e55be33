"""What every dossier action shares: lock, check the transition and the caller, write the change,
its history row and its audit record in one transaction.

The dossier row is locked (select_for_update) before the state is checked, so two officers acting at
once are serialised and the second one meets the new state (409). Passing ``expected_version``
refuses an action prepared on a stale copy.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import can_act_for_agency, require
from lienthong.core import audit
from lienthong.core.api.errors import Conflict
from lienthong.dossiers import notify
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.deadlines import dossier_result, step_deadline, step_result
from lienthong.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierStep,
)

_AUDITED = ("state", "national_status", "handling_agency", "step_index", "assignee", "appointment_at")


def catalog_steps(version):
    return list(version.process_steps.select_related("agency").order_by("position"))


def set_state(dossier, state):
    dossier.state = state
    dossier.national_status = tr.NATIONAL_STATUS[state]


def record(actor, dossier, action, from_state, at, note="", data=None):
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = DossierEvent.objects.create(
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
    notify.dossier_changed(dossier, action, data or {}, event)


def lock(dossier, expected_version):
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(_("Hồ sơ vừa được người khác cập nhật; vui lòng tải lại."), code="stale_dossier")
    return locked


def authorize(actor, dossier, edge):
    if tr.APPLICANT in edge.roles and actor is not None and actor.pk == dossier.applicant_user_id:
        return
    agency_id = dossier.receiving_agency_id if edge.acting_for == tr.DESK else dossier.handling_agency_id
    require(can_act_for_agency(actor, agency_id, edge.roles - {tr.APPLICANT}))


def authorize_step(actor, dossier, step):
    """Moving a dossier on from an open step needs that step's role at the handling agency, or a
    leader's there."""
    if step is not None:
        require(can_act_for_agency(actor, dossier.handling_agency_id, {step.role, *tr.LEADERS}))


def current_step(dossier):
    return dossier.steps.filter(finished_at__isnull=True).order_by("-id").first()


def open_step(dossier, index, name, agency, role, duration, at, assignee=None):
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


def close_step(dossier, at):
    step = current_step(dossier)
    if step is not None:
        step.finished_at = at
        step.result = step_result(step.started_at, step.deadline, at)
        step.save(update_fields=["finished_at", "result"])
    return step


def check_assignee(user, agency, role):
    if user is not None and not can_act_for_agency(user, agency, {role}):
        raise ValidationError(
            {"assignee": _("Người được giao không giữ vai trò của bước này tại cơ quan xử lý.")}
        )


def act(actor, dossier, action, expected_version, change):
    """Lock, check the edge and the caller, let ``change`` edit the dossier, then save and record."""
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        edge = tr.edge(dossier.state, action)
        authorize(actor, dossier, edge)
        now = timezone.now()
        from_state = dossier.state
        note, data = change(dossier, edge, now)
        set_state(dossier, edge.target)
        dossier.version += 1
        dossier.save()
        record(actor, dossier, action, from_state, now, note, data)
    return dossier


def finish(dossier, now):
    close_step(dossier, now)
    dossier.finished_at = now
    dossier.timeliness = dossier_result(dossier, now)
    dossier.assignee = None
