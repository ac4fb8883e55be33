"""The admin site's Vietnamese titles, its login, and the audit trail (read-only)."""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lienthong.core.models import AuditRecord

admin.site.site_header = _("Quản trị LienThong")
admin.site.site_title = _("Quản trị LienThong")
admin.site.index_title = _("Danh mục quản trị")


def _admin_login(request, extra_context=None):
    """One login page for the whole platform (Vietnamese, lockout, audit): the admin's login sends there."""
    if request.user.is_authenticated:
        # Signed in but not staff: redirecting to the login page would loop.
        message = _("Tài khoản của bạn không có quyền vào trang quản trị.")
        return render(request, "accounts/forbidden.html", {"message": message}, status=403)
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return redirect(f"{reverse('accounts:login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


admin.site.login = _admin_login


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    """Append-only: no add, change or delete, for anyone (superusers included)."""

    list_display = ("at", "actor_repr", "action", "object_type", "object_repr", "ip", "request_id")
    list_filter = ("action", ("at", admin.DateFieldListFilter))
    search_fields = ("actor_repr", "object_repr", "object_id", "=request_id")
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False  # no COUNT(*) over the whole trail
    fields = (
        "at",
        "actor",
        "actor_repr",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "before",
        "after",
        "note",
        "request_id",
        "ip",
    )
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
