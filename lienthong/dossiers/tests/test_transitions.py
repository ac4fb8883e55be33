"""The transition table (transitions.py), checked through the services for every state, action and role."""

import datetime

import pytest
import time_machine

from lienthong.accounts.roles import Role
from lienthong.core.api.errors import Conflict, Forbidden
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.models import State
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import ACTIONS, NATURAL_STATES, attempt, dossier_in
from lienthong.workdays.deadlines import TZ


@pytest.fixture(autouse=True)
def tuesday_17_november():
    with time_machine.travel(datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ), tick=False):
        yield


REACHABLE = [s for s in State if s != State.NEW]


def test_every_state_maps_to_a_national_status_code():
    """regulations.md §4.3: each internal state maps to one national code 1–10."""
    assert set(tr.NATIONAL_STATUS) == set(State)
    assert set(tr.NATIONAL_STATUS.values()) <= set(range(1, 11))


def test_every_edge_cites_its_legal_basis():
    """style.md habit 2: each edge cites decree and article."""
    for actions in tr.TRANSITIONS.values():
        for edge in actions.values():
            assert "NĐ" in edge.basis or "QĐ" in edge.basis


@pytest.mark.parametrize("state", REACHABLE)
def test_actions_allowed_exactly_as_the_table_says(world, state):
    """NĐ 61/2018 Chapter III [probable]: an action outside the table is refused with 409."""
    for action in ACTIONS:
        dossier = dossier_in(world, state)
        assert dossier.state == state
        if action in tr.TRANSITIONS.get(state, {}):
            after = attempt(world, dossier, action)
            assert after.state == tr.TRANSITIONS[state][action].target
            assert after.national_status == tr.NATIONAL_STATUS[after.state]
            assert after.events.latest("id").action == action
        else:
            with pytest.raises(Conflict) as exc:
                attempt(world, dossier, action)
            assert exc.value.code == "invalid_transition"


def _natural_state(action):
    return NATURAL_STATES.get(action, State.PROCESSING)


@pytest.mark.parametrize("action", ACTIONS)
def test_roles_outside_the_edge_are_forbidden(world, action):
    """Issue 4 item 9: officers act only on steps of their role (403)."""
    edge = tr.TRANSITIONS[_natural_state(action)][action]
    for role in set(Role) - edge.roles:
        dossier = dossier_in(world, _natural_state(action))
        with pytest.raises(Forbidden):
            attempt(world, dossier, action, actor=f.officer(world.agency, role))


@pytest.mark.parametrize("action", ACTIONS)
def test_officer_of_another_agency_is_forbidden(world, action):
    """Issue 4 item 9: an officer of agency B cannot act on agency A's dossier, whatever the role."""
    stranger = f.officer(f.commune(), *Role)
    dossier = dossier_in(world, _natural_state(action))
    with pytest.raises(Forbidden):
        attempt(world, dossier, action, actor=stranger)


def test_applicant_withdraws_own_dossier_only(world):
    """regulations.md §2.2(7) [probable]: the applicant may withdraw (national status 7)."""
    owner, other = f.citizen(), f.citizen()
    dossier = dossier_in(world, State.PROCESSING)
    dossier.applicant_user = owner
    dossier.save(update_fields=["applicant_user"])
    with pytest.raises(Forbidden):
        attempt(world, dossier, "withdraw", actor=other)
    assert attempt(world, dossier, "withdraw", actor=owner).national_status == 7


def test_stale_version_is_refused(world):
    """Optimistic concurrency: an action prepared on an old copy gets 409."""
    from lienthong.dossiers import services

    dossier = dossier_in(world, State.RECEIVED)
    services.assign(world.unit_leader, dossier, world.desk)
    with pytest.raises(Conflict) as exc:
        services.transfer(world.desk, dossier, expected_version=dossier.version)
    assert exc.value.code == "stale_dossier"
