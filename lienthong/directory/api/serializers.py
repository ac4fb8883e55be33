"""Shapes of the directory API: output serializers render rows, input serializers check a body's shape.

Input serializers never save: the views pass ``validated_data`` to ``directory.services``, which hold
the rules (uniqueness, citizen-ID digits, the unit belonging to the agency, rights).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lienthong.core.api.serializers import ModelSerializer
from lienthong.directory.models import AdministrativeUnit, Agency, InternalUnit, Official
from lienthong.directory.services import AGENCY_FIELDS, OFFICIAL_FIELDS

_NAME = {"read_only": True, "allow_null": True}
PERSONAL_FIELDS = ("citizen_id", "date_of_birth", "gender", "gender_label", "rank", "rank_name")


class AdministrativeUnitSerializer(serializers.ModelSerializer):
    division_type_label = serializers.CharField(source="get_division_type_display", read_only=True)
    parent_name = serializers.CharField(source="parent.name", **_NAME)

    class Meta:
        model = AdministrativeUnit
        fields = [
            "id",
            "code",
            "name",
            "codename",
            "division_type",
            "division_type_label",
            "level",
            "parent",
            "parent_name",
            "valid_from",
            "valid_until",
            "successors",
        ]
        read_only_fields = fields


class AdministrativeUnitWriteSerializer(ModelSerializer):
    class Meta:
        model = AdministrativeUnit
        fields = [
            "code",
            "name",
            "codename",
            "division_type",
            "parent",
            "valid_from",
            "valid_until",
            "successors",
        ]
        extra_kwargs = {"successors": {"required": False}}
        validators = []  # uniqueness and validity order are checked by the service


class InternalUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = InternalUnit
        fields = ["id", "agency", "name", "short_name", "code", "is_active", "sort_order"]
        read_only_fields = fields


class InternalUnitWriteSerializer(ModelSerializer):
    class Meta:
        model = InternalUnit
        fields = ["name", "short_name", "code", "is_active", "sort_order"]
        validators = []


class AgencySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent_name = serializers.CharField(source="parent.name", **_NAME)
    administrative_unit_name = serializers.CharField(source="administrative_unit.name", **_NAME)

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "parent",
            "parent_name",
            "administrative_unit",
            "administrative_unit_name",
            "code",
            "code_is_standard",
            "code_qd20",
            "address",
            "phone",
            "email",
            "website",
            "has_one_stop_desk",
            "is_active",
            "valid_from",
            "valid_until",
            "sort_order",
        ]
        read_only_fields = fields


class AgencyDetailSerializer(AgencySerializer):
    """One agency with its active internal units (the view loads them through the selector)."""

    units = InternalUnitSerializer(many=True, read_only=True, source="active_units")

    class Meta(AgencySerializer.Meta):
        fields = [*AgencySerializer.Meta.fields, "units"]
        read_only_fields = fields


class AgencySavedSerializer(AgencyDetailSerializer):
    """The saved agency and the warnings of the save (a malformed QCVN 102 code is kept, with a warning)."""

    warnings = serializers.SerializerMethodField()

    class Meta(AgencyDetailSerializer.Meta):
        fields = [*AgencyDetailSerializer.Meta.fields, "warnings"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_warnings(self, agency):
        return [str(warning) for warning in self.context.get("warnings", [])]


class AgencyWriteSerializer(ModelSerializer):
    class Meta:
        model = Agency
        fields = AGENCY_FIELDS
        extra_kwargs = {"code": {"validators": []}}  # the service checks uniqueness


class OfficialSerializer(serializers.ModelSerializer):
    """An official; the personal fields are present only for callers allowed to read them."""

    agency_name = serializers.CharField(source="agency.name", read_only=True)
    internal_unit_name = serializers.CharField(source="internal_unit.name", **_NAME)
    position_name = serializers.CharField(source="position.name", **_NAME)
    # Not read-only, so the schema marks them optional: they are left out when not allowed.
    citizen_id = serializers.CharField(required=False)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    gender = serializers.ChoiceField(choices=Official._meta.get_field("gender").choices, required=False)
    gender_label = serializers.CharField(source="get_gender_display", required=False)
    rank = serializers.IntegerField(source="rank_id", required=False, allow_null=True)
    rank_name = serializers.CharField(source="rank.name", required=False, allow_null=True)

    class Meta:
        model = Official
        fields = [
            "id",
            "full_name",
            "agency",
            "agency_name",
            "internal_unit",
            "internal_unit_name",
            "position",
            "position_name",
            "email",
            "phone",
            "is_active",
            *PERSONAL_FIELDS,
        ]
        read_only_fields = [
            "id",
            "full_name",
            "agency",
            "internal_unit",
            "position",
            "email",
            "phone",
            "is_active",
        ]

    def to_representation(self, official):
        data = super().to_representation(official)
        if not self.context["can_view_personal_data"](official):
            for name in PERSONAL_FIELDS:
                data.pop(name, None)
        return data


class OfficialWriteSerializer(ModelSerializer):
    class Meta:
        model = Official
        fields = OFFICIAL_FIELDS
        extra_kwargs = {"citizen_id": {"validators": []}}  # format and uniqueness: the service
