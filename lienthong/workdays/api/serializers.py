from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lienthong.core.api.serializers import ModelSerializer, Serializer
from lienthong.workdays import deadlines
from lienthong.workdays.models import CalendarOverride


class OverrideSerializer(ModelSerializer):
    """Ngày nghỉ thêm hoặc ngày làm việc bù, kèm văn bản quyết định (an override of the calendar)."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    document_reference = serializers.CharField(read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = CalendarOverride
        fields = [
            "id",
            "date",
            "kind",
            "kind_label",
            "name",
            "document_number",
            "document_notation",
            "document_date",
            "document_issuer",
            "document_reference",
            "provisional",
            "note",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class PauseSerializer(Serializer):
    """Khoảng tạm dừng tính thời hạn, ví dụ chờ bổ sung hồ sơ (a pause of the clock)."""

    start = serializers.DateTimeField(help_text="Bắt đầu tạm dừng.")
    end = serializers.DateTimeField(help_text="Kết thúc tạm dừng.")

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError(
                {"end": gettext("Thời điểm kết thúc phải sau thời điểm bắt đầu.")}
            )
        return attrs


class DueQuerySerializer(Serializer):
    """Thời điểm tiếp nhận và thời hạn cần tính (receipt instant and limit)."""

    start = serializers.DateTimeField(
        help_text="Thời điểm tiếp nhận (ISO 8601; không có múi giờ thì hiểu là giờ Việt Nam)."
    )
    duration = serializers.DecimalField(
        max_digits=9,
        decimal_places=4,
        min_value=Decimal(0),
        max_value=Decimal(20000),
        help_text="Thời hạn: số ngày làm việc (cho phép nửa ngày, ví dụ 0.5) hoặc số giờ làm việc.",
    )
    unit = serializers.ChoiceField(
        choices=[(deadlines.WORKING_DAYS, _("Ngày làm việc")), (deadlines.WORKING_HOURS, _("Giờ làm việc"))],
        default=deadlines.WORKING_DAYS,
    )
    procedure = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=50,
        help_text="Mã thủ tục hành chính, để lấy giờ chốt tiếp nhận.",
    )
    cutoff = serializers.TimeField(
        required=False, help_text="Giờ chốt tiếp nhận, thay cho giờ của thủ tục hoặc của lịch."
    )


class DueRequestSerializer(DueQuerySerializer):
    """Như tham số trên URL, thêm các khoảng tạm dừng (as the query, plus pauses)."""

    pauses = PauseSerializer(
        many=True, required=False, help_text="Các khoảng tạm dừng (không tính vào thời hạn)."
    )


class DueResultSerializer(serializers.Serializer):
    """Hạn giải quyết và cách tính (the due instant and how it was reached)."""

    start = serializers.DateTimeField()
    received_at = serializers.DateTimeField(
        help_text="Thời điểm bắt đầu tính (sau giờ chốt, ngoài giờ: ngày làm việc tiếp theo)."
    )
    due = serializers.DateTimeField(help_text="Hạn giải quyết.")
    due_date = serializers.DateField()
    duration = serializers.DecimalField(max_digits=9, decimal_places=4)
    unit = serializers.CharField()
    cutoff = serializers.TimeField()
    cutoff_source = serializers.ChoiceField(choices=["request", "procedure", "calendar"])
    procedure = serializers.CharField(allow_null=True)
    province_code = serializers.CharField()


DAY_KINDS = [
    (deadlines.WORKING, _("Ngày làm việc")),
    (deadlines.WEEKEND, _("Nghỉ hằng tuần")),
    (deadlines.HOLIDAY, _("Nghỉ lễ, Tết, nghỉ bù")),
    (deadlines.DAY_OFF, _("Ngày nghỉ thêm")),
    (deadlines.MAKE_UP, _("Ngày làm việc bù")),
]


class DaySerializer(serializers.Serializer):
    """Một ngày trong lịch làm việc của tỉnh (one day of the province's calendar)."""

    date = serializers.DateField()
    weekday = serializers.CharField()
    is_working_day = serializers.BooleanField()
    kind = serializers.ChoiceField(
        choices=[
            deadlines.WORKING,
            deadlines.WEEKEND,
            deadlines.HOLIDAY,
            deadlines.DAY_OFF,
            deadlines.MAKE_UP,
        ]
    )
    name = serializers.CharField(allow_blank=True)
