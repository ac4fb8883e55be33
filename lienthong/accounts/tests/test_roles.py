import pytest
from django.urls import reverse

from lienthong.accounts import permissions, services
from lienthong.accounts.models import RoleAssignment
from lienthong.accounts.roles import Role
from lienthong.accounts.tests.conftest import login_verified, official_with_role
from lienthong.accounts.tests.factories import UserFactory
from lienthong.core.api.errors import Forbidden
from lienthong.core.models import AuditRecord

pytestmark = pytest.mark.django_db

GRANT_URL = reverse("accounts:role_grant")


def _grant(client, user, agency, role=Role.SPECIALIST, unit=None):
    data = {
        "username": user.username,
        "role": role,
        "agency": agency.pk,
        "internal_unit": unit.pk if unit else "",
    }
    return client.post(GRANT_URL, data)


def _role_audit():
    return AuditRecord.objects.filter(action__in=["security.role_granted", "security.role_revoked"])


def test_officer_of_one_agency_cannot_act_for_another(tree):
    """Issue #2 §5 (role scoping): an officer of agency A cannot act for agency B."""
    assert permissions.can_act_for_agency(tree.officer_a, tree.a)
    assert not permissions.can_act_for_agency(tree.officer_a, tree.b)
    assert not permissions.can_act_for_agency(tree.officer_a, tree.sub_a)


def test_agency_admin_cannot_grant_in_another_agency(client, tree):
    """Issue #2 §5: an agency administrator of A granting in B gets 403; nothing saved, nothing audited."""
    login_verified(client, tree.admin_a)
    before = RoleAssignment.objects.count()
    response = _grant(client, tree.officer_b, tree.b)
    assert response.status_code == 403
    assert "không có quyền" in response.content.decode()
    assert RoleAssignment.objects.count() == before
    assert not _role_audit().exists()


