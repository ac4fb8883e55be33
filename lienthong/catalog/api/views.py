"""The catalogue API: procedures (current version, history, process, e-form check, Excel) and fields.

Views parse with a serializer, read through ``catalog.selectors`` and write through
``catalog.services``; refusals and bad input come back in the shape of ``core.api.errors``.
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from lienthong.catalog import eforms, excel, process, selectors, services
from lienthong.catalog.api import filters, permissions
from lienthong.catalog.api import serializers as s
from lienthong.catalog.models import Field, ProcedureVersion
from lienthong.catalog.pagination import ProcedurePagination
from lienthong.core.api.errors import ServiceError
from lienthong.core.api.schema import error_responses
from lienthong.core.excel import XLSX_CONTENT_TYPE

_WRITE_NOTE = (
    " Chỉ quản trị hệ thống cấp tỉnh; cần phiên đăng nhập, mã CSRF và xác thực hai lớp. "
    "Province IT administrators only (session, CSRF token, TOTP)."
)
_PROCEDURES = "Thủ tục hành chính (administrative procedures)"
_CODE = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, description="Mã thủ tục quốc gia (1.001193) hoặc mã nội bộ."
)


class _CatalogViewSet(viewsets.GenericViewSet):
    filter_backends = []
    permission_classes = [permissions.PublicReadProvinceAdminWrite]

    def _input(self, serializer_class, partial=False):
        body = serializer_class(data=self.request.data, partial=partial)
        body.is_valid(raise_exception=True)
        return body


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách lĩnh vực (list procedure fields)",
        description="Công khai. Public.",
        responses={200: s.FieldSerializer(many=True)},
    ),
    create=extend_schema(
        summary="Thêm lĩnh vực (create a field)",
        description=_WRITE_NOTE,
        request=s.FieldWriteSerializer,
        responses={201: s.FieldSerializer, **error_responses(400, 403)},
    ),
    partial_update=extend_schema(
        summary="Sửa lĩnh vực (update a field)",
        description=_WRITE_NOTE,
        request=s.FieldWriteSerializer,
        responses={200: s.FieldSerializer, **error_responses(400, 403, 404)},
    ),
)
@extend_schema(tags=["Lĩnh vực thủ tục (procedure fields)"])
class FieldViewSet(_CatalogViewSet):
    queryset = Field.objects.none()
    serializer_class = s.FieldSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = None

    def get_queryset(self):
        return selectors.fields(active_only=False)

    def list(self, request):
        return Response(s.FieldSerializer(selectors.fields(), many=True).data)

    def create(self, request):
        field = services.save_field(request.user, **self._input(s.FieldWriteSerializer).validated_data)
        return Response(s.FieldSerializer(field).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        field = self.get_object()
        field = services.save_field(
            request.user, field, **self._input(s.FieldWriteSerializer, True).validated_data
        )
        return Response(s.FieldSerializer(field).data)


@extend_schema_view(
    list=extend_schema(
        summary="Tìm thủ tục hành chính (search procedures)",
        description="Công khai. Tìm không phân biệt dấu theo tên, mã, lĩnh vực (mọi từ phải có); lọc theo "
        "lĩnh vực, cấp, cơ quan, mức độ trực tuyến. Public; diacritics-insensitive, AND of words.",
        parameters=[filters.ProcedureFilter],
        responses={200: s.ProcedureListSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="Một thủ tục: phiên bản đang áp dụng (one procedure, current version)",
        description="Công khai; kèm phí, thành phần hồ sơ, quy trình, biểu mẫu và lịch sử phiên bản.",
        parameters=[_CODE],
        responses={200: s.ProcedureDetailSerializer, **error_responses(404)},
    ),
    create=extend_schema(
        summary="Thêm thủ tục (create a procedure)",
        description="Tạo thủ tục và phiên bản 1 (dự thảo, hoặc công bố ngay nếu publish=true)." + _WRITE_NOTE,
        request=s.ProcedureWriteSerializer,
        responses={201: s.ProcedureDetailSerializer, **error_responses(400, 403)},
    ),
    partial_update=extend_schema(
        summary="Sửa thủ tục (change a procedure)",
        description="Sửa dự thảo nếu phiên bản mới nhất là dự thảo; nếu đang áp dụng thì tạo phiên bản mới "
        "(công bố ngay trừ khi publish=false). Phiên bản cũ vẫn đọc được." + _WRITE_NOTE,
        parameters=[_CODE],
        request=s.ProcedureWriteSerializer,
        responses={200: s.ProcedureDetailSerializer, **error_responses(400, 403, 404)},
    ),
)
@extend_schema(tags=[_PROCEDURES])
class ProcedureViewSet(_CatalogViewSet):
    queryset = ProcedureVersion.objects.none()
    serializer_class = s.ProcedureListSerializer
    pagination_class = ProcedurePagination
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z.\-_]+"
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def _procedure(self, code):
        procedure = selectors.get_procedure(code)
        if procedure is None:
            raise Http404
        return procedure

    def _detail(self, version, status_code=status.HTTP_200_OK):
        history = list(selectors.versions_visible_to(self.request.user, version.procedure))
        version = selectors.version_for(self.request.user, version.procedure, version.number)
        data = s.ProcedureDetailSerializer(version, context={"history": history}).data
        return Response(data, status=status_code)

    def list(self, request):
        params = filters.ProcedureFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.search_procedures(**params.to_selector_kwargs()))
        return self.get_paginated_response(s.ProcedureListSerializer(page, many=True).data)

    def retrieve(self, request, code=None):
        version = selectors.version_for(request.user, self._procedure(code))
        if version is None:
            raise Http404
        return self._detail(version)

    def create(self, request):
        data = self._input(s.ProcedureWriteSerializer).to_service_kwargs()
        publish = bool(data.pop("publish", False))
        version, _warnings = services.create_procedure(request.user, publish=publish, **data)
        return self._detail(version, status.HTTP_201_CREATED)

    def partial_update(self, request, code=None):
        procedure = self._procedure(code)
        data = self._input(s.ProcedureWriteSerializer, partial=True).to_service_kwargs()
        data.pop("national_code", None), data.pop("local_code", None)
        publish = data.pop("publish", None)
        version = services.change_procedure(request.user, procedure, publish=publish, **data)
        return self._detail(version)

    @extend_schema(
        summary="Lịch sử phiên bản (version history)",
        description="Công khai: mọi phiên bản đã công bố; quản trị thấy cả dự thảo.",
        parameters=[_CODE],
        responses={200: s.VersionSummarySerializer(many=True), **error_responses(404)},
    )
    @action(detail=True, methods=["get"], url_path="versions", pagination_class=None)
    def versions(self, request, code=None):
        rows = selectors.versions_visible_to(request.user, self._procedure(code))
        return Response(s.VersionSummarySerializer(rows, many=True).data)

    @extend_schema(
        summary="Một phiên bản (one version)",
        description="Công khai cho phiên bản đã công bố, đã thay thế hoặc đã bãi bỏ.",
        parameters=[
            _CODE,
            OpenApiParameter("number", int, OpenApiParameter.PATH, description="Số phiên bản."),
        ],
        responses={200: s.ProcedureDetailSerializer, **error_responses(404)},
    )
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>\d+)")
    def version(self, request, code=None, number=None):
        version = selectors.version_for(request.user, self._procedure(code), int(number))
        if version is None:
            raise Http404
        return self._detail(version)

    @extend_schema(
        summary="Công bố dự thảo (publish the draft)",
        description="Phiên bản dự thảo mới nhất thành phiên bản đang áp dụng." + _WRITE_NOTE,
        parameters=[_CODE],
        request=s.PublishSerializer,
        responses={200: s.ProcedureDetailSerializer, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, code=None):
        procedure = self._procedure(code)
        body = self._input(s.PublishSerializer).validated_data
        draft = procedure.versions.order_by("-number").first()
        version = services.publish_version(request.user, draft, **body)
        return self._detail(version)

    @extend_schema(
        summary="Bãi bỏ thủ tục (withdraw)",
        description="Phiên bản đang áp dụng thôi áp dụng; vẫn đọc được trong lịch sử." + _WRITE_NOTE,
        parameters=[_CODE],
        request=s.WithdrawSerializer,
        responses={200: s.ProcedureDetailSerializer, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, code=None):
        body = self._input(s.WithdrawSerializer).validated_data
        version = services.withdraw_procedure(request.user, self._procedure(code), **body)
        return self._detail(version)

    @extend_schema(
        methods=["GET"],
        summary="Quy trình nội bộ (internal process, JSON or YAML)",
        description="Công khai. `fmt=yaml` trả tệp YAML; mặc định JSON. Public.",
        parameters=[
            _CODE,
            OpenApiParameter("fmt", str, enum=[*process.FORMATS], description="json (mặc định) hoặc yaml."),
            OpenApiParameter("version", int, description="Số phiên bản (mặc định: đang áp dụng)."),
        ],
        responses={
            (200, "application/json"): s.ProcessDocumentSerializer,
            (200, "application/yaml"): OpenApiTypes.STR,
            **error_responses(404),
        },
    )
    @extend_schema(
        methods=["PUT"],
        summary="Thay quy trình nội bộ (replace the internal process)",
        description="Tổng thời gian các bước phải bằng đúng thời hạn giải quyết, nếu không sẽ bị từ chối. "
        "Thủ tục đang áp dụng thì tạo phiên bản mới." + _WRITE_NOTE,
        parameters=[_CODE],
        request=s.ProcessDocumentSerializer,
        responses={200: s.ProcessDocumentSerializer, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["get", "put"], url_path="process")
    def process_definition(self, request, code=None):
        procedure = self._procedure(code)
        if request.method == "PUT":
            self._input(s.ProcessDocumentSerializer)
            version = services.import_process_document(request.user, procedure, request.data)
            return Response(process.export_document(version))
        number = request.query_params.get("version")
        version = selectors.version_for(
            request.user, procedure, int(number) if (number or "").isdigit() else None
        )
        if version is None:
            raise Http404
        document = process.export_document(version, list(version.process_steps.all()))
        fmt = request.query_params.get("fmt", "json")
        if fmt not in process.FORMATS:
            raise ServiceError(_("Tham số fmt phải là json hoặc yaml."), code="validation_error")
        if fmt == "yaml":
            response = HttpResponse(
                process.dump(document, "yaml"), content_type="application/yaml; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="quy-trinh-{procedure.code}.yaml"'
            return response
        return Response(document)

    @extend_schema(
        summary="Kiểm tra dữ liệu biểu mẫu điện tử (validate an e-form submission)",
        description="Công khai. Không lưu gì: trả dữ liệu đã chuẩn hóa, hoặc lỗi 400 theo đường dẫn trường "
        "(ví dụ `con[0].ngay_sinh`). Public; nothing is saved.",
        parameters=[_CODE],
        request=s.EformSubmissionSerializer,
        responses={200: s.EformResultSerializer, **error_responses(400, 404)},
    )
    @action(detail=True, methods=["post"], url_path="eform/validate", permission_classes=[AllowAny])
    def eform_validate(self, request, code=None):
        version = selectors.version_for(request.user, self._procedure(code))
        if version is None or not version.eform:
            raise Http404
        data = self._input(s.EformSubmissionSerializer).validated_data["data"]
        cleaned, errors = eforms.validate_submission(version.eform, data)
        if errors:
            field_errors = {
                path: [{"code": "invalid", "message": m} for m in messages]
                for path, messages in errors.items()
            }
            raise ServiceError(
                _("Biểu mẫu còn lỗi; xem từng trường."), code="validation_error", errors=field_errors
            )
        return Response({"valid": True, "cleaned": cleaned})

    @extend_schema(
        methods=["GET"],
        summary="Xuất Excel danh mục (export the catalogue to Excel)",
        description="Công khai. Bố cục CSDL quốc gia về TTHC (docs/catalog.md); nhận cùng bộ lọc như danh sách.",
        parameters=[filters.ProcedureFilter],
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY, **error_responses(400)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Nhập Excel danh mục (import the catalogue from Excel)",
        description="Có lỗi ở bất kỳ dòng nào thì không lưu gì; lỗi ghi theo dòng và cột (`row_5.K`)."
        + _WRITE_NOTE,
        request={"multipart/form-data": s.ImportFileSerializer},
        responses={200: s.ImportResultSerializer, **error_responses(400, 403)},
    )
    @action(detail=False, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def excel(self, request):
        if request.method == "POST":
            upload = self._input(s.ImportFileSerializer).validated_data["file"]
            report = excel.import_workbook(request.user, upload)
            if not report.ok:
                errors = {}
                for e in report.errors:
                    key = f"row_{e.row}" + (f".{e.letter}" if e.letter else "")
                    errors.setdefault(key, []).append({"code": "invalid", "message": str(e)})
                raise ServiceError(_("Tệp có lỗi; chưa lưu gì."), code="validation_error", errors=errors)
            return Response(
                {"created": report.created, "changed": report.changed, "unchanged": report.unchanged}
            )
        params = filters.ProcedureFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = excel.export_prefetch(selectors.search_procedures(**params.to_selector_kwargs()))
        response = HttpResponse(excel.workbook(rows), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="danh-muc-thu-tuc.xlsx"'
        return response
