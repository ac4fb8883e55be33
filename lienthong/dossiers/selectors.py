"""Reads of dossiers, always narrowed to what the caller may see (one place, style.md habit 5)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from lienthong.accounts.models import RoleAssignment
from lienthong.accounts.permissions import active_roles, is_province_admin
from lienthong.accounts.roles import LEADER_ROLES, Role
from lienthong.core.api.errors import Forbidden
from lienthong.core.text import search_terms
from lienthong.directory.models import AgencyKind
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierFile,
    DossierStep,
    Rating,
    Satisfaction,
    State,
    Timeliness,
)
from lienthong.dossiers.services.common import authorize, authorize_step
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import TZ

OPEN_STATES = (
    State.RECEIVED,
    State.PROCESSING,
    State.SUPPLEMENT_REQUESTED,
    State.FINANCIAL_OBLIGATION,
    State.APPROVED,
)


def _base():
    return Dossier.objects.select_related(
        "procedure_version__procedure", "receiving_agency", "handling_agency"
    )


def dossiers_visible_to(user):
    """Province administrators and the province's leaders: all. Officers: dossiers received, handled
    now or handled at a step by an agency where they hold a role. Everyone: their own dossiers."""
    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    if is_province_admin(user) or _leads_the_province(user):
        return _base()
    agency_ids = {a.agency_id for a in active_roles(user)}
    scope = Q(applicant_user=user)
    if agency_ids:
        # An agency that handled a step (liên thông) keeps seeing the dossier after it moved on.
        handled = DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id__in=agency_ids)
        scope |= (
            Q(receiving_agency_id__in=agency_ids) | Q(handling_agency_id__in=agency_ids) | Q(Exists(handled))
        )
    return _base().filter(scope)


def _leads_the_province(user):
    """Leaders of the provincial People's Committee oversee every dossier of the province (read only;
    acting still needs a role at the agency concerned)."""
    return any(
        a.role == Role.AGENCY_LEADER and a.agency.kind == AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE
        for a in active_roles(user)
    )


def my_queue(user):
    """Open dossiers assigned to the user."""
    return dossiers_visible_to(user).filter(assignee=user, state__in=OPEN_STATES).order_by("appointment_at")


def unit_queue(user):
    """Open dossiers of the user's internal units: assigned to someone holding a role in one of them,
    or waiting unassigned at a step of a role the user holds in that agency."""
    # No joins + DISTINCT (it sorted whole joined rows: 25–55 ms a page at 1,000,000 dossiers): the
    # unit's members as a list (one small query; as a subquery it hid the assignee index) and an
    # EXISTS on the open step, so that PostgreSQL combines its (assignee|handling agency, state) indexes.
    unit_ids = {a.internal_unit_id for a in active_roles(user) if a.internal_unit_id}
    members = RoleAssignment.objects.filter(internal_unit_id__in=unit_ids).values_list("user_id", flat=True)
    scope = Q(assignee_id__in=set(members)) if unit_ids else Q(pk__in=[])
    for a in active_roles(user):
        waiting = DossierStep.objects.filter(dossier=OuterRef("pk"), finished_at__isnull=True, role=a.role)
        scope |= Q(handling_agency_id=a.agency_id, assignee__isnull=True) & Q(Exists(waiting))
    return dossiers_visible_to(user).filter(scope, state__in=OPEN_STATES).order_by("appointment_at")


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
        .select_related("assignee__official", "redirected_to")
        .prefetch_related(
            Prefetch(
                "steps", DossierStep.objects.select_related("agency", "assignee__official").order_by("id")
            ),
            Prefetch("events", DossierEvent.objects.select_related("actor__official").order_by("at", "id")),
        )
        .filter(**lookup)
        .first()
    )


STATUS_FIELDS = (
    "code",
    "state",
    "national_status",
    "received_at",
    "appointment_at",
    "finished_at",
    "returned_at",
    "handling_agency__id",
    "handling_agency__code",
    "handling_agency__name",
    "procedure_version__procedure__national_code",
    "procedure_version__procedure__local_code",
    "procedure_version__name",
)


def dossier_status(user, code):
    """Where one dossier stands (code, state, appointment, handling agency, procedure), scoped
    exactly like ``dossier_detail``; one narrow query instead of the detail's three wide ones."""
    row = dossiers_visible_to(user).filter(code=code).values(*STATUS_FIELDS).first()
    if row is not None:
        row["procedure_code"] = row.pop("procedure_version__procedure__national_code") or row.pop(
            "procedure_version__procedure__local_code"
        )
        row.pop("procedure_version__procedure__local_code", None)
    return row


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


