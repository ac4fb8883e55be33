"""The charges of a dossier: list, record a payment (idempotent by reference), waive."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from lienthong.core.api.schema import error_responses
from lienthong.payments import selectors, services
from lienthong.payments.api import serializers as s

_TAG = "Phí, lệ phí (charges)"
_CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="Mã hồ sơ (dossier code).")
_ID = OpenApiParameter("charge_id", int, OpenApiParameter.PATH, description="Mã khoản thu (charge id).")


def _charge(user, code, charge_id):
    charge = selectors.charge_of(user, code, charge_id)
    if charge is None:
        raise Http404
    return charge


class ChargeListView(APIView):
    @extend_schema(
        tags=[_TAG],
        summary="Các khoản thu của hồ sơ (charges of a dossier)",
        description="Phí, lệ phí và nghĩa vụ tài chính, kèm tổng chưa nộp / đã nộp / được miễn; 404 nếu "
        "người gọi không được xem hồ sơ.",
        parameters=[_CODE],
        responses={200: s.ChargesSerializer, **error_responses(403, 404)},
    )
    def get(self, request, code):
        dossier = selectors.visible_dossier(request.user, code)
        if dossier is None:
            raise Http404
        return Response(s.ChargesSerializer(selectors.summary(selectors.dossier_charges(dossier))).data)


class ChargePayView(APIView):
    @extend_schema(
        tags=[_TAG],
        summary="Ghi nhận đã nộp (record a payment)",
        description="Cán bộ Bộ phận Một cửa của cơ quan tiếp nhận. Cùng mã giao dịch (reference) gửi lại trả "
        "cùng kết quả; mã đã dùng cho khoản khác trả 409 reference_in_use; khoản không còn chưa nộp trả "
        "409 charge_not_due. Nộp khoản cuối cùng của nghĩa vụ tài chính thì hồ sơ tự tiếp tục xử lý.",
        parameters=[_CODE, _ID],
        request=s.PaySerializer,
        responses={200: s.ChargeSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, code, charge_id):
        charge = _charge(request.user, code, charge_id)
        body = s.PaySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        v = body.validated_data
        charge = services.record_payment(
            request.user,
            charge,
            method=v["method"],
            receipt_number=v["receipt_number"],
            reference=v["reference"],
        )
        return Response(s.ChargeSerializer(charge).data)


class ChargeWaiveView(APIView):
    @extend_schema(
        tags=[_TAG],
        summary="Miễn khoản thu (waive a charge)",
        description="Cán bộ Bộ phận Một cửa hoặc lãnh đạo cơ quan tiếp nhận, nêu lý do; khoản không còn chưa "
        "nộp trả 409 charge_not_due.",
        parameters=[_CODE, _ID],
        request=s.WaiveSerializer,
        responses={200: s.ChargeSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, code, charge_id):
        charge = _charge(request.user, code, charge_id)
        body = s.WaiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        charge = services.waive(request.user, charge, body.validated_data["reason"])
        return Response(s.ChargeSerializer(charge).data)
