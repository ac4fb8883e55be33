"""Shared fixtures of the catalogue tests: a small province, its administrators, API clients."""

from types import SimpleNamespace

import django_otp
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import OfficialUserFactory, RoleAssignmentFactory
from lienthong.catalog.tests.factories import FieldFactory
from lienthong.directory.models import AgencyKind, DivisionType
from lienthong.directory.tests.factories import AdministrativeUnitFactory, AgencyFactory


def user_with_role(agency, role):
    user = OfficialUserFactory(official__agency=agency)
    RoleAssignmentFactory(user=user, role=role, agency=agency)
    return user


def login_verified(client, user):
    """A browser session that has passed TOTP verification, as administrators must."""
    device = TOTPDevice.objects.create(user=user, name="Ứng dụng thử", confirmed=True)
    client.force_login(user)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def place(db):
    """Tỉnh Vĩnh Long with two communes, a neighbouring province with one, and the agencies."""
    province = AdministrativeUnitFactory(
        code="86", name="Tỉnh Vĩnh Long", division_type=DivisionType.PROVINCE
    )
    other = AdministrativeUnitFactory(code="82", name="Tỉnh Đồng Tháp", division_type=DivisionType.PROVINCE)
    committee = AgencyFactory(
        name="Ủy ban nhân dân tỉnh Vĩnh Long",
        short_name="UBND tỉnh",
        kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE,
        code="000.00.00.H61",
    )
    justice = AgencyFactory(
        name="Sở Tư pháp tỉnh Vĩnh Long", short_name="Sở Tư pháp", parent=committee, code="000.00.03.H61"
    )
    finance = AgencyFactory(
        name="Sở Tài chính tỉnh Vĩnh Long", short_name="Sở Tài chính", parent=committee, code="000.00.04.H61"
    )
    commune = AgencyFactory(
        name="Ủy ban nhân dân phường Thanh Đức",
        short_name="UBND phường Thanh Đức",
        kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
        parent=committee,
        code="000.01.31.H61",
    )
    return SimpleNamespace(
        province=province,
        other_province=other,
        ward=AdministrativeUnitFactory(
            code="29590", name="Phường Thanh Đức", division_type=DivisionType.WARD, parent=province
        ),
        commune=AdministrativeUnitFactory(
            code="29599", name="Xã Long Hồ", division_type=DivisionType.COMMUNE, parent=province
        ),
        foreign_commune=AdministrativeUnitFactory(
            code="30001", name="Phường Cao Lãnh", division_type=DivisionType.WARD, parent=other
        ),
        committee=committee,
        justice=justice,
        finance=finance,
        commune_agency=commune,
        civil_status=FieldFactory(code="HT", name="Hộ tịch"),
        admin=user_with_role(committee, Role.PROVINCE_IT_ADMIN),
        officer=user_with_role(justice, Role.SPECIALIST),
        agency_admin=user_with_role(justice, Role.AGENCY_ADMIN),
    )


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def admin_api(place):
    client = APIClient()
    client.force_authenticate(place.admin)
    return client
