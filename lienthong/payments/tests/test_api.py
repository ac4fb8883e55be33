"""The charges API and the obligation actions, for every kind of caller."""

import pytest
from rest_framework.test import APIClient

from lienthong.accounts.roles import Role
from lienthong.dossiers.models import DossierEvent, State
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import OBLIGATION, dossier_in
from lienthong.payments.models import Charge, ChargeStatus

CALLERS = ("anonymous", "citizen", "owner", "desk", "specialist", "leader", "other_desk")


def _client(world, caller, dossier):
    users = {
        "anonymous": None,
        "citizen": f.citizen(),
        "owner": dossier.applicant_user,
        "desk": world.desk,
        "specialist": world.specialist,
        "leader": world.leader,
        "other_desk": f.officer(f.commune(), Role.ONE_STOP_OFFICER),
    }
    api = APIClient()
    if users[caller] is not None:
        api.force_authenticate(users[caller])
    return api


def _dossier(world, state=State.PROCESSING):
    dossier = dossier_in(world, state)
    dossier.applicant_user = f.citizen()
    dossier.save(update_fields=["applicant_user"])
    return dossier


def _charges(dossier):
    return f"/api/v1/dossiers/{dossier.code}/charges/"


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("anonymous", 403),
        ("citizen", 404),
        ("owner", 200),
        ("desk", 200),
        ("specialist", 200),
        ("other_desk", 404),
    ],
)
def test_list_charges(world, caller, status):
    dossier = _dossier(world)
    response = _client(world, caller, dossier).get(_charges(dossier))
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert (body["total_due"], body["total_paid"], len(body["items"])) == (5000, 0, 1)


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("anonymous", 403),
        ("citizen", 404),
        ("owner", 403),
        ("desk", 200),
        ("specialist", 403),
        ("leader", 403),
        ("other_desk", 404),
    ],
)
def test_pay(world, caller, status):
    dossier = _dossier(world)
    charge = Charge.objects.get(dossier=dossier)
    response = _client(world, caller, dossier).post(
        f"{_charges(dossier)}{charge.pk}/pay/", {"method": "cash", "receipt_number": "BL-9"}, format="json"
    )
    assert response.status_code == status
    charge.refresh_from_db()
    assert charge.status == (ChargeStatus.PAID if status == 200 else ChargeStatus.DUE)


@pytest.mark.parametrize(
    ("caller", "status"),
    [("owner", 403), ("desk", 200), ("specialist", 403), ("leader", 200), ("other_desk", 404)],
)
def test_waive(world, caller, status):
    dossier = _dossier(world)
    charge = Charge.objects.get(dossier=dossier)
    response = _client(world, caller, dossier).post(
        f"{_charges(dossier)}{charge.pk}/waive/", {"reason": "Hộ nghèo"}, format="json"
    )
    assert response.status_code == status
    charge.refresh_from_db()
    assert charge.status == (ChargeStatus.WAIVED if status == 200 else ChargeStatus.DUE)


def test_payment_errors_are_clear(world):
    dossier = _dossier(world)
    charge = Charge.objects.get(dossier=dossier)
    api = _client(world, "desk", dossier)
    url = f"{_charges(dossier)}{charge.pk}/pay/"
    assert api.post(f"{_charges(dossier)}999999/pay/", {"method": "cash"}, format="json").status_code == 404
    bad = api.post(url, {"method": "séc"}, format="json")
    assert (bad.status_code, bad.json()["code"], list(bad.json()["errors"])) == (
        400,
        "validation_error",
        ["method"],
    )
    assert api.post(f"{_charges(dossier)}{charge.pk}/waive/", {}, format="json").status_code == 400
    first = api.post(url, {"method": "transfer", "reference": "FT-1"}, format="json")
    replay = api.post(url, {"method": "transfer", "reference": "FT-1"}, format="json")
    assert (first.status_code, replay.status_code) == (200, 200)
    assert first.json() == replay.json()
    twice = api.post(url, {"method": "cash"}, format="json")
    assert (twice.status_code, twice.json()["code"]) == (409, "charge_not_due")


def test_detail_shows_charges_and_rating(world):
    dossier = _dossier(world, State.RETURNED)
    response = _client(world, "owner", dossier).get(f"/api/v1/dossiers/{dossier.code}/")
    body = response.json()
    assert (body["charges"]["total_due"], body["charges"]["items"][0]["kind"], body["rating"]) == (
        5000,
        "le_phi",
        None,
    )


def _action(api, dossier, name, body):
    return api.post(f"/api/v1/dossiers/{dossier.code}/actions/{name}/", body, format="json")


@pytest.mark.parametrize(
    ("caller", "status"),
    [("owner", 403), ("desk", 200), ("specialist", 200), ("leader", 200), ("other_desk", 404)],
)
def test_request_obligation_action(world, caller, status):
    dossier = _dossier(world)
    response = _action(
        _client(world, caller, dossier), dossier, "request_obligation", {"charges": OBLIGATION}
    )
    assert response.status_code == status
    dossier.refresh_from_db()
    assert dossier.state == (State.FINANCIAL_OBLIGATION if status == 200 else State.PROCESSING)
    if status == 200:
        assert response.json()["charges"]["total_due"] == 5000 + 1_250_000


@pytest.mark.parametrize("amount", [0, -1000, "abc", None])
def test_request_obligation_with_a_bad_amount_saves_nothing(world, amount):
    dossier = _dossier(world)
    events = DossierEvent.objects.filter(dossier=dossier).count()
    body = {"charges": [{"kind": "obligation", "description": "Tiền sử dụng đất", "amount": amount}]}
    response = _action(_client(world, "specialist", dossier), dossier, "request_obligation", body)
    assert (response.status_code, response.json()["code"]) == (400, "validation_error")
    assert "charges" in response.json()["errors"]
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING
    assert Charge.objects.filter(dossier=dossier).count() == 1
    assert DossierEvent.objects.filter(dossier=dossier).count() == events


@pytest.mark.parametrize(
    ("caller", "status"),
    [("owner", 403), ("desk", 200), ("specialist", 403), ("leader", 403), ("other_desk", 404)],
)
def test_obligation_fulfilled_action(world, caller, status):
    dossier = _dossier(world, State.FINANCIAL_OBLIGATION)
    response = _action(_client(world, caller, dossier), dossier, "obligation_fulfilled", {"note": "Đã nộp"})
    assert response.status_code == status
    dossier.refresh_from_db()
    assert dossier.state == (State.PROCESSING if status == 200 else State.FINANCIAL_OBLIGATION)


def test_obligation_fulfilled_while_charges_due_is_409(world):
    dossier = _dossier(world)
    api = _client(world, "desk", dossier)
    assert _action(api, dossier, "request_obligation", {"charges": OBLIGATION}).status_code == 200
    response = _action(api, dossier, "obligation_fulfilled", {})
    assert (response.status_code, response.json()["code"]) == (409, "obligation_charges_due")
