"""Query parameters of the procedure list, checked here (a bad one is a 400, never ignored)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lienthong.catalog.models import Field, Level, OnlineCategory
from lienthong.core.api.serializers import Serializer
from lienthong.directory import selectors as directory


class ProcedureFilter(Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Tìm theo tên, mã thủ tục, lĩnh vực; không phân biệt dấu (“dang ky khai sinh”).",
    )
    field = serializers.CharField(required=False, allow_blank=True, max_length=40, help_text="Mã lĩnh vực.")
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_blank=True)
    agency = serializers.IntegerField(required=False, min_value=1, help_text="Mã số (id) của cơ quan.")
    online = serializers.ChoiceField(
        choices=OnlineCategory.choices, required=False, allow_blank=True, help_text="Mức độ DVC trực tuyến."
    )

    def validate_field(self, value):
        if not value:
            return None
        field = Field.objects.filter(code=value).first()
        if field is None:
            raise serializers.ValidationError(_("Không có lĩnh vực mã “%(c)s”.") % {"c": value})
        return field

    def validate_agency(self, value):
        agency = directory.agencies(active_only=False).filter(pk=value).first()
        if agency is None:
            raise serializers.ValidationError(_("Không có cơ quan mã số %(n)s.") % {"n": value})
        return agency

    def to_selector_kwargs(self):
        data = self.validated_data
        return {
            "query": data.get("q", ""),
            "field": data.get("field"),
            "level": data.get("level") or None,
            "agency": data.get("agency"),
            "online_category": data.get("online") or None,
        }
