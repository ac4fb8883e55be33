"""Who may call the directory API, checked before the request body is read.

These only refuse early and clearly (403 before a 400); the services check the same rights again
for the exact agency concerned, and their decision is the one that counts.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions as drf

from lienthong.accounts import permissions
from lienthong.directory import selectors


def _authenticated(request):
    return bool(request.user and request.user.is_authenticated)


class PublicReadProvinceAdminWrite(drf.BasePermission):
    """Anyone reads; only province IT administrators write."""

    message = _("Chỉ quản trị hệ thống cấp tỉnh được sửa đơn vị hành chính.")

    def has_permission(self, request, view):
        if request.method in drf.SAFE_METHODS:
            return True
        return _authenticated(request) and permissions.is_province_admin(request.user)


class PublicReadAdministratorWrite(drf.BasePermission):
    """Anyone reads; writing needs an administrator role, and for an existing row rights over its agency."""

    message = _("Bạn không có quyền quản trị cơ quan này.")

    def has_permission(self, request, view):
        if request.method in drf.SAFE_METHODS:
            return True
        return _authenticated(request) and (
            permissions.is_province_admin(request.user) or permissions.holds_admin_role(request.user)
        )

    def has_object_permission(self, request, view, obj):
        if request.method in drf.SAFE_METHODS:
            return True
        return permissions.can_administer_agency(request.user, view.agency_of(obj))


class OfficialsDirectory(PublicReadAdministratorWrite):
    """The officials directory is for officials and integrated systems only, never for citizens."""

    def has_permission(self, request, view):
        if not _authenticated(request):
            return False
        if not selectors.can_see_officials(request.user):
            self.message = _("Danh bạ cán bộ chỉ dành cho cán bộ, công chức và hệ thống tích hợp.")
            return False
        return super().has_permission(request, view)
