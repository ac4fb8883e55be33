from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from lienthong.accounts import permissions, selectors
from lienthong.accounts.api.serializers import MeSerializer
from lienthong.core.api.schema import error_responses


class MeView(APIView):
    """The account of the caller: who they are, their official record, roles and MFA state."""

    @extend_schema(
        summary="Tài khoản đang đăng nhập (the current user)",
        description="Tên đăng nhập, loại tài khoản, tên hiển thị, hồ sơ cán bộ, các vai trò đang được giao "
        "và trạng thái xác thực hai lớp. Username, kind, display name, official record, active roles, "
        "MFA state. Chưa đăng nhập: 403 `not_authenticated`.",
        tags=["Tài khoản (accounts)"],
        responses={200: MeSerializer, **error_responses(403)},
    )
    def get(self, request):
        user = request.user
        summary = selectors.home_summary(user)
        official = summary["official"]
        is_verified = getattr(user, "is_verified", None)
        data = {
            "user": user,
            # The summary's official row is already loaded; user.display_name would load it again.
            "display_name": official.full_name if official else user.display_name,
            "official": official,
            "roles": summary["roles"],
            "mfa_required": permissions.requires_mfa(user),
            "mfa_verified": bool(is_verified()) if callable(is_verified) else False,
        }
        return Response(MeSerializer(data).data)
