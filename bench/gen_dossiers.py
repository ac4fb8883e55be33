"""Generate one-stop dossiers for the benchmarks: 1,000,000 over two years in the demo province.

``DATABASE_URL=postgres://postgres@127.0.0.1:5432/lt_bench .venv/bin/python bench/gen_dossiers.py``
(``--count``, ``--reset``, ``--seed``). PostgreSQL only: rows go in through ``COPY``.

It migrates and loads the demo province and catalogue when they are missing, adds bench officials
(a desk officer, a specialist and a leader per commune and per handling agency, ``bench.*``, no
password: the bench logs in with sessions made in the database), then writes dossiers received on
the working days of the last two years, with their process steps (``DossierStep``) and history
(``DossierEvent``), codes of ``dossiers.codes`` (gap-free per agency and day) and the matching
``DailyCounter`` rows, so that receipts made afterwards continue the sequences.

Each dossier follows the services' path (accept → transfer per step → approve → return, with
supplements, refusals, withdrawals, stops, refusals at receipt and redirects), timed from its
receipt: appointments come from ``dossiers.deadlines.appointment_for``; the steps share the time
to the finish in proportion to the catalogue's durations. The timeline is cut at "now", so recent
and stuck dossiers are open, assigned to the officers of their step. Not written: audit records
(``core.audit``), files, ratings.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from bisect import bisect
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DAY = 86400
LOCAL = datetime.timezone(datetime.timedelta(hours=7))  # Asia/Ho_Chi_Minh, no DST
UTC = datetime.UTC

# How often each procedure is asked for at a commune desk (relative; others 1).
COMMUNE_WEIGHTS = {
    "2.000815": 30,  # chứng thực bản sao
    "2.000884": 10,  # chứng thực chữ ký
    "1.001193": 9,  # khai sinh
    "1.004873": 7,  # xác nhận tình trạng hôn nhân
    "2.000635": 6,  # trích lục hộ tịch
    "1.000894": 4,  # kết hôn
    "1.000656": 3,  # khai tử
    "1.001612": 3,  # thành lập hộ kinh doanh
    "VLG-DD-01": 3,
    "VLG-DD-02": 2,
    "VLG-CT-01": 3,
    "VLG-XD-01": 2,
}
# Published catalogue procedures received at the provincial centre's desk.
CENTRE_WEIGHTS = {"VLG-LLTP-01": 6, "VLG-DN-01": 3, "2.001610": 1, "VLG-DN-02": 1, "VLG-DN-03": 2}
CENTRE_SHARE = 0.08
THANH_DUC_SHARE = 0.06  # the demo desk officer motcua.thanhduc's commune: a busy ward

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Trương",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Thạch",
    "Kim",
    "Sơn",
    "Đinh",
    "Lâm",
]
MIDDLE = {
    "M": ["Văn", "Hữu", "Minh", "Quốc", "Thanh", "Công", "Đức", "Hoàng"],
    "F": ["Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Bích"],
}
GIVEN = {
    "M": [
        "Hùng",
        "Dũng",
        "Phúc",
        "Tâm",
        "Khang",
        "Nghĩa",
        "Tài",
        "Lộc",
        "Thắng",
        "Hiếu",
        "Trung",
        "Bảo",
        "Đạt",
        "Phát",
        "Toàn",
        "Vũ",
        "Sang",
        "Khải",
    ],
    "F": [
        "Lan",
        "Hoa",
        "Thảo",
        "Trang",
        "Ngân",
        "Hạnh",
        "Diễm",
        "Nhung",
        "Vy",
        "Yến",
        "Thư",
        "Quyên",
        "Như",
        "Tuyết",
        "Loan",
        "Phượng",
        "Hằng",
    ],
}
COMPANY = [
    "Phát Đạt",
    "Hưng Thịnh",
    "Mekong",
    "Cửu Long",
    "Phú Quý",
    "Thành Công",
    "Sông Tiền",
    "Hoàng Long",
    "Tân Tiến",
    "Minh Châu",
]
TRADE = ["Thương mại", "Dịch vụ", "Xây dựng", "Nông sản", "Thủy sản", "Vận tải", "Công nghệ", "Du lịch"]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lienthong.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL=postgres://… is required (COPY is PostgreSQL only).")
    import django

    django.setup()
    return url


def ensure_demo():
    from django.core.management import call_command

    from lienthong.catalog.models import ProcedureVersion
    from lienthong.directory.models import Agency

    call_command("migrate", verbosity=0, interactive=False)
    quiet = open(os.devnull, "w")  # noqa: SIM115
    if not Agency.objects.filter(code="000.94.31.H61").exists():
        call_command("load_units", stdout=quiet)
        call_command("load_demo", "--no-accounts-table", stdout=quiet)
    if not ProcedureVersion.objects.filter(is_current=True).exists():
        call_command("load_catalog", stdout=quiet)


def bench_officials():
    """Desk officers, specialists and leaders per commune and handling agency; returns
    {agency_id: {role: [user ids]}} including the demo accounts."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from lienthong.accounts.models import RoleAssignment
    from lienthong.core.text import fold
    from lienthong.directory.demo.people import person
    from lienthong.directory.models import Agency, AgencyKind, Official

    User = get_user_model()
    wanted = {a.pk: a for a in Agency.objects.filter(kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE)}
    for a in Agency.objects.filter(code__in=["000.01.01.H61", "000.00.04.H61", "000.01.06.H61"]):
        wanted[a.pk] = a
    police = Agency.objects.filter(kind=AgencyKind.CENTRAL_BRANCH).first()
    if police:
        wanted[police.pk] = police
    roles = {"motcua": "one_stop_officer", "chuyenvien": "specialist", "lanhdao": "agency_leader"}
    existing = set(User.objects.filter(username__startswith="bench.").values_list("username", flat=True))
    now = timezone.now()
    new = []
    for agency in wanted.values():
        for prefix, role in roles.items():
            for n in range(2 if agency.code == "000.01.01.H61" and prefix == "motcua" else 1):
                username = f"bench.{prefix}.{agency.pk}" + (f".{n}" if n else "")
                if username not in existing:
                    new.append((username, role, agency))
    for username, role, agency in new:
        p = person(f"bench-{username}")
        official = Official(
            full_name=p.full_name,
            name_folded=fold(p.full_name),
            gender=p.gender,
            date_of_birth=p.date_of_birth,
            citizen_id=p.citizen_id,
            agency=agency,
            created_at=now,
            updated_at=now,
        )
        official.save()
        user = User(username=username, kind="official", official=official, first_name=p.full_name)
        user.set_unusable_password()
        user.save()
        RoleAssignment.objects.create(user=user, role=role, agency=agency, granted_at=now)
    staff = defaultdict(lambda: defaultdict(list))
    rows = RoleAssignment.objects.filter(revoked_at__isnull=True, user__is_active=True).values_list(
        "agency_id", "role", "user_id", "user__username"
    )
    for agency_id, role, user_id, _username in sorted(
        rows, key=lambda r: (not r[3].startswith("bench."), r[3])
    ):
        staff[agency_id][role].append(user_id)
    # The demo desk officer and leader take their commune's work, not a bench stand-in.
    for agency_id, by_role in staff.items():
        for role, ids in by_role.items():
            demo = [i for i in ids if not User.objects.filter(pk=i, username__startswith="bench.").exists()]
            agency = wanted.get(agency_id)
            commune = agency is not None and agency.kind == AgencyKind.COMMUNE_PEOPLES_COMMITTEE
            if demo and commune and role in ("one_stop_officer", "agency_leader"):
                by_role[role] = demo
    return staff, len(new)


