"""Notifications: write outbox rows in the caller's transaction, deliver them after it commits,
retry with exponential back-off; and the province's edits of the message templates.

Delivery is at least once: a message is claimed (pending → sending) by one conditional UPDATE, so
two workers never send the same row at once; a worker that dies mid-send leaves the row "sending",
and ``retry_due_messages`` sends it again once ``NOTIFICATIONS_SENDING_TIMEOUT_MINUTES`` have passed.
"""

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.core import audit
from lienthong.notifications import channels, rendering
from lienthong.notifications.events import EVENTS
from lienthong.notifications.models import Channel, Message, MessageTemplate, Status

logger = logging.getLogger(__name__)
_CHUNK = 500
_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class Recipient:
    """Where one person gets messages; ``key`` tells recipients apart under one dedup key."""

    email: str = ""
    phone: str = ""
    user: Any = None
    key: str = ""

    def address(self, channel):
        return (self.email if channel == Channel.EMAIL else self.phone).strip()


@dataclass(frozen=True)
class Notice:
    event: str
    context: dict
    recipients: tuple
    dedup_key: str
    related: tuple = ("", "", "")  # (type, id, label), e.g. ("dossiers.dossier", "42", the code)


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _templates(events):
    found = {}
    for t in MessageTemplate.objects.filter(event__in=set(events), active=True):
        try:
            found[t.event, t.channel] = (
                t,
                rendering.compile_template(t.subject),
                rendering.compile_template(t.body),
            )
        except Exception:
            logger.exception("Message template %s is broken; nothing sent for it.", t)
    return found


def _build(notice, channel, found, recipient, key):
    template, subject, body = found[notice.event, channel]
    subject = rendering.one_line(rendering.render(subject, notice.context))[:255]
    body = rendering.render(body, notice.context)
    if channel == Channel.SMS:
        body = rendering.one_line(body)
        if template.strip_diacritics:
            body = rendering.strip_diacritics(body)
    related_type, related_id, related_label = notice.related
    return Message(
        channel=channel,
        event=notice.event,
        recipient=recipient.address(channel)[:254],
        user=recipient.user,
        subject=subject if channel == Channel.EMAIL else "",
        body=body,
        next_attempt_at=timezone.now(),
        dedup_key=key,
        related_type=related_type,
        related_id=str(related_id),
        related_label=related_label[:100],
    )


def _candidates(notices, found):
    for notice in notices:
        for recipient in notice.recipients:
            for channel in Channel.values:
                if not recipient.address(channel):
                    continue
                if (notice.event, channel) not in found:
                    logger.info("No active %s template for %s: nothing sent.", channel, notice.event)
                    continue
                key = ":".join(part for part in (notice.dedup_key, recipient.key, channel) if part)
                yield notice, channel, recipient, key


def notify_many(notices):
    """Queue the messages of ``notices`` (one query per step whatever their number) and deliver them
    after the caller's transaction commits. A key already in the outbox is skipped; a template that
    fails to render is logged and skipped. Returns the ids of the pending messages of these keys."""
    notices = list(notices)
    found = _templates(n.event for n in notices)
    candidates = list(_candidates(notices, found))
    keys = [c[3] for c in candidates]
    existing = set()
    for chunk in _chunks(keys):
        existing.update(Message.objects.filter(dedup_key__in=chunk).values_list("dedup_key", flat=True))
    rows = []
    for notice, channel, recipient, key in candidates:
        if key in existing:
            continue
        existing.add(key)
        try:
            rows.append(_build(notice, channel, found, recipient, key))
        except Exception:
            logger.exception("Could not render %s (%s) for %s.", notice.event, channel, key)
    if not rows:
        return []
    Message.objects.bulk_create(rows, batch_size=_CHUNK, ignore_conflicts=True)
    ids = []
    for chunk in _chunks(r.dedup_key for r in rows):
        ids.extend(
            Message.objects.filter(dedup_key__in=chunk, status=Status.PENDING).values_list("pk", flat=True)
        )
    transaction.on_commit(lambda: _enqueue(ids))
    return ids


def notify(event, context, recipients, dedup_key, related=("", "", "")):
    """Render ``event``'s active templates for each recipient and channel into the outbox."""
    return notify_many([Notice(event, context, tuple(recipients), dedup_key, related)])


