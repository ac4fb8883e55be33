"""The catalogue in the Django admin. Every save goes through ``catalog.services``: editing a
published version makes the next version, and older versions are read-only."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienthong.accounts import permissions
from lienthong.catalog import excel, services
from lienthong.catalog.admin_forms import (
    EXTRA_TEMPLATE_SLOTS,
    ImportForm,
    ProcedureCodesForm,
    ProcedureCreateForm,
    VersionForm,
)
from lienthong.catalog.models import Field, Procedure, ProcedureVersion, PublicationState
from lienthong.core.api.errors import ServiceError


class _CatalogAdmin(admin.ModelAdmin):
    """Staff may look; only province IT administrators change (the services check it again)."""

    def has_add_permission(self, request, *args):
        return permissions.is_province_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_province_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_related(self, request, form, formsets, change):
        """Related rows were written by the service; the form must not write them again."""


@admin.register(Field)
class FieldAdmin(_CatalogAdmin):
    list_display = ["code", "name", "sort_order", "is_active"]
    search_fields = ["code", "name"]
    fields = services.FIELD_FIELDS

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in services.FIELD_FIELDS}
        current = Field.objects.get(pk=obj.pk) if change else None
        saved = services.save_field(request.user, current, **values)
        obj.pk = saved.pk
        obj.refresh_from_db()


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ["version_link", "name", "state", "effective_from", "effective_until", "instrument"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]
    verbose_name_plural = gettext_lazy("Các phiên bản")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("Phiên bản"))
    def version_link(self, version):
        url = reverse("admin:catalog_procedureversion_change", args=[version.pk])
        return format_html('<a href="{}">{}</a>', url, version.number)


@admin.register(Procedure)
class ProcedureAdmin(_CatalogAdmin):
    list_display = ["code", "national_code", "local_code", "current_name", "code_is_standard"]
    search_fields = ["national_code", "local_code", "versions__name"]
    inlines = [VersionInline]
    change_list_template = "admin/catalog/procedure/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("versions")

    @admin.display(description=gettext_lazy("Tên (phiên bản mới nhất)"))
    def current_name(self, procedure):
        versions = sorted(procedure.versions.all(), key=lambda v: -v.number)
        return versions[0].name if versions else ""

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = ProcedureCodesForm if obj else ProcedureCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj:
            return ["national_code", "local_code"]
        return ["national_code", "local_code", "name", "field", "levels", "time_value", "time_unit"]

    def get_inlines(self, request, obj):
        return [VersionInline] if obj else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            current = Procedure.objects.get(pk=obj.pk)
            warnings = services.update_codes(request.user, current, data["national_code"], data["local_code"])
        else:
            version, warnings = services.create_procedure(
                request.user,
                national_code=data["national_code"],
                local_code=data["local_code"],
                name=data["name"],
                field=data["field"],
                levels=data["levels"],
                time_value=data["time_value"],
                time_unit=data["time_unit"],
            )
            obj.pk = version.procedure_id
            request._catalog_version = version
        obj.refresh_from_db()
        for warning in warnings:
            messages.warning(request, warning)

    def response_add(self, request, obj, post_url_continue=None):
        version = getattr(request, "_catalog_version", None)
        if version is None:
            return super().response_add(request, obj, post_url_continue)
        messages.success(request, _("Đã tạo thủ tục; hãy hoàn thiện bản dự thảo phiên bản 1 rồi công bố."))
        return HttpResponseRedirect(reverse("admin:catalog_procedureversion_change", args=[version.pk]))

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("nhap-excel/", view, name="catalog_procedure_import"), *super().get_urls()]

    def import_view(self, request):
        if not permissions.is_province_admin(request.user):
            messages.error(request, _("Chỉ quản trị hệ thống cấp tỉnh được nhập danh mục."))
            return HttpResponseRedirect(reverse("admin:catalog_procedure_changelist"))
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                report = excel.import_workbook(request.user, form.cleaned_data["file"])
            except ValidationError as exc:
                form.add_error("file", exc)
            if report is not None and report.ok:
                messages.success(
                    request,
                    _("Đã nhập: %(c)s thủ tục mới, %(u)s thủ tục có phiên bản mới, %(s)s không đổi.")
                    % {"c": len(report.created), "u": len(report.changed), "s": len(report.unchanged)},
                )
                return HttpResponseRedirect(reverse("admin:catalog_procedure_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "report": report,
            "title": _("Nhập danh mục thủ tục từ Excel"),
            "opts": self.model._meta,
        }
        return render(request, "admin/catalog/procedure/import_excel.html", context)


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(_CatalogAdmin):
    form = VersionForm
    list_display = ["procedure", "number", "name", "state", "is_current", "effective_from", "effective_until"]
    list_filter = ["state", "is_current", "field", "online_category", "level_province", "level_commune"]
    search_fields = ["name", "procedure__national_code", "procedure__local_code"]
    list_select_related = ["procedure", "field"]
    filter_horizontal = ["implementing_agencies", "coordinating_agencies"]
    readonly_fields = ["procedure", "number", "state", "is_current", "published_at", "effective_until"]
    actions = ["publish_drafts"]

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return [
                (
                    None,
                    {"fields": ["procedure", "number", "name", "state", "effective_from", "effective_until"]},
                )
            ]
        count = obj.components.count() if obj is not None else 0
        slots = [f"template_{index}" for index in range(1, count + EXTRA_TEMPLATE_SLOTS + 1)]
        return [
            (None, {"fields": ["procedure", "number", "state", "is_current", "published_at"]}),
            (
                _("Thông tin chung"),
                {
                    "fields": [
                        "name",
                        "field",
                        "procedure_type",
                        "levels",
                        "channels",
                        "applicants",
                        "receiving_place",
                        "result_type",
                        "result_name",
                    ]
                },
            ),
            (
                _("Cơ quan"),
                {
                    "fields": [
                        "competent_agency",
                        "competent_agency_kind",
                        "implementing_agencies",
                        "implementing_agency_kind",
                        "coordinating_agencies",
                    ]
                },
            ),
            (
                _("Thời hạn giải quyết"),
                {"fields": ["time_value", "time_unit", "counting_mode", "cutoff_hour", "time_note"]},
            ),
            (
                _("Dịch vụ công trực tuyến"),
                {
                    "fields": [
                        "online_category",
                        "legacy_online_level",
                        "online_payment",
                        "accepts_out_of_area",
                    ]
                },
            ),
            (
                _("Hồ sơ, phí, căn cứ"),
                {
                    "fields": [
                        "fees_text",
                        "components_text",
                        *slots,
                        "legal_text",
                        "steps_text",
                        "conditions",
                        "keywords",
                        "description",
                    ]
                },
            ),
            (_("Quy trình nội bộ và biểu mẫu"), {"fields": ["process_yaml", "eform_text"]}),
            (
                _("Công bố"),
                {"fields": ["instrument", "effective_from", "effective_until", "change_note", "publish"]},
            ),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None or self.has_change_permission(request, obj):
            kwargs["fields"] = None  # VersionForm.Meta lists the model fields; the rest are form fields
        return super().get_form(request, obj, change=change, **kwargs)

    def has_add_permission(self, request, *args):
        return False  # versions come from services: a new procedure, or a change of one

    def has_change_permission(self, request, obj=None):
        if not permissions.is_province_admin(request.user):
            return False
        if obj is None:
            return True
        return not ProcedureVersion.objects.filter(procedure=obj.procedure, number__gt=obj.number).exists()

    def has_delete_permission(self, request, obj=None):
        return permissions.is_province_admin(request.user) and (
            obj is None or obj.state == PublicationState.DRAFT
        )

    def save_model(self, request, obj, form, change):
        base_state = ProcedureVersion.objects.get(pk=obj.pk).state
        publish = form.cleaned_data.get("publish", False)
        version = services.change_procedure(request.user, obj.procedure, publish=publish, **form.changes)
        request._catalog_version = version
        if version.pk != obj.pk:
            messages.success(
                request,
                _("Đã tạo phiên bản %(n)s; phiên bản %(o)s vẫn được lưu để tra cứu.")
                % {"n": version.number, "o": obj.number},
            )
        elif base_state == PublicationState.DRAFT and version.state == PublicationState.PUBLISHED:
            messages.success(request, _("Đã công bố phiên bản %(n)s.") % {"n": version.number})

    def response_change(self, request, obj):
        version = getattr(request, "_catalog_version", None)
        if version is not None and version.pk != obj.pk:
            return HttpResponseRedirect(reverse("admin:catalog_procedureversion_change", args=[version.pk]))
        return super().response_change(request, obj)

    def delete_model(self, request, obj):
        services.discard_draft(request.user, obj)

    def delete_queryset(self, request, queryset):
        for version in queryset:
            services.discard_draft(request.user, version)

    @admin.action(description=gettext_lazy("Công bố các bản dự thảo đã chọn"))
    def publish_drafts(self, request, queryset):
        for version in queryset:
            try:
                services.publish_version(request.user, version)
            except (ValidationError, ServiceError) as exc:
                text = "; ".join(getattr(exc, "messages", None) or [str(exc)])
                messages.error(request, f"{version}: {text}")
            else:
                messages.success(request, _("Đã công bố %(v)s.") % {"v": version})
