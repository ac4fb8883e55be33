"""Account state changes: creating accounts, granting and revoking roles. Each leaves an audit record."""

import django_otp
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from lienthong.accounts import mfa, permissions
from lienthong.accounts.models import AccountKind, RoleAssignment, User
from lienthong.accounts.roles import Role
from lienthong.core import audit

USER_FIELDS = ["username", "email", "kind", "official", "phone", "is_active", "is_staff", "is_superuser"]


def _check_admin_of(actor, agency):
    if actor is None:
        return
    permissions.require(
        permissions.can_administer_agency(actor, agency),
        _("Bạn không có quyền quản trị tài khoản của cơ quan này."),
    )


@transaction.atomic
def create_official_account(actor, official, username, password, email="", is_staff=False):
    """An account for an official of the officials database (one account per official)."""
    _check_admin_of(actor, official.agency)
    if User.objects.filter(official=official).exists():
        raise ValidationError({"official": _("Cán bộ này đã có tài khoản.")})
    user = User(
        username=username,
        email=email or official.email,
        kind=AccountKind.OFFICIAL,
        official=official,
        first_name="",
        last_name=official.full_name[:150],
        is_staff=is_staff,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor, "accounts.user.create", user, after=audit.snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def create_account(actor, username, password, kind, email="", phone="", **extra):
    """A citizen, business or system account."""
    if kind == AccountKind.OFFICIAL:
        raise ValueError("Use create_official_account for officials.")
    if actor is not None:
        permissions.require(permissions.is_province_admin(actor) or kind != AccountKind.SYSTEM)
    user = User(username=username, email=email, phone=phone, kind=kind, **extra)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor, "accounts.user.create", user, after=audit.snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def set_password(actor, user, password):
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor, "security.password_set", user)
    return user


