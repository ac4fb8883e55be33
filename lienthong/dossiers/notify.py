"""What the applicant is told at each step of their dossier (issue 4, item 8): e-mail and SMS through
``lienthong.notifications``, queued in the action's transaction and sent after it commits.

A notification that cannot be prepared is logged and dropped: it never undoes the dossier action.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation

from lienthong.catalog.models import ProcedureVersion
from lienthong.dossiers.models import DeliveryMethod
from lienthong.notifications.services import Recipient, notify
from lienthong.workdays.deadlines import TZ

logger = logging.getLogger(__name__)

# History actions the applicant hears about (each has a template "dossier.<action>").
APPLICANT_EVENTS = frozenset(
    {
        "accept",
        "refuse_at_receipt",
        "redirect",
        "request_supplement",
        "receive_supplement",
        "request_obligation",
        "apologise",
        "refuse",
        "stop",
        "withdraw",
        "approve",
        "return_result",
    }
)


def when(instant):
    """A moment as Vietnamese readers write it: "17:30 ngày 24/11/2026" (local time)."""
    if instant is None:
        return ""
    if isinstance(instant, str):
        from django.utils.dateparse import parse_datetime

        instant = parse_datetime(instant)
        if instant is None:
            return ""
    return instant.astimezone(TZ).strftime("%H:%M ngày %d/%m/%Y")


def money(amount):
    return f"{int(amount or 0):,}".replace(",", ".") + " đồng"


def lookup_url(code):
    return settings.PUBLIC_LOOKUP_URL.format(code=code) if code else ""


def dossier_context(dossier, procedure=None):
    """The variables every dossier template may use (see lienthong.notifications.events)."""
    if procedure is None:
        procedure = (
            ProcedureVersion.objects.filter(pk=dossier.procedure_version_id)
            .values("name", "procedure__national_code", "procedure__local_code")
            .first()
            or {}
        )
    return {
        "code": dossier.code or "",
        "applicant_name": dossier.applicant_name,
        "procedure_name": procedure.get("name", ""),
        "procedure_code": procedure.get("procedure__national_code")
        or procedure.get("procedure__local_code", ""),
        "agency_name": dossier.receiving_agency.name,
        "appointment": when(dossier.appointment_at),
        "lookup_url": lookup_url(dossier.code),
        "platform_name": settings.PLATFORM_NAME,
        "reasons": dossier.outcome_note,
    }


def _event_context(dossier, action, data, note):
    extra = {"reasons": note or dossier.outcome_note}
    if action == "accept":
        extra["received_at"] = when(dossier.received_at)
    elif action == "redirect":
        extra["redirect_agency"] = dossier.redirected_to.name if dossier.redirected_to_id else ""
    elif action == "request_supplement":
        items = [str(i) for i in data.get("items", [])]
        extra.update(items=items, items_text="; ".join(items))
    elif action == "request_obligation":
        extra["total"] = money(data["total"]) if data.get("total") else ""
    elif action == "apologise":
        extra["old_appointment"] = when(data.get("old"))
    elif action == "return_result":
        extra["delivery_method"] = (
            str(DeliveryMethod(dossier.delivery_method).label) if dossier.delivery_method else ""
        )
        extra["received_by"] = dossier.result_received_by
    return extra


def applicant_recipient(dossier):
    user = dossier.applicant_user if dossier.applicant_user_id else None
    return Recipient(
        email=dossier.applicant_email or (user.email if user else ""),
        phone=dossier.applicant_phone or (getattr(user, "phone", "") if user else ""),
        user=user,
    )


def dossier_changed(dossier, action, data, event=None):
    """Queue the applicant's messages for history row ``event`` (action ``action``, data ``data``).

    Dedup key ``dossier:<pk>:<event id>:<channel>``: the same history row never sends twice. Runs in
    a savepoint, so a failure (a broken template, a database error on the outbox) only loses the
    message, never the dossier action.
    """
    if action not in APPLICANT_EVENTS:
        return []
    try:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            context = {
                **dossier_context(dossier),
                **_event_context(dossier, action, data or {}, getattr(event, "note", "")),
            }
            return notify(
                f"dossier.{action}",
                context,
                [applicant_recipient(dossier)],
                dedup_key=f"dossier:{dossier.pk}:{event.pk if event is not None else action}",
                related=("dossiers.dossier", dossier.pk, dossier.code or ""),
            )
    except Exception:
        logger.exception("Notification of %s on dossier %s failed; the action stands.", action, dossier.pk)
        return []
