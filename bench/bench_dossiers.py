"""One-stop dossiers at scale: receipt through the API, work queues, lookup by code, on PostgreSQL.

Run on a database filled by ``bench/gen_dossiers.py`` (1,000,000 dossiers by default):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lt_bench .venv/bin/python bench/bench_dossiers.py

It collects the static files, starts gunicorn with the production profile over plain HTTP
(``--workers``, ``--threads``), makes a Django session per bench user in the database (desk
officers need no MFA; CSRF through the cookie and header pair), then drives it with 16 client
threads (stdlib ``http.client``, keep-alive connections) and prints a table:

* receipt: ``POST /api/v1/dossiers/`` by 16 desk officers of different agencies, each request
  with its own ``Idempotency-Key`` → dossiers/s (target ≥ 100/s);
* work queues: ``GET /api/v1/dossiers/?queue=mine|unit|agency`` and the page ``/mot-cua/?queue=…``
  for 16 officers (desk, specialists, leaders) → p50/p95/p99 (target p95 ≤ 100 ms);
* lookup: ``GET /api/v1/dossiers/<code>/`` by 16 clients → requests/s (target ≥ 1,000/s), and the
  selector ``selectors.dossier_detail`` alone, in this process → lookups/s.

The dossiers received by the run stay in the database (they continue the daily code sequences).
"""

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 16
TARGET_RECEIPTS, TARGET_P95_MS, TARGET_LOOKUPS = 100.0, 100.0, 1000.0
SECRET = "bench-" + "k" * 50  # shared by the server and this process (session hashes)
ENV = {
    "LIENTHONG_PROFILE": "production",
    "SECRET_KEY": SECRET,
    "SECURE_SSL_REDIRECT": "false",
    "BEHIND_TLS_PROXY": "false",
    "SECURE_HSTS_SECONDS": "0",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "LOG_LEVEL": "WARNING",
    "DB_CONN_MAX_AGE": "600",
}
# Procedures the commune desks receive in the bench (all in the demo catalogue).
PROCEDURES = ["2.000815", "2.000884", "1.001193", "1.004873", "2.000635", "1.000894", "1.001612"]
NAMES = [
    "Nguyễn Văn Bình",
    "Trần Thị Ánh",
    "Lê Hoàng Phúc",
    "Phạm Ngọc Hạnh",
    "Huỳnh Đức Thắng",
    "Võ Thị Yến",
]


def setup_django(static_root):
    sys.path.insert(0, str(ROOT))
    os.environ.update(ENV, STATIC_ROOT=static_root)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lienthong.settings"
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL=postgres://… of a database filled by bench/gen_dossiers.py is required.")
    import django

    django.setup()


def start_server(port, workers, threads, static_root):
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "lienthong.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
        "--backlog",
        "256",
    ]
    env = {**os.environ, **ENV, "STATIC_ROOT": static_root}
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    sys.exit("gunicorn did not answer")


def stop_server(server):
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


def session_for(user):
    """A logged-in session made in the database, as the login page would make it."""
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    return store.session_key


class Client:
    """One officer's keep-alive connection, with its session and CSRF cookie."""

    def __init__(self, port, user):
        self.port, self.user = port, user
        self.csrf = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
        self.cookie = f"sessionid={session_for(user)}; csrftoken={self.csrf}"
        self.connection = None

    def call(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        send = {"Cookie": self.cookie, "Accept-Language": "vi", **(headers or {})}
        if body is not None:
            body = json.dumps(body).encode()
            send |= {"Content-Type": "application/json", "X-CSRFToken": self.csrf}
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=send)
            response = self.connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = None
            raise
        elapsed = (time.perf_counter() - started) * 1000
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, data, elapsed


