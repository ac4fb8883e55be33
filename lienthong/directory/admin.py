"""Django admin for the directory. Every save goes through ``services`` (rights, validation, audit).

Nothing is deleted here: records are deactivated instead, so that history keeps resolving.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from lienthong.accounts import permissions
from lienthong.core.api.errors import Forbidden
from lienthong.core.text import search_terms
from lienthong.directory import selectors, services
from lienthong.directory.models import AdministrativeUnit, Agency, InternalUnit, Official, Position, Rank


def _adopt(obj, saved):
    """Make the admin's object the one the service saved (the admin redirects and logs with it)."""
    obj.__dict__.update(saved.__dict__)


def _form_fields(form, names):
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def _fresh(obj):
    """The row as stored, so that the service's audit record has the true "before"."""
    return type(obj).objects.get(pk=obj.pk) if obj.pk else None


class ServiceAdmin(admin.ModelAdmin):
    """Saves through a service; searches names without diacritics; never deletes."""

    folded_search_field = None
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def changeform_view(self, request, *args, **kwargs):
        # The forms catch what they can; a refusal only the service sees still ends cleanly.
        try:
            return super().changeform_view(request, *args, **kwargs)
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(request.get_full_path())

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        results, duplicates = super().get_search_results(request, queryset, search_term)
        terms = search_terms(search_term)
        if self.folded_search_field and terms:
            folded = queryset
            for term in terms:
                folded = folded.filter(**{f"{self.folded_search_field}__contains": term})
            results = results | folded
        return results, duplicates


class ProvinceCatalogueAdmin(ServiceAdmin):
    """Catalogues of the whole province: only province IT administrators change them."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.is_province_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.is_province_admin(request.user)


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ProvinceCatalogueAdmin):
    list_display = ["code", "name", "division_type", "level", "parent", "valid_from", "valid_until"]
    list_filter = ["division_type", "level", "valid_until"]
    search_fields = ["code", "name"]
    folded_search_field = "name_folded"
    autocomplete_fields = ["parent", "successors"]
    list_select_related = ["parent"]
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

    def save_model(self, request, obj, form, change):
        names = ["code", "name", "codename", "division_type", "parent", "valid_from", "valid_until"]
        saved = services.save_administrative_unit(
            request.user,
            _fresh(obj),
            successors=form.cleaned_data.get("successors"),
            **_form_fields(form, names),
        )
        _adopt(obj, saved)

    def save_related(self, request, form, formsets, change):
        """The successors were set by the service."""


class InternalUnitInline(admin.TabularInline):
    model = InternalUnit
    fields = ["name", "short_name", "code", "is_active", "sort_order"]
    extra = 0
    can_delete = False


def _agency_of(obj):
    return obj if isinstance(obj, Agency) else getattr(obj, "agency", None)


class AgencyScopedAdmin(ServiceAdmin):
    """Agency administrators see and change their agencies and those below; province IT administrators all."""

    agency_lookup = "agency"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if permissions.is_province_admin(request.user):
            return queryset
        return queryset.filter(
            **{f"{self.agency_lookup}__in": selectors.administered_agencies(request.user).values("pk")}
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and (
            permissions.is_province_admin(request.user)
            or selectors.administered_agencies(request.user).exists()
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.can_administer_agency(request.user, _agency_of(obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Agency and not permissions.is_province_admin(request.user):
            kwargs["queryset"] = selectors.administered_agencies(request.user)
        if db_field.related_model is InternalUnit and not permissions.is_province_admin(request.user):
            kwargs["queryset"] = InternalUnit.objects.filter(
                agency__in=selectors.administered_agencies(request.user)
            ).select_related("agency")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AgencyAdminForm(admin.ModelAdmin.form):
    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and parent.path.startswith(self.instance.path):
            raise ValidationError(_("Cơ quan cấp trên không được là chính nó hoặc cơ quan cấp dưới của nó."))
        return parent


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    form = AgencyAdminForm
    agency_lookup = "pk"
    list_display = ["name", "short_name", "code", "code_is_standard", "kind", "parent", "is_active"]
    list_filter = ["kind", "code_is_standard", "has_one_stop_desk", "is_active"]
    search_fields = ["name", "short_name", "code", "code_qd20"]
    folded_search_field = "name_folded"
    autocomplete_fields = ["parent", "administrative_unit"]
    list_select_related = ["parent"]
    readonly_fields = ["code_is_standard"]
    fields = [*services.AGENCY_FIELDS, "code_is_standard"]
    inlines = [InternalUnitInline]

    def save_model(self, request, obj, form, change):
        saved, warnings = services.save_agency(
            request.user, _fresh(obj), **_form_fields(form, services.AGENCY_FIELDS)
        )
        for warning in warnings:
            messages.warning(request, warning)
        _adopt(obj, saved)

    def save_formset(self, request, form, formset, change):
        """Internal units of the inline go through ``save_internal_unit`` one by one."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        names = [name for name in services.UNIT_FIELDS if name != "agency"]
        for unit_form in formset.forms:
            if not unit_form.has_changed() or not unit_form.cleaned_data:
                continue
            unit = services.save_internal_unit(
                request.user,
                _fresh(unit_form.instance),
                agency=formset.instance,
                **_form_fields(unit_form, names),
            )
            if unit_form.instance.pk:
                formset.changed_objects.append((unit, unit_form.changed_data))
            else:
                formset.new_objects.append(unit)


@admin.register(InternalUnit)
class InternalUnitAdmin(AgencyScopedAdmin):
    list_display = ["name", "short_name", "agency", "is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name", "code", "agency__name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    fields = services.UNIT_FIELDS

    def save_model(self, request, obj, form, change):
        saved = services.save_internal_unit(
            request.user, _fresh(obj), **_form_fields(form, services.UNIT_FIELDS)
        )
        _adopt(obj, saved)


class OfficialAdminForm(admin.ModelAdmin.form):
    def _post_clean(self):
        super()._post_clean()
        try:
            services.validate_official(self.instance)
        except ValidationError as exc:
            for name, errors in exc.error_dict.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, errors)
                elif name not in self.fields:
                    self.add_error(None, errors)


@admin.register(Official)
class OfficialAdmin(AgencyScopedAdmin):
    form = OfficialAdminForm
    list_display = ["full_name", "agency", "internal_unit", "position", "email", "is_active"]
    list_filter = ["is_active", "position", "gender"]
    search_fields = ["full_name", "citizen_id", "email", "agency__name"]
    folded_search_field = "name_folded"
    autocomplete_fields = ["agency", "internal_unit"]
    list_select_related = ["agency", "internal_unit", "position"]
    fields = services.OFFICIAL_FIELDS

    def save_model(self, request, obj, form, change):
        saved = services.save_official(
            request.user, _fresh(obj), **_form_fields(form, services.OFFICIAL_FIELDS)
        )
        _adopt(obj, saved)


@admin.register(Position)
class PositionAdmin(ProvinceCatalogueAdmin):
    list_display = ["name", "is_leader", "sort_order"]
    list_filter = ["is_leader"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        _adopt(
            obj,
            services.save_position(
                request.user, _fresh(obj), **_form_fields(form, ["name", "is_leader", "sort_order"])
            ),
        )


@admin.register(Rank)
class RankAdmin(ProvinceCatalogueAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        _adopt(obj, services.save_rank(request.user, _fresh(obj), **_form_fields(form, ["code", "name"])))
