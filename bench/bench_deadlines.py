"""Deadline arithmetic throughput: computations of ``due_at`` per second on one core.

Standalone: ``.venv/bin/python bench/bench_deadlines.py``. It sets Django up on a throw-away SQLite
database, migrates (which loads the shipped 2026–2027 calendar), then times a fixed, seeded mix of
receipts (working hours, lunch, evenings, weekends, Tết) and limits (whole and half days, hours).
Target (issue 3): at least 50,000 computations per second.
"""

import os
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 50_000
COUNT = 200_000


def setup_django(data_dir):
    sys.path.insert(0, str(ROOT))
    os.environ.pop("DATABASE_URL", None)
    os.environ["LIENTHONG_DATA_DIR"] = data_dir
    os.environ["LIENTHONG_PROFILE"] = "development"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lienthong.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def workload(tz, count):
    rng = random.Random(20261122)
    first = datetime(2026, 1, 1, tzinfo=tz)
    cases = []
    for _ in range(count):
        start = first + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        if rng.random() < 0.7:
            cases.append((start, Decimal(rng.randrange(0, 61)) / 2, "working_days"))
        else:
            cases.append((start, Decimal(rng.randrange(1, 400)) / 2, "working_hours"))
    return cases


def rate(function, cases):
    started = time.perf_counter()
    for start, amount, unit in cases:
        function(start, amount, unit)
    return len(cases) / (time.perf_counter() - started)


def main():
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    data_dir = tempfile.mkdtemp(prefix="lienthong-bench-")
    try:
        setup_django(data_dir)
        from lienthong.workdays import deadlines, selectors

        calendar = selectors.current_calendar()
        cases = workload(deadlines.TZ, COUNT)
        rate(calendar.due_at, cases[:5000])  # warm-up
        pure = rate(calendar.due_at, cases)
        through_cache = rate(deadlines.due_at, cases)
        print(f"due_at, calendar held by the caller:      {pure:>10,.0f} computations/s")
        print(f"due_at, module-level (revision checked):  {through_cache:>10,.0f} computations/s")
        print(
            f"target {TARGET:,}/s: {'met' if pure >= TARGET else 'NOT met'} ({COUNT:,} computations, one core)"
        )
        return 0 if pure >= TARGET else 1
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