class Catalogue:
    """Current versions with their components and process, by desk kind."""

    def __init__(self):
        from lienthong.catalog.models import ProcedureVersion
        from lienthong.directory.models import Agency

        self.versions = {}
        rows = ProcedureVersion.objects.filter(is_current=True).select_related("procedure")
        for v in rows.prefetch_related("components", "process_steps"):
            steps = list(v.process_steps.order_by("position"))
            if not steps or any(s.agency_id is None and s.agency_kind not in ("", "ubnd_xa") for s in steps):
                continue  # commune police procedures: no such agency in the demo directory
            self.versions[v.procedure.code] = v
            v.bench_steps = [(s.name, s.agency_id, s.role, s.duration) for s in steps]
            v.bench_required = [c.pk for c in v.components.all() if c.requirement == "required"]
            v.bench_optional = [c.pk for c in v.components.all() if c.requirement != "required"]
            v.bench_channels = [1] + [2] * v.channel_online + [3] * v.channel_post
        self.agency_codes = dict(Agency.objects.values_list("pk", "code"))

    def mix(self, weights, commune):
        picked = []
        for code, v in self.versions.items():
            first = v.bench_steps[0]
            at_commune = first[1] is None
            if at_commune == commune:
                picked.append((v, weights.get(code, 0 if not commune else 1)))
        picked = [(v, w) for v, w in picked if w]
        cum, total = [], 0
        for _v, w in picked:
            total += w
            cum.append(total)
        return [v for v, _w in picked], cum


