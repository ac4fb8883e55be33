"""The directory API: administrative units, agencies with their internal units, officials.

Views parse with a serializer, read through ``directory.selectors`` and write through
``directory.services``; refusals and bad input come back in the shape of ``core.api.errors``.
"""

import functools

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.response import Response

from lienthong.core.api.schema import error_responses
from lienthong.directory import selectors, services
from lienthong.directory.api import filters, permissions
from lienthong.directory.api import serializers as s
from lienthong.directory.models import AdministrativeUnit, Agency, InternalUnit, Official

_AUTH_NOTE = (
    "Ghi dữ liệu cần phiên đăng nhập, mã CSRF và (với tài khoản quản trị) xác thực hai lớp. "
    "Writes need a session, the CSRF token and, for administrators, TOTP verification."
)


class _DirectoryViewSet(viewsets.GenericViewSet):
    filter_backends = []  # filters are parsed by a serializer and applied by the selector
    params_class = None

    def _list(self, rows):
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _params(self):
        params = self.params_class(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.to_selector_kwargs()

    def _body(self, serializer_class, instance=None, partial=False):
        body = serializer_class(instance, data=self.request.data, partial=partial)
        body.is_valid(raise_exception=True)
        return body.validated_data


_UNITS = "Đơn vị hành chính (administrative units)"


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách đơn vị hành chính (list administrative units)",
        description="Công khai. Mặc định chỉ đơn vị đang có hiệu lực hôm nay; `include_expired` gồm cả "
        "đơn vị đã sáp nhập, `valid_on` xem theo một ngày. Public; current units unless asked otherwise.",
        parameters=[filters.AdministrativeUnitFilter],
        responses={200: s.AdministrativeUnitSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="Một đơn vị hành chính (one administrative unit)",
        description="Công khai, kể cả đơn vị đã hết hiệu lực. Public, expired units included.",
        responses={200: s.AdministrativeUnitSerializer, **error_responses(404)},
    ),
    create=extend_schema(
        summary="Thêm đơn vị hành chính (create an administrative unit)",
        description="Chỉ quản trị hệ thống cấp tỉnh. Province IT administrators only. " + _AUTH_NOTE,
        request=s.AdministrativeUnitWriteSerializer,
        responses={201: s.AdministrativeUnitSerializer, **error_responses(400, 403)},
    ),
    update=extend_schema(
        summary="Sửa đơn vị hành chính (replace an administrative unit)",
        description="Chỉ quản trị hệ thống cấp tỉnh. Province IT administrators only. " + _AUTH_NOTE,
        request=s.AdministrativeUnitWriteSerializer,
        responses={200: s.AdministrativeUnitSerializer, **error_responses(400, 403, 404)},
    ),
    partial_update=extend_schema(
        summary="Sửa một phần đơn vị hành chính (update an administrative unit)",
        description="Chỉ quản trị hệ thống cấp tỉnh. Province IT administrators only. " + _AUTH_NOTE,
        request=s.AdministrativeUnitWriteSerializer,
        responses={200: s.AdministrativeUnitSerializer, **error_responses(400, 403, 404)},
    ),
)
@extend_schema(tags=[_UNITS])
class AdministrativeUnitViewSet(_DirectoryViewSet):
    queryset = AdministrativeUnit.objects.none()  # names the model for the schema; rows come from selectors
    serializer_class = s.AdministrativeUnitSerializer
    permission_classes = [permissions.PublicReadProvinceAdminWrite]
    params_class = filters.AdministrativeUnitFilter

    def get_queryset(self):
        return selectors.administrative_units(include_expired=True).prefetch_related("successors")

    def list(self, request):
        rows = selectors.administrative_units(**self._params()).prefetch_related("successors")
        return self._list(rows.order_by("level", "code", "pk"))

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request):
        unit = services.save_administrative_unit(
            request.user, **self._body(s.AdministrativeUnitWriteSerializer)
        )
        return Response(self.get_serializer(unit).data, status=status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        unit = self.get_object()
        fields = self._body(s.AdministrativeUnitWriteSerializer, unit, partial=partial)
        unit = services.save_administrative_unit(request.user, unit, **fields)
        return Response(self.get_serializer(unit).data)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)


