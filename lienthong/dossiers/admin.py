"""Read-only admin: dossiers change only through services.py."""

from django.contrib import admin

from lienthong.dossiers.models import DailyCounter, Dossier, DossierEvent, DossierStep


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StepInline(admin.TabularInline):
    model = DossierStep
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in DossierStep._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = [
        "code",
        "applicant_name",
        "state",
        "national_status",
        "received_at",
        "appointment_at",
        "timeliness",
    ]
    list_filter = ["state", "channel", "timeliness"]
    search_fields = ["code", "applicant_name", "applicant_id_number"]
    list_select_related = ["procedure_version"]
    inlines = [StepInline]


@admin.register(DossierEvent)
class DossierEventAdmin(ReadOnlyAdmin):
    list_display = ["dossier", "at", "action", "from_state", "to_state", "actor"]
    list_select_related = ["dossier", "actor"]


@admin.register(DailyCounter)
class DailyCounterAdmin(ReadOnlyAdmin):
    list_display = ["agency", "day", "last_value"]
