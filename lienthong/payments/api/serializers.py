"""Input and output shapes of the charges API. Rules live in ``payments.services``; these only parse."""

from rest_framework import serializers

from lienthong.core.api.serializers import Serializer
from lienthong.payments.models import ChargeKind, ChargeStatus, PaymentMethod


class ChargeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(ChargeKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    description = serializers.CharField()
    amount = serializers.IntegerField(help_text="Số tiền (đồng).")
    obligation = serializers.BooleanField(help_text="Thuộc yêu cầu thực hiện nghĩa vụ tài chính.")
    status = serializers.ChoiceField(ChargeStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    requested_at = serializers.DateTimeField()
    paid_at = serializers.DateTimeField(allow_null=True)
    method = serializers.CharField(help_text="cash, transfer, online; rỗng khi chưa nộp.")
    receipt_number = serializers.CharField(help_text="Số biên lai (biên lai điện tử).")
    note = serializers.CharField(help_text="Lý do miễn.")


class ChargesSerializer(serializers.Serializer):
    total_due = serializers.IntegerField(help_text="Tổng số tiền chưa nộp (đồng).")
    total_paid = serializers.IntegerField(help_text="Tổng số tiền đã nộp (đồng).")
    total_waived = serializers.IntegerField(help_text="Tổng số tiền được miễn (đồng).")
    items = ChargeSerializer(many=True)


class PaySerializer(Serializer):
    method = serializers.ChoiceField(PaymentMethod.choices, help_text="Hình thức nộp.")
    receipt_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    reference = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Mã giao dịch: gửi lại cùng mã không ghi nhận nộp hai lần.",
    )


class WaiveSerializer(Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Lý do miễn (căn cứ miễn, giảm).")


class ChargeInputSerializer(Serializer):
    kind = serializers.ChoiceField(ChargeKind.choices, required=False, default=ChargeKind.OBLIGATION)
    description = serializers.CharField(max_length=500)
    amount = serializers.IntegerField(min_value=1, help_text="Số tiền (đồng), số nguyên dương.")