_AGENCIES = "Cơ quan, đơn vị (agencies)"
_AGENCY_WRITE = (
    "Quản trị cơ quan (cơ quan mình và cấp dưới) hoặc quản trị hệ thống cấp tỉnh. Mã định danh sai dạng "
    "QCVN 102:2016 vẫn được lưu, kèm `warnings`. Agency administrators (their agency and below) or "
    "province IT administrators; a malformed QCVN 102 code is saved with a warning. " + _AUTH_NOTE
)


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách cơ quan, đơn vị (list agencies)",
        description="Công khai; mặc định chỉ cơ quan đang hoạt động. Public; active agencies by default.",
        parameters=[filters.AgencyFilter],
        responses={200: s.AgencySerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="Một cơ quan và các phòng, đơn vị (one agency with its internal units)",
        description="Công khai. Public.",
        responses={200: s.AgencyDetailSerializer, **error_responses(404)},
    ),
    create=extend_schema(
        summary="Thêm cơ quan, đơn vị (create an agency)",
        description=_AGENCY_WRITE,
        request=s.AgencyWriteSerializer,
        responses={201: s.AgencySavedSerializer, **error_responses(400, 403)},
    ),
    update=extend_schema(
        summary="Sửa cơ quan, đơn vị (replace an agency)",
        description=_AGENCY_WRITE,
        request=s.AgencyWriteSerializer,
        responses={200: s.AgencySavedSerializer, **error_responses(400, 403, 404)},
    ),
    partial_update=extend_schema(
        summary="Sửa một phần cơ quan, đơn vị (update an agency)",
        description=_AGENCY_WRITE,
        request=s.AgencyWriteSerializer,
        responses={200: s.AgencySavedSerializer, **error_responses(400, 403, 404)},
    ),
)
@extend_schema(tags=[_AGENCIES])
class AgencyViewSet(_DirectoryViewSet):
    queryset = Agency.objects.none()
    serializer_class = s.AgencySerializer
    permission_classes = [permissions.PublicReadAdministratorWrite]
    params_class = filters.AgencyFilter

    def get_queryset(self):
        return selectors.agencies(active_only=False)

    def agency_of(self, agency):
        return agency

    def _detail(self, agency, warnings=None, status_code=status.HTTP_200_OK):
        agency.active_units = list(selectors.internal_units(agency))
        if warnings is None:
            return Response(s.AgencyDetailSerializer(agency).data, status=status_code)
        data = s.AgencySavedSerializer(agency, context={"warnings": warnings}).data
        return Response(data, status=status_code)

    def list(self, request):
        return self._list(selectors.agencies(**self._params()))

    def retrieve(self, request, pk=None):
        return self._detail(self.get_object())

    def create(self, request):
        agency, warnings = services.save_agency(request.user, **self._body(s.AgencyWriteSerializer))
        return self._detail(agency, warnings, status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        agency = self.get_object()
        fields = self._body(s.AgencyWriteSerializer, agency, partial=partial)
        agency, warnings = services.save_agency(request.user, agency, **fields)
        return self._detail(agency, warnings)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)


_AGENCY_ID = OpenApiParameter(
    "agency_id", int, OpenApiParameter.PATH, description="Mã số (id) của cơ quan (agency id)."
)


@extend_schema_view(
    list=extend_schema(
        summary="Các phòng, đơn vị của một cơ quan (internal units of an agency)",
        description="Công khai; chỉ phòng, đơn vị đang hoạt động. Public; active units only.",
        parameters=[_AGENCY_ID],
        responses={200: s.InternalUnitSerializer(many=True), **error_responses(404)},
    ),
    create=extend_schema(
        summary="Thêm phòng, đơn vị vào cơ quan (create an internal unit)",
        description="Quản trị của cơ quan đó (hoặc cấp trên) hoặc quản trị hệ thống cấp tỉnh. "
        "Administrators of that agency (or above it) or province IT administrators. " + _AUTH_NOTE,
        parameters=[_AGENCY_ID],
        request=s.InternalUnitWriteSerializer,
        responses={201: s.InternalUnitSerializer, **error_responses(400, 403, 404)},
    ),
)
@extend_schema(tags=[_AGENCIES])
class AgencyInternalUnitViewSet(_DirectoryViewSet):
    queryset = InternalUnit.objects.none()
    serializer_class = s.InternalUnitSerializer
    permission_classes = [permissions.PublicReadAdministratorWrite]

    def agency_of(self, agency):
        return agency

    def _agency(self):
        return get_object_or_404(selectors.agencies(active_only=False), pk=self.kwargs["agency_id"])

    def list(self, request, agency_id):
        return self._list(selectors.internal_units(self._agency()))

    def create(self, request, agency_id):
        agency = self._agency()
        self.check_object_permissions(request, agency)
        unit = services.save_internal_unit(
            request.user, agency=agency, **self._body(s.InternalUnitWriteSerializer)
        )
        return Response(self.get_serializer(unit).data, status=status.HTTP_201_CREATED)