# Deadline colours of the work queues and the leader's dashboard (one definition for both).
# Only dossiers whose clock runs (received, processing) get a colour: "overdue" when the appointment
# has passed; "due soon" when it falls today or on the next working day (before local midnight at
# the end of that day); "on track" otherwise. Dossiers waiting for the applicant (supplement,
# financial obligation) are "paused"; approved ones, waiting to be handed over, get none.
OVERDUE, DUE_SOON, ON_TRACK, PAUSED = "overdue", "due_soon", "on_track", "paused"
RUNNING_STATES = (State.RECEIVED, State.PROCESSING)
WAITING_STATES = (State.SUPPLEMENT_REQUESTED, State.FINANCIAL_OBLIGATION)


def due_soon_limit(now):
    """Local midnight after the next working day: an appointment before it is due soon."""

    last = deadlines.next_working_day(now.astimezone(deadlines.TZ).date())
    return datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(0), deadlines.TZ)


def with_deadline(queryset, colour, now):
    """Narrow ``queryset`` to one deadline colour (see above); an unknown colour leaves it as it is."""
    if colour == PAUSED:
        return queryset.filter(state__in=WAITING_STATES)
    running = queryset.filter(state__in=RUNNING_STATES)
    if colour == OVERDUE:
        return running.filter(appointment_at__lt=now)
    if colour == DUE_SOON:
        return running.filter(appointment_at__gte=now, appointment_at__lt=due_soon_limit(now))
    if colour == ON_TRACK:
        return running.filter(appointment_at__gte=due_soon_limit(now))
    return queryset


def deadline_colour(dossier, now, limit=None):
    """The colour of one dossier, or "" (pass ``limit=due_soon_limit(now)`` when colouring many)."""
    if dossier.state in WAITING_STATES:
        return PAUSED
    if dossier.state not in RUNNING_STATES or dossier.appointment_at is None:
        return ""
    if dossier.appointment_at < now:
        return OVERDUE
    return DUE_SOON if dossier.appointment_at < (limit or due_soon_limit(now)) else ON_TRACK


# Wide columns no list shows (procedure texts and forms, the dossier's form data): left unloaded in
# lists, they made rows several kilobytes each (a deferred field still loads if something reads it).
LIST_DEFERRED = (
    "eform_data",
    "components",
    "outcome_note",
    *(
        f"procedure_version__{name}"
        for name in (
            "search_folded",
            "applicants",
            "time_note",
            "steps_text",
            "conditions",
            "legal_basis",
            "result_name",
            "description",
            "eform",
            "change_note",
        )
    ),
)


def list_rows(queryset):
    """Dossiers for a list (API list, queues): without the wide columns above."""
    return queryset.defer(*LIST_DEFERRED)


def queue_rows(queryset):
    """What a work-queue row shows, without N+1: the assignee's name and the open step."""
    return (
        list_rows(queryset)
        .select_related("assignee__official")
        .prefetch_related(
            Prefetch(
                "steps",
                DossierStep.objects.filter(finished_at__isnull=True).order_by("-id"),
                to_attr="open_steps",
            )
        )
    )


def may_take(user, dossier, action):
    """Whether ``user`` may take ``action`` on ``dossier`` now: the transition table's edge from its
    state, checked with the services' own rules (``authorize``, and ``authorize_step`` for a
    transfer from the open step, read from the prefetched steps)."""
    edge = tr.TRANSITIONS.get(dossier.state, {}).get(action)
    if edge is None or not getattr(user, "is_authenticated", False):
        return False
    try:
        authorize(user, dossier, edge)
        if action == "transfer":
            open_steps = [s for s in dossier.steps.all() if s.finished_at is None]
            authorize_step(user, dossier, open_steps[-1] if open_steps else None)
    except Forbidden:
        return False
    return True


def current_files(dossier):
    """The current (not replaced) files of a dossier already read through a selector, with their
    component and uploader (one query), in the order they came."""
    return (
        dossier.files.filter(replaced_at__isnull=True)
        .select_related("component", "uploaded_by__official")
        .order_by("id")
    )


def dossier_file(user, code, file_id):
    """One file (current or replaced) of a dossier the user may see; None otherwise."""
    visible = dossiers_visible_to(user).filter(code=code).values("pk")[:1]
    return DossierFile.objects.select_related("dossier").filter(pk=file_id, dossier__in=visible).first()


def actions_for(user, dossier):
    """The lifecycle actions ``user`` may take on ``dossier`` now, in the table's order."""
    return [a for a in tr.allowed_actions(dossier.state) if may_take(user, dossier, a)]


# The leader's dashboard: a handful of aggregate queries whatever the number of dossiers.


@dataclass(frozen=True)
class DashboardScope:
    """One dashboard a leader may open: an agency, or the province (``agency`` is then the
    provincial People's Committee, whose subtree is the province)."""

    key: str
    label: str
    agency: object
    province: bool = False


