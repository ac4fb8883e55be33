"""The error shape, declared once for the OpenAPI schema."""

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

FieldErrorSerializer = inline_serializer(
    name="FieldError",
    fields={
        "code": serializers.CharField(help_text="Mã lỗi ổn định (stable error code)."),
        "message": serializers.CharField(help_text="Thông báo tiếng Việt (Vietnamese message)."),
    },
)

ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "status": serializers.IntegerField(help_text="Mã trạng thái HTTP (HTTP status)."),
        "code": serializers.CharField(
            help_text="Mã lỗi ổn định: validation_error, parse_error, not_authenticated, "
            "permission_denied, mfa_required, not_found, method_not_allowed, …"
        ),
        "message": serializers.CharField(help_text="Thông báo tiếng Việt (Vietnamese message)."),
        "errors": serializers.DictField(
            child=serializers.ListField(child=FieldErrorSerializer),
            help_text="Lỗi theo trường (field → list of errors); rỗng khi không có.",
        ),
    },
)

_DESCRIPTIONS = {
    400: "Dữ liệu không hợp lệ (validation_error) hoặc không đọc được (parse_error); không lưu gì.",
    403: "Chưa đăng nhập (not_authenticated), không có quyền (permission_denied) hoặc tài khoản "
    "quản trị chưa xác thực hai lớp (mfa_required).",
    404: "Không tìm thấy (not_found).",
    409: "Xung đột dữ liệu (conflict).",
}


def error_responses(*statuses):
    return {
        code: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS.get(code, "")) for code in statuses
    }
