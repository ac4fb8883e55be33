import pytest

from lienthong.accounts.roles import Role
from lienthong.dossiers.tests import factories as f


class World:
    """A commune with its desk officer, specialist, unit and agency leaders, and a 5-day procedure."""

    def __init__(self):
        self.agency = f.commune()
        self.desk = f.officer(self.agency, Role.ONE_STOP_OFFICER)
        self.specialist = f.officer(self.agency, Role.SPECIALIST)
        self.unit_leader = f.officer(self.agency, Role.UNIT_LEADER)
        self.leader = f.officer(self.agency, Role.AGENCY_LEADER)
        self.version = f.procedure("5")

    def receive(self, **kwargs):
        return f.receive(self.desk, self.version, self.agency, **kwargs)


@pytest.fixture
def world(db):
    return World()
