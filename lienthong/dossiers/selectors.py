"""Reads of dossiers, always narrowed to what the caller may see (one place, style.md habit 5)."""

from django.db.models import Prefetch, Q

from lienthong.accounts.permissions import active_roles, is_province_admin
from lienthong.core.text import search_terms
from lienthong.dossiers.models import Dossier, DossierEvent, DossierStep, State

OPEN_STATES = (State.RECEIVED, State.PROCESSING, State.SUPPLEMENT_REQUESTED, State.APPROVED)


def _base():
    return Dossier.objects.select_related(
        "procedure_version__procedure", "receiving_agency", "handling_agency"
    )


def dossiers_visible_to(user):
    """Province administrators: all. Officers: dossiers received or handled by an agency where they
    hold a role. Everyone: the dossiers submitted with their own account."""
    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    if is_province_admin(user):
        return _base()
    agency_ids = {a.agency_id for a in active_roles(user)}
    scope = Q(applicant_user=user)
    if agency_ids:
        scope |= Q(receiving_agency_id__in=agency_ids) | Q(handling_agency_id__in=agency_ids)
    return _base().filter(scope)


def my_queue(user):
    """Open dossiers assigned to the user."""
    return dossiers_visible_to(user).filter(assignee=user, state__in=OPEN_STATES).order_by("appointment_at")


def unit_queue(user):
    """Open dossiers of the user's internal units: assigned to someone holding a role in one of them,
    or waiting unassigned at a step of a role the user holds in that agency."""
    unit_ids = {a.internal_unit_id for a in active_roles(user) if a.internal_unit_id}
    scope = Q(assignee__role_assignments__internal_unit_id__in=unit_ids) if unit_ids else Q(pk__in=[])
    for a in active_roles(user):
        scope |= Q(
            handling_agency_id=a.agency_id,
            assignee__isnull=True,
            steps__finished_at__isnull=True,
            steps__role=a.role,
        )
    return (
        dossiers_visible_to(user).filter(scope, state__in=OPEN_STATES).distinct().order_by("appointment_at")
    )


def agency_queue(user):
    """Open dossiers handled by, or waiting at the desk of, any agency where the user holds a role."""
    agency_ids = {a.agency_id for a in active_roles(user)}
    scope = Q(handling_agency_id__in=agency_ids) | Q(receiving_agency_id__in=agency_ids)
    return dossiers_visible_to(user).filter(scope, state__in=OPEN_STATES).order_by("appointment_at")


def history(user, dossier):
    """The dossier's timeline, if the user may see the dossier."""
    if not dossiers_visible_to(user).filter(pk=dossier.pk).exists():
        return []
    return list(dossier.events.select_related("actor").order_by("at", "id"))


def dossier_detail(user, **lookup):
    """One dossier the user may see (by ``code=`` or ``pk=``), with its steps and history; or None."""
    return (
        dossiers_visible_to(user)
        .select_related("assignee", "redirected_to")
        .prefetch_related(
            Prefetch("steps", DossierStep.objects.select_related("agency", "assignee").order_by("id")),
            Prefetch("events", DossierEvent.objects.select_related("actor").order_by("at", "id")),
        )
        .filter(**lookup)
        .first()
    )


def search(queryset, q):
    """Narrow by dossier code or applicant name; the name matches with or without diacritics
    ("nguyen van binh" finds "Nguyễn Văn Bình"), every word must match."""
    q = (q or "").strip()
    if not q:
        return queryset
    by_name = Q()
    for term in search_terms(q):
        by_name &= Q(applicant_name_folded__contains=term)
    return queryset.filter(Q(code__icontains=q) | by_name)


def idempotency_key_used(key):
    return bool(key) and Dossier.objects.filter(idempotency_key=key).exists()
