"""The directory REST API (/api/v1/units, agencies, officials): who may do what, bad input, query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from lienthong.accounts.models import AccountKind
from lienthong.accounts.tests.factories import UserFactory
from lienthong.core.models import AuditRecord
from lienthong.core.tests.conftest import build_api_world
from lienthong.directory.models import AdministrativeUnit, Agency, AgencyKind, InternalUnit, Official
from lienthong.directory.tests.factories import (
    AdministrativeUnitFactory,
    AgencyFactory,
    InternalUnitFactory,
    OfficialFactory,
    PositionFactory,
    make_citizen_id,
)

_VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


@pytest.fixture
def world(db):
    return build_api_world()


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert (body["status"], body["code"]) == (status, code)
    assert _VIETNAMESE.search(body["message"].lower()), body["message"]
    return body


def assert_invalid(response, *fields):
    """A 400 ``validation_error`` naming ``fields``, every message in Vietnamese."""
    body = assert_error(response, 400, "validation_error")
    assert body["message"] == "Dữ liệu gửi lên không hợp lệ."
    for name in fields:
        assert name in body["errors"], body["errors"]
    for errors in body["errors"].values():
        for error in errors:
            assert error["code"]
            assert _VIETNAMESE.search(error["message"].lower()), error["message"]
    return body


def counts():
    return (
        AdministrativeUnit.objects.count(),
        Agency.objects.count(),
        InternalUnit.objects.count(),
        Official.objects.count(),
        AuditRecord.objects.count(),
    )


# Administrative units ---------------------------------------------------------------------------


@pytest.fixture
def units(db):
    province = AdministrativeUnitFactory(code="86", name="Tỉnh Vĩnh Long", division_type="tinh")
    ward = AdministrativeUnitFactory(
        code="29239", name="Phường Long Châu", division_type="phuong", parent=province
    )
    commune = AdministrativeUnitFactory(
        code="29242", name="Xã Phước Hậu", division_type="xa", parent=province
    )
    merged = AdministrativeUnitFactory(
        code="29245",
        name="Xã Tân Hạnh",
        division_type="xa",
        parent=province,
        valid_until=datetime.date(2025, 6, 30),
    )
    merged.successors.set([ward])
    return {"province": province, "ward": ward, "commune": commune, "merged": merged}


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_units_list_is_public_and_shows_current_units_only(world, units):
    response = world.client("anonymous").get("/api/v1/units/")
    assert names(response) == ["Tỉnh Vĩnh Long", "Phường Long Châu", "Xã Phước Hậu"]
    first = response.json()["results"][1]
    assert first["parent"] == units["province"].pk
    assert first["parent_name"] == "Tỉnh Vĩnh Long"
    assert first["division_type_label"] == "Phường"
    assert first["level"] == 2


def test_units_search_ignores_diacritics(world, units):
    assert names(world.client("anonymous").get("/api/v1/units/", {"q": "phuoc hau"})) == ["Xã Phước Hậu"]
    assert names(world.client("anonymous").get("/api/v1/units/", {"q": "LONG CHÂU"})) == ["Phường Long Châu"]


def test_units_filters(world, units):
    client = world.client("anonymous")
    assert names(client.get("/api/v1/units/", {"division_type": "xa"})) == ["Xã Phước Hậu"]
    assert names(client.get("/api/v1/units/", {"level": 1})) == ["Tỉnh Vĩnh Long"]
    assert len(names(client.get("/api/v1/units/", {"parent": units["province"].pk}))) == 2


def test_units_merged_on_1_july_2025_stay_for_historical_dates(world, units):
    """Units merged in the rearrangement in force on 1 Jul 2025 stay readable for older records."""
    client = world.client("anonymous")
    assert "Xã Tân Hạnh" in names(client.get("/api/v1/units/", {"valid_on": "2025-06-30"}))
    assert "Xã Tân Hạnh" not in names(client.get("/api/v1/units/", {"valid_on": "2025-07-01"}))
    response = client.get("/api/v1/units/", {"include_expired": "true"})
    assert "Xã Tân Hạnh" in names(response)
    merged = client.get(f"/api/v1/units/{units['merged'].pk}/").json()
    assert merged["valid_until"] == "2025-06-30"
    assert merged["successors"] == [units["ward"].pk]


@pytest.mark.parametrize("params", [{"level": "abc"}, {"valid_on": "31/12/2024"}, {"division_type": "bang"}])
def test_units_bad_filter_is_refused(world, params):
    body = assert_invalid(world.client("anonymous").get("/api/v1/units/", params), *params)
    assert body["errors"]


def test_units_retrieve_unknown_is_404(world):
    assert_error(world.client("anonymous").get("/api/v1/units/999999/"), 404, "not_found")


_NEW_UNIT = {"code": "29999", "name": "Xã Hòa Bình", "division_type": "xa"}


@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 403, "not_authenticated"),
        ("citizen", 403, "permission_denied"),
        ("specialist_a", 403, "permission_denied"),
        ("admin_a", 403, "permission_denied"),
        ("admin_b", 403, "permission_denied"),
        ("admin_a_no_mfa", 403, "mfa_required"),
    ],
)
def test_units_write_refused_to_all_but_province_it_admins(world, units, caller, status, code):
    client = world.client(caller)
    before = counts()
    assert_error(client.post("/api/v1/units/", {**_NEW_UNIT, "parent": units["province"].pk}), status, code)
    assert_error(client.patch(f"/api/v1/units/{units['ward'].pk}/", {"name": "Phường Mới"}), status, code)
    assert counts() == before


def test_units_province_it_admin_creates_and_updates(world, units):
    client = world.client("province_admin")
    response = client.post("/api/v1/units/", {**_NEW_UNIT, "parent": units["province"].pk}, format="json")
    assert response.status_code == 201, response.content
    created = AdministrativeUnit.objects.get(pk=response.json()["id"])
    assert (created.name, created.level, created.name_folded) == ("Xã Hòa Bình", 2, "xa hoa binh")
    response = client.patch(
        f"/api/v1/units/{created.pk}/",
        {"valid_until": "2025-06-30", "successors": [units["commune"].pk]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["successors"] == [units["commune"].pk]
    assert AuditRecord.objects.filter(
        action="directory.admin_unit.update", object_id=str(created.pk)
    ).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"code": "1", "division_type": "xa"}, "name"),
        ({**_NEW_UNIT, "division_type": "bang"}, "division_type"),
        ({**_NEW_UNIT, "parent": 999999}, "parent"),
        ({**_NEW_UNIT, "name": "X" * 151}, "name"),
    ],
)
def test_units_bad_input_saves_nothing(world, units, body, field):
    before = counts()
    assert_invalid(world.client("province_admin").post("/api/v1/units/", body, format="json"), field)
    assert counts() == before


def test_units_validity_must_end_after_it_starts(world):
    before = counts()
    body = {**_NEW_UNIT, "valid_from": "2025-07-01", "valid_until": "2025-06-30"}
    response = world.client("province_admin").post("/api/v1/units/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "non_field_errors" in response.json()["errors"]
    assert counts() == before


def test_units_list_query_count_does_not_grow_with_rows(world, units, django_assert_max_num_queries):
    client = world.client("anonymous")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/units/")
    for _ in range(20):
        AdministrativeUnitFactory(parent=units["province"]).successors.set([units["ward"]])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(names(client.get("/api/v1/units/"))) == 23


# Agencies ---------------------------------------------------------------------------------------


def test_agencies_list_is_public_with_search_and_filters(world):
    client = world.client("anonymous")
    AgencyFactory(name="Sở Xây dựng cũ", parent=world.province, is_active=False)
    assert names(client.get("/api/v1/agencies/", {"q": "tu phap"})) == ["Sở Tư pháp"]
    assert names(client.get("/api/v1/agencies/", {"q": world.agency_b.code})) == ["Sở Y tế"]
    assert names(client.get("/api/v1/agencies/", {"kind": AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE})) == [
        "Ủy ban nhân dân tỉnh Vĩnh Long"
    ]
    children = names(client.get("/api/v1/agencies/", {"parent": world.province.pk}))
    assert sorted(children) == ["Sở Tư pháp", "Sở Y tế"]
    everything = names(client.get("/api/v1/agencies/", {"parent": world.province.pk, "include_inactive": 1}))
    assert "Sở Xây dựng cũ" in everything


def test_agencies_filter_by_administrative_unit(world, units):
    commune = AgencyFactory(name="UBND xã Phước Hậu", kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE)
    commune.administrative_unit = units["commune"]
    commune.save()
    response = world.client("anonymous").get(
        "/api/v1/agencies/", {"administrative_unit": units["commune"].pk}
    )
    assert names(response) == ["UBND xã Phước Hậu"]
    assert response.json()["results"][0]["administrative_unit_name"] == "Xã Phước Hậu"


def test_agency_detail_nests_its_active_units(world):
    InternalUnitFactory(agency=world.agency_a, name="Phòng đã giải thể", is_active=False)
    response = world.client("anonymous").get(f"/api/v1/agencies/{world.agency_a.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["parent_name"] == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert [u["name"] for u in body["units"]] == ["Phòng Hành chính tư pháp"]
    assert "warnings" not in body


def _agency(parent, **extra):
    return {"name": "Sở Khoa học và Công nghệ", "kind": AgencyKind.DEPARTMENT, "parent": parent.pk, **extra}


@pytest.mark.parametrize(
    ("caller", "parent", "status", "code"),
    [
        ("anonymous", "agency_a", 403, "not_authenticated"),
        ("citizen", "agency_a", 403, "permission_denied"),
        ("specialist_a", "agency_a", 403, "permission_denied"),
        ("admin_b", "agency_a", 403, "permission_denied"),
        ("admin_a", "agency_b", 403, "permission_denied"),
        ("admin_a", "province", 403, "permission_denied"),
        ("admin_a_no_mfa", "agency_a", 403, "mfa_required"),
    ],
)
def test_agency_create_refused(world, caller, parent, status, code):
    """An administrator of agency A acts for A and below only, never for B or above A."""
    before = counts()
    response = world.client(caller).post("/api/v1/agencies/", _agency(getattr(world, parent)), format="json")
    assert_error(response, status, code)
    assert counts() == before


@pytest.mark.parametrize(("caller", "parent"), [("admin_a", "agency_a"), ("province_admin", "province")])
def test_agency_create_allowed(world, caller, parent):
    response = world.client(caller).post(
        "/api/v1/agencies/", _agency(getattr(world, parent), code="000.01.31.H61"), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["warnings"], body["code_is_standard"], body["units"]) == ([], True, [])
    created = Agency.objects.get(pk=body["id"])
    assert created.path.startswith(getattr(world, parent).path)
    assert AuditRecord.objects.filter(action="directory.agency.create", object_id=str(created.pk)).exists()


def test_agency_root_created_by_province_it_admin_only(world):
    body = {"name": "Ban Quản lý các khu công nghiệp", "kind": AgencyKind.DEPARTMENT}
    assert_error(
        world.client("admin_a").post("/api/v1/agencies/", body, format="json"), 403, "permission_denied"
    )
    assert world.client("province_admin").post("/api/v1/agencies/", body, format="json").status_code == 201


def test_agency_malformed_code_saved_with_warning(world):
    """QCVN 102:2016: a code not in the DDD.CC.BB.AXX shape is kept, flagged, and warned about."""
    response = world.client("admin_a").post(
        "/api/v1/agencies/", _agency(world.agency_a, code="H61.31-STP"), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "H61.31-STP"
    assert body["code_is_standard"] is False
    assert len(body["warnings"]) == 1
    assert "QCVN 102:2016" in body["warnings"][0]
    assert Agency.objects.get(pk=body["id"]).code == "H61.31-STP"

    response = world.client("admin_a").patch(
        f"/api/v1/agencies/{body['id']}/", {"code": "000.01.31.H61"}, format="json"
    )
    assert (response.status_code, response.json()["warnings"]) == (200, [])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": AgencyKind.DEPARTMENT}, "name"),
        ({"name": "Sở Mới"}, "kind"),
        ({"name": "Sở Mới", "kind": "bo"}, "kind"),
        ({"name": "Sở Mới", "kind": AgencyKind.DEPARTMENT, "parent": 999999}, "parent"),
        ({"name": "Sở Mới", "kind": AgencyKind.DEPARTMENT, "email": "khong-phai-thu"}, "email"),
        ({"name": "Sở Mới", "kind": AgencyKind.DEPARTMENT, "parent": "a"}, "parent"),
    ],
)
def test_agency_bad_input_saves_nothing(world, body, field):
    before = counts()
    assert_invalid(world.client("province_admin").post("/api/v1/agencies/", body, format="json"), field)
    assert counts() == before


def test_agency_duplicate_code_refused_by_the_service(world):
    before = counts()
    response = world.client("admin_a").post(
        "/api/v1/agencies/", _agency(world.agency_a, code=world.agency_b.code), format="json"
    )
    assert_invalid(response, "code")
    assert counts() == before


def test_agency_cannot_be_moved_under_itself(world):
    child = AgencyFactory(name="Trung tâm Trợ giúp pháp lý", parent=world.agency_a)
    response = world.client("province_admin").patch(
        f"/api/v1/agencies/{world.agency_a.pk}/", {"parent": child.pk}, format="json"
    )
    assert_invalid(response, "parent")
    world.agency_a.refresh_from_db()
    assert world.agency_a.parent_id == world.province.pk


@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 403, "not_authenticated"),
        ("citizen", 403, "permission_denied"),
        ("specialist_a", 403, "permission_denied"),
        ("admin_b", 403, "permission_denied"),
        ("admin_a_no_mfa", 403, "mfa_required"),
    ],
)
def test_agency_update_refused(world, caller, status, code):
    client = world.client(caller)
    url = f"/api/v1/agencies/{world.agency_a.pk}/"
    assert_error(client.patch(url, {"phone": "02703822222"}, format="json"), status, code)
    assert_error(client.put(url, _agency(world.province), format="json"), status, code)
    world.agency_a.refresh_from_db()
    assert world.agency_a.phone == ""


@pytest.mark.parametrize("caller", ["admin_a", "province_admin"])
def test_agency_update_allowed(world, caller):
    client = world.client(caller)
    url = f"/api/v1/agencies/{world.agency_a.pk}/"
    response = client.patch(url, {"phone": "02703822222", "has_one_stop_desk": True}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["units"][0]["name"] == "Phòng Hành chính tư pháp"
    body = {"name": "Sở Tư pháp tỉnh Vĩnh Long", "kind": AgencyKind.DEPARTMENT, "parent": world.province.pk}
    response = client.put(url, body, format="json")
    assert response.status_code == 200, response.content
    world.agency_a.refresh_from_db()
    assert (world.agency_a.name, world.agency_a.phone) == ("Sở Tư pháp tỉnh Vĩnh Long", "02703822222")


def test_agency_put_needs_every_required_field(world):
    response = world.client("admin_a").put(
        f"/api/v1/agencies/{world.agency_a.pk}/", {"phone": "1"}, format="json"
    )
    assert_invalid(response, "name", "kind")


def test_agencies_list_query_count_does_not_grow_with_rows(world, units, django_assert_max_num_queries):
    client = world.client("anonymous")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/agencies/")
    for _ in range(20):
        agency = AgencyFactory(parent=world.agency_a)
        agency.administrative_unit = units["commune"]
        agency.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(names(client.get("/api/v1/agencies/"))) == 23


# Internal units of an agency --------------------------------------------------------------------


def test_agency_units_list_is_public(world):
    InternalUnitFactory(agency=world.agency_a, name="Phòng cũ", is_active=False)
    response = world.client("anonymous").get(f"/api/v1/agencies/{world.agency_a.pk}/units/")
    assert names(response) == ["Phòng Hành chính tư pháp"]
    assert_error(world.client("anonymous").get("/api/v1/agencies/999999/units/"), 404, "not_found")


@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 403, "not_authenticated"),
        ("citizen", 403, "permission_denied"),
        ("specialist_a", 403, "permission_denied"),
        ("admin_b", 403, "permission_denied"),
        ("admin_a_no_mfa", 403, "mfa_required"),
    ],
)
def test_agency_unit_create_refused(world, caller, status, code):
    before = counts()
    response = world.client(caller).post(
        f"/api/v1/agencies/{world.agency_a.pk}/units/", {"name": "Phòng Bổ trợ tư pháp"}, format="json"
    )
    assert_error(response, status, code)
    assert counts() == before


@pytest.mark.parametrize("caller", ["admin_a", "province_admin"])
def test_agency_unit_create_allowed(world, caller):
    response = world.client(caller).post(
        f"/api/v1/agencies/{world.agency_a.pk}/units/",
        {"name": "Phòng Bổ trợ tư pháp", "short_name": "BTTP", "sort_order": 2},
        format="json",
    )
    assert response.status_code == 201, response.content
    unit = InternalUnit.objects.get(pk=response.json()["id"])
    assert (unit.agency, unit.short_name) == (world.agency_a, "BTTP")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "Phòng Hành chính tư pháp"}, "non_field_errors"),
        ({"name": "Phòng mới", "sort_order": -1}, "sort_order"),
    ],
)
def test_agency_unit_bad_input_saves_nothing(world, body, field):
    before = counts()
    response = world.client("admin_a").post(
        f"/api/v1/agencies/{world.agency_a.pk}/units/", body, format="json"
    )
    assert_invalid(response, field)
    assert counts() == before


def test_agency_units_list_query_count(world, django_assert_max_num_queries):
    for _ in range(20):
        InternalUnitFactory(agency=world.agency_a)
    with django_assert_max_num_queries(4):  # agency, count, page (no session for anonymous)
        response = world.client("anonymous").get(f"/api/v1/agencies/{world.agency_a.pk}/units/")
    assert response.json()["count"] == 21


# Officials --------------------------------------------------------------------------------------

PERSONAL = {"citizen_id", "date_of_birth", "gender", "gender_label", "rank", "rank_name"}


@pytest.fixture
def officials(world):
    return {
        "a": OfficialFactory(full_name="Võ Thị Hồng", gender="F", agency=world.agency_a),
        "b": OfficialFactory(full_name="Đặng Văn Hùng", agency=world.agency_b),
    }


def _by_name(response):
    assert response.status_code == 200, response.content
    return {row["full_name"]: row for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [("anonymous", 403, "not_authenticated"), ("citizen", 403, "permission_denied")],
)
def test_officials_directory_closed_to_the_public(world, officials, caller, status, code):
    """Citizens get 403 ``permission_denied`` rather than an empty list: the directory is internal."""
    client = world.client(caller)
    assert_error(client.get("/api/v1/officials/"), status, code)
    assert_error(client.get(f"/api/v1/officials/{officials['a'].pk}/"), status, code)


def test_officials_admin_without_mfa_is_stopped(world, officials):
    assert_error(world.client("admin_a_no_mfa").get("/api/v1/officials/"), 403, "mfa_required")


@pytest.mark.parametrize(
    ("caller", "personal_of"),
    [
        ("specialist_a", set()),
        ("admin_a", {"Võ Thị Hồng"}),
        ("admin_b", {"Đặng Văn Hùng"}),
        ("province_admin", {"Võ Thị Hồng", "Đặng Văn Hùng"}),
    ],
)
def test_officials_personal_data_only_where_allowed(world, officials, caller, personal_of):
    """Decree 13/2023/NĐ-CP on personal data: citizen ID and birth date only for those who manage them."""
    rows = _by_name(world.client(caller).get("/api/v1/officials/"))
    assert {"Võ Thị Hồng", "Đặng Văn Hùng"} <= set(rows)
    for name in ("Võ Thị Hồng", "Đặng Văn Hùng"):
        assert (set(rows[name]) >= PERSONAL) == (name in personal_of), (name, rows[name])
        assert not (PERSONAL & set(rows[name])) or name in personal_of
    detail = world.client(caller).get(f"/api/v1/officials/{officials['a'].pk}/").json()
    assert ("citizen_id" in detail) == ("Võ Thị Hồng" in personal_of)


def test_official_sees_own_personal_data(world):
    own = world.users["specialist_a"].official
    body = world.client("specialist_a").get(f"/api/v1/officials/{own.pk}/").json()
    assert body["citizen_id"] == own.citizen_id
    assert body["internal_unit_name"] == "Phòng Hành chính tư pháp"


def test_officials_filters(world, officials):
    client = world.client("specialist_a")
    assert set(_by_name(client.get("/api/v1/officials/", {"q": "vo thi hong"}))) == {"Võ Thị Hồng"}
    in_b = _by_name(client.get("/api/v1/officials/", {"agency": world.agency_b.pk}))
    assert set(in_b) == {"Đặng Văn Hùng", world.users["admin_b"].official.full_name}
    in_unit = _by_name(client.get("/api/v1/officials/", {"internal_unit": world.unit_a.pk}))
    assert set(in_unit) == {world.users["specialist_a"].official.full_name}
    assert_invalid(client.get("/api/v1/officials/", {"agency": "STP"}), "agency")


def test_officials_inactive_hidden_unless_asked(world, officials):
    OfficialFactory(full_name="Lê Văn Nghỉ", agency=world.agency_a, is_active=False)
    client = world.client("specialist_a")
    assert "Lê Văn Nghỉ" not in _by_name(client.get("/api/v1/officials/"))
    assert "Lê Văn Nghỉ" in _by_name(client.get("/api/v1/officials/", {"include_inactive": "true"}))


def _official(agency, **extra):
    born = datetime.date(1990, 3, 8)
    return {
        "full_name": "Huỳnh Thị Mai",
        "gender": "F",
        "date_of_birth": born.isoformat(),
        "citizen_id": make_citizen_id(born, "F"),
        "agency": agency.pk,
        **extra,
    }


@pytest.mark.parametrize(
    ("caller", "agency", "status", "code"),
    [
        ("anonymous", "agency_a", 403, "not_authenticated"),
        ("citizen", "agency_a", 403, "permission_denied"),
        ("specialist_a", "agency_a", 403, "permission_denied"),
        ("admin_b", "agency_a", 403, "permission_denied"),
        ("admin_a", "agency_b", 403, "permission_denied"),
        ("admin_a_no_mfa", "agency_a", 403, "mfa_required"),
    ],
)
def test_official_create_refused(world, caller, agency, status, code):
    """Role scoping: an administrator of agency A cannot act for agency B."""
    before = counts()
    response = world.client(caller).post(
        "/api/v1/officials/", _official(getattr(world, agency)), format="json"
    )
    assert_error(response, status, code)
    assert counts() == before


@pytest.mark.parametrize(("caller", "agency"), [("admin_a", "agency_a"), ("province_admin", "agency_b")])
def test_official_create_allowed(world, caller, agency):
    position = PositionFactory(name="Phó Trưởng phòng")
    unit = world.unit_a if agency == "agency_a" else world.unit_b
    body = _official(
        getattr(world, agency), internal_unit=unit.pk, position=position.pk, full_name="  Huỳnh  Thị Mai "
    )
    response = world.client(caller).post("/api/v1/officials/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["full_name"], data["position_name"], data["citizen_id"]) == (
        "Huỳnh Thị Mai",
        "Phó Trưởng phòng",
        body["citizen_id"],
    )
    assert AuditRecord.objects.filter(action="directory.official.create", object_id=str(data["id"])).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"citizen_id": "08619012345"}, "citizen_id"),  # 11 digits
        ({"citizen_id": "08619A123456"}, "citizen_id"),
        ({"citizen_id": "999190123456"}, "citizen_id"),  # 999 is no province's code
        ({"date_of_birth": "1991-03-08"}, "citizen_id"),  # the ID encodes 1990
        ({"gender": "M"}, "citizen_id"),  # the ID encodes a woman born in the 1900s
        ({"gender": "X"}, "gender"),
        ({"date_of_birth": "08/03/1990"}, "date_of_birth"),
        ({"agency": 999999}, "agency"),
        ({"position": 999999}, "position"),
        ({"email": "mai"}, "email"),
    ],
)
def test_official_bad_input_saves_nothing(world, change, field):
    """Citizen ID (Decree 137/2015/NĐ-CP Art. 13, Circular 59/2021/TT-BCA Art. 7): 12 digits, province
    of birth registration, gender/century digit and year of birth must agree with the person."""
    before = counts()
    body = {**_official(world.agency_a), **change}
    assert_invalid(world.client("admin_a").post("/api/v1/officials/", body, format="json"), field)
    assert counts() == before


@pytest.mark.parametrize("missing", ["full_name", "gender", "citizen_id", "agency"])
def test_official_missing_required_field(world, missing):
    before = counts()
    body = _official(world.agency_a)
    del body[missing]
    body = assert_invalid(world.client("admin_a").post("/api/v1/officials/", body, format="json"), missing)
    assert body["errors"][missing][0]["code"] == "required"
    assert body["errors"][missing][0]["message"] == "Trường này là bắt buộc."
    assert counts() == before


def test_official_unit_of_another_agency_refused(world):
    before = counts()
    body = _official(world.agency_a, internal_unit=world.unit_b.pk)
    body = assert_invalid(
        world.client("admin_a").post("/api/v1/officials/", body, format="json"), "internal_unit"
    )
    assert body["errors"]["internal_unit"][0]["message"] == "Phòng, đơn vị không thuộc cơ quan đã chọn."
    assert counts() == before


def test_official_duplicate_citizen_id_refused(world, officials):
    before = counts()
    born = officials["a"].date_of_birth
    body = _official(world.agency_a, citizen_id=officials["a"].citizen_id, date_of_birth=born.isoformat())
    assert_invalid(world.client("admin_a").post("/api/v1/officials/", body, format="json"), "citizen_id")
    assert counts() == before


def test_official_malformed_json_is_a_parse_error(world):
    before = counts()
    response = world.client("admin_a").post(
        "/api/v1/officials/", '{"full_name": "Mai", ', content_type="application/json"
    )
    body = assert_error(response, 400, "parse_error")
    assert body["message"] == "Dữ liệu gửi lên không đọc được."
    assert counts() == before


@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 403, "not_authenticated"),
        ("citizen", 403, "permission_denied"),
        ("specialist_a", 403, "permission_denied"),
        ("admin_b", 403, "permission_denied"),
        ("admin_a_no_mfa", 403, "mfa_required"),
    ],
)
def test_official_update_refused(world, officials, caller, status, code):
    client = world.client(caller)
    url = f"/api/v1/officials/{officials['a'].pk}/"
    assert_error(client.patch(url, {"phone": "0909123456"}, format="json"), status, code)
    officials["a"].refresh_from_db()
    assert officials["a"].phone == ""


@pytest.mark.parametrize("caller", ["admin_a", "province_admin"])
def test_official_update_allowed(world, officials, caller):
    client = world.client(caller)
    url = f"/api/v1/officials/{officials['a'].pk}/"
    response = client.patch(url, {"phone": "0909123456", "internal_unit": world.unit_a.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["internal_unit_name"] == "Phòng Hành chính tư pháp"
    body = _official(world.agency_a, full_name="Võ Thị Hồng Nhung")
    response = client.put(url, body, format="json")
    assert response.status_code == 200, response.content
    officials["a"].refresh_from_db()
    assert (officials["a"].full_name, officials["a"].citizen_id) == ("Võ Thị Hồng Nhung", body["citizen_id"])


def test_official_cannot_be_moved_to_an_agency_not_administered(world, officials):
    response = world.client("admin_a").patch(
        f"/api/v1/officials/{officials['a'].pk}/", {"agency": world.agency_b.pk}, format="json"
    )
    assert_error(response, 403, "permission_denied")
    officials["a"].refresh_from_db()
    assert officials["a"].agency == world.agency_a


def test_official_update_bad_citizen_id_saves_nothing(world, officials):
    response = world.client("admin_a").patch(
        f"/api/v1/officials/{officials['a'].pk}/", {"citizen_id": "086186000001"}, format="json"
    )
    body = assert_invalid(response, "citizen_id")
    assert body["errors"]["citizen_id"][0]["message"] == "Số định danh cá nhân không khớp với năm sinh 1985."
    officials["a"].refresh_from_db()
    assert officials["a"].citizen_id != "086186000001"


@pytest.mark.parametrize("caller", ["specialist_a", "admin_a"])
def test_officials_list_query_count_does_not_grow_with_rows(world, caller, django_assert_max_num_queries):
    """The restricted callers are the slow path (per-row rights); the count must stay flat."""
    client = world.client(caller)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/officials/")
    position = PositionFactory(name="Chuyên viên chính")
    for n in range(15):
        OfficialFactory(agency=world.agency_a, internal_unit=world.unit_a, position=position)
        OfficialFactory(agency=world.agency_b, full_name=f"Cán bộ B {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v1/officials/")
    assert response.json()["count"] == 35  # the five callers who are officials, and 30 more


def test_officials_visible_to_an_integration_system(world, officials):
    client = APIClient()
    client.force_login(UserFactory(kind=AccountKind.SYSTEM))
    rows = _by_name(client.get("/api/v1/officials/"))
    assert "Võ Thị Hồng" in rows
    assert "citizen_id" not in rows["Võ Thị Hồng"]
