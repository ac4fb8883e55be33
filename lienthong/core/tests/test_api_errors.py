"""Every API error in one shape ``{"status", "code", "message", "errors"}``, with Vietnamese messages."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import exceptions, serializers

from lienthong.core.api.errors import Conflict, Forbidden, exception_handler
from lienthong.core.api.serializers import Serializer


def handle(exc):
    response = exception_handler(exc, {})
    assert response is not None
    assert set(response.data) == {"status", "code", "message", "errors"}
    assert response.data["status"] == response.status_code
    return response


def test_service_validation_error_becomes_400_with_field_errors():
    """Services raise django.core.exceptions.ValidationError; the API shows each field's errors."""
    exc = ValidationError(
        {
            "citizen_id": [
                ValidationError("Số định danh cá nhân phải gồm đúng 12 chữ số.", code="citizen_id_format")
            ],
            NON_FIELD_ERRORS: ["Đơn vị đã tồn tại."],
        }
    )
    response = handle(exc)
    assert (response.status_code, response.data["code"]) == (400, "validation_error")
    assert response.data["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert response.data["errors"] == {
        "citizen_id": [
            {"code": "citizen_id_format", "message": "Số định danh cá nhân phải gồm đúng 12 chữ số."}
        ],
        "non_field_errors": [{"code": "invalid", "message": "Đơn vị đã tồn tại."}],
    }


def test_service_validation_error_without_fields_and_with_params():
    exc = ValidationError(
        "Không khớp với năm sinh %(year)s.", code="citizen_id_birth_year", params={"year": 1985}
    )
    response = handle(exc)
    assert response.data["errors"] == {
        "non_field_errors": [{"code": "citizen_id_birth_year", "message": "Không khớp với năm sinh 1985."}]
    }


def test_service_refusal_keeps_its_code_and_message():
    response = handle(Forbidden("Bạn không có quyền quản trị cơ quan này."))
    assert (response.status_code, response.data["code"]) == (403, "permission_denied")
    assert response.data["message"] == "Bạn không có quyền quản trị cơ quan này."
    response = handle(Conflict("Hồ sơ đã được người khác cập nhật.", code="stale"))
    assert (response.status_code, response.data["code"]) == (409, "stale")


@pytest.mark.parametrize(
    ("exc", "status", "code", "message"),
    [
        (Http404(), 404, "not_found", "Không tìm thấy dữ liệu."),
        (PermissionDenied(), 403, "permission_denied", "Bạn không có quyền thực hiện thao tác này."),
        (exceptions.NotAuthenticated(), 401, "not_authenticated", "Bạn cần đăng nhập."),
        (exceptions.ParseError("JSON parse error"), 400, "parse_error", "Dữ liệu gửi lên không đọc được."),
        (exceptions.MethodNotAllowed("DELETE"), 405, "method_not_allowed", "Phương thức không được hỗ trợ."),
        (exceptions.UnsupportedMediaType("text/plain"), 415, "unsupported_media_type", None),
        (exceptions.Throttled(30), 429, "throttled", "Quá nhiều yêu cầu; vui lòng thử lại sau."),
    ],
)
def test_framework_errors_get_a_stable_code_and_a_vietnamese_message(exc, status, code, message):
    response = handle(exc)
    assert (response.status_code, response.data["code"], response.data["errors"]) == (status, code, {})
    assert response.data["message"] == (message or "Định dạng dữ liệu không được hỗ trợ.")


@pytest.mark.parametrize("exception_class", [exceptions.PermissionDenied, PermissionDenied])
def test_refusal_explanation_is_kept(exception_class):
    response = handle(exception_class("Danh bạ cán bộ chỉ dành cho cán bộ, công chức."))
    assert (response.status_code, response.data["code"]) == (403, "permission_denied")
    assert response.data["message"] == "Danh bạ cán bộ chỉ dành cho cán bộ, công chức."


def test_unexpected_exception_is_left_to_django():
    assert exception_handler(RuntimeError("bug"), {}) is None


class _Sample(Serializer):
    name = serializers.CharField(max_length=5)
    count = serializers.IntegerField(min_value=1, required=False)
    day = serializers.DateField(required=False)
    kind = serializers.ChoiceField(choices=["xa", "phuong"], required=False)
    tags = serializers.ListField(child=serializers.IntegerField(), required=False)


@pytest.mark.parametrize(
    ("data", "field", "code", "message"),
    [
        ({}, "name", "required", "Trường này là bắt buộc."),
        ({"name": ""}, "name", "blank", "Trường này không được bỏ trống."),
        ({"name": None}, "name", "null", "Trường này không được để trống."),
        ({"name": "Phường Long Châu"}, "name", "max_length", "Không được dài quá 5 ký tự."),
        ({"name": "a", "count": "hai"}, "count", "invalid", "Phải là một số nguyên."),
        ({"name": "a", "count": 0}, "count", "min_value", "Không được nhỏ hơn 1."),
        (
            {"name": "a", "day": "31/12/2024"},
            "day",
            "invalid",
            "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
        ),
        ({"name": "a", "kind": "bang"}, "kind", "invalid_choice", "“bang” không phải là lựa chọn hợp lệ."),
    ],
)
def test_field_errors_are_in_vietnamese(data, field, code, message):
    sample = _Sample(data=data)
    assert not sample.is_valid()
    response = handle(exceptions.ValidationError(sample.errors))
    assert response.data["errors"][field] == [{"code": code, "message": message}]


def test_field_errors_of_list_children_are_in_vietnamese():
    sample = _Sample(data={"name": "a", "tags": ["x"]})
    assert not sample.is_valid()
    assert sample.errors["tags"][0] == ["Phải là một số nguyên."]


def test_body_that_is_not_an_object_is_refused_in_vietnamese():
    sample = _Sample(data=["not", "an", "object"])
    assert not sample.is_valid()
    response = handle(exceptions.ValidationError(sample.errors))
    assert response.data["errors"]["non_field_errors"] == [
        {"code": "invalid", "message": "Dữ liệu không hợp lệ: cần một đối tượng JSON, nhận được list."}
    ]


def test_wrong_method_and_media_type_over_http(api_world):
    client = api_world.client("province_admin")
    response = client.delete(f"/api/v1/agencies/{api_world.agency_a.pk}/")
    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")
    response = client.post("/api/v1/agencies/", "ten=So", content_type="text/plain")
    assert (response.status_code, response.json()["code"]) == (415, "unsupported_media_type")
    assert response.json()["message"] == "Định dạng dữ liệu không được hỗ trợ."
