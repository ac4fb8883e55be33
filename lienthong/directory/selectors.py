"""Read side of the directory, scoped by the caller's rights.

* Administrative units and agencies are public information (published on the portal).
* The officials directory (name, agency, unit, position, official contacts) is visible to officials.
* Personal data of officials (citizen ID, date of birth, gender, rank) only to administrators of the
  official's agency (or above it), province IT administrators, and the official themself.
"""

from django.db.models import Q

from lienthong.accounts import permissions
from lienthong.accounts.models import AccountKind
from lienthong.core.text import search_terms
from lienthong.directory.models import AdministrativeUnit, Agency, InternalUnit, Official


def _folded_search(queryset, query, field="name_folded"):
    for term in search_terms(query):
        queryset = queryset.filter(**{f"{field}__contains": term})
    return queryset


def administrative_units(
    query="", parent=None, division_type=None, level=None, valid_on=None, include_expired=False
):
    qs = AdministrativeUnit.objects.select_related("parent")
    if not include_expired or valid_on:
        qs = qs.valid_on(valid_on)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if division_type:
        qs = qs.filter(division_type=division_type)
    if level:
        qs = qs.filter(level=level)
    return _folded_search(qs, query).order_by("level", "code")


def agencies(query="", kind=None, parent=None, administrative_unit=None, active_only=True):
    qs = Agency.objects.select_related("parent", "administrative_unit")
    if active_only:
        qs = qs.filter(is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if administrative_unit is not None:
        qs = qs.filter(administrative_unit=administrative_unit)
    if query:
        by_code = Q(code__iexact=query.strip()) | Q(code_qd20__iexact=query.strip())
        qs = qs.filter(by_code | Q(pk__in=_folded_search(Agency.objects.all(), query).values("pk")))
    return qs


def internal_units(agency):
    return InternalUnit.objects.filter(agency=agency, is_active=True).order_by("sort_order", "name")


def can_see_officials(user):
    return bool(getattr(user, "is_authenticated", False)) and (
        user.kind in (AccountKind.OFFICIAL, AccountKind.SYSTEM) or user.is_superuser
    )


def officials_visible_to(
    user, query="", agency=None, internal_unit=None, position=None, include_inactive=False
):
    """The officials directory as ``user`` may see it (none for citizens and businesses)."""
    if not can_see_officials(user):
        return Official.objects.none()
    qs = Official.objects.select_related("agency", "internal_unit", "position", "rank")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if internal_unit is not None:
        qs = qs.filter(internal_unit=internal_unit)
    if position is not None:
        qs = qs.filter(position=position)
    return _folded_search(qs, query)


def officials_with_personal_data(user):
    """Officials whose personal data ``user`` may read or change."""
    if permissions.is_province_admin(user):
        return Official.objects.all()
    paths = permissions.administered_agency_paths(user)
    condition = Q(pk=user.official_id) if getattr(user, "official_id", None) else Q(pk__in=[])
    for path in paths:
        condition |= Q(agency__path__startswith=path)
    return Official.objects.filter(condition)


def can_view_personal_data(user, official):
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "official_id", None) == official.pk:
        return True
    return permissions.can_administer_agency(user, official.agency)


def administered_agencies(user):
    """Agencies ``user`` may administer (for forms and imports)."""
    if permissions.is_province_admin(user):
        return Agency.objects.all()
    paths = permissions.administered_agency_paths(user)
    if not paths:
        return Agency.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Agency.objects.filter(condition)
