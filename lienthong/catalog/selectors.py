"""Read side of the catalogue. Published procedures are public; drafts only for province IT admins.

Search is diacritics-insensitive: every version stores ``search_folded`` (name, codes, field,
keywords folded by ``core.text.fold``) and each query word must occur in it (AND of terms), the
same on SQLite and PostgreSQL (where a trigram index serves ``LIKE '%…%'``).
"""

import datetime

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When

from lienthong.accounts import permissions
from lienthong.catalog.models import (
    Field,
    Level,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    PublicationState,
)
from lienthong.core.text import fold, search_terms
from lienthong.directory import selectors as directory

PUBLIC_STATES = (PublicationState.PUBLISHED, PublicationState.SUPERSEDED, PublicationState.WITHDRAWN)


def can_edit_catalog(user):
    return permissions.is_province_admin(user)


def fields(active_only=True):
    rows = Field.objects.all()
    return rows.filter(is_active=True) if active_only else rows


# What lists show; the long texts stay in the database (exports ask for them with ``defer(None)``).
LIST_COLUMNS = [
    "procedure__national_code",
    "procedure__local_code",
    "number",
    "state",
    "is_current",
    "name",
    "name_folded",
    "field__code",
    "field__name",
    "field__sort_order",
    "field__is_active",
    "level_province",
    "level_commune",
    "level_district",
    "time_value",
    "time_unit",
    "counting_mode",
    "online_category",
    "online_payment",
    "competent_agency__name",
    "competent_agency__code",
    "competent_agency_kind",
    "implementing_agency_kind",
    "effective_from",
]


def _agency_refs():
    return directory.agencies(active_only=False).select_related(None).only("id", "name", "code")


def current_versions():
    """The version in force of every published procedure, with what lists need (no N+1)."""
    return (
        ProcedureVersion.objects.filter(is_current=True)
        .select_related("procedure", "field", "competent_agency")
        .only(*LIST_COLUMNS)
        .prefetch_related(Prefetch("implementing_agencies", queryset=_agency_refs()))
    )


def current_versions_by_id(ids):
    """The rows of a page of search results, loaded by id (catalog.pagination)."""
    return current_versions().filter(pk__in=ids)


def search_procedures(query="", field=None, level=None, agency=None, online_category=None):
    """Current versions matching every word of ``query`` and the filters, best matches first.

    ``field`` is a Field (or its id), ``level`` a ``Level`` value, ``agency`` an Agency: the
    procedures it implements, by name or by kind (every UBND xã implements commune procedures),
    or decides on.
    """
    rows = current_versions()
    terms = search_terms(query)
    for term in terms:
        rows = rows.filter(search_folded__contains=term)
    if field is not None:
        rows = rows.filter(field=field)
    if level:
        rows = rows.filter(**{f"level_{Level(level).value}": True})
    if agency is not None:
        through = ProcedureVersion.implementing_agencies.through.objects.filter(agency_id=agency.pk)
        rows = rows.filter(
            Q(pk__in=through.values("procedureversion_id"))
            | Q(implementing_agency_kind=agency.kind)
            | Q(competent_agency=agency)
            | Q(competent_agency_kind=agency.kind)
        )
    if online_category:
        rows = rows.filter(online_category=online_category)
    if terms:
        phrase = fold(query)
        rows = rows.annotate(
            rank=Case(
                When(name_folded=phrase, then=Value(0)),
                When(name_folded__startswith=phrase, then=Value(1)),
                When(name_folded__contains=phrase, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        ).order_by("rank", "name_folded", "pk")
    else:
        rows = rows.order_by("name_folded", "pk")
    return rows


def get_procedure(code):
    """The procedure with this national or local code, or ``None``."""
    code = (code or "").strip()
    if not code:
        return None
    return Procedure.objects.filter(Q(national_code=code) | Q(local_code=code)).first()


def versions_visible_to(user, procedure):
    """The version history a user may read: every published, superseded or withdrawn version,
    plus drafts for those who edit the catalogue. Newest first."""
    rows = procedure.versions.select_related("field").order_by("-number")
    if not can_edit_catalog(user):
        rows = rows.filter(state__in=PUBLIC_STATES)
    return rows


def _with_parts(rows):
    return rows.select_related("procedure", "field", "competent_agency").prefetch_related(
        "implementing_agencies",
        "coordinating_agencies",
        "fees",
        "components",
        Prefetch("process_steps", queryset=ProcessStep.objects.select_related("agency")),
    )


def version_for(user, procedure, number=None):
    """One version with all its parts: the given number, else the current one (for editors the
    latest draft when nothing is published). ``None`` when the user may not see it."""
    rows = _with_parts(versions_visible_to(user, procedure))
    if number is not None:
        return rows.filter(number=number).first()
    return rows.filter(is_current=True).first() or rows.first()


def version_in_force(code, on_date=None):
    """The version of procedure ``code`` that applied on ``on_date`` (today by default), for dossiers
    received under it; ``None`` when none applied."""
    procedure = get_procedure(code)
    if procedure is None:
        return None
    day = on_date or datetime.date.today()
    rows = procedure.versions.filter(state__in=PUBLIC_STATES, effective_from__lte=day).filter(
        Q(effective_until__isnull=True) | Q(effective_until__gte=day)
    )
    return rows.order_by("-number").first()


def cutoff_for_procedure(code):
    """The cut-off hour of the current published version of procedure ``code`` (its national or
    local code); ``None`` when the procedure is unknown or uses the province default (15:00).

    Called by the working-day calendar (workdays) to decide whether a receipt counts from the next
    working day (regulations.md §7.2).
    """
    procedure = get_procedure(code)
    if procedure is None:
        return None
    return procedure.versions.filter(is_current=True).values_list("cutoff_hour", flat=True).first()
