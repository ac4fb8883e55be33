"""Query parameters of the directory lists, checked here and handed to the selectors as they are.

A malformed parameter (``level=abc``, ``valid_on=31/12/2024``) is a 400 ``validation_error``,
never a silently ignored filter.
"""

from rest_framework import serializers

from lienthong.core.api.serializers import Serializer
from lienthong.directory.models import AgencyKind, DivisionType

_ID = {"required": False, "min_value": 1}


class AdministrativeUnitFilter(Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Tìm theo tên, không phân biệt dấu."
    )
    parent = serializers.IntegerField(**_ID, help_text="Mã số (id) của đơn vị cấp trên.")
    division_type = serializers.ChoiceField(choices=DivisionType.choices, required=False)
    level = serializers.IntegerField(required=False, min_value=1, max_value=10, help_text="Cấp: 1 là tỉnh.")
    valid_on = serializers.DateField(
        required=False, help_text="Đơn vị còn hiệu lực vào ngày này (YYYY-MM-DD)."
    )
    include_expired = serializers.BooleanField(
        required=False, default=False, help_text="Gồm cả đơn vị đã hết hiệu lực (ví dụ sáp nhập 01/7/2025)."
    )

    def to_selector_kwargs(self):
        data = self.validated_data
        return {
            "query": data.get("q", ""),
            "parent": data.get("parent"),
            "division_type": data.get("division_type"),
            "level": data.get("level"),
            "valid_on": data.get("valid_on"),
            "include_expired": data["include_expired"],
        }


class AgencyFilter(Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Tìm theo tên (không phân biệt dấu) hoặc đúng mã định danh.",
    )
    kind = serializers.ChoiceField(choices=AgencyKind.choices, required=False)
    parent = serializers.IntegerField(**_ID, help_text="Mã số (id) của cơ quan cấp trên.")
    administrative_unit = serializers.IntegerField(**_ID, help_text="Mã số (id) của đơn vị hành chính.")
    include_inactive = serializers.BooleanField(
        required=False, default=False, help_text="Gồm cả cơ quan đã ngừng hoạt động."
    )

    def to_selector_kwargs(self):
        data = self.validated_data
        return {
            "query": data.get("q", ""),
            "kind": data.get("kind"),
            "parent": data.get("parent"),
            "administrative_unit": data.get("administrative_unit"),
            "active_only": not data["include_inactive"],
        }


class OfficialFilter(Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Tìm theo họ tên, không phân biệt dấu."
    )
    agency = serializers.IntegerField(**_ID, help_text="Mã số (id) của cơ quan.")
    internal_unit = serializers.IntegerField(**_ID, help_text="Mã số (id) của phòng, đơn vị.")
    position = serializers.IntegerField(**_ID, help_text="Mã số (id) của chức vụ.")
    include_inactive = serializers.BooleanField(
        required=False, default=False, help_text="Gồm cả người đã thôi công tác."
    )

    def to_selector_kwargs(self):
        data = self.validated_data
        return {
            "query": data.get("q", ""),
            "agency": data.get("agency"),
            "internal_unit": data.get("internal_unit"),
            "position": data.get("position"),
            "include_inactive": data["include_inactive"],
        }