def test_agency_admin_grants_in_own_agency_and_its_sub_agencies(client, tree):
    """Issue #2 §5: an agency administrator administers their agency and the agencies under it."""
    login_verified(client, tree.admin_a)
    response = _grant(client, tree.officer_a, tree.a, Role.CLERK, tree.unit_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:role_list")
    assert permissions.has_role(tree.officer_a, Role.CLERK, tree.a)
    response = _grant(client, tree.plain_sub_a, tree.sub_a, Role.ONE_STOP_OFFICER)
    assert response.status_code == 302
    grant = RoleAssignment.objects.get(user=tree.plain_sub_a)
    assert (grant.role, grant.agency, grant.granted_by) == (Role.ONE_STOP_OFFICER, tree.sub_a, tree.admin_a)
    assert _role_audit().filter(action="security.role_granted").count() == 2


def test_province_it_admin_grants_anywhere(client, tree):
    """Issue #2 §5: the province IT administrator administers every agency."""
    login_verified(client, tree.province_admin)
    assert _grant(client, tree.officer_b, tree.b, Role.UNIT_LEADER, tree.unit_b).status_code == 302
    assert _grant(client, tree.officer_a, tree.sub_a).status_code == 302
    assert _role_audit().count() == 2


def test_only_a_province_admin_may_grant_province_it_admin(client, tree):
    """Issue #2 §5: the province IT administrator role is granted only by a province IT administrator."""
    login_verified(client, tree.admin_a)
    page = client.get(GRANT_URL)
    assert f'value="{Role.PROVINCE_IT_ADMIN}"' not in page.content.decode()
    response = _grant(client, tree.officer_a, tree.a, Role.PROVINCE_IT_ADMIN)
    assert response.status_code == 403
    assert not permissions.has_role(tree.officer_a, Role.PROVINCE_IT_ADMIN)
    assert not _role_audit().exists()

    other = type(client)()
    login_verified(other, tree.province_admin)
    assert f'value="{Role.PROVINCE_IT_ADMIN}"' in other.get(GRANT_URL).content.decode()
    assert _grant(other, tree.officer_a, tree.a, Role.PROVINCE_IT_ADMIN).status_code == 302
    assert RoleAssignment.objects.active().filter(user=tree.officer_a, role=Role.PROVINCE_IT_ADMIN).exists()


def test_service_refuses_out_of_scope_grants_directly(tree):
    """Issue #2 §5: the rule lives in the service, whatever calls it."""
    with pytest.raises(Forbidden):
        services.assign_role(tree.admin_a, tree.officer_b, Role.SPECIALIST, tree.b)
    with pytest.raises(Forbidden):
        services.assign_role(tree.admin_a, tree.officer_a, Role.PROVINCE_IT_ADMIN, tree.a)
    assert not _role_audit().exists()


def test_agency_admin_cannot_revoke_in_another_agency(client, tree):
    """Issue #2 §5: revoking a grant in B as administrator of A is 403; the grant stays, no audit record."""
    grant = tree.officer_b.role_assignments.get()
    login_verified(client, tree.admin_a)
    url = reverse("accounts:role_revoke", args=[grant.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    grant.refresh_from_db()
    assert grant.revoked_at is None
    assert not _role_audit().exists()


def test_agency_admin_revokes_in_own_agency_by_post(client, tree):
    """Issue #2 §5: revoking is a POST (the GET page asks for confirmation); it is audited."""
    grant = tree.officer_a.role_assignments.get()
    login_verified(client, tree.admin_a)
    url = reverse("accounts:role_revoke", args=[grant.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Xác nhận thu hồi" in confirm.content.decode()
    grant.refresh_from_db()
    assert grant.revoked_at is None
    response = client.post(url)
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == tree.admin_a
    assert _role_audit().get().action == "security.role_revoked"


def test_role_list_shows_only_grants_in_administered_agencies(client, tree):
    """Architecture §3 (queries scoped in one place): the list comes from a selector scoped by rights."""
    RoleAssignment.objects.create(user=tree.plain_sub_a, role=Role.CLERK, agency=tree.sub_a)
    login_verified(client, tree.admin_a)
    response = client.get(reverse("accounts:role_list"))
    assert response.status_code == 200
    users = {g.user.username for g in response.context["grants"]}
    assert users == {"quantri_stp", "motcua_stp", "canbo_tgpl"}
    searched = client.get(reverse("accounts:role_list"), {"q": "motcua"})
    assert [g.user.username for g in searched.context["grants"]] == ["motcua_stp"]


def test_role_pages_are_refused_to_non_administrators(client, tree):
    """Issue #2 §5: only agency and province IT administrators manage roles."""
    client.force_login(tree.officer_a)
    assert client.get(reverse("accounts:role_list")).status_code == 403
    assert client.get(GRANT_URL).status_code == 403
    assert _grant(client, tree.officer_a, tree.a, Role.AGENCY_ADMIN).status_code == 403
    assert not permissions.has_role(tree.officer_a, Role.AGENCY_ADMIN)


def test_grant_form_rejects_bad_input_with_vietnamese_messages(client, tree):
    """Every form rejects bad input with a clear Vietnamese message and saves nothing."""
    citizen = UserFactory(username="congdan_an")
    login_verified(client, tree.admin_a)
    before = RoleAssignment.objects.count()
    cases = [
        ({"username": "khong_ton_tai", "role": Role.SPECIALIST, "agency": tree.a.pk}, "Không có tài khoản"),
        (
            {"username": citizen.username, "role": Role.SPECIALIST, "agency": tree.a.pk},
            "Chỉ tài khoản cán bộ",
        ),
        ({"username": tree.officer_a.username, "role": "vua", "agency": tree.a.pk}, "Vai trò không hợp lệ."),
        (
            {"username": tree.officer_a.username, "role": Role.SPECIALIST, "agency": ""},
            "Vui lòng chọn cơ quan.",
        ),
        (
            {
                "username": tree.officer_a.username,
                "role": Role.SPECIALIST,
                "agency": tree.a.pk,
                "internal_unit": tree.unit_b.pk,
            },
            "Phòng, đơn vị không thuộc cơ quan đã chọn.",
        ),
    ]
    for data, message in cases:
        response = client.post(GRANT_URL, data)
        assert response.status_code == 200, data
        assert message in response.content.decode(), data
    assert RoleAssignment.objects.count() == before
    assert not _role_audit().exists()


def test_granting_an_admin_role_makes_mfa_required(client, tree):
    """Issue #2 §5: a new agency administrator must pass MFA from the next request on."""
    official = official_with_role(tree.a, Role.SPECIALIST, "chuyenvien_moi")
    services.assign_role(tree.province_admin, official, Role.AGENCY_ADMIN, tree.a)
    client.force_login(official)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa"))
