import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from lienthong.notifications import scheduler

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks (settings.PERIODIC_TASKS) when they are due; "
        "several schedulers may run at once, each slot is enqueued once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks (default 30).")

    def handle(self, *args, once=False, interval=30, **options):
        while True:
            try:
                scheduler.run_due()
            except Exception:
                # A database hiccup must not stop the scheduler; the next tick tries again.
                logger.exception("Periodic tasks could not be enqueued.")
            if once:
                return
            time.sleep(max(interval, 1))
            # A long-lived process: drop a connection the database closed or that has grown old.
            close_old_connections()
