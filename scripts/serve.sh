#!/usr/bin/env bash
# Serve the platform (gunicorn), its task worker (db_worker of django-tasks-db) and the periodic-task
# scheduler (run_scheduler) together.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
$bin/python manage.py db_worker &
worker=$!
# Enqueues the periodic tasks (message retries, deadline warnings); safe to run on several nodes.
$bin/python manage.py run_scheduler &
scheduler=$!
trap 'kill "$worker" "$scheduler" 2>/dev/null || true' EXIT INT TERM
echo "LienThong: http://$host:$port/  (API docs: http://$host:$port/api/docs/; Ctrl+C to stop)"
# Two sync workers per core (the request work is Python, CPU-bound): on 2 cores it served the most
# with the lowest p95 (docs/benchmarks.md); behind a buffering proxy, slow clients do not hold them.
$bin/gunicorn lienthong.wsgi --bind "$host:$port" --workers "${WEB_WORKERS:-$((2 * $(nproc)))}" \
  --threads "${WEB_THREADS:-1}" --access-logfile - --log-level warning
