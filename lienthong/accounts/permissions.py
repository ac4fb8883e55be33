"""Permission checks as plain functions that services and selectors call.

A role is held in one agency (optionally one internal unit). Acting for an agency needs a role in
that very agency; administering needs agency administrator there or above it, or province IT
administrator. Nothing is granted by belonging to a parent agency alone.
"""

from django.utils.translation import gettext as _

from lienthong.accounts.roles import ADMIN_ROLES, Role
from lienthong.core.api.errors import Forbidden

_CACHE_ATTR = "_lienthong_active_roles"


def active_roles(user):
    """The user's active role assignments, loaded once per user object (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(user.role_assignments.active().select_related("agency", "internal_unit"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user):
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _agency_id(agency):
    return getattr(agency, "pk", agency)


def has_role(user, role, agency=None, internal_unit=None):
    for assignment in active_roles(user):
        if assignment.role != role:
            continue
        if agency is not None and assignment.agency_id != _agency_id(agency):
            continue
        if internal_unit is not None and assignment.internal_unit_id not in (None, _agency_id(internal_unit)):
            continue
        return True
    return False


def is_province_admin(user):
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.PROVINCE_IT_ADMIN)


def holds_admin_role(user):
    return any(a.role in ADMIN_ROLES for a in active_roles(user))


def requires_mfa(user):
    """Officials with administrative rights (and Django staff) must pass TOTP MFA."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or user.is_superuser or holds_admin_role(user)


def can_act_for_agency(user, agency, roles=None):
    """True when the user holds one of ``roles`` (any role if None) in exactly this agency."""
    agency_id = _agency_id(agency)
    return any(a.agency_id == agency_id and (roles is None or a.role in roles) for a in active_roles(user))


def can_administer_agency(user, agency):
    """Province IT administrators everywhere; agency administrators in their agency and below it."""
    if is_province_admin(user):
        return True
    path = getattr(agency, "path", "") or ""
    admin_paths = [a.agency.path for a in active_roles(user) if a.role == Role.AGENCY_ADMIN]
    return any(path.startswith(p) for p in admin_paths if p)


def administered_agency_paths(user):
    """Path prefixes of the agencies an agency administrator manages (empty for others)."""
    return [a.agency.path for a in active_roles(user) if a.role == Role.AGENCY_ADMIN and a.agency.path]


def require(allowed, message=None, code="permission_denied"):
    """Raise ``Forbidden`` (HTTP 403 in the API) unless ``allowed``."""
    if not allowed:
        raise Forbidden(message or _("Bạn không có quyền thực hiện thao tác này."), code=code)
