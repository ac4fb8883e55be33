"""Every API error in one shape: ``{"status", "code", "message", "errors"}``.

``code`` is stable and machine-readable; ``message`` is Vietnamese for people; ``errors`` maps
field names to lists of ``{"code", "message"}``.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ServiceError(Exception):
    """A rule refused the action; services raise it and the API shows it with its code."""

    status_code = status.HTTP_400_BAD_REQUEST
    code = "invalid"

    def __init__(self, message, code=None, status_code=None, errors=None):
        super().__init__(message)
        self.message = str(message)
        self.code = code or self.code
        self.status_code = status_code or self.status_code
        self.errors = errors or {}


class Conflict(ServiceError):
    status_code = status.HTTP_409_CONFLICT
    code = "conflict"


class Forbidden(ServiceError):
    status_code = status.HTTP_403_FORBIDDEN
    code = "permission_denied"


_MESSAGES = {
    "validation_error": _("Dữ liệu gửi lên không hợp lệ."),
    "not_authenticated": _("Bạn cần đăng nhập."),
    "authentication_failed": _("Thông tin đăng nhập không đúng."),
    "permission_denied": _("Bạn không có quyền thực hiện thao tác này."),
    "not_found": _("Không tìm thấy dữ liệu."),
    "method_not_allowed": _("Phương thức không được hỗ trợ."),
    "parse_error": _("Dữ liệu gửi lên không đọc được."),
    "unsupported_media_type": _("Định dạng dữ liệu không được hỗ trợ."),
    "throttled": _("Quá nhiều yêu cầu; vui lòng thử lại sau."),
}


def _field_errors(detail):
    if isinstance(detail, dict):
        return {key: _field_errors(value) for key, value in detail.items()}
    if isinstance(detail, list):
        if all(isinstance(item, exceptions.ErrorDetail) for item in detail):
            return [{"code": item.code, "message": str(item)} for item in detail]
        return [_field_errors(item) for item in detail]
    return [{"code": getattr(detail, "code", "invalid"), "message": str(detail)}]


def _django_field_errors(exc):
    """Field errors of a ``django.core.exceptions.ValidationError`` raised by a service."""

    def items(errors):
        return [
            {"code": error.code or "invalid", "message": str(message)}
            for error in errors
            for message in error.messages
        ]

    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): items(errors)
            for field, errors in exc.error_dict.items()
        }
    return {"non_field_errors": items(exc.error_list)}


def _body(status_code, code, message, errors=None):
    return {"status": status_code, "code": code, "message": message, "errors": errors or {}}


def _validation_response(errors):
    body = _body(400, "validation_error", str(_MESSAGES["validation_error"]), errors)
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def exception_handler(exc, context):
    if isinstance(exc, ServiceError):
        return Response(_body(exc.status_code, exc.code, exc.message, exc.errors), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        return _validation_response(_django_field_errors(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        if isinstance(errors, list):
            errors = {"non_field_errors": errors}
        response.data = _body(
            response.status_code, "validation_error", str(_MESSAGES["validation_error"]), errors
        )
        return response
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    code = code if isinstance(code, str) else "error"
    # A permission class may explain the refusal itself; otherwise use our message for the code.
    detail = getattr(exc, "detail", None)
    own_message = detail is not None and str(detail) != str(getattr(exc, "default_detail", ""))
    message = (
        str(detail) if own_message and code == "permission_denied" else str(_MESSAGES.get(code) or detail)
    )
    response.data = _body(response.status_code, code, message)
    return response
