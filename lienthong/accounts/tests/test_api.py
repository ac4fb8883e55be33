"""/api/v1/me/: the caller's account, official record, active roles and MFA state."""

import pytest
from django.utils import timezone

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import RoleAssignmentFactory
from lienthong.core.tests.conftest import build_api_world

URL = "/api/v1/me/"


@pytest.fixture
def world(db):
    return build_api_world()


def me(world, caller):
    response = world.client(caller).get(URL)
    assert response.status_code == 200, response.content
    return response.json()


def test_anonymous_must_log_in(world):
    response = world.client("anonymous").get(URL)
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"
    assert response.json()["message"] == "Bạn cần đăng nhập."


def test_citizen_sees_own_account_without_official_record_or_roles(world):
    body = me(world, "citizen")
    user = world.users["citizen"]
    assert body["id"] == user.pk
    assert body["username"] == user.username
    assert (body["kind"], body["kind_label"]) == ("citizen", "Công dân")
    assert body["display_name"] == "Trần Thị Lan"
    assert (body["official"], body["roles"]) == (None, [])
    assert (body["mfa_required"], body["mfa_verified"]) == (False, False)


def test_specialist_sees_official_record_and_role_in_unit(world):
    user = world.users["specialist_a"]
    body = me(world, "specialist_a")
    assert body["kind"] == "official"
    assert body["display_name"] == user.official.full_name
    assert body["official"] == {
        "id": user.official.pk,
        "full_name": user.official.full_name,
        "agency": world.agency_a.pk,
        "agency_name": "Sở Tư pháp",
        "internal_unit": world.unit_a.pk,
        "internal_unit_name": "Phòng Hành chính tư pháp",
        "position_name": None,
    }
    assert body["roles"] == [
        {
            "role": "specialist",
            "label": "Chuyên viên",
            "agency": world.agency_a.pk,
            "agency_name": "Sở Tư pháp",
            "internal_unit": world.unit_a.pk,
            "internal_unit_name": "Phòng Hành chính tư pháp",
        }
    ]
    assert (body["mfa_required"], body["mfa_verified"]) == (False, False)


@pytest.mark.parametrize(
    ("caller", "role", "agency"),
    [
        ("admin_a", "agency_admin", "agency_a"),
        ("admin_b", "agency_admin", "agency_b"),
        ("province_admin", "province_it_admin", "province"),
    ],
)
def test_administrators_are_mfa_verified(world, caller, role, agency):
    body = me(world, caller)
    assert [(r["role"], r["agency"]) for r in body["roles"]] == [(role, getattr(world, agency).pk)]
    assert (body["mfa_required"], body["mfa_verified"]) == (True, True)


def test_administrator_without_mfa_is_stopped(world):
    """Administrators must pass TOTP MFA before any request, the API included."""
    response = world.client("admin_a_no_mfa").get(URL)
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"


def test_revoked_roles_are_not_listed(world):
    user = world.users["specialist_a"]
    RoleAssignmentFactory(user=user, role=Role.CLERK, agency=world.agency_a, revoked_at=timezone.now())
    RoleAssignmentFactory(user=user, role=Role.ONE_STOP_OFFICER, agency=world.agency_a)
    roles = {r["role"] for r in me(world, "specialist_a")["roles"]}
    assert roles == {"specialist", "one_stop_officer"}


def test_me_is_read_only(world):
    response = world.client("citizen").patch(URL, {"username": "khac"}, format="json")
    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")


def test_me_query_count_does_not_grow_with_roles(world, django_assert_max_num_queries):
    user = world.users["specialist_a"]
    for role in (Role.CLERK, Role.ONE_STOP_OFFICER, Role.UNIT_LEADER, Role.AGENCY_LEADER):
        RoleAssignmentFactory(user=user, role=role, agency=world.agency_a, internal_unit=world.unit_a)
    # session, user, roles (with agency and unit), official (with agency, unit, position)
    with django_assert_max_num_queries(4):
        assert len(me(world, "specialist_a")["roles"]) == 5