def working_days(calendar, first, last):
    day, out = first, []
    while day <= last:
        if calendar.is_working_day(day):
            out.append(day)
        day += datetime.timedelta(days=1)
    return out


def ts(seconds):
    return datetime.datetime.fromtimestamp(seconds, UTC).isoformat(sep=" ")


def txt(value):
    return "\\N" if value is None else str(value)


class Generator:
    def __init__(self, rng, catalogue, staff, calendar, now):
        from lienthong.dossiers import deadlines as dd
        from lienthong.dossiers import transitions as tr

        self.rng, self.cat, self.staff, self.cal, self.now = rng, catalogue, staff, calendar, now
        self.appointment_for, self.dossier_result = dd.appointment_for, dd.dossier_result
        self.national = {str(k): v for k, v in tr.NATIONAL_STATUS.items()}
        self.counters = Counter()
        self.addresses = {}
        self.portal_users = []

    def person(self):
        r = self.rng
        gender = "M" if r.random() < 0.5 else "F"
        name = f"{r.choice(FAMILY)} {r.choice(MIDDLE[gender])} {r.choice(GIVEN[gender])}"
        year = r.randrange(1945, 2007)
        century = (year // 100 - 19) * 2 + (gender == "F")
        number = f"{r.choice(('086', '083', '084', '079', '001'))}{century}{year % 100:02d}{r.randrange(10**6):06d}"
        return 1, name, number

    def organisation(self):
        r = self.rng
        kind = r.choice(("Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân"))
        name = (
            f"{kind} {r.choice(TRADE)} {r.choice(COMPANY)} {r.choice(('Vĩnh Long', 'Bến Tre', 'Trà Vinh'))}"
        )
        return 2, name, f"15{r.randrange(10**8):08d}"

    def user(self, agency_id, role, key):
        ids = self.staff.get(agency_id, {}).get(role) or ()
        return ids[key % len(ids)] if ids else None

    def dossier(self, pk, version, agency, received):
        """Rows of one dossier: (dossier line, step lines, event lines)."""
        r = self.rng
        channel = r.choice(version.bench_channels) if r.random() < 0.45 else 1
        kind, name, number = (
            self.organisation()
            if ("DN" in version.procedure.code or version.procedure.code == "2.001610" or r.random() < 0.03)
            else self.person()
        )
        desk = self.user(agency.pk, "one_stop_officer", pk)
        received_dt = datetime.datetime.fromtimestamp(received, UTC)
        outcome = r.random()
        events, steps = [], []
        d = {
            "code": None,
            "received_at": None,
            "appointment_at": None,
            "first_appointment_at": None,
            "supplement_count": 0,
            "supplement_requested_at": None,
            "paused_seconds": 0,
            "finished_at": None,
            "returned_at": None,
            "delivery_method": "",
            "result_received_by": "",
            "timeliness": "",
            "outcome_note": "",
            "step_index": None,
            "assignee": None,
            "handling": agency.pk,
            "redirected_to": None,
            "state": "new",
        }
        if outcome < 0.011:  # refused at the desk, or sent to the competent agency
            action = "refuse_at_receipt" if outcome < 0.008 else "redirect"
            d["state"] = "refused_at_receipt" if action == "refuse_at_receipt" else "redirected"
            d["finished_at"] = received
            d["outcome_note"] = (
                "Hồ sơ không đúng thẩm quyền giải quyết."
                if action == "redirect"
                else ("Thiếu giấy tờ tùy thân bản chính để đối chiếu.")
            )
            if action == "redirect":
                d["redirected_to"] = self.cat.redirect_target
            events.append((received, desk, action, "new", d["state"], d["outcome_note"], {"code": None}))
        else:
            self._accepted(d, pk, version, agency, received, received_dt, desk, events, steps)
        components = version.bench_required + [c for c in version.bench_optional if r.random() < 0.3]
        applicant_user = None
        if channel == 2 and kind == 1 and self.portal_users and r.random() < 0.002:
            applicant_user = self.portal_users[0]
        last = max(e[0] for e in events)
        address = self.addresses[agency.pk]
        line = "\t".join(
            (
                str(pk),
                ts(received),
                ts(last),
                txt(d["code"]),
                "agency-daily-v1" if d["code"] else "",
                str(channel),
                str(kind),
                name,
                number,
                f"Số {r.randrange(1, 400)}, {address}",
                f"09{r.randrange(10**8):08d}",
                "",
                "",
                "",
                "{}",
                json.dumps([self.entry(c, channel) for c in sorted(components)]),
                d["state"],
                str(self.national[d["state"]]),
                txt(d["received_at"] and ts(d["received_at"])),
                txt(d["appointment_at"] and ts(d["appointment_at"])),
                txt(d["first_appointment_at"] and ts(d["first_appointment_at"])),
                str(d["supplement_count"]),
                txt(d["supplement_requested_at"] and ts(d["supplement_requested_at"])),
                str(d["paused_seconds"]),
                "0",
                txt(d["finished_at"] and ts(d["finished_at"])),
                txt(d["returned_at"] and ts(d["returned_at"])),
                d["delivery_method"],
                d["result_received_by"],
                d["timeliness"],
                d["outcome_note"],
                txt(d["step_index"]),
                "\\N",
                str(len(events)),
                txt(applicant_user),
                txt(d["assignee"]),
                str(d["handling"]),
                str(version.pk),
                str(agency.pk),
                txt(d["redirected_to"]),
                self.fold(name),
                "\\N",
                "f",
                "1",
            )
        )
        return line, steps, events

    def _accepted(self, d, pk, version, agency, received, received_dt, desk, events, steps):
        r, now = self.rng, self.now
        day = received_dt.astimezone(LOCAL).date()
        self.counters[(agency.pk, day)] += 1
        d["code"] = f"{agency.code}-{day:%y%m%d}-{self.counters[(agency.pk, day)]:04d}"
        d["received_at"] = received
        appointment = self.appointment_for(version, received_dt).timestamp()
        d["appointment_at"] = d["first_appointment_at"] = appointment
        span = max(appointment - received, 3600)
        u = r.random()
        if u < 0.80:
            finish = received + span * r.uniform(0.25, 0.92)
        elif u < 0.92:
            finish = max(received + 1800, appointment - r.uniform(0, 2 * 3600))
        else:
            finish = received + span * r.uniform(1.05, 1.9)
        plan = version.bench_steps
        work = plan[:-1]  # the last step returns the result at the desk, opened by "approve"
        total = float(sum(s[3] for s in work)) or 1.0
        bounds = [received]
        for s in work:
            bounds.append(bounds[-1] + (finish - received) * float(s[3]) / total)
        if r.random() < 0.03:  # stuck at one step, weeks past the appointment
            stuck = r.choices(range(len(work)), weights=[0.35, 0.45] + [0.2] * (len(work) - 2))[0]
            delay = r.uniform(2, 120) * DAY
            bounds = bounds[: stuck + 1] + [b + delay for b in bounds[stuck + 1 :]]
        # Who does each step: the desk, the agency's specialist; leaders' steps wait in the unit queue.
        agencies = [agency.pk if s[1] is None else s[1] for s in plan]
        assignees = [
            desk if i == 0 else self.user(agencies[i], s[2], pk) if s[2] == "specialist" else None
            for i, s in enumerate(plan)
        ]
        events.append((received, desk, "accept", "new", "received", "", {"code": d["code"]}))
        ending = r.random()
        end_action = (
            "refuse" if ending < 0.01 else "withdraw" if ending < 0.014 else "stop" if ending < 0.016 else ""
        )
        shift = 0.0
        supplements = 2 if r.random() < 0.003 else 1 if r.random() < 0.05 else 0
        state = "received"
        for i, s in enumerate(work):
            start, end = bounds[i] + shift, bounds[i + 1] + shift
            deadline = start + span * float(s[3]) / total
            if i:
                actor = assignees[i - 1]
                events.append(
                    (
                        start,
                        actor,
                        "transfer",
                        state,
                        "processing",
                        "",
                        {"step": i, "agency": self.cat.agency_codes[agencies[i]]},
                    )
                )
                state = "processing"
            step = [i, s[0], s[2], s[3], start, deadline, end, agencies[i], assignees[i]]
            steps.append(step)
            if i == 1 and supplements:
                for n in range(1, supplements + 1):
                    asked = start + (end - start) * 0.4
                    wait = r.randint(1, 12) * DAY  # back on another day, at the same hour
                    step[6] = asked
                    items = ["Bản sao giấy tờ chứng minh quyền sử dụng đất", "Tờ khai bổ sung thông tin"][:n]
                    events.append(
                        (
                            asked,
                            assignees[i],
                            "request_supplement",
                            state,
                            "supplement_requested",
                            "",
                            {"items": items, "count": n},
                        )
                    )
                    if asked <= now:
                        d["supplement_count"], d["supplement_requested_at"] = n, asked
                    resumed = asked + wait
                    new_appointment = self.appointment_for(
                        version, datetime.datetime.fromtimestamp(resumed, UTC)
                    ).timestamp()
                    events.append(
                        (
                            resumed,
                            desk,
                            "receive_supplement",
                            "supplement_requested",
                            "processing",
                            "",
                            {"appointment_at": ts(new_appointment)},
                        )
                    )
                    state = "processing"
                    if resumed <= now:
                        d["appointment_at"] = new_appointment
                        d["paused_seconds"] += max(
                            0,
                            int(
                                self.cal.working_seconds_between(
                                    datetime.datetime.fromtimestamp(asked, UTC),
                                    datetime.datetime.fromtimestamp(resumed, UTC),
                                )
                            ),
                        )
                    shift += wait
                    end += wait
                    step = [
                        i,
                        s[0],
                        s[2],
                        s[3],
                        resumed,
                        resumed + span * float(s[3]) / total,
                        end,
                        agencies[i],
                        assignees[i],
                    ]
                    steps.append(step)
        finish = bounds[len(work)] + shift
        leader = self.user(agencies[len(work) - 1], "agency_leader", pk)
        events.append(
            (
                finish,
                leader if not end_action or end_action == "refuse" else desk,
                end_action or "approve",
                state,
                {"refuse": "refused", "withdraw": "withdrawn", "stop": "stopped"}.get(end_action, "approved"),
                "Không đủ điều kiện theo quy định." if end_action == "refuse" else "",
                {},
            )
        )
        if not end_action:
            last = plan[-1]
            pickup = r.random()
            returned = finish + (
                r.uniform(300, 3 * 3600)
                if pickup < 0.6
                else r.uniform(1, 5) * DAY
                if pickup < 0.9
                else r.uniform(5, 30) * DAY
            )
            steps.append(
                [
                    len(plan) - 1,
                    last[0],
                    last[2],
                    last[3],
                    finish,
                    finish + span * float(last[3]) / total,
                    returned,
                    agency.pk,
                    None,
                ]
            )
            events.append((returned, desk, "return_result", "approved", "returned", "", {}))
        self._cut(d, events, steps, finish)

    def _cut(self, d, events, steps, finish):
        """Keep what happened before now and set the dossier's fields from it."""
        now = self.now
        events[:] = [e for e in events if e[0] <= now]
        steps[:] = [s for s in steps if s[4] <= now]
        last = events[-1]
        d["state"] = last[4]
        ended = last[2] in ("approve", "refuse", "withdraw", "stop", "return_result")
        for s in steps:
            if s[6] is not None and s[6] > now:
                s[6] = None
        if ended:
            d["finished_at"] = finish
            fake = _Timed(
                d["supplement_count"], d["supplement_requested_at"], d["appointment_at"], d["state"]
            )
            d["timeliness"] = _timeliness(fake, finish)
            if last[2] != "return_result" and last[2] != "approve":
                d["outcome_note"] = last[5] or "Người nộp đề nghị rút hồ sơ."
                steps[-1][6] = steps[-1][6] or finish
        if last[2] == "approve":
            d["assignee"] = None
        elif d["state"] in ("received", "processing", "supplement_requested"):
            d["assignee"] = steps[-1][8]
        if d["state"] == "returned":
            d["returned_at"] = last[0]
            d["delivery_method"] = "counter"
            d["result_received_by"] = "Người nộp hồ sơ"
        if steps:
            d["step_index"] = steps[-1][0]
            d["handling"] = steps[-1][7]
        for s in steps:
            if s[6] is not None:
                s.append("early" if s[6] < s[5] else "late")
            else:
                s.append("")
        if d["state"] == "supplement_requested":
            d["assignee"] = steps[-1][8]

    def entry(self, component, channel):
        """A ``Dossier.components`` entry as ``services.receipt.clean_components`` stores it."""
        if channel == 2:
            return {"id": component, "copy_type": "electronic", "count": 1}
        copy_type = "original" if self.rng.random() < 0.7 else "certified_copy"
        return {"id": component, "copy_type": copy_type, "count": 1}

    def fold(self, name):
        return self.cat.fold(name)


class _Timed:
    def __init__(self, supplement_count, supplement_requested_at, appointment_at, state):
        self.supplement_count = supplement_count
        self.apology_count = 0
        self.state = state
        self.supplement_requested_at = supplement_requested_at
        self.appointment_at = appointment_at


def _timeliness(d, end):
    """``dossiers.deadlines.dossier_result`` on epoch seconds (same rules, dates in local time)."""
    if d.supplement_count > 1:
        return "late"
    if end > d.appointment_at:
        return "late"
    local = lambda s: datetime.datetime.fromtimestamp(s, LOCAL).date()  # noqa: E731
    return "early" if local(end) < local(d.appointment_at) else "on_time"


DOSSIER_COLUMNS = (
    "id, created_at, updated_at, code, code_scheme, channel, applicant_kind, applicant_name, "
    "applicant_id_number, applicant_address, applicant_phone, applicant_email, representative_name, "
    "representative_id_number, eform_data, components, state, national_status, received_at, appointment_at, "
    "first_appointment_at, supplement_count, supplement_requested_at, paused_seconds, apology_count, "
    "finished_at, returned_at, delivery_method, result_received_by, timeliness, outcome_note, step_index, "
    "idempotency_key, version, applicant_user_id, assignee_id, handling_agency_id, procedure_version_id, "
    "receiving_agency_id, redirected_to_id, applicant_name_folded, obligation_requested_at, out_of_area, sets"
)
STEP_COLUMNS = "id, dossier_id, index, name, role, duration, started_at, deadline, finished_at, agency_id, assignee_id, result"
EVENT_COLUMNS = "id, dossier_id, at, actor_id, action, from_state, to_state, note, data"
TABLES = ("dossiers_dossierevent", "dossiers_dossierstep", "dossiers_dailycounter", "dossiers_dossier")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--reset", action="store_true", help="empty the dossier tables first")
    args = parser.parse_args()
    url = setup_django()
    import psycopg
    from django.contrib.auth import get_user_model
    from django.db import connection

    from lienthong.core.text import fold
    from lienthong.directory.models import Agency, AgencyKind
    from lienthong.dossiers.models import Dossier
    from lienthong.workdays.selectors import current_calendar

    started = time.perf_counter()
    ensure_demo()
    if Dossier.objects.exists():
        if not args.reset:
            sys.exit(f"{Dossier.objects.count():,} dossiers already there; pass --reset to replace them.")
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    staff, created = bench_officials()
    print(
        f"demo province, catalogue and {created} new bench officials ready in {time.perf_counter() - started:.1f} s"
    )

    rng = random.Random(args.seed)
    cat = Catalogue()
    cat.fold = fold
    cat.redirect_target = Agency.objects.get(code="000.01.01.H61").pk
    communes = list(Agency.objects.filter(kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE).order_by("code"))
    centre = Agency.objects.get(code="000.01.01.H61")
    thanh_duc = next(a for a in communes if a.code == "000.94.31.H61")
    others = [a for a in communes if a is not thanh_duc]
    raw = [rng.lognormvariate(0, 0.6) for _ in others]
    scale = (1 - CENTRE_SHARE - THANH_DUC_SHARE) / sum(raw)
    desks = [centre, thanh_duc, *others]
    cum, total = [], 0.0
    for w in [CENTRE_SHARE, THANH_DUC_SHARE, *(x * scale for x in raw)]:
        total += w
        cum.append(total)
    mixes = {True: cat.mix(COMMUNE_WEIGHTS, True), False: cat.mix(CENTRE_WEIGHTS, False)}

    from django.utils import timezone

    now_dt = timezone.now()
    calendar = current_calendar()
    today = now_dt.astimezone(LOCAL).date()
    days = working_days(calendar, today.replace(year=today.year - 2), today)
    day_weights = [rng.uniform(0.8, 1.2) * (1.15 if d.weekday() == 0 else 1.0) for d in days]
    scale = args.count / sum(day_weights)
    per_day = [int(w * scale) for w in day_weights]
    for i in range(args.count - sum(per_day)):
        per_day[i % len(per_day)] += 1

    gen = Generator(rng, cat, staff, calendar, now_dt.timestamp())
    User = get_user_model()
    gen.portal_users = list(User.objects.filter(username="congdan.demo").values_list("pk", flat=True))
    for a in desks:
        gen.addresses[a.pk] = (
            f"{a.name.replace('Ủy ban nhân dân ', '').replace(' tỉnh Vĩnh Long', '')}, tỉnh Vĩnh Long"
        )

    copies = []
    conns = []
    for table, columns in (
        ("dossiers_dossier", DOSSIER_COLUMNS),
        ("dossiers_dossierstep", STEP_COLUMNS),
        ("dossiers_dossierevent", EVENT_COLUMNS),
    ):
        conn = psycopg.connect(url)
        conn.execute("SET session_replication_role = replica")  # the generator keeps the foreign keys right
        conn.execute("SET synchronous_commit = off")
        cursor = conn.cursor()
        copy = cursor.copy(f"COPY {table} ({columns}) FROM STDIN")
        copies.append((copy, copy.__enter__()))
        conns.append(conn)
    (_d, dossier_out), (_s, step_out), (_e, event_out) = copies
    pk = step_pk = event_pk = 0
    rows = 0
    gen_started = time.perf_counter()
    sessions = ((7 * 3600 + 1800, 11 * 3600 + 1800), (13 * 3600 + 1800, 17 * 3600))
    for day, count in zip(days, per_day, strict=True):
        midnight = datetime.datetime.combine(day, datetime.time(0), LOCAL).timestamp()
        picks = rng.choices(desks, cum_weights=cum, k=count)
        times = []
        for agency in picks:
            first, last = sessions[0] if rng.random() < 0.6 else sessions[1]
            times.append((midnight + rng.uniform(first, last), agency))
        times.sort(key=lambda t: t[0])
        d_lines, s_lines, e_lines = [], [], []
        for received, agency in times:
            if received > gen.now:
                continue
            versions, vcum = mixes[agency is not centre]
            version = versions[bisect(vcum, rng.random() * vcum[-1])]
            pk += 1
            line, steps, events = gen.dossier(pk, version, agency, received)
            d_lines.append(line)
            for s in steps:
                step_pk += 1
                s_lines.append(
                    f"{step_pk}\t{pk}\t{s[0]}\t{s[1]}\t{s[2]}\t{s[3]}\t{ts(s[4])}\t{ts(s[5])}\t"
                    f"{txt(s[6] and ts(s[6]))}\t{s[7]}\t{txt(s[8])}\t{s[9]}"
                )
            for at, actor, action, from_state, to_state, note, data in events:
                event_pk += 1
                e_lines.append(
                    f"{event_pk}\t{pk}\t{ts(at)}\t{txt(actor)}\t{action}\t{from_state}\t{to_state}\t{note}\t"
                    f"{json.dumps(data, ensure_ascii=False)}"
                )
        dossier_out.write("\n".join(d_lines) + "\n" if d_lines else "")
        step_out.write("\n".join(s_lines) + "\n" if s_lines else "")
        event_out.write("\n".join(e_lines) + "\n" if e_lines else "")
        before = rows
        rows += len(d_lines) + len(s_lines) + len(e_lines)
        if pk // 100_000 != (pk - len(d_lines)) // 100_000 and before:
            elapsed = time.perf_counter() - gen_started
            print(f"  {pk:>9,} dossiers, {rows:>11,} rows, {rows / elapsed:,.0f} rows/s", flush=True)
    for copy, _out in copies:
        copy.__exit__(None, None, None)
    for conn in conns:
        conn.commit()
        conn.close()
    with connection.cursor() as cursor:
        counters = sorted(gen.counters.items())
        with cursor.cursor.copy("COPY dossiers_dailycounter (agency_id, day, last_value) FROM STDIN") as copy:
            for (agency_id, day), value in counters:
                copy.write_row((agency_id, day, value))
        for table in (
            "dossiers_dossier",
            "dossiers_dossierstep",
            "dossiers_dossierevent",
            "dossiers_dailycounter",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}"
            )
        cursor.execute("ANALYZE")  # every table: unanalysed directory tables made 200 ms queue plans
    elapsed = time.perf_counter() - gen_started
    rows += len(gen.counters)
    print(
        f"{pk:,} dossiers, {step_pk:,} steps, {event_pk:,} events, {len(gen.counters):,} daily counters: "
        f"{rows:,} rows in {elapsed:.0f} s ({rows / elapsed:,.0f} rows/s, {pk / elapsed:,.0f} dossiers/s)"
    )
    states = (
        Counter(Dossier.objects.values_list("state", flat=True).order_by().iterator())
        if pk < 50_000
        else None
    )
    if states:
        print(dict(states))
    return 0


if __name__ == "__main__":
    sys.exit(main())
