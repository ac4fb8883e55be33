"""Deadlines, supplements, apologies and the Decision 766/QĐ-TTg on-time rule, with real 2026 dates."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from lienthong.accounts.roles import Role
from lienthong.core.api.errors import Conflict, Forbidden
from lienthong.directory.models import AgencyKind
from lienthong.dossiers import selectors, services
from lienthong.dossiers.deadlines import step_result
from lienthong.dossiers.models import DossierEvent, State, Timeliness
from lienthong.dossiers.tests import factories as f
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import TZ


def at(day, hour=9, minute=0):
    return time_machine.travel(datetime.datetime(2026, 11, day, hour, minute, tzinfo=TZ), tick=False)


def local_date(value):
    return value.astimezone(TZ).date()


def test_supplement_restarts_the_limit_and_dossier_finishes_early(world):
    """NĐ 61/2018 Art. 17 [probable] and regulations.md §7.2: the time limit restarts when the complete
    dossier arrives; Decision 766 does not count the waiting time. Approved before the new date → early."""
    with at(17):
        dossier = world.receive()
        dossier = services.transfer(world.desk, dossier, assignee=world.specialist)
    with at(18):
        dossier = services.request_supplement(world.specialist, dossier, ["Bản sao giấy khai sinh"])
        assert (dossier.state, dossier.national_status, dossier.supplement_count) == (
            State.SUPPLEMENT_REQUESTED,
            5,
            1,
        )
    with at(20):
        dossier = services.receive_supplement(world.desk, dossier)
    # 18 Nov 09:00 → 20 Nov 09:00 is two working days of 8 hours.
    assert dossier.paused_seconds == 16 * 3600
    # Restarted Fri 20 Nov: 23, 25, 26, 27, 30 Nov (24 Nov is a holiday).
    assert local_date(dossier.appointment_at) == datetime.date(2026, 11, 30)
    assert local_date(dossier.first_appointment_at) == datetime.date(2026, 11, 25)
    with at(23):
        dossier = services.transfer(world.specialist, dossier, assignee=world.leader)
    with at(26):
        dossier = services.approve(world.leader, dossier)
    assert (dossier.state, dossier.national_status, dossier.timeliness) == (
        State.APPROVED,
        9,
        Timeliness.EARLY,
    )
    with at(27):
        dossier = services.return_result(world.desk, dossier, "counter", "Trần Văn Nam (được ủy quyền)")
    assert (dossier.state, dossier.national_status, dossier.result_received_by) == (
        State.RETURNED,
        10,
        "Trần Văn Nam (được ủy quyền)",
    )
    steps = list(dossier.steps.order_by("id"))
    assert [s.index for s in steps] == [0, 1, 1, 2, 3]
    assert all(s.finished_at for s in steps)
    assert [s.result for s in steps] == ["early", "early", "early", "late", "early"]
    assert [e.action for e in dossier.events.order_by("id")] == [
        "accept",
        "transfer",
        "request_supplement",
        "receive_supplement",
        "transfer",
        "approve",
        "return_result",
    ]


def _processing(world, day=17):
    with at(day):
        return services.transfer(world.desk, world.receive(), assignee=world.specialist)


def test_second_supplement_request_marks_dossier_late(world):
    """Decision 766/QĐ-TTg indicator 2.1: more than one supplement request makes the dossier late."""
    dossier = _processing(world)
    for day in (18, 19):
        with at(day):
            dossier = services.request_supplement(world.specialist, dossier, ["Tờ khai"])
        with at(day, 14):
            dossier = services.receive_supplement(world.desk, dossier)
    assert dossier.timeliness == Timeliness.LATE
    with at(20):
        dossier = services.approve(world.leader, dossier)
    assert dossier.timeliness == Timeliness.LATE


@pytest.mark.parametrize(
    "finish, expected",
    [((23, 10), Timeliness.EARLY), ((25, 17), Timeliness.ON_TIME), ((26, 8), Timeliness.LATE)],
)
def test_on_time_result_against_the_appointment(world, finish, expected):
    """Decision 766/QĐ-TTg indicator 2.1: on time when processing ends no later than NgayHenTra (25 Nov)."""
    dossier = _processing(world)
    with at(*finish):
        assert services.approve(world.leader, dossier).timeliness == expected


def test_withdrawal_while_waiting_for_supplement_is_measured_at_the_request(world):
    """Decision 766/QĐ-TTg: the applicant's supplement time is subtracted."""
    dossier = _processing(world)
    with at(24 - 1, 16):
        dossier = services.request_supplement(world.specialist, dossier, ["Tờ khai"])
    with at(30):
        dossier = services.withdraw(world.desk, dossier, "Không bổ sung được")
    assert (dossier.national_status, dossier.timeliness) == (7, Timeliness.EARLY)


@pytest.mark.django_db
def test_step_result_compares_minutes():
    """Control-slip practice (regulations.md §6): allowed > used → early; equal → on time; else late."""
    start = datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ)
    deadline = deadlines.due_at(start, Decimal("0.5"))
    assert step_result(start, deadline, deadline - datetime.timedelta(minutes=1)) == Timeliness.EARLY
    assert step_result(start, deadline, deadline) == Timeliness.ON_TIME
    assert step_result(start, deadline, deadline + datetime.timedelta(days=1)) == Timeliness.LATE


