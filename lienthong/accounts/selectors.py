from django.db.models import Q

from lienthong.accounts import mfa, permissions
from lienthong.accounts.models import RoleAssignment, User
from lienthong.core.text import search_terms
from lienthong.directory.models import InternalUnit
from lienthong.directory.selectors import administered_agencies


def header_roles(user):
    """Short role labels with the agency for the page header."""
    return [
        {"label": a.get_role_display(), "agency": a.agency.short_name or a.agency.name}
        for a in permissions.active_roles(user)
    ]


def home_summary(user):
    official = None
    if user.official_id:
        from lienthong.directory.models import Official

        official = Official.objects.select_related("agency", "internal_unit", "position").get(
            pk=user.official_id
        )
    return {"official": official, "roles": permissions.active_roles(user)}


def _administered_condition(user, path_field):
    """Q over ``path_field`` for the agencies ``user`` administers; None means everywhere."""
    if permissions.is_province_admin(user):
        return None
    condition = Q(pk__in=[])
    for path in permissions.administered_agency_paths(user):
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def administers_any_agency(user):
    """Province IT administrators and agency administrators manage roles."""
    return permissions.is_province_admin(user) or bool(permissions.administered_agency_paths(user))


def role_assignments_visible_to(user, query="", agency=None, include_revoked=False):
    """Grants in the agencies ``user`` administers (everywhere for province IT administrators)."""
    if not administers_any_agency(user):
        return RoleAssignment.objects.none()
    qs = RoleAssignment.objects.select_related(
        "user", "user__official", "agency", "internal_unit", "granted_by"
    )
    if not include_revoked:
        qs = qs.active()
    condition = _administered_condition(user, "agency__path")
    if condition is not None:
        qs = qs.filter(condition)
    if agency is not None:
        qs = qs.filter(agency=agency)
    for term in search_terms(query):
        qs = qs.filter(Q(user__username__icontains=term) | Q(user__official__name_folded__contains=term))
    return qs.order_by("agency__path", "user__username", "role", "pk")


def role_assignment(pk):
    """One grant, unscoped on purpose: the revoke service decides (403) whether the caller may change it."""
    return RoleAssignment.objects.select_related("user", "user__official", "agency", "internal_unit").get(
        pk=pk
    )


def grantable_agencies(user):
    """Agencies in which ``user`` may grant roles, in tree order."""
    return administered_agencies(user).filter(is_active=True).order_by("path", "sort_order", "name")


def grantable_units(user):
    qs = InternalUnit.objects.select_related("agency").filter(is_active=True)
    condition = _administered_condition(user, "agency__path")
    if condition is not None:
        qs = qs.filter(condition)
    return qs.order_by("agency__path", "sort_order", "name")


def users_administered_by(user):
    """Accounts ``user`` may manage: officials of the agencies they administer; all for province admins."""
    qs = User.objects.select_related("official", "official__agency")
    condition = _administered_condition(user, "official__agency__path")
    if condition is not None:
        qs = qs.filter(condition)
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(is_superuser=False)
    return qs


def account_summary(user):
    """What the profile page shows: kind, official record, roles, MFA status."""
    summary = home_summary(user)
    is_verified = getattr(user, "is_verified", None)
    summary["mfa"] = {
        "required": permissions.requires_mfa(user),
        "enrolled": mfa.has_confirmed_device(user),
        "verified": bool(is_verified()) if callable(is_verified) else False,
    }
    return summary
