from decimal import Decimal

from django.core import validators
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lienthong.workdays import deadlines
from lienthong.workdays.models import CalendarOverride

# DRF ships no Vietnamese messages; these replace its field errors (keys DRF fields use).
# Lazy: each request reads them in its own language.
_INVALID = {
    serializers.DateTimeField: _(
        "Thời điểm không hợp lệ; dùng dạng ISO 8601, ví dụ 2026-11-17T09:30:00+07:00."
    ),
    serializers.DateField: _("Ngày không hợp lệ; dùng dạng YYYY-MM-DD."),
    serializers.TimeField: _("Giờ không hợp lệ; dùng dạng HH:MM."),
    serializers.DecimalField: _("Phải là một số hợp lệ."),
    serializers.IntegerField: _("Phải là một số nguyên."),
    serializers.BooleanField: _("Phải là true hoặc false."),
}
_MESSAGES = {
    "required": _("Trường này là bắt buộc."),
    "null": _("Trường này không được để trống."),
    "blank": _("Trường này không được để trống."),
    "invalid_choice": _("“{input}” không phải là lựa chọn hợp lệ."),
    "min_value": _("Giá trị phải lớn hơn hoặc bằng {min_value}."),
    "max_value": _("Giá trị phải nhỏ hơn hoặc bằng {max_value}."),
    "max_digits": _("Tối đa {max_digits} chữ số."),
    "max_decimal_places": _("Tối đa {max_decimal_places} chữ số thập phân."),
    "max_whole_digits": _("Tối đa {max_whole_digits} chữ số phần nguyên."),
    "max_length": _("Tối đa {max_length} ký tự."),
    "min_length": _("Tối thiểu {min_length} ký tự."),
    "not_a_list": _("Phải là một danh sách."),
    "empty": _("Danh sách không được rỗng."),
    "date": _("Cần ngày và giờ, không chỉ ngày."),
    "make_aware": _("Thời điểm không tồn tại trong múi giờ {timezone}."),
    "overflow": _("Thời điểm nằm ngoài phạm vi cho phép."),
    "not_a_dict": _("Phải là một đối tượng JSON."),
}


_LIMIT_VALIDATORS = {
    validators.MinValueValidator: "min_value",
    validators.MaxValueValidator: "max_value",
    validators.MaxLengthValidator: "max_length",
    validators.MinLengthValidator: "min_length",
}


class VietnameseMessages:
    """Serializer mixin: Vietnamese error messages on every field."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            for key in field.error_messages:
                if key == "invalid" and type(field) in _INVALID:
                    field.error_messages[key] = _INVALID[type(field)]
                elif key in _MESSAGES:
                    field.error_messages[key] = _MESSAGES[key]
            for validator in field.validators:
                # DRF builds these validators with its English message before we get here.
                key = _LIMIT_VALIDATORS.get(type(validator))
                if key:
                    validator.message = _MESSAGES[key].format(**{key: validator.limit_value})
        return fields


class OverrideSerializer(VietnameseMessages, serializers.ModelSerializer):
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


class PauseSerializer(VietnameseMessages, serializers.Serializer):
    """Khoảng tạm dừng tính thời hạn, ví dụ chờ bổ sung hồ sơ (a pause of the clock)."""

    start = serializers.DateTimeField(help_text="Bắt đầu tạm dừng.")
    end = serializers.DateTimeField(help_text="Kết thúc tạm dừng.")

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError(
                {"end": gettext("Thời điểm kết thúc phải sau thời điểm bắt đầu.")}
            )
        return attrs


class DueQuerySerializer(VietnameseMessages, serializers.Serializer):
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
