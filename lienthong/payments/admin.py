"""Read-only admin: charges change only through services.py."""

from django.contrib import admin

from lienthong.payments.models import Charge


@admin.register(Charge)
class ChargeAdmin(admin.ModelAdmin):
    list_display = ["dossier", "kind", "amount", "status", "paid_at", "method", "receipt_number"]
    list_filter = ["status", "kind", "method"]
    search_fields = ["dossier__code", "receipt_number", "reference"]
    list_select_related = ["dossier"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
