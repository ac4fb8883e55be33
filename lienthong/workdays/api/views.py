"""Working-calendar API: overrides (read for officials, write for province IT administrators), and
the public computations other systems call (due instant, working day or not)."""

import datetime
from contextlib import contextmanager

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from lienthong.accounts.permissions import is_province_admin
from lienthong.core.api.schema import error_responses
from lienthong.workdays import deadlines, selectors, services
from lienthong.workdays.api.serializers import (
    DaySerializer,
    DueQuerySerializer,
    DueRequestSerializer,
    DueResultSerializer,
    OverrideSerializer,
)
from lienthong.workdays.models import CalendarOverride, OverrideKind

TAG = ["workdays"]


@contextmanager
def service_errors():
    """Rule violations from services become a 400 ``validation_error`` with field messages."""
    try:
        yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
    except deadlines.DeadlineError as exc:
        raise serializers.ValidationError({"non_field_errors": [str(exc)]}) from exc


class ProvinceAdminWrites(permissions.BasePermission):
    message = _("Chỉ quản trị hệ thống cấp tỉnh được sửa lịch làm việc.")

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or is_province_admin(request.user)


class OverrideFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date__year", label=_("Năm"))
    kind = django_filters.ChoiceFilter(choices=OverrideKind.choices, label=_("Loại"))

    class Meta:
        model = CalendarOverride
        fields = ["year", "kind"]


@extend_schema(tags=TAG)
@extend_schema_view(
    list=extend_schema(
        summary="Ngày nghỉ thêm, ngày làm việc bù của tỉnh",
        responses={200: OverrideSerializer(many=True), **error_responses(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Một ngày điều chỉnh", responses={200: OverrideSerializer, **error_responses(403, 404)}
    ),
    create=extend_schema(
        summary="Thêm ngày điều chỉnh (quản trị cấp tỉnh)",
        responses={201: OverrideSerializer, **error_responses(400, 403)},
    ),
    update=extend_schema(
        summary="Sửa ngày điều chỉnh", responses={200: OverrideSerializer, **error_responses(400, 403, 404)}
    ),
    partial_update=extend_schema(
        summary="Sửa một phần ngày điều chỉnh",
        responses={200: OverrideSerializer, **error_responses(400, 403, 404)},
    ),
    destroy=extend_schema(summary="Xóa ngày điều chỉnh", responses={204: None, **error_responses(403, 404)}),
)
class OverrideViewSet(viewsets.ModelViewSet):
    serializer_class = OverrideSerializer
    permission_classes = [ProvinceAdminWrites]
    filterset_class = OverrideFilter
    queryset = CalendarOverride.objects.none()  # for the schema; requests use the selector

    def get_queryset(self):
        return selectors.list_overrides(self.request.user)

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = services.create_override(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        with service_errors():
            serializer.instance = services.update_override(
                self.request.user, serializer.instance, **serializer.validated_data
            )

    def perform_destroy(self, instance):
        with service_errors():
            services.delete_override(self.request.user, instance)


class PublicComputation(APIView):
    """Mở cho các hệ thống khác, không cần tài khoản; lượt gọi ẩn danh bị giới hạn tần suất
    (open to other systems without an account; anonymous callers are rate-limited)."""

    permission_classes = [permissions.AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]


class DueView(PublicComputation):
    def _compute(self, data):
        with service_errors():
            result = selectors.compute_due(
                data["start"],
                data["duration"],
                data["unit"],
                procedure=data.get("procedure") or None,
                cutoff=data.get("cutoff"),
                pauses=[(p["start"], p["end"]) for p in data.get("pauses", [])],
            )
        return Response(DueResultSerializer(result).data)

    @extend_schema(
        tags=TAG,
        summary="Tính hạn giải quyết (tham số trên URL)",
        parameters=[DueQuerySerializer],
        responses={200: DueResultSerializer, **error_responses(400, 429)},
    )
    def get(self, request):
        query = DueQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return self._compute(query.validated_data)

    @extend_schema(
        tags=TAG,
        summary="Tính hạn giải quyết (có thể kèm các khoảng tạm dừng)",
        request=DueRequestSerializer,
        responses={200: DueResultSerializer, **error_responses(400, 429)},
    )
    def post(self, request):
        body = DueRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._compute(body.validated_data)


class DayView(PublicComputation):
    @extend_schema(
        tags=TAG,
        summary="Một ngày có phải ngày làm việc không",
        parameters=[
            OpenApiParameter(
                "day", OpenApiTypes.DATE, OpenApiParameter.PATH, description="Ngày, dạng YYYY-MM-DD."
            )
        ],
        responses={200: DaySerializer, **error_responses(400, 429)},
    )
    def get(self, request, day):
        try:
            date = datetime.date.fromisoformat(day)
        except ValueError:
            raise serializers.ValidationError(
                {"day": [gettext("Ngày không hợp lệ; dùng dạng YYYY-MM-DD.")]}
            ) from None
        with service_errors():
            info = selectors.current_calendar().day_info(date)
        data = {
            "date": info.date,
            "weekday": selectors.WEEKDAYS[date.weekday()],
            "is_working_day": info.is_working_day,
            "kind": info.kind,
            "name": info.name,
        }
        return Response(DaySerializer(data).data)
