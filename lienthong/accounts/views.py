"""Account pages: login, passwords, profile, TOTP MFA, role management. Thin: services do the work."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lienthong.accounts import forms, mfa, permissions, selectors, services
from lienthong.accounts.models import RoleAssignment
from lienthong.core.api.errors import Forbidden

ROLE_PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(failure_limit=settings.AXES_FAILURE_LIMIT, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_invalid(self, form):
        services.record_password_change_failed(self.request.user, form.errors.as_data())
        return super().form_invalid(form)


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = forms.PasswordResetForm
    # Own names: django.contrib.admin's registration/ templates come first in the template path.
    email_template_name = "registration/lienthong_password_reset_email.txt"
    subject_template_name = "registration/lienthong_password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        return {"platform_name": settings.PLATFORM_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink:
            services.record_password_reset_failed(self.user, "invalid_link")
        return response

    def form_invalid(self, form):
        services.record_password_reset_failed(self.user, services.form_error_codes(form.errors.as_data()))
        return super().form_invalid(form)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def profile(request):
    context = selectors.account_summary(request.user)
    context["may_manage_roles"] = selectors.administers_any_agency(request.user)
    return render(request, "accounts/profile.html", context)


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("core:home")


@never_cache  # the page shows the TOTP secret
@login_required
@require_http_methods(["GET", "POST"])
def mfa_view(request):
    """Enrol a TOTP app (QR code and secret) when the user has none; otherwise ask for a code."""
    device = mfa.confirmed_device(request.user)
    form = forms.MfaCodeForm(request.POST or None)
    context = {"form": form, "next": _safe_next(request), "enrolling": device is None}
    if device is None:
        key = mfa.pending_key(request.session)
        context.update(
            qr_svg=mfa.qr_svg(mfa.config_url(request.user, key)),
            secret=mfa.base32_secret(key),
        )
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if device is None:
                verified, locked_until = services.enrol_mfa(request.user, key, code), None
            else:
                verified, locked_until = services.verify_mfa(request.user, code)
        except ValidationError as exc:
            form.add_error(None, exc)
            verified = locked_until = None
        if verified is not None:
            mfa.forget_pending_key(request.session)
            request.session.cycle_key()  # new session id once the account is more trusted
            django_otp.login(request, verified)
            messages.success(
                request,
                _("Đã đăng ký ứng dụng xác thực.") if device is None else _("Đã xác thực hai lớp."),
            )
            return HttpResponseRedirect(context["next"])
        if not form.errors:
            if locked_until:
                form.add_error("code", _("Nhập sai nhiều lần; vui lòng chờ ít giây rồi thử lại."))
            else:
                form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return render(request, "accounts/mfa.html", context)


def _forbidden(request, exc):
    return render(request, "accounts/forbidden.html", {"message": str(exc)}, status=403)


def _require_role_manager(request):
    if not selectors.administers_any_agency(request.user):
        raise Forbidden(_("Chỉ quản trị cơ quan và quản trị hệ thống cấp tỉnh được quản lý vai trò."))


@login_required
def role_list(request):
    try:
        _require_role_manager(request)
    except Forbidden as exc:
        return _forbidden(request, exc)
    query = request.GET.get("q", "").strip()[:100]
    try:
        page = max(int(request.GET.get("trang", "1")), 1)
    except ValueError:
        page = 1
    qs = selectors.role_assignments_visible_to(request.user, query=query)
    start = (page - 1) * ROLE_PAGE_SIZE
    # One row more than a page tells whether a next page exists, without COUNT(*).
    rows = list(qs[start : start + ROLE_PAGE_SIZE + 1])
    if page > 1 and not rows:
        raise Http404(_("Trang không tồn tại."))
    context = {
        "grants": rows[:ROLE_PAGE_SIZE],
        "query": query,
        "page": page,
        "has_next": len(rows) > ROLE_PAGE_SIZE,
    }
    return render(request, "accounts/role_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_grant(request):
    try:
        _require_role_manager(request)
    except Forbidden as exc:
        return _forbidden(request, exc)
    user = request.user
    form = forms.RoleGrantForm(
        request.POST or None,
        initial={"username": request.GET.get("username", "")},
        agencies=selectors.grantable_agencies(user),
        units=selectors.grantable_units(user),
        may_grant_province_admin=permissions.is_province_admin(user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = services.assign_role(
                user, data["user"], data["role"], data["agency"], data["internal_unit"]
            )
        except Forbidden as exc:
            return _forbidden(request, exc)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Đã giao vai trò %(role)s cho %(user)s.")
                % {"role": grant.get_role_display(), "user": grant.user.display_name},
            )
            return redirect("accounts:role_list")
    return render(request, "accounts/role_grant.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def role_revoke(request, pk):
    """GET asks for confirmation (works without JavaScript); POST revokes."""
    try:
        _require_role_manager(request)
        grant = selectors.role_assignment(pk)
        permissions.require(
            permissions.can_administer_agency(request.user, grant.agency),
            _("Bạn không có quyền quản trị vai trò trong cơ quan này."),
        )
        if request.method == "POST":
            services.revoke_role(request.user, grant)
            messages.success(
                request,
                _("Đã thu hồi vai trò %(role)s của %(user)s.")
                % {"role": grant.get_role_display(), "user": grant.user.display_name},
            )
            return redirect("accounts:role_list")
    except RoleAssignment.DoesNotExist as exc:
        raise Http404(_("Không tìm thấy vai trò.")) from exc
    except Forbidden as exc:
        return _forbidden(request, exc)
    return render(request, "accounts/role_revoke.html", {"grant": grant})
