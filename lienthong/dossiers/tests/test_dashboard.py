"""The leader's dashboard: who sees it, the figures (Decision 766/QĐ-TTg indicator 2.1), the late and
due-soon lists, the province view, and a query count that does not grow with the dossiers."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from lienthong.accounts.roles import Role
from lienthong.directory.models import AgencyKind
from lienthong.dossiers import selectors, services
from lienthong.dossiers.tests import factories as f
from lienthong.workdays.deadlines import TZ

URL = "/mot-cua/bang-dieu-khien/"
NOW = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=TZ)  # Wednesday


def interagency_steps():
    """Commune desk → department specialist → department leader → commune desk (liên thông)."""
    commune, department = AgencyKind.COMMUNE_PEOPLES_COMMITTEE, AgencyKind.DEPARTMENT
    return [
        {
            "name": "Tiếp nhận",
            "agency_kind": commune,
            "role": "one_stop_officer",
            "duration": Decimal("0.5"),
            "actions": ["receive"],
        },
        {
            "name": "Thẩm định",
            "agency_kind": department,
            "role": "specialist",
            "duration": Decimal(3),
            "actions": ["process"],
        },
        {
            "name": "Phê duyệt",
            "agency_kind": department,
            "role": "agency_leader",
            "duration": Decimal(1),
            "actions": ["approve"],
        },
        {
            "name": "Trả kết quả",
            "agency_kind": commune,
            "role": "one_stop_officer",
            "duration": Decimal("0.5"),
            "actions": ["return_result"],
        },
    ]


def at(when):
    return time_machine.travel(when, tick=False)


def nov(d, hour=9):
    return datetime.datetime(2026, 11, d, hour, tzinfo=TZ)


def _processing(world, when):
    with at(when):
        dossier = world.receive()
        return services.transfer(world.desk, dossier, assignee=world.specialist)


def _approved(world, received, approved):
    dossier = _processing(world, received)
    with at(approved):
        return services.approve(world.leader, dossier)


@pytest.fixture
def figures_world(world):
    """Open overdue, open due soon, finished early, finished late, one from October, one elsewhere."""
    world.overdue = _processing(world, nov(16))
    world.due_soon = _processing(world, nov(18))  # 24 Nov is a day off: due on the 26th
    world.on_track = _processing(world, nov(24))
    world.early = _approved(world, nov(17), nov(18))
    world.late = _approved(world, nov(2), nov(20))
    world.october = _approved(
        world, datetime.datetime(2026, 10, 20, 9, tzinfo=TZ), datetime.datetime(2026, 10, 21, 9, tzinfo=TZ)
    )
    other = f.commune()
    with at(nov(16)):
        world.elsewhere = f.receive(f.officer(other, Role.ONE_STOP_OFFICER), world.version, other)
    return world


@pytest.mark.parametrize("who", ["unit_leader", "leader"])
def test_leaders_open_their_agencys_dashboard(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(URL)
    assert response.status_code == 200
    assert world.agency.name in response.content.decode()


@pytest.mark.parametrize("who", ["desk", "specialist"])
def test_desk_and_specialists_get_403(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(URL).status_code == 403


def test_citizen_403_anonymous_to_login(client, world):
    assert client.get(URL).status_code == 302
    client.force_login(f.citizen())
    assert client.get(URL).status_code == 403


def test_figures_follow_decision_766(client, figures_world):
    """Decision 766/QĐ-TTg indicator 2.1: (early + on time) ÷ finished in the period; the late list
    holds open dossiers past their appointment and those finished late this month."""
    w = figures_world
    scope = selectors.dashboard_scopes(w.leader)[0]
    figures = selectors.dashboard_figures(scope, NOW)
    month = figures["month"]
    assert (month["received"], month["finished"], month["early"], month["late"]) == (5, 2, 1, 1)
    assert figures["on_time_rate"] == 50.0
    assert [d.pk for d in figures["overdue"]] == [w.overdue.pk]
    assert [d.pk for d in figures["due_soon"]] == [w.due_soon.pk]
    assert [d.pk for d in figures["finished_late"]] == [w.late.pk]
    assert figures["by_state"] == {"processing": 3, "approved": 3}
    assert w.elsewhere.pk not in {d.pk for d in figures["overdue"]}

    with at(NOW):
        client.force_login(w.leader)
        html = client.get(URL).content.decode()
    assert "50,00 %" in html or "50.00 %" in html
    for dossier in (w.overdue, w.due_soon, w.late):
        assert f'href="/mot-cua/ho-so/{dossier.code}/"' in html
    assert w.on_track.code not in html and w.elsewhere.code not in html and w.october.code not in html


def test_deadline_colours_agree_with_the_work_queue(figures_world):
    """One definition of overdue / due soon for the queue filter and the dashboard (selectors)."""
    w = figures_world
    scope = selectors.dashboard_scopes(w.leader)[0]
    figures = selectors.dashboard_figures(scope, NOW)
    visible = selectors.dossiers_visible_to(w.leader)
    assert {d.pk for d in figures["overdue"]} == set(
        selectors.with_deadline(visible, selectors.OVERDUE, NOW).values_list("pk", flat=True)
    )
    assert {d.pk for d in figures["due_soon"]} == set(
        selectors.with_deadline(visible, selectors.DUE_SOON, NOW).values_list("pk", flat=True)
    )


def test_department_counts_an_interagency_dossier_it_handled(world):
    """regulations.md §2.3: a dossier sent to a department and back still counts for the department."""
    department = f.AgencyFactory(kind=AgencyKind.DEPARTMENT)
    dept_leader = f.officer(department, Role.AGENCY_LEADER)
    version = f.procedure("5", steps=interagency_steps(), level_province=True)
    with at(nov(17)):
        dossier = f.receive(world.desk, version, world.agency)
        services.transfer(world.desk, dossier, to_agency=department)
    scope = selectors.dashboard_scopes(dept_leader)[0]
    assert selectors.dashboard_figures(scope, NOW)["by_state"] == {"processing": 1}


def test_province_leader_sees_every_agency_with_a_breakdown(client, figures_world):
    w = figures_world
    province = f.AgencyFactory(kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE, name="UBND tỉnh Thử Nghiệm")
    w.agency.parent = province
    w.agency.save()
    chairman = f.officer(province, Role.AGENCY_LEADER)
    scopes = selectors.dashboard_scopes(chairman)
    assert [s.province for s in scopes] == [True, False]
    figures = selectors.dashboard_figures(scopes[0], NOW)
    assert [r["receiving_agency__name"] for r in figures["agencies"]] == [w.agency.name]
    assert figures["agencies"][0]["on_time_rate"] == 50.0

    with at(NOW):
        client.force_login(chairman)
        html = client.get(URL).content.decode()
    assert "Theo cơ quan tiếp nhận" in html and w.agency.name in html
    # The province's leaders read every dossier of the province (selectors.dossiers_visible_to).
    assert f'href="/mot-cua/ho-so/{w.overdue.code}/"' in html
    with at(NOW):
        assert client.get(f"/mot-cua/ho-so/{w.overdue.code}/").status_code == 200
    with at(NOW):
        html = client.get(URL, {"scope": str(province.pk)}).content.decode()
    assert "Theo cơ quan tiếp nhận" not in html


def test_query_count_does_not_grow_with_dossiers(client, world, django_assert_max_num_queries):
    """style.md: dashboards are aggregate queries; a constant number whatever the dossier count."""
    for i in range(2):
        _processing(world, nov(16 + i))
    with at(NOW):
        client.force_login(world.leader)
    with at(NOW), django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
    for i in range(6):
        _processing(world, nov(16 + i % 3))
        _approved(world, nov(2 + i), nov(20))
    with at(NOW), django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_other_agencys_leader_cannot_pick_this_agency(client, figures_world):
    """A role is held in one agency (accounts.permissions): the scope parameter cannot widen it."""
    w = figures_world
    stranger = f.officer(f.commune(), Role.AGENCY_LEADER)
    with at(NOW):
        client.force_login(stranger)
        html = client.get(URL, {"scope": str(w.agency.pk)}).content.decode()
    assert w.agency.name not in html
    assert w.overdue.code not in html and w.late.code not in html