def test_apology_allowed_only_once(world):
    """NĐ 107/2021 amending NĐ 61/2018 [probable]: one apology with a new date; the late mark stays."""
    dossier = _processing(world)
    new_date = datetime.datetime(2026, 11, 27, 17, 0, tzinfo=TZ)
    with at(20):
        dossier = services.apologise(world.leader, dossier, new_date, "Chờ xác minh tại địa bàn")
        assert (dossier.appointment_at, dossier.apology_count) == (new_date, 1)
        with pytest.raises(Conflict) as exc:
            services.apologise(world.leader, dossier, new_date + datetime.timedelta(days=3), "Lần hai")
        assert exc.value.code == "apology_already_given"
    with at(26):
        assert services.approve(world.leader, dossier).timeliness == Timeliness.LATE


def test_apology_needs_one_working_day_before_the_deadline(world):
    """NĐ 61/2018 as amended [probable]: the apology comes no later than one working day before the deadline."""
    dossier = _processing(world)
    new_date = datetime.datetime(2026, 11, 27, 17, 0, tzinfo=TZ)
    with at(25):
        with pytest.raises(Conflict) as exc:
            services.apologise(world.leader, dossier, new_date, "Chậm")
        assert exc.value.code == "apology_too_late"
    with at(23):
        with pytest.raises(ValidationError):
            services.apologise(
                world.leader, dossier, datetime.datetime(2026, 11, 28, 17, 0, tzinfo=TZ), "Chậm"
            )
        assert services.apologise(world.leader, dossier, new_date, "Chậm").apology_count == 1


def test_interagency_procedure_goes_to_the_department_and_back(world):
    """regulations.md §2.3 (liên thông, vertical): commune desk → provincial department → commune desk."""
    department = f.AgencyFactory(kind=AgencyKind.DEPARTMENT)
    dept_specialist = f.officer(department, Role.SPECIALIST)
    dept_leader = f.officer(department, Role.AGENCY_LEADER)
    commune_kind = AgencyKind.COMMUNE_PEOPLES_COMMITTEE
    version = f.procedure(
        "5",
        steps=[
            {
                "name": "Tiếp nhận",
                "agency_kind": commune_kind,
                "role": "one_stop_officer",
                "duration": Decimal("0.5"),
                "actions": ["receive"],
            },
            {
                "name": "Thẩm định",
                "agency_kind": AgencyKind.DEPARTMENT,
                "role": "specialist",
                "duration": Decimal(3),
                "actions": ["process"],
            },
            {
                "name": "Phê duyệt",
                "agency_kind": AgencyKind.DEPARTMENT,
                "role": "agency_leader",
                "duration": Decimal(1),
                "actions": ["approve"],
            },
            {
                "name": "Trả kết quả",
                "agency_kind": commune_kind,
                "role": "one_stop_officer",
                "duration": Decimal("0.5"),
                "actions": ["return_result"],
            },
        ],
        level_province=True,
    )
    with at(17):
        dossier = f.receive(world.desk, version, world.agency)
        assert not selectors.dossiers_visible_to(dept_specialist).filter(pk=dossier.pk).exists()
        with pytest.raises(ValidationError):
            services.transfer(world.desk, dossier)  # the department must be named
        dossier = services.transfer(world.desk, dossier, to_agency=department, assignee=dept_specialist)
    assert dossier.handling_agency == department
    assert selectors.dossiers_visible_to(dept_specialist).filter(pk=dossier.pk).exists()
    with at(18), pytest.raises(Forbidden):
        services.approve(world.leader, dossier)  # the commune no longer handles it
    with at(19):
        dossier = services.transfer(dept_specialist, dossier, assignee=dept_leader)
    with at(20):
        dossier = services.approve(dept_leader, dossier)
    assert (dossier.handling_agency, dossier.step_index) == (world.agency, 3)
    with at(23):
        dossier = services.return_result(world.desk, dossier, "electronic")
    assert [s.agency for s in dossier.steps.order_by("id")] == [
        world.agency,
        department,
        department,
        world.agency,
    ]
    assert dossier.result_received_by == dossier.applicant_name
    # The department handled steps: it keeps reading the dossier after it went back (read only).
    assert selectors.dossiers_visible_to(dept_specialist).filter(pk=dossier.pk).exists()
    province = f.AgencyFactory(kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE)
    assert (
        selectors.dossiers_visible_to(f.officer(province, Role.AGENCY_LEADER)).filter(pk=dossier.pk).exists()
    )
    assert (
        not selectors.dossiers_visible_to(f.officer(province, Role.SPECIALIST)).filter(pk=dossier.pk).exists()
    )
    assert not selectors.dossiers_visible_to(f.officer(f.commune(), Role.AGENCY_LEADER)).exists()


def test_history_is_append_only(world):
    """style.md habit 3: history rows are never updated or deleted."""
    event = world.receive().events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        DossierEvent.objects.filter(pk=event.pk).update(note="sửa")


def test_return_needs_who_received_it(world):
    """NĐ 61/2018 Art. 18 [probable]: the return is written in the tracking book with the receiver."""
    with at(17):
        dossier = services.approve(world.leader, _processing(world))
        with pytest.raises(ValidationError):
            services.return_result(world.desk, dossier, "counter", " ")
        with pytest.raises(ValidationError):
            services.return_result(world.desk, dossier, "fax", "Ai đó")
