"""Who may call the catalogue API: anyone reads, province IT administrators write.

The services check the same right again; this only refuses early (403 before 400).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions as drf

from lienthong.accounts import permissions


class PublicReadProvinceAdminWrite(drf.BasePermission):
    message = _("Chỉ quản trị hệ thống cấp tỉnh được sửa danh mục thủ tục hành chính.")

    def has_permission(self, request, view):
        if request.method in drf.SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated) and permissions.is_province_admin(user)
