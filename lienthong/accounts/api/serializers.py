"""The current user as the API shows it."""

from rest_framework import serializers

from lienthong.accounts.models import AccountKind
from lienthong.accounts.roles import Role


class MeOfficialSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    agency = serializers.IntegerField(source="agency_id")
    agency_name = serializers.CharField(source="agency.name")
    internal_unit = serializers.IntegerField(source="internal_unit_id", allow_null=True)
    internal_unit_name = serializers.CharField(source="internal_unit.name", allow_null=True)
    position_name = serializers.CharField(source="position.name", allow_null=True)


class MeRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    label = serializers.CharField(source="get_role_display")
    agency = serializers.IntegerField(source="agency_id")
    agency_name = serializers.CharField(source="agency.name")
    internal_unit = serializers.IntegerField(source="internal_unit_id", allow_null=True)
    internal_unit_name = serializers.CharField(source="internal_unit.name", allow_null=True)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="user.pk")
    username = serializers.CharField(source="user.username")
    # A plain string in the schema: an enum named "kind" would collide with the agencies' kinds.
    kind = serializers.CharField(
        source="user.kind", help_text="Loại tài khoản (account kind): " + ", ".join(AccountKind.values)
    )
    kind_label = serializers.CharField(source="user.get_kind_display")
    display_name = serializers.CharField()
    email = serializers.EmailField(source="user.email")
    official = MeOfficialSerializer(allow_null=True, help_text="Hồ sơ cán bộ (null nếu không phải cán bộ).")
    roles = MeRoleSerializer(many=True, help_text="Các vai trò đang được giao (active roles).")
    mfa_required = serializers.BooleanField(help_text="Tài khoản phải xác thực hai lớp (TOTP).")
    mfa_verified = serializers.BooleanField(help_text="Phiên này đã xác thực hai lớp.")
