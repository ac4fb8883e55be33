"""A small province for the directory tests: a People's Committee above two departments, and its people."""

from dataclasses import dataclass

import django_otp
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from lienthong.accounts import permissions
from lienthong.accounts.models import AccountKind
from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import OfficialUserFactory, RoleAssignmentFactory, UserFactory
from lienthong.directory.models import AgencyKind, DivisionType
from lienthong.directory.tests.factories import (
    AdministrativeUnitFactory,
    AgencyFactory,
    InternalUnitFactory,
    OfficialFactory,
)


@dataclass
class Province:
    unit: object
    committee: object
    home_affairs: object
    justice: object
    home_affairs_unit: object
    justice_unit: object


@pytest.fixture
def province(db):
    unit = AdministrativeUnitFactory(code="86", name="Tỉnh Vĩnh Long", division_type=DivisionType.PROVINCE)
    committee = AgencyFactory(
        name="Ủy ban nhân dân tỉnh Vĩnh Long",
        short_name="UBND tỉnh",
        kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE,
        code="000.00.00.H61",
        administrative_unit=unit,
    )
    home_affairs = AgencyFactory(
        name="Sở Nội vụ", short_name="SNV", parent=committee, code="000.00.09.H61", administrative_unit=unit
    )
    justice = AgencyFactory(
        name="Sở Tư pháp", short_name="STP", parent=committee, code="000.00.10.H61", administrative_unit=unit
    )
    return Province(
        unit,
        committee,
        home_affairs,
        justice,
        InternalUnitFactory(agency=home_affairs, name="Phòng Công chức, viên chức"),
        InternalUnitFactory(agency=justice, name="Phòng Hành chính tư pháp"),
    )


def _official_user(agency, role, **official):
    user = OfficialUserFactory(official__agency=agency, **{f"official__{k}": v for k, v in official.items()})
    RoleAssignmentFactory(user=user, role=role, agency=agency)
    return user


@pytest.fixture
def citizen(db):
    return UserFactory(kind=AccountKind.CITIZEN, first_name="Lan", last_name="Trần Thị")


@pytest.fixture
def specialist(province):
    """A specialist of the Department of Home Affairs (no administrative rights)."""
    return _official_user(province.home_affairs, Role.SPECIALIST, full_name="Lê Văn Chuyên")


@pytest.fixture
def home_affairs_admin(province):
    return _official_user(province.home_affairs, Role.AGENCY_ADMIN, full_name="Phạm Thị Quản")


@pytest.fixture
def justice_admin(province):
    return _official_user(province.justice, Role.AGENCY_ADMIN, full_name="Võ Văn Tư")


@pytest.fixture
def province_admin(province):
    return _official_user(province.committee, Role.PROVINCE_IT_ADMIN, full_name="Huỳnh Văn Tỉnh")


@pytest.fixture
def superuser(province):
    official = OfficialFactory(agency=province.committee, full_name="Trần Quản Trị")
    return OfficialUserFactory(official=official, is_staff=True, is_superuser=True)


def log_in(client, user):
    """Log ``user`` in; administrators also pass TOTP (RequireMfaMiddleware), as after a real login."""
    client.force_login(user)
    if permissions.requires_mfa(user):
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
        session = client.session
        session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def login(client):
    """``login(user)`` returns the test client logged in as ``user`` (MFA passed where required)."""
    return lambda user: log_in(client, user)
