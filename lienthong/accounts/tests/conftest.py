"""Shared fixtures for the accounts web tests: an agency tree, officials with roles, logging in."""

from types import SimpleNamespace

import django_otp
import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import TEST_PASSWORD, OfficialUserFactory, RoleAssignmentFactory
from lienthong.directory.models import AgencyKind
from lienthong.directory.tests.factories import AgencyFactory, InternalUnitFactory


def official_with_role(agency, role, username=None, **extra):
    """An official of ``agency`` holding ``role`` there (no role when ``role`` is None)."""
    user = OfficialUserFactory(official__agency=agency, **extra)
    if username:
        user.username = username
        user.save(update_fields=["username"])
    if role is not None:
        RoleAssignmentFactory(user=user, role=role, agency=agency)
    return user


def post_login(client, username, password=TEST_PASSWORD, ip="10.0.0.1", **extra):
    """Log in through the login page (so django-axes and the audit signals see a real request)."""
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def login_verified(client, user):
    """A session that has passed TOTP verification (the device is created for the user)."""
    device = TOTPDevice.objects.create(user=user, name="Ứng dụng thử", confirmed=True)
    client.force_login(user)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def tree(db):
    """Province committee → departments A and B; A has a sub-agency A1 and an internal unit."""
    province = AgencyFactory(
        name="Ủy ban nhân dân tỉnh Vĩnh Long", kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE
    )
    agency_a = AgencyFactory(name="Sở Tư pháp", short_name="STP", parent=province)
    sub_a = AgencyFactory(name="Trung tâm Trợ giúp pháp lý", short_name="TGPL", parent=agency_a)
    agency_b = AgencyFactory(name="Sở Y tế", short_name="SYT", parent=province)
    return SimpleNamespace(
        province=province,
        a=agency_a,
        sub_a=sub_a,
        b=agency_b,
        unit_a=InternalUnitFactory(agency=agency_a, name="Phòng Hành chính tư pháp"),
        unit_b=InternalUnitFactory(agency=agency_b, name="Phòng Nghiệp vụ Y"),
        admin_a=official_with_role(agency_a, Role.AGENCY_ADMIN, "quantri_stp"),
        admin_b=official_with_role(agency_b, Role.AGENCY_ADMIN, "quantri_syt"),
        province_admin=official_with_role(province, Role.PROVINCE_IT_ADMIN, "quantri_tinh"),
        officer_a=official_with_role(agency_a, Role.ONE_STOP_OFFICER, "motcua_stp"),
        officer_b=official_with_role(agency_b, Role.SPECIALIST, "chuyenvien_syt"),
        plain_sub_a=official_with_role(sub_a, None, "canbo_tgpl"),
    )
