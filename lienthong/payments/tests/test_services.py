"""Charges of a dossier (regulations.md §5.3 [probable]: each dossier keeps its fee list, a paid flag
and the e-receipt; §2.2(6) [confirmed]: fees are collected before the return or online)."""

import pytest
from django.core.exceptions import ValidationError

from lienthong.accounts.roles import Role
from lienthong.core.api.errors import Conflict, Forbidden
from lienthong.core.models import AuditRecord
from lienthong.dossiers.models import State
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import dossier_in
from lienthong.payments import services
from lienthong.payments.models import Charge, ChargeStatus


def _fee(world, state=State.PROCESSING):
    dossier = dossier_in(world, state)
    return Charge.objects.get(dossier=dossier)


def test_accepting_a_dossier_creates_the_procedures_fees_as_due(world):
    """The catalogue's fee of the procedure version (lệ phí 5.000 đ) is owed from acceptance."""
    dossier = world.receive()
    charge = Charge.objects.get(dossier=dossier)
    assert (charge.kind, charge.amount, charge.status, charge.obligation) == ("le_phi", 5000, "due", False)
    assert (charge.requested_at, charge.requested_by) == (dossier.received_at, world.desk)
    assert services.charges_at_receipt(dossier) == []  # once per dossier


def test_dossier_not_accepted_owes_nothing(world):
    dossier = dossier_in(world, State.REFUSED_AT_RECEIPT)
    assert not Charge.objects.filter(dossier=dossier).exists()


def test_desk_records_a_payment_with_its_receipt(world):
    charge = _fee(world)
    paid = services.record_payment(world.desk, charge, method="cash", receipt_number="0000123")
    assert (paid.status, paid.method, paid.receipt_number, paid.recorded_by) == (
        ChargeStatus.PAID,
        "cash",
        "0000123",
        world.desk,
    )
    assert paid.paid_at is not None
    audit = AuditRecord.objects.get(action="payments.charge.pay", object_id=str(charge.pk))
    assert (audit.before["status"], audit.after["status"]) == ("due", "paid")


def test_same_reference_pays_once(world):
    """A provider's repeated callback (or a double click) gives the same result, not a second payment."""
    charge = _fee(world)
    first = services.record_payment(None, charge, method="online", reference="VNPAY-42")
    again = services.record_payment(None, charge, method="online", reference="VNPAY-42")
    assert (first.pk, first.paid_at) == (again.pk, again.paid_at)
    assert AuditRecord.objects.filter(action="payments.charge.pay").count() == 1


def test_reference_of_another_charge_is_409(world):
    one, other = _fee(world), _fee(world)
    services.record_payment(world.desk, one, method="transfer", reference="FT-7")
    with pytest.raises(Conflict) as exc:
        services.record_payment(world.desk, other, method="transfer", reference="FT-7")
    assert exc.value.code == "reference_in_use"
    other.refresh_from_db()
    assert other.status == ChargeStatus.DUE


def test_paying_a_paid_or_waived_charge_is_409(world):
    charge = _fee(world)
    services.record_payment(world.desk, charge, method="cash")
    with pytest.raises(Conflict) as exc:
        services.record_payment(world.desk, charge, method="cash", receipt_number="2")
    assert exc.value.code == "charge_not_due"
    waived = _fee(world)
    services.waive(world.desk, waived, "Hộ nghèo được miễn lệ phí")
    with pytest.raises(Conflict):
        services.record_payment(world.desk, waived, method="cash")
    with pytest.raises(Conflict):
        services.waive(world.desk, waived, "Lần nữa")


def test_only_the_receiving_desk_or_the_platform_records_payments(world):
    charge = _fee(world)
    others = [
        f.officer(world.agency, Role.SPECIALIST),
        world.leader,
        f.officer(f.commune(), Role.ONE_STOP_OFFICER),
        f.citizen(),
    ]
    for actor in others:
        with pytest.raises(Forbidden):
            services.record_payment(actor, charge, method="cash")
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.DUE


def test_waiver_needs_a_reason_and_an_officer(world):
    charge = _fee(world)
    with pytest.raises(ValidationError) as exc:
        services.waive(world.desk, charge, "  ")
    assert "reason" in exc.value.message_dict
    for actor in (None, world.specialist, f.officer(f.commune(), Role.AGENCY_LEADER)):
        with pytest.raises(Forbidden):
            services.waive(actor, charge, "Miễn")
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.DUE
    waived = services.waive(world.leader, charge, "Người khuyết tật được miễn")
    assert (waived.status, waived.note, waived.recorded_by) == (
        "waived",
        "Người khuyết tật được miễn",
        world.leader,
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"method": "bitcoin"}, "method"), ({"method": "cash", "reference": "x" * 101}, "reference")],
)
def test_bad_payment_input_is_refused(world, kwargs, field):
    charge = _fee(world)
    with pytest.raises(ValidationError) as exc:
        services.record_payment(world.desk, charge, **kwargs)
    assert field in exc.value.message_dict
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.DUE


def test_amount_must_be_positive_in_the_database(world):
    """The check constraint backs the service's validation."""
    from django.db import IntegrityError, transaction

    dossier = dossier_in(world, State.PROCESSING)
    with pytest.raises(IntegrityError), transaction.atomic():
        Charge.objects.create(
            dossier=dossier, kind="other", description="x", amount=0, requested_at=dossier.received_at
        )