def run_clients(clients, work, seconds):
    """Each client thread calls ``work(client, rng)`` until ``seconds`` have passed; returns
    (samples by label, errors, elapsed seconds)."""
    samples, errors, lock = {}, [], threading.Lock()
    stop_at = time.perf_counter() + seconds
    barrier = threading.Barrier(len(clients) + 1)

    def loop(index, client):
        rng = random.Random(index)
        mine = {}
        barrier.wait()
        while time.perf_counter() < stop_at:
            try:
                label, status, elapsed, ok = work(client, rng)
            except (http.client.HTTPException, OSError) as exc:
                with lock:
                    errors.append(repr(exc))
                continue
            if not ok:
                with lock:
                    errors.append(f"{label}: HTTP {status}")
                continue
            mine.setdefault(label, []).append(elapsed)
        with lock:
            for label, values in mine.items():
                samples.setdefault(label, []).extend(values)

    threads = [threading.Thread(target=loop, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return samples, errors, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def users(names):
    from django.contrib.auth import get_user_model

    found = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    return [found[n] for n in names if n in found]


def receipt_work(components):
    def work(client, rng):
        agency_id, procedure = client.desk, rng.choice(PROCEDURES)
        kind = 1
        body = {
            "procedure": procedure,
            "agency": agency_id,
            "channel": 1,  # at the counter (online receipts come with files)
            "applicant": {
                "kind": kind,
                "name": rng.choice(NAMES),
                "id_number": f"0861{rng.randrange(60, 99)}{rng.randrange(10**6):06d}",
                "address": "Số 12, phường Thanh Đức, tỉnh Vĩnh Long",
                "phone": f"09{rng.randrange(10**8):08d}",
            },
            "components": components[procedure],
        }
        key = {"Idempotency-Key": f"bench-{uuid.uuid4()}"}
        status, _data, elapsed = client.call("POST", "/api/v1/dossiers/", body, key)
        return "receipt POST /api/v1/dossiers/", status, elapsed, status == 201

    return work


def queue_work(page_ok):
    kinds = ["mine", "unit", "agency"]

    def work(client, rng):
        queue = rng.choice(kinds)
        if page_ok and rng.random() < 0.5:
            status, _data, elapsed = client.call("GET", f"/mot-cua/?queue={queue}")
            return f"page /mot-cua/?queue={queue}", status, elapsed, status == 200
        status, _data, elapsed = client.call("GET", f"/api/v1/dossiers/?queue={queue}")
        return f"API ?queue={queue}", status, elapsed, status == 200

    return work


def lookup_work(codes, suffix=""):
    label = f"lookup GET /api/v1/dossiers/<code>/{suffix}"

    def work(client, rng):
        code = rng.choice(codes[client.user.pk])
        status, _data, elapsed = client.call("GET", f"/api/v1/dossiers/{code}/{suffix}")
        return label, status, elapsed, status == 200

    return work


def line(label, values, elapsed, unit="req/s"):
    p50, p95, p99 = (percentile(values, f) for f in (0.5, 0.95, 0.99))
    rate = len(values) / elapsed
    load = os.getloadavg()[0]  # the machine may be shared: a figure taken under load says so
    print(
        f"{label:<40} {len(values):>7,} {rate:>9,.1f} {unit:<10} p50 {p50:7.1f}  p95 {p95:7.1f}  p99 {p99:7.1f} ms"
        f"  (load {load:.1f})"
    )
    return rate, p95


def selector_rate(codes, seconds=10):
    from lienthong.dossiers import selectors

    pairs = [(user, code) for user, mine in codes.items() for code in mine]
    rng = random.Random(3)
    for user, code in pairs[:200]:
        selectors.dossier_detail(user, code=code)  # warm-up
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        user, code = rng.choice(pairs)
        assert selectors.dossier_detail(user, code=code) is not None
        count += 1
    return count / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))  # as scripts/serve.sh
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", choices=["receipt", "queues", "lookup"], action="append")
    args = parser.parse_args()
    static_root = tempfile.mkdtemp(prefix="lienthong-bench-static-")
    setup_django(static_root)
    from django.contrib.auth import get_user_model

    from lienthong.catalog.selectors import version_in_force
    from lienthong.dossiers.models import Dossier
    from lienthong.dossiers.selectors import dossiers_visible_to

    total = Dossier.objects.count()
    print(f"{total:,} dossiers in {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}")
    User = get_user_model()
    server = start_server(args.port, args.workers, args.threads, static_root)
    failed = []
    try:
        print(
            f"gunicorn: {args.workers} workers × {args.threads} threads; {CLIENTS} clients, "
            f"{args.seconds:.0f} s per measurement"
        )
        print(f"{'measurement':<40} {'count':>7} {'rate':>9} {'':<10} latency")
        only = set(args.only or ["receipt", "queues", "lookup"])
        if "receipt" in only:
            desks = list(
                User.objects.filter(
                    role_assignments__role="one_stop_officer",
                    role_assignments__agency__kind="ubnd_xa",
                    role_assignments__revoked_at__isnull=True,
                )
                .order_by("username")
                .values_list("username", "role_assignments__agency_id")
            )
            picked = [d for d in desks if d[0] == "motcua.thanhduc"]
            picked += random.Random(1).sample([d for d in desks if d[0] != "motcua.thanhduc"], CLIENTS - 1)
            clients = []
            for (_name, agency_id), user in zip(picked, users([p[0] for p in picked]), strict=True):
                client = Client(args.port, user)
                client.desk = agency_id
                clients.append(client)
            components = {}
            for code in PROCEDURES:
                version = version_in_force(code)
                components[code] = [c.pk for c in version.components.all() if c.requirement == "required"]
            run_clients(clients, receipt_work(components), 3)  # warm-up
            samples, errors, elapsed = run_clients(clients, receipt_work(components), args.seconds)
            rate, _p95 = line(
                "receipt POST /api/v1/dossiers/", samples.get(next(iter(samples)), []), elapsed, "dossiers/s"
            )
            report_errors(errors)
            if rate < TARGET_RECEIPTS:
                failed.append("receipt")
        queue_users = users(
            [
                "motcua.thanhduc",
                "lanhdao.thanhduc",
                "motcua.ttpvhcc",
                "bench.motcua.3",
                "bench.chuyenvien.112",
                "bench.chuyenvien.17",
                "bench.chuyenvien.18",
                "bench.chuyenvien.6",
                "bench.lanhdao.17",
                "bench.lanhdao.18",
                "bench.lanhdao.6",
                "chuyenvien.stp",
                "truongphong.stp",
                "lanhdao.stp",
                "vanthu.thanhduc",
                "bench.chuyenvien.3",
            ]
        )
        if "queues" in only:
            clients = [Client(args.port, u) for u in queue_users]
            status, _d, _e = clients[0].call("GET", "/mot-cua/?queue=mine")
            page_ok = status == 200
            if not page_ok:
                print(f"(the queue page /mot-cua/ answered {status}: measured on the API only)")
            run_clients(clients, queue_work(page_ok), 3)
            samples, errors, elapsed = run_clients(clients, queue_work(page_ok), args.seconds)
            worst = 0.0
            for label in sorted(samples):
                _rate, p95 = line(label, samples[label], elapsed)
                worst = max(worst, p95)
            everything = [v for values in samples.values() for v in values]
            line("all queue requests", everything, elapsed)
            report_errors(errors)
            if worst > TARGET_P95_MS:
                failed.append("queues")
        if "lookup" in only:
            lookup_users = users(
                ["motcua.thanhduc", "lanhdao.thanhduc", "motcua.ttpvhcc", "bench.chuyenvien.17"]
            )
            codes = {}
            for user in lookup_users:
                rows = (
                    dossiers_visible_to(user).exclude(code=None).order_by("?").values_list("code", flat=True)
                )
                codes[user] = list(rows[:2000])
            clients = [Client(args.port, lookup_users[i % len(lookup_users)]) for i in range(CLIENTS)]
            by_pk = {u.pk: codes[u] for u in lookup_users}
            # The compact status (what "lookup by code" needs; target) and the full detail.
            run_clients(clients, lookup_work(by_pk, "status/"), 3)
            samples, errors, elapsed = run_clients(clients, lookup_work(by_pk, "status/"), args.seconds)
            rate, _p95 = line("lookup GET …/<code>/status/", samples[next(iter(samples))], elapsed)
            report_errors(errors)
            samples, errors, elapsed = run_clients(clients, lookup_work(by_pk), args.seconds)
            line("lookup GET …/<code>/ (full detail)", samples[next(iter(samples))], elapsed)
            report_errors(errors)
            in_process = selector_rate(codes)
            print(f"{'lookup selectors.dossier_detail (1 thread)':<40} {'':>7} {in_process:>9,.1f} lookups/s")
            if rate < TARGET_LOOKUPS:
                failed.append("lookup")
    finally:
        stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)
    print(
        f"targets: receipt ≥ {TARGET_RECEIPTS:.0f}/s, queue p95 ≤ {TARGET_P95_MS:.0f} ms, "
        f"lookup ≥ {TARGET_LOOKUPS:,.0f}/s: {'met' if not failed else 'NOT met: ' + ', '.join(failed)}"
    )
    return 1 if failed else 0


def report_errors(errors):
    if errors:
        counts = {}
        for e in errors:
            counts[e] = counts.get(e, 0) + 1
        print("   errors:", ", ".join(f"{k} ×{v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    sys.exit(main())
