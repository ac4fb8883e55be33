"""Who sees which dossiers, and the work queues (issue 4 item 9; style.md habit 5)."""

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import RoleAssignmentFactory
from lienthong.directory.tests.factories import InternalUnitFactory
from lienthong.dossiers import selectors, services
from lienthong.dossiers.tests import factories as f


def test_officers_see_their_agencys_dossiers_only(world):
    mine = world.receive()
    other_agency = f.commune()
    theirs = f.receive(f.officer(other_agency), world.version, other_agency)
    visible = set(selectors.dossiers_visible_to(world.specialist))
    assert mine in visible and theirs not in visible


def test_applicant_sees_own_dossiers_and_admin_sees_all(world):
    owner, stranger = f.citizen(), f.citizen()
    own = world.receive(applicant_user=owner)
    world.receive()
    assert list(selectors.dossiers_visible_to(owner)) == [own]
    assert not selectors.dossiers_visible_to(stranger).exists()
    admin = f.officer(f.commune(), Role.PROVINCE_IT_ADMIN)
    assert selectors.dossiers_visible_to(admin).count() == 2
    assert selectors.history(stranger, own) == []
    assert [e.action for e in selectors.history(owner, own)] == ["accept"]


def test_work_queues(world):
    unit = InternalUnitFactory(agency=world.agency)
    colleague = f.officer(world.agency)
    RoleAssignmentFactory(user=colleague, agency=world.agency, role=Role.SPECIALIST, internal_unit=unit)
    RoleAssignmentFactory(
        user=world.unit_leader, agency=world.agency, role=Role.UNIT_LEADER, internal_unit=unit
    )
    assigned = services.transfer(world.desk, world.receive(), assignee=colleague)
    waiting = services.transfer(world.desk, world.receive())
    finished = services.approve(world.leader, services.transfer(world.desk, world.receive()))
    assert list(selectors.my_queue(colleague)) == [assigned]
    assert set(selectors.unit_queue(world.unit_leader)) == {assigned}
    assert set(selectors.unit_queue(world.specialist)) == {waiting}
    assert {assigned, waiting, finished} <= set(selectors.agency_queue(world.desk))
    assert not selectors.agency_queue(f.officer(f.commune())).exists()
