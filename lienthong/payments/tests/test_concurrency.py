"""Concurrent payments against PostgreSQL (row locks and unique checks race for real only there)."""

import pytest
from django.db import connection

from lienthong.core.api.errors import Conflict
from lienthong.core.models import AuditRecord
from lienthong.dossiers import services as dossiers
from lienthong.dossiers.models import State
from lienthong.dossiers.tests.conftest import World
from lienthong.dossiers.tests.helpers import OBLIGATION, dossier_in
from lienthong.dossiers.tests.test_concurrency import _run
from lienthong.payments import services
from lienthong.payments.models import Charge, ChargeStatus

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_same_callback_eight_times_at_once_pays_once():
    """Idempotent by reference: every caller gets the same paid charge, one payment, one audit row."""
    world = World()
    charge = Charge.objects.get(dossier=dossier_in(world, State.PROCESSING))
    results, errors = _run(
        8, lambda n: services.record_payment(None, charge, method="online", reference="VNPAY-1")
    )
    assert errors == []
    assert {(c.pk, c.status, c.paid_at) for c in results} == {
        (charge.pk, ChargeStatus.PAID, results[0].paid_at)
    }
    assert AuditRecord.objects.filter(action="payments.charge.pay").count() == 1


def test_one_reference_for_two_charges_at_once_pays_one():
    world = World()
    charges = [Charge.objects.get(dossier=dossier_in(world, State.PROCESSING)) for _ in range(2)]
    results, errors = _run(
        2, lambda n: services.record_payment(world.desk, charges[n], method="transfer", reference="FT-9")
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], Conflict) and errors[0].code == "reference_in_use"
    assert Charge.objects.filter(status=ChargeStatus.PAID).count() == 1


def test_two_obligation_charges_paid_at_once_resume_processing_once():
    """The dossier resumes exactly once, by whichever payment settles the obligation last."""
    world = World()
    two = [*OBLIGATION, {"kind": "obligation", "description": "Thuế thu nhập cá nhân", "amount": 900_000}]
    dossier = dossiers.request_obligation(world.specialist, dossier_in(world, State.PROCESSING), two)
    charges = list(Charge.objects.filter(dossier=dossier, obligation=True).order_by("id"))
    _results, errors = _run(
        2, lambda n: services.record_payment(world.desk, charges[n], method="cash", receipt_number=str(n))
    )
    assert errors == []
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING
    assert dossier.events.filter(action="obligation_fulfilled").count() == 1
