"""Deadline warnings (issue 4, item 4): a periodic sweep tells the assignee and the handling agency's
leaders when a running dossier is due soon, due today or overdue (regulations.md §7.2 "warning
states" [confirmed for the practice]; thresholds configurable).

A dossier waiting for the applicant (supplement, financial obligation) has its clock stopped and is
not swept. Each recipient hears once per dossier, level and day (dedup key); the query count does
not grow with the number of dossiers (one batch of queries per ``_BATCH`` dossiers).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django_tasks import task

from lienthong.accounts.models import RoleAssignment
from lienthong.accounts.roles import LEADER_ROLES
from lienthong.dossiers.models import Dossier, DossierStep, State
from lienthong.dossiers.notify import lookup_url, when
from lienthong.notifications.events import EVENTS
from lienthong.notifications.services import Notice, Recipient, notify_many
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import TZ

logger = logging.getLogger(__name__)
RUNNING = (State.RECEIVED, State.PROCESSING)
DUE_SOON, DUE_TODAY, OVERDUE = "due_soon", "due_today", "overdue"
# Officers are warned during the working day only (local hours [from, until)).
SWEEP_HOURS = (7, 18)
_BATCH = 500


def horizon(today):
    """End (exclusive) of the "due soon" window: local midnight after the N-th next working day."""
    last = deadlines.add_working_days(today, settings.DEADLINE_DUE_SOON_WORKING_DAYS)
    return datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(0), TZ)


def level(deadline, now):
    """The warning level of a deadline at ``now`` (None beyond the due-soon window)."""
    if deadline < now:
        return OVERDUE
    today = now.astimezone(TZ).date()
    if deadline.astimezone(TZ).date() == today:
        return DUE_TODAY
    return DUE_SOON if deadline < horizon(today) else None


def _candidates(now, limit):
    open_step = DossierStep.objects.filter(dossier=OuterRef("pk"), finished_at__isnull=True).order_by("-id")
    return (
        Dossier.objects.filter(state__in=RUNNING, appointment_at__isnull=False)
        .annotate(
            step_deadline=Subquery(open_step.values("deadline")[:1]),
            step_name=Subquery(open_step.values("name")[:1]),
        )
        .filter(Q(appointment_at__lt=limit) | Q(step_deadline__lt=limit))
        .select_related("assignee", "procedure_version__procedure", "receiving_agency")
        .order_by("pk")
    )


def _leaders(agency_ids):
    found = {}
    assignments = (
        RoleAssignment.objects.active()
        .filter(agency_id__in=agency_ids, role__in=LEADER_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    for a in assignments:
        found.setdefault(a.agency_id, {})[a.user_id] = a.user
    return found


def _dossier_url(code):
    try:
        return settings.SITE_URL + reverse("dossiers:detail", args=[code])
    except NoReverseMatch:
        return ""


def _notice(dossier, lvl, deadline, users, today):
    context = {
        "code": dossier.code or "",
        "applicant_name": dossier.applicant_name,
        "procedure_name": dossier.procedure_version.name,
        "procedure_code": dossier.procedure_version.procedure.code,
        "agency_name": dossier.receiving_agency.name,
        "appointment": when(dossier.appointment_at),
        "lookup_url": lookup_url(dossier.code),
        "platform_name": settings.PLATFORM_NAME,
        "reasons": "",
        "step_name": dossier.step_name or "",
        "deadline": when(deadline),
        "level": str(EVENTS[f"dossier.deadline_{lvl}"].label),
        "dossier_url": _dossier_url(dossier.code),
    }
    recipients = tuple(Recipient(email=u.email, phone=u.phone, user=u, key=f"u{u.pk}") for u in users)
    return Notice(
        f"dossier.deadline_{lvl}",
        context,
        recipients,
        dedup_key=f"deadline:{dossier.pk}:{lvl}:{today.isoformat()}",
        related=("dossiers.dossier", dossier.pk, dossier.code or ""),
    )


def sweep_deadlines(now=None):
    """Queue the deadline warnings due at ``now``; returns {level: number of dossiers}.

    Does nothing outside the working hours of a working day (the officers are not at work).
    """
    now = now or timezone.now()
    local = now.astimezone(TZ)
    counts = {DUE_SOON: 0, DUE_TODAY: 0, OVERDUE: 0}
    if not deadlines.is_working_day(local.date()) or not SWEEP_HOURS[0] <= local.hour < SWEEP_HOURS[1]:
        return counts
    limit = horizon(local.date())
    last_pk = 0
    with translation.override(settings.LANGUAGE_CODE):
        while True:
            batch = list(_candidates(now, limit).filter(pk__gt=last_pk)[:_BATCH])
            if not batch:
                break
            last_pk = batch[-1].pk
            leaders = _leaders({d.handling_agency_id for d in batch})
            notices = []
            for dossier in batch:
                deadline = min(x for x in (dossier.appointment_at, dossier.step_deadline) if x is not None)
                lvl = level(deadline, now)
                if lvl is None:
                    continue
                users = dict(leaders.get(dossier.handling_agency_id, {}))
                if dossier.assignee_id and dossier.assignee.is_active:
                    users[dossier.assignee_id] = dossier.assignee
                counts[lvl] += 1
                if users:
                    notices.append(_notice(dossier, lvl, deadline, users.values(), local.date()))
            with transaction.atomic():
                notify_many(notices)
    logger.info("Deadline sweep: %s", counts)
    return counts


@task()
def deadline_sweep():
    return sweep_deadlines()
