"""The dossier REST API (issue 4 item 7): receipt, queries and actions, for every kind of caller."""

import datetime

import pytest
from rest_framework.test import APIClient

from lienthong.accounts.roles import Role
from lienthong.dossiers.models import Dossier, DossierEvent, State
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import dossier_in
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import TZ

LIST = "/api/v1/dossiers/"


def _url(dossier, action=None):
    return f"{LIST}{dossier.code}/" + (f"actions/{action}/" if action else "")


def _client(world, caller):
    api = APIClient()
    users = {
        "anonymous": None,
        "citizen": f.citizen(),
        "desk": world.desk,
        "other_specialist": f.officer(f.commune(), Role.SPECIALIST),
        "leader": world.leader,
        "specialist": world.specialist,
        "unit_leader": world.unit_leader,
    }
    if users[caller] is not None:
        api.force_authenticate(users[caller])
    return api


def _receipt(world, **extra):
    body = {
        "procedure": world.version.procedure.code,
        "agency": world.agency.pk,
        "channel": 1,
        "applicant": {**f.applicant(), "kind": 1},
        "components": f.required_ids(world.version),
        "eform_data": {"ly_do": "Cấp lại"},
    }
    body.update(extra)
    return body


@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 403, "not_authenticated"),
        ("citizen", 403, "permission_denied"),
        ("desk", 201, None),
        ("other_specialist", 403, "permission_denied"),
        ("leader", 403, "permission_denied"),
    ],
)
def test_only_the_desk_of_the_receiving_agency_receives(world, caller, status, code):
    """NĐ 118/2025 (thay NĐ 61/2018 Điều 15): the one-stop desk receives dossiers."""
    response = _client(world, caller).post(LIST, _receipt(world), format="json")
    assert response.status_code == status
    if code:
        assert response.json()["code"] == code
        assert not Dossier.objects.exists()
    else:
        body = response.json()
        assert body["state"] == State.RECEIVED
        assert body["code"].startswith(world.agency.code)
        assert body["history"][0]["action"] == "accept"
        assert body["steps"][0]["index"] == 0


def test_the_same_idempotency_key_twice_makes_one_dossier(world):
    api = _client(world, "desk")
    first = api.post(LIST, _receipt(world), format="json", HTTP_IDEMPOTENCY_KEY="quay-1-0001")
    again = api.post(LIST, _receipt(world), format="json", HTTP_IDEMPOTENCY_KEY="quay-1-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["code"] == again.json()["code"]
    assert Dossier.objects.count() == 1


def test_an_idempotency_key_of_another_desk_is_refused(world):
    _client(world, "desk").post(LIST, _receipt(world), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    other = f.commune()
    api = APIClient()
    api.force_authenticate(f.officer(other))
    response = api.post(LIST, _receipt(world, agency=other.pk), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 403
    assert response.json()["code"] == "idempotency_key_in_use"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"procedure": "9.999999"}, "procedure"),
        ({"components": []}, "components"),
        ({"applicant": {**f.applicant(), "kind": 1, "id_number": "123"}}, "applicant_id_number"),
        ({"applicant": {"kind": 1}}, "applicant"),
        ({"channel": 7}, "channel"),
    ],
)
def test_bad_receipt_is_a_400_with_field_errors_and_saves_nothing(world, change, field):
    response = _client(world, "desk").post(LIST, _receipt(world, **change), format="json")
    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "validation_error"
    assert field in body["errors"]
    assert not Dossier.objects.exists()
    assert not DossierEvent.objects.exists()


def test_an_overlong_idempotency_key_is_refused(world):
    api = _client(world, "desk")
    response = api.post(LIST, _receipt(world), format="json", HTTP_IDEMPOTENCY_KEY="k" * 101)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("caller", "status", "count"),
    [("anonymous", 403, None), ("citizen", 200, 0), ("desk", 200, 2), ("other_specialist", 200, 0)],
)
def test_the_list_shows_only_what_the_caller_may_see(world, caller, status, count):
    world.receive()
    world.receive()
    response = _client(world, caller).get(LIST)
    assert response.status_code == status
    if count is not None:
        assert response.json()["count"] == count


def test_an_applicant_sees_their_own_dossier(world):
    citizen = f.citizen()
    mine = world.receive(applicant_user=citizen)
    world.receive()
    api = APIClient()
    api.force_authenticate(citizen)
    assert [row["code"] for row in api.get(LIST).json()["results"]] == [mine.code]
    assert api.get(_url(mine)).status_code == 200


def test_list_filters_by_state_queue_and_search(world):
    received = world.receive(applicant=f.applicant(name="Nguyễn Văn Bình"))
    processing = dossier_in(world, State.PROCESSING)
    api = _client(world, "desk")

    def codes(**params):
        return {row["code"] for row in api.get(LIST, params).json()["results"]}

    assert codes(state="processing") == {processing.code}
    assert codes(queue="mine") == {received.code}
    assert codes(queue="agency") == {received.code, processing.code}
    assert codes(q="Bình") == {received.code}
    assert codes(q="binh") == {received.code}  # typed without diacritics
    assert codes(q=processing.code[-4:]) >= {processing.code}
    bad = api.get(LIST, {"queue": "everyone"})
    assert bad.status_code == 400
    assert "queue" in bad.json()["errors"]


def test_the_list_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(8):
        dossier_in(world, State.PROCESSING)
    api = _client(world, "leader")
    with django_assert_max_num_queries(6):
        response = api.get(LIST)
    assert response.json()["count"] == 8


