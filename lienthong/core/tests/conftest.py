"""The API's callers, one of each kind, shared by the API tests of core, directory and accounts.

``build_api_world()`` is a plain function so the directory and accounts API tests can import it
(a conftest's fixtures reach only its own folder).
"""

from dataclasses import dataclass, field

import django_otp
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from lienthong.accounts.models import AccountKind
from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import OfficialUserFactory, RoleAssignmentFactory, UserFactory
from lienthong.directory.models import AgencyKind
from lienthong.directory.tests.factories import AgencyFactory, InternalUnitFactory

# Every kind of caller the API tests try; "admin_a_no_mfa" is an administrator who skipped TOTP.
CALLERS = ("anonymous", "citizen", "specialist_a", "admin_a", "admin_b", "province_admin")
_VERIFIED = {"admin_a", "admin_b", "province_admin"}


def verify_mfa(client, user):
    """Log ``user`` in on ``client`` with a session that has passed TOTP verification."""
    device = TOTPDevice.objects.create(user=user, name="Ứng dụng thử", confirmed=True)
    client.force_login(user)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _official_user(agency, role, unit=None, username=None):
    user = OfficialUserFactory(official__agency=agency, official__internal_unit=unit)
    if username:
        user.username = username
        user.save(update_fields=["username"])
    RoleAssignmentFactory(user=user, role=role, agency=agency, internal_unit=unit)
    return user


@dataclass
class ApiWorld:
    """A province committee above two departments A and B, each with one internal unit, and the callers."""

    province: object
    agency_a: object
    agency_b: object
    unit_a: object
    unit_b: object
    users: dict
    clients: dict = field(default_factory=dict)

    def __post_init__(self):
        # Logged in up front, so the login's own audit records are there before a test counts rows.
        self.clients["anonymous"] = APIClient()
        for caller, user in self.users.items():
            self.clients[caller] = client = APIClient()
            if caller in _VERIFIED:
                verify_mfa(client, user)
            else:
                client.force_login(user)

    def client(self, caller):
        """An ``APIClient`` logged in as ``caller`` (anonymous: not logged in)."""
        return self.clients[caller]


def build_api_world():
    province = AgencyFactory(
        name="Ủy ban nhân dân tỉnh Vĩnh Long", kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE
    )
    agency_a = AgencyFactory(name="Sở Tư pháp", short_name="STP", parent=province)
    agency_b = AgencyFactory(name="Sở Y tế", short_name="SYT", parent=province)
    unit_a = InternalUnitFactory(agency=agency_a, name="Phòng Hành chính tư pháp")
    unit_b = InternalUnitFactory(agency=agency_b, name="Phòng Nghiệp vụ Y")
    users = {
        "citizen": UserFactory(kind=AccountKind.CITIZEN, first_name="", last_name="Trần Thị Lan"),
        "specialist_a": _official_user(agency_a, Role.SPECIALIST, unit_a, "chuyenvien_a"),
        "admin_a": _official_user(agency_a, Role.AGENCY_ADMIN, username="quantri_a"),
        "admin_a_no_mfa": _official_user(agency_a, Role.AGENCY_ADMIN, username="quantri_a_chua_otp"),
        "admin_b": _official_user(agency_b, Role.AGENCY_ADMIN, username="quantri_b"),
        "province_admin": _official_user(province, Role.PROVINCE_IT_ADMIN, username="quantri_tinh"),
    }
    return ApiWorld(province, agency_a, agency_b, unit_a, unit_b, users)


@pytest.fixture
def api_world(db):
    return build_api_world()
