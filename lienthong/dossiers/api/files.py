"""Files of a dossier in the API: list, upload one, download one; and the multipart form of the
receipt (a ``data`` part with the JSON body, files in parts named ``component_<id>``).

Every file is reached through the dossier the caller may see (``selectors.dossier_detail`` /
``selectors.dossier_file``): another agency's file is a 404, like its dossier.
"""

import json
import re

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from lienthong.core.api.errors import ServiceError
from lienthong.core.api.schema import error_responses
from lienthong.core.api.serializers import Serializer
from lienthong.dossiers import selectors, services
from lienthong.dossiers.models import CopyType, FilePurpose

_TAG = "Hồ sơ một cửa (one-stop dossiers)"
_CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="Mã hồ sơ (dossier code).")
_FILE_ID = OpenApiParameter("file_id", int, OpenApiParameter.PATH, description="Mã tệp (file id).")
_PART = re.compile(r"^component_(\d{1,18})$")
_FILE_MESSAGES = {
    "required": gettext_lazy("Chọn tệp cần tải lên."),
    "invalid": gettext_lazy("Phần gửi lên không phải là tệp."),
    "no_name": gettext_lazy("Tệp gửi lên không có tên."),
    "max_length": gettext_lazy("Tên tệp không được dài quá {max_length} ký tự."),
}

_ENTRY_SCHEMA = {
    "oneOf": [
        {"type": "integer", "description": "Mã thành phần hồ sơ (DossierComponent id)."},
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "description": "Mã thành phần hồ sơ."},
                "copy_type": {"type": "string", "enum": list(CopyType.values)},
                "count": {"type": "integer", "minimum": 1, "maximum": 99},
            },
            "required": ["id"],
        },
    ]
}


@extend_schema_field(_ENTRY_SCHEMA)
class ComponentEntryField(serializers.Field):
    """A component handed in: its id, or ``{"id", "copy_type", "count"}``; the receipt service
    checks the values (so its messages and codes are the same for every caller)."""

    default_error_messages = {
        "invalid": gettext_lazy("Cần mã thành phần hoặc đối tượng {{id, copy_type, count}}.")
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str | dict):
            self.fail("invalid")
        if isinstance(data, dict):
            return {k: data[k] for k in ("id", "copy_type", "count") if k in data}
        return data

    def to_representation(self, value):
        return value


class ComponentEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    copy_type = serializers.ChoiceField(CopyType.choices)
    count = serializers.IntegerField()


class _ComponentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DossierFileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    component = _ComponentRefSerializer(allow_null=True)
    purpose = serializers.ChoiceField(FilePurpose.choices)
    purpose_label = serializers.CharField(source="get_purpose_display")
    copy_type = serializers.ChoiceField(CopyType.choices)
    copy_type_label = serializers.CharField(source="get_copy_type_display")
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Byte.")
    sha256 = serializers.CharField()
    digitised = serializers.BooleanField(help_text="Số hóa tại Bộ phận Một cửa.")
    uploaded_by = serializers.SerializerMethodField()
    uploaded_at = serializers.DateTimeField()
    replaced_at = serializers.DateTimeField(allow_null=True)
    download_url = serializers.SerializerMethodField()

    def get_uploaded_by(self, row) -> str | None:
        return row.uploaded_by.display_name if row.uploaded_by_id else None

    def get_download_url(self, row) -> str:
        return reverse("api-dossier-file", args=[row.dossier.code, row.pk])


class FileUploadSerializer(Serializer):
    file = serializers.FileField(allow_empty_file=True, error_messages=_FILE_MESSAGES)
    purpose = serializers.ChoiceField(
        FilePurpose.choices, help_text="component, supplement, other; result cho kết quả giải quyết."
    )
    component = serializers.IntegerField(
        required=False, allow_null=True, help_text="Thành phần hồ sơ (bắt buộc khi purpose=component)."
    )
    copy_type = serializers.ChoiceField(CopyType.choices, required=False, default=CopyType.ELECTRONIC)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class ReceiptMultipartSerializer(Serializer):
    """For the schema only: the parts of a multipart receipt."""

    data = serializers.CharField(
        help_text="Nội dung JSON như khi gửi application/json. Tệp gửi kèm trong các phần tên "
        "component_<mã thành phần hồ sơ> (lặp lại được): PDF, JPEG hoặc PNG."
    )


