"""Financial obligation (national status 6): regulations.md §2.2(7), §4.3 and the Decision 766 on-time
rule, with real 2026 dates (24 Nov 2026 is a day off: Ngày Văn hóa Việt Nam)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from lienthong.core.api.errors import Conflict
from lienthong.core.models import AuditRecord
from lienthong.dossiers import services
from lienthong.dossiers.models import DossierEvent, DossierStep, State, Timeliness
from lienthong.dossiers.tests.helpers import OBLIGATION, dossier_in
from lienthong.payments import services as payments
from lienthong.payments.models import Charge, ChargeStatus
from lienthong.workdays.deadlines import TZ


def at(month, day, hour=9, minute=0):
    return time_machine.travel(datetime.datetime(2026, month, day, hour, minute, tzinfo=TZ), tick=False)


def _processing(world):
    with at(11, 17):
        dossier = world.receive()
        return services.transfer(world.desk, dossier, assignee=world.specialist)


def test_request_creates_the_obligation_charges_and_stops_the_clock(world):
    """regulations.md §2.2(7), §4.3 [probable]: the agency pauses while waiting for the financial
    obligation; the dossier reports national status 6 and the open step closes."""
    dossier = _processing(world)
    with at(11, 19):
        dossier = services.request_obligation(world.specialist, dossier, OBLIGATION, "Nộp lệ phí trước bạ")
    assert (dossier.state, dossier.national_status) == (State.FINANCIAL_OBLIGATION, 6)
    assert dossier.obligation_requested_at == datetime.datetime(2026, 11, 19, 9, 0, tzinfo=TZ)
    assert not dossier.steps.filter(finished_at__isnull=True).exists()
    charge = Charge.objects.get(dossier=dossier, obligation=True)
    assert (charge.kind, charge.amount, charge.status, charge.requested_by) == (
        "obligation",
        1_250_000,
        ChargeStatus.DUE,
        world.specialist,
    )
    assert AuditRecord.objects.filter(action="payments.charge.create", object_id=str(charge.pk)).exists()
    event = dossier.events.latest("id")
    assert (event.action, event.data["total"]) == ("request_obligation", 1_250_000)


def test_round_trip_keeps_the_dossier_on_time_despite_the_wait(world):
    """Land law practice [probable]: the time for the financial obligation is not counted in the
    processing time. Received Tue 17 Nov (5 days → due Wed 25 Nov 17:30); waiting from Thu 19 Nov
    09:00 to Tue 1 Dec 09:00 (7 working days) moves it to Fri 4 Dec 17:30, so approval on Thu 3 Dec
    is early, where it would be late against the first appointment."""
    dossier = _processing(world)
    assert dossier.appointment_at == datetime.datetime(2026, 11, 25, 17, 30, tzinfo=TZ)
    with at(11, 19):
        dossier = services.request_obligation(world.specialist, dossier, OBLIGATION)
        open_deadline = DossierStep.objects.filter(dossier=dossier).latest("id").deadline
    charge = Charge.objects.get(dossier=dossier, obligation=True)
    with at(12, 1):
        payments.record_payment(world.desk, charge, method="cash", receipt_number="BL-0001")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.national_status) == (State.PROCESSING, 4)
    assert dossier.paused_seconds == 7 * 8 * 3600
    assert dossier.appointment_at == datetime.datetime(2026, 12, 4, 17, 30, tzinfo=TZ)
    event = dossier.events.latest("id")
    assert (event.action, event.actor, event.data["automatic"]) == ("obligation_fulfilled", world.desk, True)
    step = dossier.steps.get(finished_at__isnull=True)
    assert step.deadline > open_deadline  # the step keeps the time it had left, not a fresh start
    with at(12, 3, 10):
        dossier = services.approve(world.leader, dossier)
    assert dossier.timeliness == Timeliness.EARLY
    assert dossier.finished_at > dossier.first_appointment_at  # late without the extension


def test_last_obligation_charge_resumes_processing_but_not_the_first(world):
    """Processing resumes when every charge of the obligation is paid or waived, not before; paying a
    receipt fee does not resume it."""
    dossier = _processing(world)
    two = [*OBLIGATION, {"kind": "obligation", "description": "Thuế thu nhập cá nhân", "amount": 2_000_000}]
    with at(11, 18):
        dossier = services.request_obligation(world.specialist, dossier, two)
    fee = Charge.objects.get(dossier=dossier, obligation=False)
    first, second = Charge.objects.filter(dossier=dossier, obligation=True).order_by("id")
    with at(11, 19):
        payments.record_payment(world.desk, fee, method="cash")
        payments.record_payment(world.desk, first, method="transfer", reference="FT-1")
    dossier.refresh_from_db()
    assert dossier.state == State.FINANCIAL_OBLIGATION
    with at(11, 20):
        payments.waive(world.leader, second, "Miễn thuế theo Luật Thuế thu nhập cá nhân")
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING
    assert dossier.paused_seconds == 2 * 8 * 3600


def test_provider_callback_resumes_processing_without_an_officer(world):
    """Issue 5 will call ``record_payment`` from an e-payment callback with ``actor=None``."""
    dossier = _processing(world)
    with at(11, 18):
        dossier = services.request_obligation(world.specialist, dossier, OBLIGATION)
    charge = Charge.objects.get(dossier=dossier, obligation=True)
    with at(11, 18, 15):
        payments.record_payment(None, charge, method="online", reference="VNPAY-123", receipt_number="E-1")
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING
    assert dossier.events.latest("id").actor is None


def test_desk_cannot_confirm_while_an_obligation_charge_is_due(world):
    """The obligation is fulfilled when its charges are paid: confirming before is 409, nothing moves."""
    dossier = dossier_in(world, State.PROCESSING)
    dossier = services.request_obligation(world.specialist, dossier, OBLIGATION)
    with pytest.raises(Conflict) as exc:
        services.obligation_fulfilled(world.desk, dossier)
    assert exc.value.code == "obligation_charges_due"
    dossier.refresh_from_db()
    assert dossier.state == State.FINANCIAL_OBLIGATION


def test_desk_confirms_an_obligation_notified_by_another_body(world):
    """Amounts set by the tax office: no charge here, the desk confirms; the wait is not counted."""
    dossier = _processing(world)
    with at(11, 18, 14):
        dossier = services.request_obligation(world.specialist, dossier, [], "Chờ thông báo thuế")
    with at(11, 19, 8):
        dossier = services.obligation_fulfilled(world.desk, dossier, "Đã nộp theo thông báo thuế")
    assert dossier.state == State.PROCESSING
    assert dossier.paused_seconds == (3 * 60 + 30 + 30) * 60  # 14:00–17:30, then 07:30–08:00
    assert dossier.appointment_at == datetime.datetime(2026, 11, 26, 11, 30, tzinfo=TZ)


def test_dossier_stopped_while_waiting_is_measured_at_the_request(world):
    """Decision 766 indicator 2.1: the waiting time is not counted, so a dossier stopped long after the
    appointment while waiting for the obligation is on time if the request came in time."""
    dossier = _processing(world)
    with at(11, 25):  # the appointment day
        dossier = services.request_obligation(world.specialist, dossier, OBLIGATION)
    with at(12, 15):
        dossier = services.stop(world.desk, dossier, "Người nộp không thực hiện nghĩa vụ tài chính")
    assert dossier.state == State.STOPPED
    assert dossier.timeliness == Timeliness.ON_TIME


@pytest.mark.parametrize(
    ("charges", "note"),
    [
        ([{"kind": "obligation", "description": "Thuế", "amount": 0}], ""),
        ([{"kind": "obligation", "description": "Thuế", "amount": -5}], ""),
        ([{"kind": "obligation", "description": "Thuế", "amount": "mười nghìn"}], ""),
        ([{"kind": "obligation", "description": "Thuế", "amount": True}], ""),
        ([{"kind": "obligation", "description": "  ", "amount": 1000}], ""),
        ([{"kind": "tien_phat", "description": "Thuế", "amount": 1000}], ""),
        ([], ""),
    ],
)
def test_bad_obligation_input_is_refused_and_nothing_saved(world, charges, note):
    """A clear 400-style error on the bad line; no state change, no charge, no history."""
    dossier = dossier_in(world, State.PROCESSING)
    events = DossierEvent.objects.filter(dossier=dossier).count()
    with pytest.raises(ValidationError) as exc:
        services.request_obligation(world.specialist, dossier, charges, note)
    assert "charges" in exc.value.message_dict
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING
    assert not Charge.objects.filter(dossier=dossier, obligation=True).exists()
    assert DossierEvent.objects.filter(dossier=dossier).count() == events