@pytest.mark.parametrize(
    ("caller", "status"),
    [("anonymous", 403), ("citizen", 404), ("desk", 200), ("other_specialist", 404), ("leader", 200)],
)
def test_detail_is_for_those_who_may_see_it(world, caller, status):
    dossier = dossier_in(world, State.PROCESSING)
    response = _client(world, caller).get(_url(dossier))
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert [step["index"] for step in body["steps"]] == [0, 1]
        assert [event["action"] for event in body["history"]] == ["accept", "transfer"]
        assert "approve" in body["allowed_actions"]


@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 403, "not_authenticated"),
        ("citizen", 404, "not_found"),
        ("desk", 403, "permission_denied"),
        ("other_specialist", 404, "not_found"),
        ("leader", 200, None),
    ],
)
def test_approval_is_for_the_leader_of_the_handling_agency(world, caller, status, code):
    """NĐ 118/2025 (thay NĐ 61/2018 Điều 17): the competent leader decides."""
    dossier = dossier_in(world, State.PROCESSING)
    response = _client(world, caller).post(_url(dossier, "approve"), {}, format="json")
    assert response.status_code == status
    dossier.refresh_from_db()
    if code:
        assert response.json()["code"] == code
        assert dossier.state == State.PROCESSING
    else:
        assert response.json()["state"] == dossier.state == State.APPROVED


def test_an_action_in_the_wrong_state_is_a_409(world):
    dossier = world.receive()
    response = _client(world, "desk").post(
        _url(dossier, "return_result"), {"delivery_method": "counter", "received_by": "Hồng"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_a_stale_expected_version_is_a_409(world):
    dossier = world.receive()
    api = _client(world, "desk")
    response = api.post(_url(dossier, "transfer"), {"expected_version": dossier.version}, format="json")
    assert response.status_code == 200
    stale = api.post(_url(dossier, "stop"), {"reasons": "Dừng", "expected_version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_dossier"
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING


def test_bad_action_input_is_a_400_and_changes_nothing(world):
    dossier = dossier_in(world, State.PROCESSING)
    api = _client(world, "specialist")
    response = api.post(_url(dossier, "request_supplement"), {"items": []}, format="json")
    assert response.status_code == 400
    assert "items" in response.json()["errors"]
    dossier.refresh_from_db()
    assert (dossier.state, dossier.version) == (State.PROCESSING, 2)


def test_the_applicant_withdraws_their_own_dossier(world):
    """NĐ 118/2025 [probable]: the applicant may withdraw (regulations.md §2.2 mục 7)."""
    citizen = f.citizen()
    dossier = world.receive(applicant_user=citizen)
    api = APIClient()
    api.force_authenticate(citizen)
    response = api.post(_url(dossier, "withdraw"), {"reasons": "Không cần nữa"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == State.WITHDRAWN


def _working_day_after(moment):
    day = moment.astimezone(TZ).date() + datetime.timedelta(days=1)
    while not deadlines.is_working_day(day):
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(16), tzinfo=TZ)


def test_every_action_through_the_api_from_receipt_to_result(world):
    """From receipt to returned result with one supplement and one apology, all through the API."""
    desk, specialist = _client(world, "desk"), _client(world, "specialist")
    leader, unit_leader = _client(world, "leader"), _client(world, "unit_leader")
    dossier = Dossier.objects.get(code=desk.post(LIST, _receipt(world), format="json").json()["code"])

    def act(api, action, **body):
        response = api.post(_url(dossier, action), body, format="json")
        assert response.status_code == 200, response.json()
        return response.json()

    act(desk, "transfer")
    act(unit_leader, "assign", assignee=world.specialist.pk)
    act(specialist, "request_supplement", items=["Bản sao giấy khai sinh"])
    act(desk, "receive_supplement", components=f.required_ids(world.version))
    dossier.refresh_from_db()
    new_date = _working_day_after(dossier.appointment_at).isoformat()
    act(leader, "apologise", new_appointment_at=new_date, reason="Chờ xác minh")
    act(leader, "approve")
    body = act(desk, "return_result", delivery_method="counter", received_by="Trần Thị Hồng")
    assert body["state"] == State.RETURNED
    assert body["national_status"] == 10
    assert [e["action"] for e in body["history"]] == [
        "accept",
        "transfer",
        "assign",
        "request_supplement",
        "receive_supplement",
        "apologise",
        "approve",
        "return_result",
    ]


@pytest.mark.parametrize("action", ["refuse", "stop"])
def test_endings_need_reasons(world, action):
    dossier = dossier_in(world, State.PROCESSING)
    response = _client(world, "leader").post(_url(dossier, action), {"reasons": ""}, format="json")
    assert response.status_code == 400
    assert "reasons" in response.json()["errors"]


def test_refusal_at_receipt_needs_reasons_and_gets_no_code(world):
    """NĐ 118/2025 (thay NĐ 61/2018 Điều 15): refusal at receipt states its reasons."""
    api = _client(world, "desk")
    missing = api.post(LIST, _receipt(world, outcome="refuse_at_receipt", components=[]), format="json")
    assert missing.status_code == 400
    assert "reasons" in missing.json()["errors"]
    assert not Dossier.objects.exists()
    body = _receipt(world, outcome="refuse_at_receipt", reasons="Không thuộc thẩm quyền", components=[])
    response = api.post(LIST, body, format="json")
    assert response.status_code == 201
    assert (response.json()["state"], response.json()["code"]) == (State.REFUSED_AT_RECEIPT, None)
