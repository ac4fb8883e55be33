"""The files API: multipart receipt, list, upload and download, each scoped to the caller's dossiers."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from lienthong.accounts.roles import Role
from lienthong.core.tests.samples import image_bytes, pdf_bytes, upload
from lienthong.dossiers import services
from lienthong.dossiers.models import DailyCounter, Dossier, DossierFile, State
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import dossier_in

LIST = "/api/v1/dossiers/"
EXE = b"MZ\x90\x00" + b"\x00" * 300


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def client(user):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def callers(world, applicant):
    return {
        "anonymous": None,
        "desk": world.desk,
        "specialist": world.specialist,
        "leader": world.leader,
        "other_agency": f.officer(f.commune(), Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.AGENCY_LEADER),
        "applicant": applicant,
    }


def body(world, **extra):
    data = {
        "procedure": world.version.procedure.code,
        "agency": world.agency.pk,
        "channel": 1,
        "applicant": {**f.applicant(), "kind": 1},
        "components": [{"id": f.required_ids(world.version)[0], "copy_type": "original", "count": 1}],
    }
    data.update(extra)
    return data


def multipart(world, files, key=None, **extra):
    parts = {"data": json.dumps(body(world, **extra)), **files}
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client(world.desk).post(LIST, parts, format="multipart", **headers)


# --- receipt ----------------------------------------------------------------------------------


def test_multipart_receipt_stores_the_files(world, media):
    pk = f.required_ids(world.version)[0]
    response = multipart(
        world, {f"component_{pk}": [upload("Tờ khai.pdf"), upload("ảnh.png", image_bytes())]}, sets=2
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["sets"] == 2 and data["out_of_area"] is False
    assert data["components"] == [{"id": pk, "copy_type": "original", "count": 1}]
    assert [(x["original_name"], x["component"]["id"], x["digitised"]) for x in data["files"]] == [
        ("Tờ khai.pdf", pk, True),
        ("ảnh.png", pk, True),
    ]
    assert data["files"][0]["download_url"] == f"{LIST}{data['code']}/files/{data['files'][0]['id']}/"
    assert len(stored(media)) == 2


def test_json_receipt_accepts_ids_and_component_details(world):
    pk = f.required_ids(world.version)[0]
    response = client(world.desk).post(LIST, body(world, components=[pk]), format="json")
    assert response.status_code == 201
    assert response.json()["components"] == [{"id": pk, "copy_type": "original", "count": 1}]
    assert response.json()["files"] == []


def test_same_idempotency_key_twice_gives_one_dossier_and_one_set_of_files(world, media):
    pk = f.required_ids(world.version)[0]
    first = multipart(world, {f"component_{pk}": upload()}, key="quay-2-77")
    again = multipart(world, {f"component_{pk}": upload()}, key="quay-2-77")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["code"] == again.json()["code"]
    assert Dossier.objects.count() == 1
    assert DossierFile.objects.count() == 1 and len(stored(media)) == 1


@pytest.mark.parametrize(
    "parts, field, code",
    [
        ("exe", "component_{pk}", "file_type"),
        ("corrupt", "component_{pk}", "file_corrupt"),
        ("empty", "component_{pk}", "file_empty"),
        ("bad_name", "scan", "invalid"),
        ("bad_data", "data", "invalid"),
        ("unknown", "files", "invalid"),
        ("online_without_file", "files", "invalid"),
        ("unknown_procedure", "procedure", "invalid"),
    ],
)
def test_bad_multipart_receipt_saves_nothing(world, media, parts, field, code):
    """Bad input: 400 with the field and a stable code; no dossier, file, stored bytes or number."""
    pk = f.required_ids(world.version)[0]
    d = json.dumps(body(world))
    cases = {
        "exe": {"data": d, f"component_{pk}": upload("to-khai.pdf", EXE)},
        "corrupt": {"data": d, f"component_{pk}": upload("a.pdf", b"%PDF-1.4 broken")},
        "empty": {"data": d, f"component_{pk}": upload("a.pdf", b"")},
        "bad_name": {"data": d, "scan": upload()},
        "bad_data": {"data": "{not json", f"component_{pk}": upload()},
        "unknown": {"data": d, "component_999999": upload()},
        "online_without_file": {"data": json.dumps(body(world, channel=2))},
        "unknown_procedure": {
            "data": json.dumps(body(world, procedure="KHONG-CO")),
            f"component_{pk}": upload(),
        },
    }
    response = client(world.desk).post(LIST, cases[parts], format="multipart", HTTP_IDEMPOTENCY_KEY="k-bad")
    assert response.status_code == 400, response.json()
    error = response.json()
    assert error["code"] == "validation_error"
    assert error["errors"][field.format(pk=pk)][0]["code"] == code
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
    assert not DailyCounter.objects.filter(last_value__gt=0).exists()
    assert stored(media) == []
    retry = multipart(world, {f"component_{pk}": upload()}, key="k-bad")
    assert retry.status_code == 201 and retry.json()["code"].endswith("-0001")


def test_out_of_area_refused_for_an_unlisted_procedure(world):
    """regulations.md §1 [probable]: phi địa giới only for listed procedures."""
    response = client(world.desk).post(LIST, body(world, out_of_area=True), format="json")
    assert response.status_code == 400
    assert "out_of_area" in response.json()["errors"]


# --- list -------------------------------------------------------------------------------------


def _files_url(dossier):
    return f"{LIST}{dossier.code}/files/"


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 403),
        ("desk", 200),
        ("specialist", 200),
        ("leader", 200),
        ("other_agency", 404),
        ("applicant", 200),
    ],
)
def test_files_list_per_caller(world, who, status):
    citizen = f.citizen()
    d = world.receive(applicant_user=citizen, files={f.required_ids(world.version)[0]: [upload()]})
    response = client(callers(world, citizen)[who]).get(_files_url(d))
    assert response.status_code == status
    if status == 200:
        [row] = response.json()
        assert (row["purpose"], row["copy_type"], row["size"]) == ("component", "original", len(pdf_bytes()))
        assert len(row["sha256"]) == 64 and row["uploaded_by"] and row["uploaded_at"]


def test_files_list_has_a_fixed_number_of_queries(world):
    pk = f.required_ids(world.version)[0]
    one = world.receive(files={pk: [upload()]})
    many = world.receive(files={pk: [upload() for _ in range(6)]})
    api = client(world.leader)
    api.get(_files_url(one))  # warm the per-user caches (roles) first
    counts = []
    for d in (one, many):
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(_files_url(d)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with CaptureQueriesContext(connection) as one_ctx:
        api.get(f"{LIST}{one.code}/")
    with CaptureQueriesContext(connection) as many_ctx:
        detail = api.get(f"{LIST}{many.code}/")
    assert len(detail.json()["files"]) == 6
    assert len(one_ctx.captured_queries) == len(many_ctx.captured_queries)


# --- upload -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 403),
        ("desk", 201),
        ("specialist", 201),
        ("leader", 201),
        ("other_agency", 404),
        ("applicant", 403),
    ],
)
def test_upload_per_caller(world, media, who, status):
    citizen = f.citizen()
    d = services.transfer(world.desk, world.receive(applicant_user=citizen), assignee=world.specialist)
    pk = f.required_ids(world.version)[0]
    response = client(callers(world, citizen)[who]).post(
        _files_url(d),
        {"file": upload("Bản sao CCCD.pdf"), "purpose": "component", "component": pk, "copy_type": "copy"},
        format="multipart",
    )
    assert response.status_code == status, response.json()
    assert DossierFile.objects.count() == (1 if status == 201 else 0)
    assert len(stored(media)) == (1 if status == 201 else 0)
    if status == 201:
        assert response.json()["original_name"] == "Bản sao CCCD.pdf"


def test_applicant_uploads_a_requested_supplement(world):
    citizen = f.citizen()
    d = services.transfer(world.desk, world.receive(applicant_user=citizen), assignee=world.specialist)
    d = services.request_supplement(world.specialist, d, ["Tờ khai"])
    response = client(citizen).post(
        _files_url(d), {"file": upload(), "purpose": "supplement"}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["purpose"] == "supplement"


def test_leader_uploads_the_result_and_desk_may_not(world):
    d = dossier_in(world, State.APPROVED)
    url = _files_url(d)
    refused = client(world.desk).post(url, {"file": upload(), "purpose": "result"}, format="multipart")
    assert refused.status_code == 403
    response = client(world.leader).post(
        url, {"file": upload("Kết quả.pdf"), "purpose": "result"}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["purpose"] == "result"


@pytest.mark.parametrize(
    "parts, field, code",
    [
        ({"file": "exe", "purpose": "other"}, "file", "file_type"),
        ({"purpose": "other"}, "file", "required"),
        ({"file": "pdf", "purpose": "component"}, "component", "invalid"),
        ({"file": "pdf", "purpose": "bogus"}, "purpose", "invalid_choice"),
    ],
)
def test_bad_upload_is_400_and_saves_nothing(world, media, parts, field, code):
    d = dossier_in(world, State.RECEIVED)
    files = {"exe": upload("a.pdf", EXE), "pdf": upload()}
    data = {k: files.get(v, v) if k == "file" else v for k, v in parts.items()}
    response = client(world.desk).post(_files_url(d), data, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"][field][0]["code"] == code
    assert stored(media) == [] and not DossierFile.objects.exists()


def test_upload_to_a_closed_dossier_is_409(world):
    d = dossier_in(world, State.RETURNED)
    response = client(world.desk).post(
        _files_url(d), {"file": upload(), "purpose": "other"}, format="multipart"
    )
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")


# --- download ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 403),
        ("desk", 200),
        ("specialist", 200),
        ("leader", 200),
        ("other_agency", 404),
        ("applicant", 200),
    ],
)
def test_download_per_caller(world, who, status):
    citizen = f.citizen()
    content = pdf_bytes(pages=2)
    d = world.receive(
        applicant_user=citizen,
        files={f.required_ids(world.version)[0]: [upload("Giấy khai sinh.pdf", content)]},
    )
    row = DossierFile.objects.get()
    response = client(callers(world, citizen)[who]).get(f"{_files_url(d)}{row.pk}/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert "filename*=utf-8''Gi%E1%BA%A5y%20khai%20sinh.pdf" in disposition


def test_a_file_is_not_reachable_through_another_dossier(world):
    pk = f.required_ids(world.version)[0]
    mine = world.receive(files={pk: [upload()]})
    other = world.receive()
    row = DossierFile.objects.get(dossier=mine)
    api = client(world.desk)
    assert api.get(f"{_files_url(other)}{row.pk}/").status_code == 404
    assert api.get(f"{_files_url(mine)}{row.pk + 1000}/").status_code == 404
