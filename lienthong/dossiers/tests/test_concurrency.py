"""Concurrent receipts and actions against PostgreSQL (row locks are no-ops on SQLite)."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection

from lienthong.accounts.roles import Role
from lienthong.core.api.errors import Conflict
from lienthong.dossiers import services
from lienthong.dossiers.models import State
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.conftest import World
from lienthong.workdays.deadlines import TZ

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def _run(workers, target):
    results, errors = [], []
    barrier = threading.Barrier(workers)

    def body(n):
        try:
            barrier.wait()
            results.append(target(n))
        except Exception as exc:  # collected and checked by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=body, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_concurrent_receipts_get_gap_free_consecutive_codes():
    """regulations.md §4.1: 8 desks × 10 receipts at once → 0001..0080, unique, no gaps."""
    with time_machine.travel(datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ), tick=False):
        world = World()
        desks = [f.officer(world.agency) for _ in range(8)]
        results, errors = _run(
            8, lambda n: [f.receive(desks[n], world.version, world.agency).code for _ in range(10)]
        )
    assert errors == []
    codes = sorted(code for batch in results for code in batch)
    assert codes == [f"{world.agency.code}-261117-{n:04d}" for n in range(1, 81)]


def test_two_leaders_approving_at_once_only_one_wins():
    """Only one transition wins; the other meets the new state and gets 409."""
    world = World()
    second = f.officer(world.agency, Role.AGENCY_LEADER)
    dossier = services.transfer(world.desk, world.receive(), assignee=world.specialist)
    results, errors = _run(2, lambda n: services.approve([world.leader, second][n], dossier))
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], Conflict) and errors[0].code == "invalid_transition"
    dossier.refresh_from_db()
    assert (dossier.state, dossier.events.filter(action="approve").count()) == (State.APPROVED, 1)


def test_two_officers_transferring_the_same_version_only_one_wins():
    """Optimistic concurrency on top of the row lock: the stale copy gets 409 stale_dossier."""
    world = World()
    dossier = world.receive()
    other_desk = f.officer(world.agency)
    results, errors = _run(
        2, lambda n: services.transfer([world.desk, other_desk][n], dossier, expected_version=dossier.version)
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], Conflict) and errors[0].code == "stale_dossier"
    dossier.refresh_from_db()
    assert (dossier.step_index, dossier.events.filter(action="transfer").count()) == (1, 1)