@transaction.atomic
def assign_role(actor, user, role, agency, internal_unit=None):
    """Grant ``role`` in ``agency`` (optionally one internal unit). Granting twice returns the existing grant."""
    role = Role(role)
    _check_admin_of(actor, agency)
    if role == Role.PROVINCE_IT_ADMIN and actor is not None:
        permissions.require(
            permissions.is_province_admin(actor), _("Chỉ quản trị hệ thống cấp tỉnh được giao vai trò này.")
        )
    if user.kind != AccountKind.OFFICIAL:
        raise ValidationError({"user": _("Chỉ tài khoản cán bộ, công chức mới được giao vai trò.")})
    if internal_unit is not None and internal_unit.agency_id != agency.pk:
        raise ValidationError({"internal_unit": _("Phòng, đơn vị không thuộc cơ quan đã chọn.")})
    existing = (
        RoleAssignment.objects.active()
        .filter(user=user, role=role, agency=agency, internal_unit=internal_unit)
        .first()
    )
    if existing:
        return existing
    try:
        with transaction.atomic():
            grant = RoleAssignment.objects.create(
                user=user,
                role=role,
                agency=agency,
                internal_unit=internal_unit,
                granted_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:  # a concurrent identical grant won
        return RoleAssignment.objects.active().get(
            user=user, role=role, agency=agency, internal_unit=internal_unit
        )
    permissions.forget_roles(user)
    audit.record(
        actor,
        "security.role_granted",
        user,
        before=None,
        after={"role": role.value, "agency": agency.pk, "internal_unit": getattr(internal_unit, "pk", None)},
    )
    return grant


@transaction.atomic
def revoke_role(actor, grant):
    _check_admin_of(actor, grant.agency)
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor if getattr(actor, "is_authenticated", False) else None
    grant.save(update_fields=["revoked_at", "revoked_by"])
    permissions.forget_roles(grant.user)
    audit.record(
        actor,
        "security.role_revoked",
        grant.user,
        before={"role": grant.role, "agency": grant.agency_id, "internal_unit": grant.internal_unit_id},
        after=None,
    )
    return grant


# Security events of the web side: passwords, MFA and account edits. Each writes its audit record.

ACCOUNT_EDIT_FIELDS = [
    "username",
    "email",
    "kind",
    "official",
    "first_name",
    "last_name",
    "phone",
    "citizen_id",
    "tax_code",
    "organisation_name",
    "is_active",
    "is_staff",
    "is_superuser",
]


def _check_can_manage_user(actor, user):
    """Officials' accounts by the administrators of their agency; other accounts by province admins."""
    if actor is None:
        return
    if user.is_superuser:
        permissions.require(actor.is_superuser, _("Chỉ quản trị viên tối cao được sửa tài khoản này."))
    if permissions.is_province_admin(actor):
        return
    official = user.official if user.official_id else None
    permissions.require(
        official is not None and permissions.can_administer_agency(actor, official.agency),
        _("Bạn không có quyền quản trị tài khoản này."),
    )


def form_error_codes(errors):
    """Field names and error codes of a form, for the audit note (never the values typed)."""
    return "; ".join(
        f"{field}: {', '.join(sorted({e.code or 'invalid' for e in items}))}"
        for field, items in sorted(errors.items())
    )


@transaction.atomic
def update_account(actor, user, groups=None, **fields):
    """Change an account's details (not its password or roles); staff rights need a province admin."""
    unknown = set(fields) - set(ACCOUNT_EDIT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    stored = User.objects.select_for_update(of=("self",)).select_related("official__agency").get(pk=user.pk)
    _check_can_manage_user(actor, stored)
    privileged = {"is_staff", "is_superuser"} & {k for k, v in fields.items() if getattr(stored, k) != v}
    if actor is not None and (privileged or groups is not None):
        permissions.require(
            permissions.is_province_admin(actor) and ("is_superuser" not in privileged or actor.is_superuser),
            _("Chỉ quản trị hệ thống cấp tỉnh được cấp quyền vào trang quản trị."),
        )
    before = audit.snapshot(stored, ACCOUNT_EDIT_FIELDS)
    for name, value in fields.items():
        setattr(stored, name, value)
    if stored.official_id and "official" in fields:
        _check_can_manage_user(actor, stored)
    stored.full_clean(exclude=["password"])
    stored.save()
    after = audit.snapshot(stored, ACCOUNT_EDIT_FIELDS)
    if groups is not None:
        before["groups"] = sorted(stored.groups.values_list("pk", flat=True))
        stored.groups.set(groups)
        after["groups"] = sorted(g.pk for g in groups)
    audit.record(actor, "accounts.user.update", stored, before=before, after=after)
    return stored


@transaction.atomic
def disable_password(actor, user):
    """Turn off password login for an account (e.g. a system account that uses other credentials)."""
    _check_can_manage_user(actor, user)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit.record(actor, "security.password_disabled", user)
    return user


@transaction.atomic
def change_own_password(user, password):
    """The user changes their own password (the form has checked the old one)."""
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(user, "security.password_changed", user)
    return user


def record_password_change_failed(user, errors):
    """A refused password change (wrong old password, weak new one): which checks failed."""
    return audit.record(user, "security.password_change_failed", user, note=form_error_codes(errors))


def record_password_reset_requested(email, users):
    """A reset e-mail was asked for; one record per account it went to, or one saying none matched."""
    users = list(users)
    for user in users:
        audit.record(None, "security.password_reset_requested", user)
    if not users:
        audit.record(
            None,
            "security.password_reset_requested",
            object_type="accounts.user",
            object_repr=email,
            note="Không có tài khoản đang hoạt động với địa chỉ thư này; không gửi thư.",
        )


@transaction.atomic
def reset_password(user, password):
    """A new password set through the e-mailed reset link."""
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(user, "security.password_reset", user)
    return user


def record_password_reset_failed(user, reason):
    """An invalid or expired reset link, or a refused new password."""
    if user is None:
        return audit.record(None, "security.password_reset_failed", object_type="accounts.user", note=reason)
    return audit.record(user, "security.password_reset_failed", user, note=reason)


@transaction.atomic
def enrol_mfa(user, key, token):
    """Create the user's confirmed TOTP device when ``token`` matches the pending ``key``; else None."""
    if mfa.has_confirmed_device(user):
        raise ValidationError({"code": _("Tài khoản đã có ứng dụng xác thực; hãy nhập mã để xác thực.")})
    match = mfa.check_new_key(key, token)
    if match is None:
        audit.record(user, "security.mfa_enrolment_failed", user, note="wrong_code")
        return None
    last_t, drift = match
    device = TOTPDevice.objects.create(
        user=user, name="Ứng dụng xác thực", key=key, confirmed=True, last_t=last_t, drift=drift
    )
    audit.record(user, "security.mfa_enrolled", user, after={"device": device.persistent_id})
    return device


def verify_mfa(user, token):
    """Check a TOTP code against the user's device. Returns ``(device or None, throttled until or None)``.

    No outer transaction: django-otp counts the failure (for its back-off) in its own.
    """
    device = mfa.confirmed_device(user)
    if device is None:
        raise ValidationError({"code": _("Tài khoản chưa đăng ký ứng dụng xác thực.")})
    locked_until = mfa.throttled_until(device)
    verified = None if locked_until else django_otp.verify_token(user, device.persistent_id, token)
    if verified is None:
        audit.record(user, "security.mfa_failed", user, note="throttled" if locked_until else "wrong_code")
        return None, locked_until
    audit.record(user, "security.mfa_verified", user, after={"device": verified.persistent_id})
    return verified, None


@transaction.atomic
def reset_mfa(actor, user):
    """Remove a user's TOTP devices (lost phone); they enrol a new one at their next login."""
    _check_can_manage_user(actor, user)
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    audit.record(actor, "security.mfa_reset", user, before={"devices": removed}, after={"devices": 0})
    return removed
