"""Periodic tasks, safe with several scheduler processes: each run claims a (task, time slot) row
whose unique constraint lets only one of them enqueue it.

``settings.PERIODIC_TASKS`` maps a django-tasks task's dotted path to its period in minutes.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from lienthong.notifications.models import ScheduledRun

logger = logging.getLogger(__name__)
_KEEP = datetime.timedelta(days=2)


def slot(now, minutes):
    """The start of the ``minutes``-long slot ``now`` falls in (slots counted from the Unix epoch)."""
    seconds = minutes * 60
    return datetime.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=datetime.UTC)


def run_due(now=None):
    """Enqueue every periodic task whose current slot nobody has claimed yet; returns their paths."""
    now = now or timezone.now()
    enqueued = []
    for path, minutes in settings.PERIODIC_TASKS.items():
        try:
            # The claim and (with the database queue) the task row commit together or not at all.
            with transaction.atomic():
                ScheduledRun.objects.create(task=path, slot=slot(now, minutes))
                import_string(path).enqueue()
        except IntegrityError:
            continue
        enqueued.append(path)
    ScheduledRun.objects.filter(slot__lt=now - _KEEP).delete()
    if enqueued:
        logger.info("Enqueued periodic tasks: %s", ", ".join(enqueued))
    return enqueued