_OFFICIALS = "Cán bộ, công chức, viên chức (officials)"
_OFFICIALS_READ = (
    "Chỉ cán bộ, công chức và hệ thống tích hợp; công dân, doanh nghiệp nhận 403 `permission_denied`. "
    "Số định danh, ngày sinh, giới tính, ngạch chỉ có khi người gọi được xem dữ liệu cá nhân (quản trị "
    "cơ quan của người đó, quản trị tỉnh, hoặc chính người đó). Officials and systems only; citizens "
    "get 403 permission_denied. Personal fields appear only for callers allowed to read them."
)
_OFFICIALS_WRITE = (
    "Quản trị của cơ quan (cơ quan mình và cấp dưới) hoặc quản trị hệ thống cấp tỉnh. Số định danh "
    "phải gồm 12 chữ số, khớp năm sinh và giới tính; phòng, đơn vị phải thuộc cơ quan. Administrators "
    "of the official's agency or province IT administrators. " + _AUTH_NOTE
)


@extend_schema_view(
    list=extend_schema(
        summary="Danh bạ cán bộ, công chức, viên chức (list officials)",
        description=_OFFICIALS_READ,
        parameters=[filters.OfficialFilter],
        responses={200: s.OfficialSerializer(many=True), **error_responses(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Một cán bộ, công chức, viên chức (one official)",
        description=_OFFICIALS_READ,
        responses={200: s.OfficialSerializer, **error_responses(403, 404)},
    ),
    create=extend_schema(
        summary="Thêm cán bộ, công chức, viên chức (create an official)",
        description=_OFFICIALS_WRITE,
        request=s.OfficialWriteSerializer,
        responses={201: s.OfficialSerializer, **error_responses(400, 403)},
    ),
    update=extend_schema(
        summary="Sửa hồ sơ cán bộ (replace an official's record)",
        description=_OFFICIALS_WRITE,
        request=s.OfficialWriteSerializer,
        responses={200: s.OfficialSerializer, **error_responses(400, 403, 404)},
    ),
    partial_update=extend_schema(
        summary="Sửa một phần hồ sơ cán bộ (update an official's record)",
        description=_OFFICIALS_WRITE,
        request=s.OfficialWriteSerializer,
        responses={200: s.OfficialSerializer, **error_responses(400, 403, 404)},
    ),
)
@extend_schema(tags=[_OFFICIALS])
class OfficialViewSet(_DirectoryViewSet):
    queryset = Official.objects.none()
    serializer_class = s.OfficialSerializer
    permission_classes = [permissions.OfficialsDirectory]
    params_class = filters.OfficialFilter

    def get_queryset(self):
        return selectors.officials_visible_to(self.request.user, include_inactive=True)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["can_view_personal_data"] = functools.partial(
            selectors.can_view_personal_data, self.request.user
        )
        return context

    def agency_of(self, official):
        return official.agency

    def list(self, request):
        rows = selectors.officials_visible_to(request.user, **self._params())
        return self._list(rows.order_by("agency__path", "full_name", "pk"))

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request):
        official = services.save_official(request.user, **self._body(s.OfficialWriteSerializer))
        return Response(self.get_serializer(official).data, status=status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        official = self.get_object()
        fields = self._body(s.OfficialWriteSerializer, official, partial=partial)
        official = services.save_official(request.user, official, **fields)
        return Response(self.get_serializer(official).data)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)
