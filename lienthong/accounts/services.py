"""Account state changes: creating accounts, granting and revoking roles. Each leaves an audit record."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lienthong.accounts import permissions
from lienthong.accounts.models import AccountKind, RoleAssignment, User
from lienthong.accounts.roles import Role
from lienthong.core import audit

USER_FIELDS = ["username", "email", "kind", "official", "phone", "is_active", "is_staff", "is_superuser"]


def _check_admin_of(actor, agency):
    if actor is None:
        return
    permissions.require(
        permissions.can_administer_agency(actor, agency),
        "Bạn không có quyền quản trị tài khoản của cơ quan này.",
    )


@transaction.atomic
def create_official_account(actor, official, username, password, email="", is_staff=False):
    """An account for an official of the officials database (one account per official)."""
    _check_admin_of(actor, official.agency)
    if User.objects.filter(official=official).exists():
        raise ValidationError({"official": "Cán bộ này đã có tài khoản."})
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
            permissions.is_province_admin(actor), "Chỉ quản trị hệ thống cấp tỉnh được giao vai trò này."
        )
    if user.kind != AccountKind.OFFICIAL:
        raise ValidationError({"user": "Chỉ tài khoản cán bộ, công chức mới được giao vai trò."})
    if internal_unit is not None and internal_unit.agency_id != agency.pk:
        raise ValidationError({"internal_unit": "Phòng, đơn vị không thuộc cơ quan đã chọn."})
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
