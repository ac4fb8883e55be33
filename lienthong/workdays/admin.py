"""Admin for the working calendar; every save goes through the services (rules, audit, cache refresh)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lienthong.accounts.permissions import is_province_admin
from lienthong.workdays import selectors, services
from lienthong.workdays.models import CalendarOverride, WorkCalendar, WorkingHours


class ProvinceAdminOnly:
    """Officials with staff access may look; only province IT administrators change the calendar."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request, *args):
        return is_province_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_province_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_province_admin(request.user)


class WorkingHoursInline(ProvinceAdminOnly, admin.TabularInline):
    model = WorkingHours
    extra = 0
    fields = [
        "valid_from",
        "morning_start",
        "morning_end",
        "afternoon_start",
        "afternoon_end",
        "cutoff",
        "note",
    ]


@admin.register(WorkCalendar)
class WorkCalendarAdmin(ProvinceAdminOnly, admin.ModelAdmin):
    list_display = ["name", "province_code", "observe_culture_day", "updated_at"]
    fields = ["province_code", "name", "observe_culture_day"]
    inlines = [WorkingHoursInline]

    def get_readonly_fields(self, request, obj=None):
        return ["province_code"] if obj else []

    def save_model(self, request, obj, form, change):
        data = {field: form.cleaned_data[field] for field in services.CALENDAR_FIELDS}
        calendar = services.ensure_calendar(request.user, obj.province_code)
        obj.pk = calendar.pk
        services.update_calendar(request.user, calendar, **data)

    def save_formset(self, request, form, formset, change):
        calendar = WorkCalendar.objects.get(pk=form.instance.pk)
        # The admin's change message reads these lists, which formset.save() would have filled.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline in formset.deleted_forms:
            if inline.instance.pk:
                hours = WorkingHours.objects.get(pk=inline.instance.pk)
                services.delete_working_hours(request.user, hours)
                formset.deleted_objects.append(hours)
        for inline in formset.forms:
            if inline in formset.deleted_forms or not inline.has_changed():
                continue
            data = {k: v for k, v in inline.cleaned_data.items() if k in services.HOURS_FIELDS}
            original = WorkingHours.objects.get(pk=inline.instance.pk) if inline.instance.pk else None
            hours = services.save_working_hours(request.user, calendar, instance=original, **data)
            if original is None:
                formset.new_objects.append(hours)
            else:
                formset.changed_objects.append((hours, inline.changed_data))

    def has_delete_permission(self, request, obj=None):
        return False  # overrides and history hang on it; edit it instead


class OverrideForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = [
            "calendar",
            "date",
            "kind",
            "name",
            "document_number",
            "document_notation",
            "document_date",
            "document_issuer",
            "provisional",
            "note",
        ]

    def clean(self):
        data = super().clean()
        calendar = data.get("calendar")
        if calendar is not None:
            try:
                services.check_override(calendar, data, instance=self.instance)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return data


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(ProvinceAdminOnly, admin.ModelAdmin):
    form = OverrideForm
    list_display = ["date", "kind", "name", "document_reference", "provisional"]
    list_filter = ["kind", "provisional", "calendar"]
    date_hierarchy = "date"
    search_fields = ["name", "document_number", "document_notation", "document_issuer"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    @admin.display(description=_("văn bản quyết định"))
    def document_reference(self, obj):
        return obj.document_reference

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        calendar = selectors.calendar_row()
        if calendar is not None:
            initial.setdefault("calendar", calendar.pk)
        return initial

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k in services.OVERRIDE_FIELDS}
        if change:
            services.update_override(request.user, CalendarOverride.objects.get(pk=obj.pk), **data)
        else:
            saved = services.create_override(request.user, form.cleaned_data["calendar"], **data)
            obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.delete_override(request.user, obj)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            services.delete_override(request.user, override)
