"""The working-calendar API: overrides (officials read, province IT administrators write) and the
public computations other systems call."""

import datetime

import pytest
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from lienthong.core.models import AuditRecord
from lienthong.workdays.models import CalendarOverride

pytestmark = pytest.mark.django_db
OVERRIDES = "/api/v1/workdays/overrides/"
DUE = "/api/v1/workdays/due/"

NEW_DAY_OFF = {
    "date": "2026-03-10",
    "kind": "day_off",
    "name": "Nghỉ kỷ niệm ngày thành lập tỉnh",
    "document_number": "15",
    "document_notation": "QĐ-UBND",
    "document_date": "2026-02-20",
    "document_issuer": "Ủy ban nhân dân tỉnh Vĩnh Long",
}


def test_officials_read_the_overrides_of_a_year(official_api):
    response = official_api.get(OVERRIDES, {"year": 2027})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["date"] for row in rows][:2] == ["2027-02-04", "2027-02-05"]
    assert all(row["provisional"] for row in rows)
    first_2026 = official_api.get(OVERRIDES, {"year": 2026}).json()["results"][0]
    assert first_2026["document_reference"] == "12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"


def test_province_admin_creates_updates_and_deletes_an_override(admin_api):
    response = admin_api.post(OVERRIDES, NEW_DAY_OFF, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert admin_api.get("/api/v1/workdays/days/2026-03-10/").json()["is_working_day"] is False
    response = admin_api.patch(f"{OVERRIDES}{pk}/", {"name": "Nghỉ theo quyết định của tỉnh"}, format="json")
    assert response.status_code == 200
    assert admin_api.delete(f"{OVERRIDES}{pk}/").status_code == 204
    actions = list(
        AuditRecord.objects.filter(action__startswith="workdays.override").values_list("action", flat=True)
    )
    assert sorted(actions) == [
        "workdays.override.create",
        "workdays.override.delete",
        "workdays.override.update",
    ]
    assert admin_api.get("/api/v1/workdays/days/2026-03-10/").json()["is_working_day"] is True


def test_write_is_refused_for_officials_and_anonymous_callers(official_api):
    response = official_api.post(OVERRIDES, NEW_DAY_OFF, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    response = APIClient().post(OVERRIDES, NEW_DAY_OFF, format="json")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"
    assert not CalendarOverride.objects.filter(date=datetime.date(2026, 3, 10)).exists()


def test_bad_override_is_refused_with_vietnamese_messages(admin_api):
    response = admin_api.post(OVERRIDES, {**NEW_DAY_OFF, "kind": "working_day"}, format="json")
    body = response.json()
    assert response.status_code == 400
    assert (body["code"], body["message"]) == ("validation_error", "Dữ liệu gửi lên không hợp lệ.")
    assert "vốn là ngày làm việc" in body["errors"]["kind"][0]["message"]
    response = admin_api.post(OVERRIDES, {**NEW_DAY_OFF, "date": "10/03/2026", "kind": "nghi"}, format="json")
    errors = response.json()["errors"]
    assert errors["date"][0]["message"] == "Ngày không hợp lệ; dùng dạng YYYY-MM-DD."
    assert "không phải là lựa chọn hợp lệ" in errors["kind"][0]["message"]
    assert not CalendarOverride.objects.filter(date=datetime.date(2026, 3, 10)).exists()


def test_due_instant_for_other_systems():
    """Public computation: received Wed 3 Feb 2027, 3 working days → Mon 15 Feb 2027 (Tết 2027 break)."""
    response = APIClient().get(DUE, {"start": "2027-02-03T09:00:00+07:00", "duration": "3"})
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2027-02-15T17:30:00+07:00"
    assert (body["due_date"], body["cutoff"], body["cutoff_source"]) == ("2027-02-15", "15:00:00", "calendar")


def test_due_accepts_local_times_hours_pauses_and_a_cutoff():
    """A start without a zone is Vietnam time; a pause (supplement period) does not count."""
    client = APIClient()
    body = client.get(DUE, {"start": "2026-04-20T15:30:00", "duration": "1"}).json()
    assert (body["received_at"], body["due"]) == ("2026-04-21T07:30:00+07:00", "2026-04-22T17:30:00+07:00")
    body = client.get(DUE, {"start": "2026-04-20T15:30", "duration": "1", "cutoff": "16:00"}).json()
    assert (body["due"], body["cutoff_source"]) == ("2026-04-21T17:30:00+07:00", "request")
    payload = {
        "start": "2026-04-20T10:00:00+07:00",
        "duration": "8",
        "unit": "working_hours",
        "pauses": [{"start": "2026-04-20T13:30:00+07:00", "end": "2026-04-20T15:30:00+07:00"}],
    }
    assert client.post(DUE, payload, format="json").json()["due"] == "2026-04-21T14:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "hôm qua", "duration": "3"}, "start", "Thời điểm không hợp lệ"),
        ({"start": "2026-04-20T09:00", "duration": "-1"}, "duration", "Không được nhỏ hơn 0"),
        ({"start": "2026-04-20T09:00", "duration": "ba"}, "duration", "Phải là một số hợp lệ."),
        (
            {"start": "2026-04-20T09:00", "duration": "3", "unit": "days"},
            "unit",
            "không phải là lựa chọn hợp lệ",
        ),
        ({"duration": "3"}, "start", "Trường này là bắt buộc."),
        ({"start": "2100-12-30T09:00", "duration": "10"}, "non_field_errors", "phạm vi của lịch"),
    ],
)
def test_due_bad_input_gives_400_in_vietnamese(params, field, message):
    response = APIClient().get(DUE, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert message in body["errors"][field][0]["message"]


def test_bad_pause_is_refused():
    payload = {
        "start": "2026-04-20T10:00:00+07:00",
        "duration": "1",
        "pauses": [{"start": "2026-04-21T10:00:00+07:00", "end": "2026-04-20T10:00:00+07:00"}],
    }
    response = APIClient().post(DUE, payload, format="json")
    assert response.status_code == 400
    assert "phải sau thời điểm bắt đầu" in str(response.json()["errors"]["pauses"])


def test_day_endpoint_names_the_holiday():
    """Labour Code 2019 Art. 111: Mon 27 Apr 2026 is the compensatory day for Giỗ Tổ (Sun 26 Apr)."""
    body = APIClient().get("/api/v1/workdays/days/2026-04-27/").json()
    assert body == {
        "date": "2026-04-27",
        "weekday": "Thứ Hai",
        "is_working_day": False,
        "kind": "holiday",
        "name": "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
    }
    saturday = APIClient().get("/api/v1/workdays/days/2026-08-22/").json()
    assert (saturday["is_working_day"], saturday["kind"]) == (True, "make_up")


@pytest.mark.parametrize("day", ["2026-13-01", "hom-nay", "2150-01-01"])
def test_day_endpoint_refuses_bad_dates(day):
    response = APIClient().get(f"/api/v1/workdays/days/{day}/")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_anonymous_callers_are_throttled(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/min"})
    client = APIClient()
    codes = [client.get("/api/v1/workdays/days/2026-04-27/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/workdays/days/2026-04-27/").json()["code"] == "throttled"


def test_openapi_schema_has_no_warnings():
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/v1/", include("lienthong.workdays.api.urls"))])
    schema = generator.get_schema(request=None, public=True)
    assert not GENERATOR_STATS, (dict(GENERATOR_STATS._warn_cache), dict(GENERATOR_STATS._error_cache))
    assert {"/api/v1/workdays/due/", "/api/v1/workdays/days/{day}/"} <= set(schema["paths"])
