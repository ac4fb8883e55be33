"""Django admin for accounts and role grants. Every change goes through services.

Forms check permissions up front (so the admin shows a message, not an error page); the services
check again and write the audit record. Role grants are read-only once made: the add form calls
``assign_role`` and the "revoke" action calls ``revoke_role``. Accounts are never deleted (deactivate).
"""

import contextvars

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from lienthong.accounts import permissions, selectors, services
from lienthong.accounts.models import AccountKind, RoleAssignment, User
from lienthong.accounts.roles import Role
from lienthong.core.api.errors import ServiceError

# django-otp's own device admin would change devices around the services (and their audit
# records); devices are reset with the "reset MFA" action on accounts instead.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)

# The admin's password view builds its form without the request; this carries the acting user.
_acting_user = contextvars.ContextVar("lienthong_admin_actor", default=None)


def _check_kind_and_official(form, actor, changed_official=True):
    kind, official = form.cleaned_data.get("kind"), form.cleaned_data.get("official")
    if kind == AccountKind.OFFICIAL and official is None and not form.cleaned_data.get("is_superuser"):
        form.add_error("official", _("Tài khoản cán bộ, công chức phải gắn với hồ sơ cán bộ."))
    elif kind and kind != AccountKind.OFFICIAL and official is not None:
        form.add_error("official", _("Chỉ tài khoản cán bộ, công chức mới gắn hồ sơ cán bộ."))
    elif (
        official is not None
        and changed_official
        and not permissions.can_administer_agency(actor, official.agency)
    ):
        form.add_error("official", _("Bạn không quản trị cơ quan của cán bộ này."))
    if kind and kind != AccountKind.OFFICIAL and not permissions.is_province_admin(actor):
        form.add_error("kind", _("Chỉ quản trị hệ thống cấp tỉnh tạo hoặc sửa tài khoản không phải cán bộ."))


class AccountCreationForm(auth_forms.BaseUserCreationForm):
    actor = None  # set per request by UserAdmin.get_form

    class Meta:
        model = User
        fields = ("username", "kind", "official", "email")
        field_classes = {"username": auth_forms.UsernameField}

    def clean(self):
        cleaned = super().clean()
        _check_kind_and_official(self, self.actor)
        return cleaned

    def create(self):
        data = self.cleaned_data
        if data["kind"] == AccountKind.OFFICIAL:
            return services.create_official_account(
                self.actor, data["official"], data["username"], data["password1"], email=data["email"]
            )
        return services.create_account(
            self.actor, data["username"], data["password1"], data["kind"], email=data["email"]
        )


class AccountChangeForm(auth_forms.UserChangeForm):
    actor = None

    class Meta(auth_forms.UserChangeForm.Meta):
        model = User

    def clean(self):
        cleaned = super().clean()
        _check_kind_and_official(self, self.actor, changed_official="official" in self.changed_data)
        return cleaned


class AccountPasswordForm(auth_forms.AdminPasswordChangeForm):
    def save(self, commit=True):
        actor = _acting_user.get()
        if self.cleaned_data["set_usable_password"]:
            return services.set_password(actor, self.user, self.cleaned_data["password1"])
        return services.disable_password(actor, self.user)


