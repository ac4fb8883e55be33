"""Forms of the accounts pages, in Vietnamese. Saving goes through services; forms only check shape."""

import re

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from lienthong.accounts import services
from lienthong.accounts.models import AccountKind, User
from lienthong.accounts.roles import Role
from lienthong.directory.models import Agency, InternalUnit

_MISMATCH = _("Hai mật khẩu mới không giống nhau.")


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form (it passes ``request`` to authenticate, so django-axes counts failures)."""

    username = auth_forms.UsernameField(
        label=_("Tên đăng nhập"),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khoá."),
    }


def _vietnamese_password_fields(form, label1, label2):
    form.fields[label1[0]].label = label1[1]
    form.fields[label2[0]].label = label2[1]
    form.fields[label2[0]].help_text = _("Nhập lại mật khẩu mới để kiểm tra.")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    error_messages = {
        "password_mismatch": _MISMATCH,
        "password_incorrect": _("Mật khẩu hiện tại không đúng. Vui lòng nhập lại."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        _vietnamese_password_fields(
            self, ("new_password1", _("Mật khẩu mới")), ("new_password2", _("Nhập lại mật khẩu mới"))
        )

    def save(self, commit=True):
        return services.change_own_password(self.user, self.cleaned_data["new_password1"])


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Địa chỉ thư điện tử của tài khoản"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
            "required": _("Vui lòng nhập địa chỉ thư."),
        },
    )

    def save(self, *args, **kwargs):
        # The same answer whether or not an account matched, so the page does not reveal accounts.
        super().save(*args, **kwargs)
        email = self.cleaned_data["email"]
        services.record_password_reset_requested(email, self.get_users(email))


class SetPasswordForm(auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": _MISMATCH}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _vietnamese_password_fields(
            self, ("new_password1", _("Mật khẩu mới")), ("new_password2", _("Nhập lại mật khẩu mới"))
        )

    def save(self, commit=True):
        return services.reset_password(self.user, self.cleaned_data["new_password1"])


_CODE_RE = re.compile(r"^\d{6}$")


class MfaCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=12,
        help_text=_("Mã hiện trong ứng dụng xác thực trên điện thoại, đổi sau mỗi 30 giây."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"[0-9 ]*",
                "autofocus": True,
            }
        ),
        error_messages={"required": _("Vui lòng nhập mã xác thực.")},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not _CODE_RE.match(code):
            raise forms.ValidationError(_("Mã xác thực gồm đúng 6 chữ số."), code="format")
        return code


class RoleGrantForm(forms.Form):
    """Grant a role. The lists show only what the administrator manages; the service decides (403)."""

    username = forms.CharField(
        label=_("Tên đăng nhập của cán bộ"),
        max_length=150,
        error_messages={"required": _("Vui lòng nhập tên đăng nhập.")},
    )
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=Role.choices,
        error_messages={
            "invalid_choice": _("Vai trò không hợp lệ."),
            "required": _("Vui lòng chọn vai trò."),
        },
    )
    agency = forms.ModelChoiceField(
        label=_("Cơ quan"),
        queryset=Agency.objects.all(),
        error_messages={
            "required": _("Vui lòng chọn cơ quan."),
            "invalid_choice": _("Cơ quan không tồn tại."),
        },
    )
    internal_unit = forms.ModelChoiceField(
        label=_("Phòng, đơn vị (không bắt buộc)"),
        queryset=InternalUnit.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("Phòng, đơn vị không tồn tại.")},
    )

    def __init__(self, *args, agencies, units, may_grant_province_admin, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("— Chọn cơ quan —")), *((a.pk, a.name) for a in agencies)]
        self.fields["internal_unit"].choices = [
            ("", _("— Cả cơ quan —")),
            *((u.pk, f"{u.name} — {u.agency.short_name or u.agency.name}") for u in units),
        ]
        if not may_grant_province_admin:
            self.fields["role"].widget.choices = [c for c in Role.choices if c[0] != Role.PROVINCE_IT_ADMIN]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError(_("Không có tài khoản “%(name)s”."), params={"name": username})
        if user.kind != AccountKind.OFFICIAL:
            raise forms.ValidationError(_("Chỉ tài khoản cán bộ, công chức mới được giao vai trò."))
        self.cleaned_data["user"] = user
        return username

    def clean(self):
        cleaned = super().clean()
        unit, agency = cleaned.get("internal_unit"), cleaned.get("agency")
        if unit is not None and agency is not None and unit.agency_id != agency.pk:
            self.add_error("internal_unit", _("Phòng, đơn vị không thuộc cơ quan đã chọn."))
        return cleaned