def dashboard_scopes(user):
    """Agency and unit leaders: their agency. Leaders of the provincial People's Committee: also the
    whole province, with a per-agency breakdown. Nobody else."""

    scopes = {}
    for a in active_roles(user):
        if a.role not in LEADER_ROLES:
            continue
        if a.role == Role.AGENCY_LEADER and a.agency.kind == AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE:
            label = _("Toàn tỉnh (%(name)s và các cơ quan trực thuộc)") % {"name": a.agency.name}
            scopes.setdefault(
                f"tinh-{a.agency_id}", DashboardScope(f"tinh-{a.agency_id}", label, a.agency, True)
            )
        scopes.setdefault(str(a.agency_id), DashboardScope(str(a.agency_id), a.agency.name, a.agency))
    return sorted(scopes.values(), key=lambda s: (not s.province, s.label))


def dashboard_dossiers(scope):
    """Dossiers of a scope: for an agency, those it received, handles now, or handled at a step
    (liên thông); for the province, those received or handled by any agency under it."""
    if scope.province:
        path = scope.agency.path
        where = Q(receiving_agency__path__startswith=path) | Q(handling_agency__path__startswith=path)
    else:
        steps = DossierStep.objects.filter(dossier=OuterRef("pk"), agency=scope.agency)
        where = Q(receiving_agency=scope.agency) | Q(handling_agency=scope.agency) | Q(Exists(steps))
    return Dossier.objects.filter(where)


def month_start(now):

    day = now.astimezone(TZ).date().replace(day=1)
    return datetime.datetime.combine(day, datetime.time(0), TZ)


def _finished_in_month(start):
    # Ended processing this month with a Decision 766 result (refusals at receipt and redirects have none).
    return Q(finished_at__gte=start) & ~Q(timeliness="")


def _month_counts(start, now):

    finished = _finished_in_month(start)
    limit = due_soon_limit(now)
    running = Q(state__in=RUNNING_STATES)
    return {
        "received": Count("pk", filter=Q(received_at__gte=start)),
        "finished": Count("pk", filter=finished),
        "early": Count("pk", filter=finished & Q(timeliness=Timeliness.EARLY)),
        "on_time": Count("pk", filter=finished & Q(timeliness=Timeliness.ON_TIME)),
        "late": Count("pk", filter=finished & Q(timeliness=Timeliness.LATE)),
        "open": Count("pk", filter=Q(state__in=(*OPEN_STATES, *WAITING_STATES))),
        "overdue": Count("pk", filter=running & Q(appointment_at__lt=now)),
        "due_soon": Count("pk", filter=running & Q(appointment_at__gte=now, appointment_at__lt=limit)),
    }


def dashboard_figures(scope, now, list_size=50):
    """Counts by state, this month's figures, the late and due-soon lists; per agency for the province.

    On-time rate (Decision 766/QĐ-TTg indicator 2.1): (early + on time) ÷ dossiers finished this month.
    """

    rows = dashboard_dossiers(scope)
    start = month_start(now)
    by_state = dict(rows.order_by().values_list("state").annotate(n=Count("pk")))
    month = rows.aggregate(**_month_counts(start, now))
    listed = rows.select_related("procedure_version", "handling_agency", "receiving_agency", "assignee")
    figures = {
        "by_state": by_state,
        "month": month,
        "month_start": start,
        "on_time_rate": _rate(month["early"] + month["on_time"], month["finished"]),
        "overdue": list(with_deadline(listed, OVERDUE, now).order_by("appointment_at", "pk")[:list_size]),
        "due_soon": list(with_deadline(listed, DUE_SOON, now).order_by("appointment_at", "pk")[:list_size]),
        "finished_late": list(
            listed.filter(_finished_in_month(start), timeliness=Timeliness.LATE).order_by(
                "-finished_at", "pk"
            )[:list_size]
        ),
        "agencies": [],
    }
    if scope.province:
        per_agency = (
            rows.order_by()
            .values("receiving_agency", "receiving_agency__name")
            .annotate(**_month_counts(start, now))
            .order_by("receiving_agency__name")
        )
        figures["agencies"] = [
            {**r, "on_time_rate": _rate(r["early"] + r["on_time"], r["finished"])} for r in per_agency
        ]
    return figures


def _rate(part, whole):
    """Percentage with two decimals, or None when nothing finished (shown as N/A, regulations.md §6)."""
    return round(100 * part / whole, 2) if whole else None


def rating_counts(user, start, end, by="receiving_agency"):
    """Satisfaction ratings given in [start, end) on dossiers the user may see, counted per agency
    (``by``: "receiving_agency" or "handling_agency") and level, for Decision 766/QĐ-TTg group 5
    (indicator 5.4, the "dislike" rate): rows of agency_id, total and one count per level."""

    if by not in ("receiving_agency", "handling_agency"):
        raise ValueError(by)
    per_level = {level: Count("id", filter=Q(level=level)) for level in Satisfaction.values}
    return list(
        Rating.objects.filter(
            dossier__in=dossiers_visible_to(user).values("pk"), rated_at__gte=start, rated_at__lt=end
        )
        .values(agency_id=F(f"dossier__{by}_id"))
        .annotate(total=Count("id"), **per_level)
        .order_by("agency_id")
    )