class RoleAssignmentInline(admin.TabularInline):
    """Read-only here: grant on the "Vai trò được giao" page or the role pages, which call the services."""

    model = RoleAssignment
    fk_name = "user"
    fields = ("role", "agency", "internal_unit", "granted_by", "granted_at", "revoked_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    change_password_form = AccountPasswordForm
    list_display = (
        "username",
        "display_name",
        "kind",
        "official_link",
        "is_active",
        "is_staff",
        "last_login",
    )
    list_filter = ("kind", "is_active", "is_staff", "is_superuser")
    list_select_related = ("official", "official__agency")
    search_fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "official__full_name",
        "organisation_name",
    )
    ordering = ("username",)
    raw_id_fields = ("official",)
    inlines = [RoleAssignmentInline]
    actions = ["reset_mfa"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Loại tài khoản và hồ sơ"),
            {"fields": ("kind", "official", "organisation_name", "tax_code", "citizen_id")},
        ),
        (_("Thông tin liên hệ"), {"fields": ("last_name", "first_name", "email", "phone")}),
        (_("Quyền truy cập"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "kind", "official", "email", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ("groups",)

    @admin.display(description=_("họ tên"))
    def display_name(self, obj):
        return obj.display_name

    @admin.display(description=_("hồ sơ cán bộ"), ordering="official__full_name")
    def official_link(self, obj):
        if not obj.official_id:
            return "—"
        try:
            url = reverse("admin:directory_official_change", args=[obj.official_id])
        except NoReverseMatch:
            return obj.official.full_name
        return format_html('<a href="{}">{}</a>', url, obj.official.full_name)

    def get_queryset(self, request):
        return selectors.users_administered_by(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = ["last_login", "date_joined"]
        if not permissions.is_province_admin(request.user):
            fields += ["is_staff", "is_superuser", "groups"]
        elif not request.user.is_superuser:
            fields += ["is_superuser"]
        return fields

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user  # a fresh class per call, so this is per request
        return form

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted: the audit trail points at them

    def save_form(self, request, form, change):
        if not change:
            return form.create()
        return super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        if not change:
            return  # created by the service in save_form
        fields = {k: form.cleaned_data[k] for k in form.changed_data if k in services.ACCOUNT_EDIT_FIELDS}
        groups = form.cleaned_data["groups"] if "groups" in form.changed_data else None
        services.update_account(request.user, obj, groups=groups, **fields)

    def save_related(self, request, form, formsets, change):
        """Groups are set by the service (no ``form.save_m2m``); the role inline has no editable field."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def user_change_password(self, request, id, form_url=""):
        token = _acting_user.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _acting_user.reset(token)

    @admin.action(description=_("Đặt lại xác thực hai lớp (mất điện thoại)"), permissions=["change"])
    def reset_mfa(self, request, queryset):
        done = 0
        for user in queryset:
            try:
                services.reset_mfa(request.user, user)
                done += 1
            except ServiceError as exc:
                self.message_user(request, f"{user.username}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext(
                    "Đã đặt lại xác thực hai lớp cho %(n)d tài khoản; họ sẽ đăng ký lại ở lần đăng nhập sau.",
                    "Đã đặt lại xác thực hai lớp cho %(n)d tài khoản; họ sẽ đăng ký lại ở lần đăng nhập sau.",
                    done,
                )
                % {"n": done},
                messages.SUCCESS,
            )


class RoleGrantAdminForm(forms.ModelForm):
    actor = None

    class Meta:
        model = RoleAssignment
        fields = ("user", "role", "agency", "internal_unit")

    def clean(self):
        cleaned = super().clean()
        user, role = cleaned.get("user"), cleaned.get("role")
        agency, unit = cleaned.get("agency"), cleaned.get("internal_unit")
        if user is not None and user.kind != AccountKind.OFFICIAL:
            self.add_error("user", _("Chỉ tài khoản cán bộ, công chức mới được giao vai trò."))
        if agency is not None and not permissions.can_administer_agency(self.actor, agency):
            self.add_error("agency", _("Bạn không quản trị cơ quan này."))
        if role == Role.PROVINCE_IT_ADMIN and not permissions.is_province_admin(self.actor):
            self.add_error("role", _("Chỉ quản trị hệ thống cấp tỉnh được giao vai trò này."))
        if unit is not None and agency is not None and unit.agency_id != agency.pk:
            self.add_error("internal_unit", _("Phòng, đơn vị không thuộc cơ quan đã chọn."))
        if user and role and agency and not self.errors:
            existing = RoleAssignment.objects.active().filter(
                user=user, role=role, agency=agency, internal_unit=unit
            )
            if existing.exists():
                self.add_error("role", _("Cán bộ này đã có vai trò này ở cơ quan, đơn vị đã chọn."))
        return cleaned


class ActiveGrantFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return [("con", _("Đang hiệu lực")), ("thu_hoi", _("Đã thu hồi"))]

    def queryset(self, request, queryset):
        if self.value() == "con":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "thu_hoi":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    form = RoleGrantAdminForm
    list_display = ("user", "role", "agency", "internal_unit", "granted_at", "granted_by", "revoked_at")
    list_filter = (ActiveGrantFilter, "role", "granted_at")
    list_select_related = ("user", "user__official", "agency", "internal_unit", "granted_by")
    search_fields = ("user__username", "user__official__full_name", "agency__name", "agency__code")
    raw_id_fields = ("user", "agency", "internal_unit")
    date_hierarchy = "granted_at"
    actions = ["revoke_selected"]

    def get_queryset(self, request):
        return selectors.role_assignments_visible_to(request.user, include_revoked=True)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (
            "user",
            "role",
            "agency",
            "internal_unit",
            "granted_by",
            "granted_at",
            "revoked_at",
            "revoked_by",
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user
        return form

    def has_change_permission(self, request, obj=None):
        return False  # a grant is never edited: revoke it and grant anew

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return request.user.has_perm("accounts.change_roleassignment")

    def save_form(self, request, form, change):
        data = form.cleaned_data
        return services.assign_role(
            request.user, data["user"], data["role"], data["agency"], data["internal_unit"]
        )

    def save_model(self, request, obj, form, change):
        """Saved by the service in save_form."""

    def save_related(self, request, form, formsets, change):
        """No related rows."""

    @admin.action(description=_("Thu hồi các vai trò đã chọn"), permissions=["revoke"])
    def revoke_selected(self, request, queryset):
        done = 0
        for grant in queryset.filter(revoked_at__isnull=True):
            try:
                services.revoke_role(request.user, grant)
                done += 1
            except (ServiceError, ValidationError) as exc:
                self.message_user(request, f"{grant}: {getattr(exc, 'message', exc)}", messages.ERROR)
        if done:
            message = ngettext("Đã thu hồi %(n)d vai trò.", "Đã thu hồi %(n)d vai trò.", done) % {"n": done}
            self.message_user(request, message, messages.SUCCESS)
