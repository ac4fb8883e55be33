"""Receipt: codes, appointment, validation and idempotency (regulations.md §2.2(3), §4.1, §7.3)."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction

from lienthong.core.api.errors import Forbidden
from lienthong.core.models import AuditRecord
from lienthong.dossiers.models import DailyCounter, Dossier, DossierEvent, State
from lienthong.dossiers.tests import factories as f
from lienthong.workdays.deadlines import TZ

CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")
TUE_17_NOV = datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ)


@time_machine.travel(TUE_17_NOV, tick=False)
def test_code_has_national_shape_and_daily_sequence(world):
    """regulations.md §4.1: <agency code>-<YYMMDD>-<NNNN>, the sequence of that agency's day."""
    first, second = world.receive(), world.receive()
    assert CODE_RE.match(first.code)
    assert first.code == f"{world.agency.code}-261117-0001"
    assert second.code == f"{world.agency.code}-261117-0002"


def test_sequence_restarts_each_day_and_per_agency(world):
    """regulations.md §4.1: one sequence per (agency, reception date in Asia/Ho_Chi_Minh)."""
    other = f.commune()
    other_desk = f.officer(other)
    with time_machine.travel(datetime.datetime(2026, 11, 17, 23, 30, tzinfo=TZ), tick=False):
        assert world.receive().code.endswith("-261117-0001")
    with time_machine.travel(datetime.datetime(2026, 11, 18, 0, 30, tzinfo=TZ), tick=False):
        assert world.receive().code.endswith("-261118-0001")
        assert f.receive(other_desk, world.version, other).code == f"{other.code}-261118-0001"


@time_machine.travel(TUE_17_NOV, tick=False)
def test_appointment_skips_culture_day(world):
    """regulations.md §7.3: received Tue 17 Nov 2026, 5 working days, 24 Nov off → due Wed 25 Nov 2026."""
    dossier = world.receive()
    local = dossier.appointment_at.astimezone(TZ)
    assert local.date() == datetime.date(2026, 11, 25)
    assert local.time() >= datetime.time(17, 0)
    assert dossier.first_appointment_at == dossier.appointment_at
    assert (dossier.state, dossier.national_status, dossier.received_at) == (State.RECEIVED, 2, TUE_17_NOV)
    step = dossier.steps.get()
    assert (step.index, step.role, step.assignee, step.finished_at) == (
        0,
        "one_stop_officer",
        world.desk,
        None,
    )
    assert step.deadline.astimezone(TZ).date() == datetime.date(2026, 11, 18)


@time_machine.travel(TUE_17_NOV, tick=False)
def test_rolled_back_acceptance_does_not_consume_a_number(world):
    """regulations.md §4.1: the locked counter is part of the acceptance transaction (gap-free)."""
    with pytest.raises(RuntimeError), transaction.atomic():
        world.receive()
        raise RuntimeError("printer failed")
    assert world.receive().code.endswith("-0001")


def test_missing_required_component_saves_nothing(world):
    """NĐ 61/2018 Art. 15 [probable]: an incomplete dossier is not accepted."""
    with pytest.raises(ValidationError) as exc:
        world.receive(components=[])
    assert "Tờ khai theo mẫu" in exc.value.message_dict["components"][0]
    assert not Dossier.objects.exists()
    assert not DailyCounter.objects.exists()
    assert not DossierEvent.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"procedure_code": "9.999999"}, "procedure"),
        ({"channel": 7}, "channel"),
        ({"components": [999999]}, "components"),
        ({"applicant": f.applicant(id_number="12345")}, "applicant_id_number"),
        ({"applicant": f.applicant(kind=2, id_number="abc")}, "applicant_id_number"),
        ({"applicant": f.applicant(name=" ")}, "applicant_name"),
        ({"outcome": "approve"}, "outcome"),
        ({"outcome": "refuse_at_receipt"}, "reasons"),
        ({"outcome": "redirect"}, "redirect_to"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(world, overrides, field):
    """Every service rejects bad input with a Vietnamese message and saves nothing (house rules)."""
    with pytest.raises(ValidationError) as exc:
        world.receive(**overrides)
    assert field in exc.value.message_dict
    assert not Dossier.objects.exists()


def test_organisation_with_tax_code_is_accepted(world):
    dossier = world.receive(
        applicant=f.applicant(kind=2, name="Công ty TNHH Sen Hồng", id_number="0312345678-001")
    )
    assert (dossier.applicant_kind, dossier.applicant_id_number) == (2, "0312345678-001")


def test_same_idempotency_key_returns_the_same_dossier(world):
    """issue 4: receipt with the same idempotency key twice makes one dossier."""
    first = world.receive(idempotency_key="quay-1-abc")
    again = world.receive(idempotency_key="quay-1-abc")
    assert again.pk == first.pk
    assert Dossier.objects.count() == 1
    assert world.receive().code.endswith("-0002")
    with pytest.raises(Forbidden):
        f.receive(f.officer(f.commune()), world.version, world.agency, idempotency_key="quay-1-abc")


def test_refusal_at_receipt_records_reasons_without_a_number(world):
    """NĐ 61/2018 Art. 15 [probable]: refuse with reasons (national status 3); no code is used."""
    dossier = world.receive(outcome="refuse_at_receipt", reasons="Không thuộc đối tượng", components=[])
    assert (dossier.state, dossier.national_status, dossier.code) == (State.REFUSED_AT_RECEIPT, 3, None)
    assert dossier.events.get().note == "Không thuộc đối tượng"
    assert world.receive().code.endswith("-0001")


def test_redirect_names_the_competent_agency(world):
    """NĐ 61/2018 Art. 15 [probable]: not this agency's competence → tell the applicant where to go."""
    other = f.commune()
    dossier = world.receive(outcome="redirect", redirect_to=other)
    assert (dossier.state, dossier.national_status, dossier.redirected_to) == (State.REDIRECTED, 3, other)


def test_officer_of_another_agency_cannot_receive(world):
    """Officers act only for their own agency (issue 4 item 9)."""
    with pytest.raises(Forbidden):
        f.receive(f.officer(f.commune()), world.version, world.agency)
    assert not Dossier.objects.exists()


def test_receipt_is_audited_and_logged(world):
    dossier = world.receive()
    event = dossier.events.get()
    assert (event.action, event.from_state, event.to_state, event.actor) == (
        "accept",
        "new",
        "received",
        world.desk,
    )
    assert AuditRecord.objects.filter(action="dossier.accept", object_id=str(dossier.pk)).exists()


def test_code_scheme_is_pluggable(world):
    class Plain:
        name = "plain"

        def next_code(self, agency, received_at):
            return f"HS-{agency.pk}-{received_at:%Y}"

    dossier = world.receive(code_scheme=Plain())
    assert (dossier.code, dossier.code_scheme) == (f"HS-{world.agency.pk}-{dossier.received_at:%Y}", "plain")
