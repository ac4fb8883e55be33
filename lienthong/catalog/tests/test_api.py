"""The catalogue API: public read, province IT administrators write, the project's error shape."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lienthong.accounts.roles import Role
from lienthong.catalog.models import Procedure, ProcedureVersion
from lienthong.catalog.tests.conftest import user_with_role
from lienthong.catalog.tests.factories import commune_steps, make_procedure

pytestmark = pytest.mark.django_db

LIST = "/api/v1/procedures/"


def _body(place, **extra):
    body = {
        "national_code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": "HT",
        "levels": ["commune"],
        "channels": ["in_person", "online"],
        "time_value": "1",
        "time_unit": "within_day",
        "implementing_agency_kind": "ubnd_xa",
        "online_category": "full",
        "fees": [{"kind": "le_phi", "amount": 0, "description": "Miễn lệ phí đăng ký đúng hạn"}],
        "components": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0}],
        "publish": True,
    }
    body.update(extra)
    return body


def test_anonymous_reads_the_list_and_a_procedure(place, api):
    make_procedure(national_code="1.004873", name="Cấp Giấy xác nhận tình trạng hôn nhân")
    listing = api.get(LIST, {"q": "xac nhan tinh trang hon nhan"})
    assert listing.status_code == 200
    assert [row["code"] for row in listing.json()["results"]] == ["1.004873"]
    detail = api.get(f"{LIST}1.004873/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["time"]["text"] == "3 ngày làm việc"
    assert body["process"][0]["role"] == "one_stop_officer"
    assert body["versions"][0]["number"] == 1


def test_anonymous_cannot_write(place, api):
    response = api.post(LIST, _body(place), format="json")
    assert response.status_code == 403
    assert response.json()["code"] in ("not_authenticated", "permission_denied")
    assert not Procedure.objects.exists()


def test_officials_who_are_not_province_admins_get_403(place, api):
    version = make_procedure(national_code="1.004873")
    for user in (place.officer, place.agency_admin, user_with_role(place.commune_agency, Role.AGENCY_LEADER)):
        api.force_authenticate(user)
        assert api.post(LIST, _body(place), format="json").status_code == 403
        response = api.patch(f"{LIST}1.004873/", {"name": "Không được"}, format="json")
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
    assert ProcedureVersion.objects.filter(procedure=version.procedure).count() == 1


def test_province_admin_creates_and_changes_a_procedure(place, admin_api):
    created = admin_api.post(LIST, _body(place), format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["state"] == "published"
    changed = admin_api.patch(f"{LIST}1.001193/", {"name": "Thủ tục đăng ký khai sinh"}, format="json")
    assert changed.status_code == 200
    assert (changed.json()["version"], changed.json()["name"]) == (2, "Thủ tục đăng ký khai sinh")
    old = admin_api.get(f"{LIST}1.001193/versions/1/")
    assert (old.status_code, old.json()["name"], old.json()["state"]) == (
        200,
        "Đăng ký khai sinh",
        "superseded",
    )
    history = admin_api.get(f"{LIST}1.001193/versions/").json()
    assert [v["number"] for v in history] == [2, 1]


def test_bad_input_is_a_400_in_the_project_error_shape_and_saves_nothing(place, admin_api):
    response = admin_api.post(LIST, _body(place, levels=["thon"], time_value="abc"), format="json")
    assert response.status_code == 400
    body = response.json()
    assert (body["status"], body["code"]) == (400, "validation_error")
    assert set(body["errors"]) >= {"levels", "time_value"}
    response = admin_api.post(
        LIST, _body(place, online_category="full", channels=["in_person"]), format="json"
    )
    assert response.status_code == 400
    assert "trực tuyến" in response.json()["errors"]["channels"][0]["message"]
    assert not Procedure.objects.exists()


def test_a_process_that_does_not_add_up_is_refused_by_the_api(place, admin_api):
    make_procedure(national_code="1.004873")
    steps = [
        {
            "name": "Tiếp nhận",
            "agency_kind": "ubnd_xa",
            "role": "one_stop_officer",
            "duration": 0.5,
            "actions": ["receive"],
        },
        {
            "name": "Trả kết quả",
            "agency_kind": "ubnd_xa",
            "role": "one_stop_officer",
            "duration": 0.5,
            "actions": ["return_result"],
        },
    ]
    response = admin_api.put(f"{LIST}1.004873/process/", {"steps": steps}, format="json")
    assert response.status_code == 400
    message = response.json()["errors"]["process"][0]["message"]
    assert "còn thiếu 2 ngày làm việc" in message
    assert ProcedureVersion.objects.count() == 1


def test_process_is_exported_as_yaml_and_replaced_through_the_api(place, admin_api):
    make_procedure(national_code="1.004873")
    yaml_response = admin_api.get(f"{LIST}1.004873/process/", {"fmt": "yaml"})
    assert yaml_response["Content-Type"].startswith("application/yaml")
    document = admin_api.get(f"{LIST}1.004873/process/").json()
    document["steps"][1]["duration"] = 1
    document["steps"].insert(
        2, {**document["steps"][1], "name": "Xác minh", "duration": 0.5, "actions": ["verify"]}
    )
    response = admin_api.put(f"{LIST}1.004873/process/", document, format="json")
    assert response.status_code == 200, response.json()
    assert [s["name"] for s in response.json()["steps"]][2] == "Xác minh"
    assert response.json()["version"] == 2


def test_list_endpoint_runs_a_fixed_number_of_queries(place, api):
    """No N+1: the same number of queries for 3 and for 12 procedures (Saleor-style query counting)."""
    for index in range(3):
        make_procedure(national_code=f"1.10000{index}")
    with CaptureQueriesContext(connection) as few:
        assert api.get(LIST).status_code == 200
    for index in range(9):
        make_procedure(
            national_code=f"1.20000{index}",
            competent_agency=place.justice,
            implementing_agencies=[place.justice, place.finance],
            implementing_agency_kind="",
        )
    with CaptureQueriesContext(connection) as many:
        response = api.get(LIST)
    assert response.json()["count"] == 12
    assert len(many) == len(few) <= 4


def test_list_filters_are_checked(place, api):
    response = api.get(LIST, {"level": "thon", "field": "KHONGCO", "agency": "x"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"level", "field", "agency"}


def test_fields_are_listed_publicly_and_written_by_admins(place, api, admin_api):
    assert api.get("/api/v1/procedure-fields/").json()[0]["code"] == "HT"
    assert api.post("/api/v1/procedure-fields/", {"code": "CT", "name": "Chứng thực"}).status_code == 403
    created = admin_api.post("/api/v1/procedure-fields/", {"code": "CT", "name": "Chứng thực"}, format="json")
    assert created.status_code == 201
    duplicate = admin_api.post("/api/v1/procedure-fields/", {"code": "CT", "name": "Khác"}, format="json")
    assert duplicate.status_code == 400
    assert "đã có" in duplicate.json()["errors"]["code"][0]["message"]


def test_publish_and_withdraw_through_the_api(place, admin_api):
    admin_api.post(LIST, _body(place, publish=False), format="json")
    assert admin_api.get(f"{LIST}1.001193/").json()["state"] == "draft"
    published = admin_api.post(
        f"{LIST}1.001193/publish/", {"instrument": "Quyết định số 1/QĐ-UBND"}, format="json"
    )
    assert (published.status_code, published.json()["state"]) == (200, "published")
    refused = admin_api.post(f"{LIST}1.001193/withdraw/", {}, format="json")
    assert refused.status_code == 400
    withdrawn = admin_api.post(f"{LIST}1.001193/withdraw/", {"reason": "Bãi bỏ"}, format="json")
    assert (withdrawn.status_code, withdrawn.json()["state"]) == (200, "withdrawn")


def test_unknown_procedure_is_404(api, db):
    response = api.get(f"{LIST}9.999999/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_time_value_stays_exact(place, admin_api):
    admin_api.post(
        LIST,
        _body(
            place,
            national_code="1.003583",
            time_value="4.5",
            time_unit="working_days",
            process=[dict(s, duration=str(s["duration"])) for s in commune_steps("4.5")],
        ),
        format="json",
    )
    version = ProcedureVersion.objects.get(procedure__national_code="1.003583")
    assert version.time_value == Decimal("4.5")


def test_openapi_schema_of_the_catalogue_has_no_warnings(db):
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/v1/", include("lienthong.catalog.api.urls"))])
    schema = generator.get_schema(request=None, public=True)
    assert "/api/v1/procedures/{code}/process/" in schema["paths"]
    assert dict(GENERATOR_STATS._warn_cache) == {}
    assert dict(GENERATOR_STATS._error_cache) == {}


def test_hand_written_list_rows_match_the_declared_fields(place):
    """The list serializer builds rows by hand for speed; they must equal what its fields declare."""
    import json

    from rest_framework.utils.encoders import JSONEncoder

    from lienthong.catalog import selectors
    from lienthong.catalog.api.serializers import ProcedureListSerializer

    class Declared(ProcedureListSerializer):
        pass

    make_procedure(
        national_code="1.004873",
        competent_agency=place.justice,
        implementing_agencies=[place.finance],
        implementing_agency_kind="",
    )
    version = selectors.search_procedures().get()

    def plain(data):
        return json.loads(json.dumps(data, cls=JSONEncoder))

    assert plain(ProcedureListSerializer(version).data) == plain(Declared(version).data)
