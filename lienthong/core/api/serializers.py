"""Serializer base classes whose field errors read in Vietnamese.

Django REST framework ships only a handful of Vietnamese translations, so API callers would get
English field errors ("This field is required.") next to Vietnamese service errors. The mixin
swaps each field's messages for ours, keeping DRF's error codes and placeholders.
"""

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
)
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.utils.formatting import lazy_format

MESSAGES = {
    "required": _("Trường này là bắt buộc."),
    "null": _("Trường này không được để trống."),
    "blank": _("Trường này không được bỏ trống."),
    "max_length": _("Không được dài quá {max_length} ký tự."),
    "min_length": _("Phải có ít nhất {min_length} ký tự."),
    "max_value": _("Không được lớn hơn {max_value}."),
    "min_value": _("Không được nhỏ hơn {min_value}."),
    "max_string_length": _("Giá trị số quá lớn."),
    "max_digits": _("Tối đa {max_digits} chữ số."),
    "max_decimal_places": _("Tối đa {max_decimal_places} chữ số thập phân."),
    "max_whole_digits": _("Tối đa {max_whole_digits} chữ số phần nguyên."),
    "invalid_choice": _("“{input}” không phải là lựa chọn hợp lệ."),
    "does_not_exist": _("Không có đối tượng nào mang mã “{pk_value}”."),
    "incorrect_type": _("Sai kiểu dữ liệu: cần mã số, nhận được {data_type}."),
    "not_a_list": _("Cần một danh sách, nhận được {input_type}."),
    "not_a_dict": _("Phải là một đối tượng JSON."),
    "empty": _("Danh sách không được để trống."),
}

# Some keys ("invalid", "date") mean something different for each field type: the first class that
# matches wins, so the most specific class comes first.
BY_FIELD = [
    (serializers.EmailField, {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")}),
    (serializers.URLField, {"invalid": _("Địa chỉ trang thông tin điện tử không hợp lệ.")}),
    (serializers.CharField, {"invalid": _("Phải là một chuỗi ký tự.")}),
    (serializers.IntegerField, {"invalid": _("Phải là một số nguyên.")}),
    (serializers.DecimalField, {"invalid": _("Phải là một số hợp lệ.")}),
    (serializers.BooleanField, {"invalid": _("Phải là giá trị đúng/sai (true/false).")}),
    (
        serializers.DateTimeField,
        {
            "invalid": _("Thời điểm không hợp lệ; dùng dạng ISO 8601, ví dụ 2026-11-17T09:30:00+07:00."),
            "date": _("Cần ngày và giờ, không chỉ ngày."),
            "make_aware": _("Thời điểm không tồn tại trong múi giờ {timezone}."),
            "overflow": _("Thời điểm nằm ngoài phạm vi cho phép."),
        },
    ),
    (
        serializers.DateField,
        {
            "invalid": _("Ngày không hợp lệ; dùng dạng YYYY-MM-DD."),
            "datetime": _("Cần một ngày, không phải ngày giờ."),
        },
    ),
    (serializers.TimeField, {"invalid": _("Giờ không hợp lệ; dùng dạng HH:MM.")}),
    (
        serializers.BaseSerializer,
        {"invalid": _("Dữ liệu không hợp lệ: cần một đối tượng JSON, nhận được {datatype}.")},
    ),
]

# Length and range validators are built in the field's __init__ with the English message baked in.
_LIMITS = {
    MaxLengthValidator: "max_length",
    MinLengthValidator: "min_length",
    MaxValueValidator: "max_value",
    MinValueValidator: "min_value",
}


def localise_field(field):
    """Give ``field`` (and its children) Vietnamese error messages; returns the field."""
    for key in field.error_messages:
        if key in MESSAGES:
            field.error_messages[key] = MESSAGES[key]
    for field_class, messages in BY_FIELD:
        if isinstance(field, field_class):
            for key, message in messages.items():
                if key in field.error_messages:
                    field.error_messages[key] = message
            break
    if isinstance(field, serializers.BaseSerializer):
        return field  # a nested serializer localises its own fields
    validators = []
    for validator in field.validators:
        key = _LIMITS.get(type(validator))
        if key:
            message = lazy_format(MESSAGES[key], **{key: validator.limit_value})
            validator = type(validator)(validator.limit_value, message=message)
        validators.append(validator)
    field.validators = validators
    for child in (getattr(field, "child_relation", None), getattr(field, "child", None)):
        if child is not None:
            localise_field(child)
    return field


class VietnameseMessagesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localise_field(self)

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            localise_field(field)
        return fields


class Serializer(VietnameseMessagesMixin, serializers.Serializer):
    pass


class ModelSerializer(VietnameseMessagesMixin, serializers.ModelSerializer):
    pass
