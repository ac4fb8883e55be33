"""Financial obligation (national status 6; regulations.md §2.2(7), §4.3): the handling agency asks the
applicant to pay taxes, land levies, registration fees… before the result. The time spent waiting is
not counted in the processing time (land law practice [probable]): when the obligation is fulfilled
the appointment and the step's deadline move later by the working time spent waiting.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.core.api.errors import Conflict
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.models import State
from lienthong.dossiers.services.common import act, close_step, lock, open_step, record, set_state
from lienthong.payments import services as payments
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import WORKING_HOURS

# As cut-off: a moment inside a working session stays there instead of moving to the next day.
_NO_CUTOFF = datetime.time(23, 59, 59)


def extend(instant, seconds):
    """``instant`` moved later by ``seconds`` of working time."""
    if instant is None or seconds <= 0:
        return instant
    return deadlines.due_at(instant, Decimal(seconds) / 3600, WORKING_HOURS, cutoff=_NO_CUTOFF)


def request_obligation(actor, dossier, charges=(), note="", expected_version=None):
    """Ask the applicant to fulfil a financial obligation: ``charges`` is a list of
    ``{kind, description, amount}`` (amount in VND); none when another body (e.g. the tax office)
    notifies the amounts, then ``note`` says what is owed. The current step closes; the clock stops."""
    items = payments.clean_charges(charges)
    note = (note or "").strip()
    if not items and not note:
        raise ValidationError(
            {"charges": _("Liệt kê các khoản nghĩa vụ tài chính hoặc ghi rõ nội dung thông báo.")}
        )

    def change(d, edge, now):
        close_step(d, now)
        d.obligation_requested_at = now
        created = payments.add_charges(actor, d, items, obligation=True, at=now)
        return note, {"charges": [c.pk for c in created], "total": sum(c.amount for c in created)}

    return act(actor, dossier, "request_obligation", expected_version, change)


def _resume(d, now):
    """Processing resumes: the waiting time is kept and added to the appointment and the step."""
    waited = max(0, deadlines.working_seconds_between(d.obligation_requested_at or now, now))
    d.paused_seconds += waited
    d.appointment_at = extend(d.appointment_at, waited)
    last = d.steps.order_by("-id").first()
    if last is not None:
        step = open_step(d, last.index, last.name, last.agency, last.role, last.duration, now, last.assignee)
        step.deadline = extend(last.deadline, waited)
        step.save(update_fields=["deadline"])
    return {"waited_seconds": waited, "appointment_at": d.appointment_at and d.appointment_at.isoformat()}


def obligation_fulfilled(actor, dossier, note="", expected_version=None):
    """The desk confirms the obligation is fulfilled; refused (409) while one of its charges is due:
    record the payment (or waive it) instead, which resumes processing by itself."""

    def change(d, edge, now):
        if payments.obligation_due(d):
            raise Conflict(
                _("Còn khoản nghĩa vụ tài chính chưa nộp: ghi nhận đã nộp hoặc miễn trước."),
                code="obligation_charges_due",
            )
        return (note or "").strip(), _resume(d, now)

    return act(actor, dossier, "obligation_fulfilled", expected_version, change)


def settle(actor, dossier):
    """Called by ``payments.services`` in its transaction once an obligation charge is paid or
    waived: when none is left due, processing resumes on its own (the payer, or ``None`` for a
    provider callback, is the history row's actor; the payment itself was authorised)."""
    d = lock(dossier, None)
    if d.state != State.FINANCIAL_OBLIGATION or payments.obligation_due(d):
        return d
    now = timezone.now()
    from_state = d.state
    data = _resume(d, now)
    set_state(d, tr.TRANSITIONS[State.FINANCIAL_OBLIGATION]["obligation_fulfilled"].target)
    d.version += 1
    d.save()
    record(actor, d, "obligation_fulfilled", from_state, now, "", {**data, "automatic": True})
    return d
