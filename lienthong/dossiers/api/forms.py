"""Printed forms of a dossier (PDF) and the tracking book (PDF or Excel) over the API.

Reads go through ``dossiers.selectors`` (the dossier) and ``printing.book`` (the book, scoped to the
agency's officers); a form that does not apply to the dossier yet answers 409 form_not_applicable.
"""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.views import APIView

from lienthong.core.api.schema import error_responses
from lienthong.core.api.serializers import Serializer
from lienthong.directory.models import Agency
from lienthong.dossiers import selectors
from lienthong.dossiers.printing import DOSSIER_FORMS, UnknownForm
from lienthong.dossiers.printing.responses import (
    FORMATS,
    book_response,
    default_period,
    form_response,
    period_error,
)
from lienthong.workdays.deadlines import TZ

_TAG = "Hồ sơ một cửa (one-stop dossiers)"
_PDF = OpenApiResponse(OpenApiTypes.BINARY, description="Tệp PDF (application/pdf).")


class _IgnoreFormatParameter(DefaultContentNegotiation):
    """``?format=pdf|xlsx`` chooses the file, not DRF's renderer; errors stay JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class DossierFormView(APIView):
    @extend_schema(
        tags=[_TAG],
        summary="In biểu mẫu của hồ sơ (print a dossier form)",
        description="PDF theo mẫu của Thông tư 03/2025/TT-VPCP (hoặc 01/2018 theo cấu hình "
        "DOSSIER_FORMS_NUMBERING): " + ", ".join(DOSSIER_FORMS) + ". 404 nếu không được xem hồ sơ; "
        "409 form_not_applicable nếu hồ sơ chưa có nội dung cho mẫu này.",
        parameters=[
            OpenApiParameter("code", str, OpenApiParameter.PATH, description="Mã hồ sơ."),
            OpenApiParameter("form", str, OpenApiParameter.PATH, enum=list(DOSSIER_FORMS)),
        ],
        responses={(200, "application/pdf"): _PDF, **error_responses(403, 404, 409)},
    )
    def get(self, request, code, form):
        dossier = selectors.dossier_detail(request.user, code=code)
        if dossier is None or form not in DOSSIER_FORMS:
            raise Http404
        try:
            return form_response(form, dossier)
        except UnknownForm as exc:
            raise Http404 from exc


class TrackingBookQuerySerializer(Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), help_text="Cơ quan tiếp nhận.")
    date_from = serializers.DateField(required=False, help_text="Từ ngày (mặc định: đầu tháng).")
    date_to = serializers.DateField(required=False, help_text="Đến ngày (mặc định: hôm nay).")
    format = serializers.ChoiceField(choices=FORMATS, default="pdf")

    def validate(self, attrs):
        start, end = default_period(timezone.now().astimezone(TZ).date())
        attrs.setdefault("date_from", start)
        attrs.setdefault("date_to", max(end, attrs["date_from"]))
        message = period_error(attrs["date_from"], attrs["date_to"])
        if message:
            raise serializers.ValidationError({"date_to": message})
        return attrs


class TrackingBookView(APIView):
    content_negotiation_class = _IgnoreFormatParameter

    @extend_schema(
        tags=[_TAG],
        summary="Sổ theo dõi hồ sơ (tracking book)",
        description="Hồ sơ cơ quan đã tiếp nhận trong khoảng thời gian, PDF (khổ ngang) hoặc Excel. "
        "Chỉ cán bộ của cơ quan, quản trị cơ quan cấp trên và quản trị cấp tỉnh (403).",
        parameters=[TrackingBookQuerySerializer],
        responses={
            (200, "application/pdf"): _PDF,
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Bảng tính Excel (.xlsx)."
            ),
            **error_responses(400, 403),
        },
    )
    def get(self, request):
        query = TrackingBookQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        v = query.validated_data
        return book_response(request.user, v["agency"], v["date_from"], v["date_to"], v["format"])
