"""The dossier API: receipt, work queues, one dossier, and one endpoint per lifecycle action.

Views parse with a serializer, read through ``dossiers.selectors`` and write through
``dossiers.services``; refusals come back in the shape of ``core.api.errors`` (403, 409 with a code).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from lienthong.core.api.errors import ServiceError
from lienthong.core.api.schema import error_responses
from lienthong.dossiers import selectors, services
from lienthong.dossiers.api import files
from lienthong.dossiers.api import serializers as s
from lienthong.dossiers.models import Dossier

_TAG = "Hồ sơ một cửa (one-stop dossiers)"
_CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="Mã hồ sơ (dossier code).")
_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Khóa chống trùng (tối đa 100 ký tự): gửi lại cùng khóa trả về hồ sơ đã tạo (200).",
)
_QUEUES = {"mine": selectors.my_queue, "unit": selectors.unit_queue, "agency": selectors.agency_queue}


def _detail(user, **lookup):
    dossier = selectors.dossier_detail(user, **lookup)
    if dossier is None:
        raise Http404
    return dossier


class DossierListView(generics.GenericAPIView):
    queryset = Dossier.objects.none()
    serializer_class = s.DossierListSerializer
    filter_backends = []

    @extend_schema(
        tags=[_TAG],
        summary="Danh sách hồ sơ (list dossiers)",
        description="Hồ sơ người gọi được xem; lọc theo trạng thái, hàng đợi (mine, unit, agency), "
        "tìm theo mã hồ sơ hoặc tên người nộp. Dossiers visible to the caller.",
        parameters=[s.ListQuerySerializer],
        responses={200: s.DossierListSerializer(many=True), **error_responses(400, 403)},
    )
    def get(self, request):
        params = s.ListQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        queue = _QUEUES.get(data.get("queue"))
        dossiers = queue(request.user) if queue else selectors.dossiers_visible_to(request.user)
        if data.get("state"):
            dossiers = dossiers.filter(state=data["state"])
        dossiers = selectors.list_rows(selectors.search(dossiers, data.get("q")))
        page = self.paginate_queryset(dossiers)
        return self.get_paginated_response(s.DossierListSerializer(page, many=True).data)

    @extend_schema(
        tags=[_TAG],
        summary="Tiếp nhận hồ sơ (receive a dossier)",
        description="Cán bộ Bộ phận Một cửa của cơ quan tiếp nhận: tiếp nhận, từ chối hoặc hướng dẫn nộp "
        "nơi khác. 201 khi tạo mới; 200 khi gửi lại cùng Idempotency-Key. One-stop officers only. "
        "Gửi kèm tệp: multipart/form-data, phần data là JSON, tệp trong phần component_<mã thành phần>.",
        parameters=[_KEY],
        request={
            "application/json": s.ReceiptSerializer,
            "multipart/form-data": files.ReceiptMultipartSerializer,
        },
        responses={
            201: s.DossierDetailSerializer,
            200: s.DossierDetailSerializer,
            **error_responses(400, 403),
        },
    )
    def post(self, request):
        key = request.headers.get("Idempotency-Key", "").strip() or None
        if key and len(key) > 100:
            raise ServiceError(
                _("Khóa chống trùng không được dài quá 100 ký tự."),
                code="validation_error",
                errors={"Idempotency-Key": [{"code": "max_length", "message": _("Tối đa 100 ký tự.")}]},
            )
        raw, uploads = files.receipt_input(request)
        body = s.ReceiptSerializer(data=raw)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        replay = selectors.idempotency_key_used(key)
        dossier = services.receive(
            request.user,
            procedure_code=data["procedure"],
            agency=data["agency"],
            channel=data["channel"],
            applicant=data["applicant"],
            components=data["components"],
            eform_data=data["eform_data"],
            outcome=data["outcome"],
            reasons=data["reasons"],
            redirect_to=data.get("redirect_to"),
            idempotency_key=key,
            files=uploads,
            sets=data["sets"],
            out_of_area=data["out_of_area"],
        )
        code = status.HTTP_200_OK if replay else status.HTTP_201_CREATED
        return Response(s.DossierDetailSerializer(_detail(request.user, pk=dossier.pk)).data, status=code)


class DossierDetailView(APIView):
    @extend_schema(
        tags=[_TAG],
        summary="Một hồ sơ (one dossier)",
        description="Kèm các bước xử lý và lịch sử; 404 nếu người gọi không được xem. With steps and history.",
        parameters=[_CODE],
        responses={200: s.DossierDetailSerializer, **error_responses(403, 404)},
    )
    def get(self, request, code):
        return Response(s.DossierDetailSerializer(_detail(request.user, code=code)).data)


class DossierStatusView(APIView):
    @extend_schema(
        tags=[_TAG],
        summary="Tình trạng hồ sơ (dossier status)",
        description="Tra cứu nhanh theo mã: trạng thái, ngày hẹn trả, cơ quan đang xử lý, thủ tục; cùng "
        "phạm vi xem như chi tiết hồ sơ (404 nếu không được xem). Compact lookup by code.",
        parameters=[_CODE],
        responses={200: s.DossierStatusSerializer, **error_responses(403, 404)},
    )
    def get(self, request, code):
        row = selectors.dossier_status(request.user, code)
        if row is None:
            raise Http404
        return Response(s.DossierStatusSerializer(row).data)


def _assign(user, d, v):
    return services.assign(user, d, v["assignee"], v["note"], v.get("expected_version"))


def _transfer(user, d, v):
    return services.transfer(
        user, d, v.get("to_agency"), v.get("assignee"), v["note"], v.get("expected_version")
    )


def _request_supplement(user, d, v):
    return services.request_supplement(user, d, v["items"], v["note"], v.get("expected_version"))


def _receive_supplement(user, d, v):
    return services.receive_supplement(user, d, v["components"], v["note"], v.get("expected_version"))


def _apologise(user, d, v):
    return services.apologise(user, d, v["new_appointment_at"], v["reason"], v.get("expected_version"))


def _ending(service):
    return lambda user, d, v: service(user, d, v["reasons"], v.get("expected_version"))


def _approve(user, d, v):
    return services.approve(user, d, v["note"], v.get("expected_version"))


def _return_result(user, d, v):
    return services.return_result(
        user, d, v["delivery_method"], v["received_by"], v["note"], v.get("expected_version")
    )


def _request_obligation(user, d, v):
    return services.request_obligation(user, d, v["charges"], v["note"], v.get("expected_version"))


def _obligation_fulfilled(user, d, v):
    return services.obligation_fulfilled(user, d, v["note"], v.get("expected_version"))


def _rate(user, d, v):
    return services.rate(user, d, v["level"], v["comment"], v.get("source"))


# action → (input, call, Vietnamese summary)
ACTIONS = {
    "assign": (s.AssignSerializer, _assign, "Phân công xử lý"),
    "transfer": (s.TransferSerializer, _transfer, "Chuyển bước tiếp theo, liên thông"),
    "request_supplement": (s.SupplementRequestSerializer, _request_supplement, "Yêu cầu bổ sung"),
    "receive_supplement": (s.SupplementReceiptSerializer, _receive_supplement, "Nhận hồ sơ bổ sung"),
    "apologise": (s.ApologySerializer, _apologise, "Xin lỗi, hẹn lại ngày trả"),
    "refuse": (s.ReasonsSerializer, _ending(services.refuse), "Từ chối giải quyết"),
    "stop": (s.ReasonsSerializer, _ending(services.stop), "Dừng xử lý"),
    "withdraw": (s.ReasonsSerializer, _ending(services.withdraw), "Rút hồ sơ"),
    "approve": (s.NoteSerializer, _approve, "Phê duyệt kết quả"),
    "return_result": (s.ReturnSerializer, _return_result, "Trả kết quả"),
    "request_obligation": (
        s.ObligationRequestSerializer,
        _request_obligation,
        "Yêu cầu thực hiện nghĩa vụ tài chính",
    ),
    "obligation_fulfilled": (s.NoteSerializer, _obligation_fulfilled, "Đã thực hiện nghĩa vụ tài chính"),
    "rate": (s.RateSerializer, _rate, "Đánh giá mức độ hài lòng"),
}


class DossierActionView(APIView):
    action_name = None

    def post(self, request, code):
        serializer_class, call, _summary = ACTIONS[self.action_name]
        dossier = _detail(request.user, code=code)
        body = serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        call(request.user, dossier, body.validated_data)
        return Response(s.DossierDetailSerializer(_detail(request.user, pk=dossier.pk)).data)


def action_view(name):
    """A view class for one action, so that each has its own documented request body."""
    serializer_class, _call, summary = ACTIONS[name]

    def post(self, request, code):
        return DossierActionView.post(self, request, code)

    post = extend_schema(
        tags=[_TAG],
        operation_id=f"dossiers_actions_{name}",
        summary=f"{summary} ({name.replace('_', ' ')})",
        description="Chỉ vai trò và cơ quan được phép theo quy trình (403 permission_denied); thao tác "
        "không hợp lệ ở trạng thái hiện tại trả 409 invalid_transition; expected_version cũ trả 409 "
        "stale_dossier.",
        parameters=[_CODE],
        request=serializer_class,
        responses={200: s.DossierDetailSerializer, **error_responses(400, 403, 404, 409)},
    )(post)
    name_ = f"Dossier{name.title().replace('_', '')}View"
    return type(name_, (DossierActionView,), {"action_name": name, "post": post}).as_view()
