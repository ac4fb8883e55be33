import datetime

import pytest
from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import OfficialUserFactory, RoleAssignmentFactory
from lienthong.workdays import deadlines, selectors, statutory
from lienthong.workdays.official_days import OFFICIAL_DAYS

TZ = deadlines.TZ


def at(year, month, day, hour=9, minute=0):
    """An instant in Vietnam time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Throttle counters and revision tokens live in the cache; each test starts clean.
    cache.clear()
    selectors._built.clear()
    selectors._checked.clear()
    yield
    cache.clear()
    selectors._built.clear()
    selectors._checked.clear()


@pytest.fixture(scope="session")
def calendar():
    """The statutory calendar plus the Government's 2026–2027 days as shipped (no database)."""
    overrides = {day["date"]: (day["kind"], day["name"]) for day in OFFICIAL_DAYS}
    return deadlines.Calendar(statutory.statutory_days_off(), overrides, statutory.statutory_make_up_days())


def verified_client(user):
    """An API client signed in as ``user`` with a confirmed TOTP device (administrators need MFA)."""
    client = APIClient()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def province_admin(db):
    return RoleAssignmentFactory(role=Role.PROVINCE_IT_ADMIN).user


@pytest.fixture
def official(db):
    return OfficialUserFactory()


@pytest.fixture
def admin_api(province_admin):
    return verified_client(province_admin)


@pytest.fixture
def official_api(official):
    client = APIClient()
    client.force_login(official)
    return client