def _enqueue(ids):
    from lienthong.notifications.tasks import deliver_messages

    try:
        deliver_messages.enqueue(ids)
    except Exception:
        # The rows stay pending: retry_due_messages picks them up.
        logger.exception("Could not enqueue the delivery of messages %s.", ids)


def backoff(attempts):
    """Minutes before the next try after ``attempts`` failed ones: 1, 5, 25, 125… up to a cap."""
    base = settings.NOTIFICATIONS_RETRY_BASE_MINUTES
    return datetime.timedelta(
        minutes=min(base * 5 ** max(attempts - 1, 0), settings.NOTIFICATIONS_RETRY_MAX_MINUTES)
    )


def deliver(message_id):
    """Send one pending, due message; True when it was sent by this call."""
    now = timezone.now()
    claimed = Message.objects.filter(pk=message_id, status=Status.PENDING, next_attempt_at__lte=now).update(
        status=Status.SENDING, attempts=F("attempts") + 1, sending_since=now
    )
    if not claimed:
        return False
    message = Message.objects.get(pk=message_id)
    try:
        channels.send(message)
    except Exception as exc:
        _failed(message, exc)
        return False
    Message.objects.filter(pk=message_id, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _failed(message, exc):
    error = f"{type(exc).__name__}: {exc}"[:_ERROR_LENGTH]
    if message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        logger.error("Message %s failed for good after %s attempts: %s", message.pk, message.attempts, error)
        fields = {"status": Status.FAILED}
    else:
        logger.warning("Message %s failed (attempt %s), will retry: %s", message.pk, message.attempts, error)
        fields = {"status": Status.PENDING, "next_attempt_at": timezone.now() + backoff(message.attempts)}
    Message.objects.filter(pk=message.pk, status=Status.SENDING).update(last_error=error, **fields)


def retry_due_messages(limit=500):
    """Send pending messages whose time has come, after giving back those left "sending" by a worker
    that died. Run periodically; returns how many were sent."""
    now = timezone.now()
    stale = Message.objects.filter(
        status=Status.SENDING,
        sending_since__lt=now - datetime.timedelta(minutes=settings.NOTIFICATIONS_SENDING_TIMEOUT_MINUTES),
    )
    interrupted = _("Gửi bị gián đoạn (tiến trình gửi dừng đột ngột).")
    stale.filter(attempts__gte=settings.NOTIFICATIONS_MAX_ATTEMPTS).update(
        status=Status.FAILED, last_error=interrupted
    )
    stale.update(status=Status.PENDING, next_attempt_at=now, last_error=interrupted)
    due = (
        Message.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver(pk) for pk in list(due))


# Templates


def template_context_help(event):
    found = EVENTS.get(event)
    return found.variables if found else []


def check_template(event, channel, subject, body):
    """Raise ValidationError({field: message}) unless the template compiles, uses only the event's
    variables and renders with its sample values."""
    variables = template_context_help(event)
    fields = {"body": body}
    if channel == Channel.EMAIL:
        fields["subject"] = subject
    rendering.validate(fields, variables)
    preview(event, channel, subject, body)


def preview(event, channel, subject, body, strip_diacritics=False):
    """The message as it would be sent with the event's sample values: {"subject", "body"}."""
    sample = EVENTS[event].sample if event in EVENTS else {}
    text = rendering.render(body, sample)
    if channel == Channel.SMS:
        text = rendering.one_line(text)
        if strip_diacritics:
            text = rendering.strip_diacritics(text)
    title = rendering.one_line(rendering.render(subject, sample)) if channel == Channel.EMAIL else ""
    return {"subject": title, "body": text}


def save_template(actor, template, *, subject, body, active, strip_diacritics=False):
    """Change a template; a broken one is refused (ValidationError) and nothing is saved."""
    check_template(template.event, template.channel, subject, body)
    before = audit.snapshot(template, ("subject", "body", "active", "strip_diacritics"))
    with transaction.atomic():
        template.subject = subject if template.channel == Channel.EMAIL else ""
        template.body = body
        template.active = active
        template.strip_diacritics = strip_diacritics and template.channel == Channel.SMS
        template.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        template.save()
        audit.record(
            actor,
            "notifications.template_update",
            template,
            before=before,
            after=audit.snapshot(template, ("subject", "body", "active", "strip_diacritics")),
        )
    return template