def receipt_input(request):
    """``(body, files)`` of a receipt: JSON as is, or a multipart form with a ``data`` part and file
    parts named ``component_<id>``."""
    if not request.content_type.startswith("multipart/form-data"):
        return request.data, None
    try:
        body = json.loads(request.data.get("data") or "")
    except ValueError as exc:
        raise _bad("data", _("Phần “data” phải là nội dung JSON của hồ sơ.")) from exc
    if not isinstance(body, dict):
        raise _bad("data", _("Phần “data” phải là nội dung JSON của hồ sơ."))
    files = {}
    for name in request.FILES:
        match = _PART.match(name)
        if match is None:
            raise _bad(name, _("Tên phần tệp phải có dạng component_<mã thành phần hồ sơ>."))
        files[int(match.group(1))] = request.FILES.getlist(name)
    return body, files


def _bad(field, message):
    return ServiceError(
        _("Dữ liệu gửi lên không hợp lệ."),
        code="validation_error",
        errors={field: [{"code": "invalid", "message": message}]},
    )


def _dossier(user, code):
    dossier = selectors.dossier_detail(user, code=code)
    if dossier is None:
        raise Http404
    return dossier


class DossierFilesView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=[_TAG],
        operation_id="dossiers_files_list",
        summary="Tệp của hồ sơ (files of a dossier)",
        description="Các tệp hiện hành (chưa bị thay thế) của hồ sơ người gọi được xem. Current files.",
        parameters=[_CODE],
        responses={200: DossierFileSerializer(many=True), **error_responses(403, 404)},
    )
    def get(self, request, code):
        dossier = _dossier(request.user, code)
        rows = selectors.current_files(dossier)
        return Response(DossierFileSerializer(rows, many=True).data)

    @extend_schema(
        tags=[_TAG],
        operation_id="dossiers_files_create",
        summary="Tải lên một tệp (upload one file)",
        description="PDF, JPEG hoặc PNG; tên tệp và nội dung phải khớp. Bộ phận Một cửa của cơ quan "
        "tiếp nhận và người xử lý của cơ quan đang xử lý khi hồ sơ còn mở; người nộp chỉ gửi hồ sơ bổ "
        "sung (purpose=supplement) khi được yêu cầu. purpose=result: chuyên viên, lãnh đạo của cơ quan "
        "xử lý khi đang xử lý hoặc đã có kết quả. Lỗi tệp: file_type, file_too_large, file_empty, "
        "file_corrupt.",
        parameters=[_CODE],
        request={"multipart/form-data": FileUploadSerializer},
        responses={201: DossierFileSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, code):
        dossier = _dossier(request.user, code)
        body = FileUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["purpose"] == FilePurpose.RESULT:
            row = services.attach_result(request.user, dossier, data["file"], data["note"])
        else:
            row = services.attach_file(
                request.user,
                dossier,
                uploaded=data["file"],
                component=data.get("component"),
                copy_type=data["copy_type"],
                purpose=data["purpose"],
                expected_version=data.get("expected_version"),
            )
        row.dossier = dossier
        return Response(DossierFileSerializer(row).data, status=status.HTTP_201_CREATED)


class DossierFileDownloadView(APIView):
    @extend_schema(
        tags=[_TAG],
        operation_id="dossiers_files_download",
        summary="Tải về một tệp (download one file)",
        description="Tệp với tên gốc (Content-Disposition, RFC 5987); 404 nếu người gọi không được xem "
        "hồ sơ.",
        parameters=[_CODE, _FILE_ID],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **error_responses(403, 404)},
    )
    def get(self, request, code, file_id):
        row = selectors.dossier_file(request.user, code, file_id)
        if row is None:
            raise Http404
        return file_response(row)


def file_response(row, as_attachment=True):
    """The stored bytes of ``row`` under its original name, never sniffed into another type."""
    response = FileResponse(
        row.file.open("rb"),
        as_attachment=as_attachment,
        filename=row.original_name,
        content_type=row.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
