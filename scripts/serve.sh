#!/usr/bin/env bash
# Serve the platform (gunicorn) and its task worker (db_worker of django-tasks-db) together.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
$bin/python manage.py db_worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "LienThong: http://$host:$port/  (API docs: http://$host:$port/api/docs/; Ctrl+C to stop)"
$bin/gunicorn lienthong.wsgi --bind "$host:$port" --workers "${WEB_WORKERS:-2}" --threads 4 \
  --access-logfile - --log-level warning
