import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from lienthong.accounts.models import AccountKind, RoleAssignment, User
from lienthong.accounts.roles import Role
from lienthong.accounts.tests.conftest import login_verified
from lienthong.accounts.tests.factories import OfficialUserFactory, RoleAssignmentFactory
from lienthong.core import audit
from lienthong.core.models import AuditRecord
from lienthong.directory.tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Cay-da-dau-lang-2026"


@pytest.fixture
def superuser_client(client, tree):
    user = OfficialUserFactory(
        username="quantri_toicao", official__agency=tree.province, is_staff=True, is_superuser=True
    )
    login_verified(client, user)
    client.user = user
    return client


def _changeform_data(response):
    """The POST body the admin change form would send back unchanged (fields and inline formsets)."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(inline.formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if field.disabled or value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = value
    return data


def test_admin_login_sends_to_the_platform_login_page(client):
    """One login page for the platform, so lockout (django-axes) and the audit trail cover the admin too."""
    response = client.get(reverse("admin:index"), follow=True)
    final_url = response.redirect_chain[-1][0]
    assert final_url.startswith(reverse("accounts:login"))
    assert "next=%2Fquan-tri%2F" in final_url
    assert response.status_code == 200


def test_verified_superuser_uses_the_admin_in_vietnamese(superuser_client, tree):
    """Issue #2 §6: Django admin in Vietnamese for accounts, after MFA."""
    index = superuser_client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Quản trị LienThong" in index.content.decode()
    users = superuser_client.get(reverse("admin:accounts_user_changelist"), {"q": "quantri_stp"})
    assert users.status_code == 200
    assert [u.username for u in users.context["cl"].result_list] == ["quantri_stp"]
    by_kind = superuser_client.get(reverse("admin:accounts_user_changelist"), {"kind__exact": "citizen"})
    assert list(by_kind.context["cl"].result_list) == []
    change = superuser_client.get(reverse("admin:accounts_user_change", args=[tree.admin_a.pk]))
    assert change.status_code == 200
    assert "Quản trị cơ quan" in change.content.decode()  # the read-only role inline


def test_audit_trail_admin_is_strictly_read_only(superuser_client, tree):
    """Architecture habit 3 (history is append-only): nobody adds, edits or deletes audit records."""
    record = audit.record(tree.admin_a, "security.role_granted", tree.officer_a)
    changelist = superuser_client.get(reverse("admin:core_auditrecord_changelist"), {"q": "quantri_stp"})
    assert changelist.status_code == 200
    assert record in changelist.context["cl"].result_list
    assert "delete_selected" not in changelist.content.decode()
    filtered = superuser_client.get(
        reverse("admin:core_auditrecord_changelist"), {"action__exact": "security.role_granted"}
    )
    assert list(filtered.context["cl"].result_list) == [record]
    assert superuser_client.get(reverse("admin:core_auditrecord_add")).status_code == 403
    change_url = reverse("admin:core_auditrecord_change", args=[record.pk])
    assert superuser_client.get(change_url).status_code == 200
    assert superuser_client.post(change_url, {"action": "sua.lai"}).status_code == 403
    delete_url = reverse("admin:core_auditrecord_delete", args=[record.pk])
    assert superuser_client.post(delete_url, {"post": "yes"}).status_code == 403
    record.refresh_from_db()
    assert record.action == "security.role_granted"


def test_adding_an_account_in_the_admin_goes_through_the_service(superuser_client, tree):
    """Architecture §2 (state changes go through services): the admin's add form calls the service."""
    official = OfficialFactory(agency=tree.a)
    response = superuser_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "canbo_moi",
            "kind": AccountKind.OFFICIAL,
            "official": official.pk,
            "email": "canbo.moi@vinhlong.gov.vn",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    user = User.objects.get(username="canbo_moi")
    assert user.official == official
    assert user.password.startswith("argon2")
    created = AuditRecord.objects.get(action="accounts.user.create", object_id=str(user.pk))
    assert created.actor == superuser_client.user


def test_admin_refuses_an_official_account_without_its_record(superuser_client):
    """Issue #2 §5: an official's account is linked to their record; bad input saves nothing."""
    response = superuser_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "canbo_thieu",
            "kind": AccountKind.OFFICIAL,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "phải gắn với hồ sơ cán bộ" in response.content.decode()
    assert not User.objects.filter(username="canbo_thieu").exists()


def test_editing_an_account_in_the_admin_is_audited_with_before_and_after(superuser_client, tree):
    """Architecture §2: the admin's change form calls the service, which records before → after."""
    url = reverse("admin:accounts_user_change", args=[tree.officer_a.pk])
    data = _changeform_data(superuser_client.get(url))
    data["email"] = "motcua.stp@vinhlong.gov.vn"
    data.pop("is_active")  # unticked
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    tree.officer_a.refresh_from_db()
    assert tree.officer_a.email == "motcua.stp@vinhlong.gov.vn"
    assert tree.officer_a.is_active is False
    record = AuditRecord.objects.get(action="accounts.user.update")
    assert record.before["is_active"] is True and record.after["is_active"] is False
    assert record.after["email"] == "motcua.stp@vinhlong.gov.vn"
    # The role grants were not touched by the save.
    assert tree.officer_a.role_assignments.active().count() == 1


def test_admin_password_change_goes_through_the_service(superuser_client, tree):
    """Architecture §2 and Issue #2 §5: an administrator sets a password; Argon2; audited with the actor."""
    url = reverse("admin:auth_user_password_change", args=[tree.officer_a.pk])
    response = superuser_client.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    assert response.status_code == 302
    tree.officer_a.refresh_from_db()
    assert tree.officer_a.check_password(NEW_PASSWORD)
    assert tree.officer_a.password.startswith("argon2")
    record = AuditRecord.objects.get(action="security.password_set")
    assert record.actor == superuser_client.user
    assert record.object_id == str(tree.officer_a.pk)


def test_role_grant_and_revoke_in_the_admin_go_through_the_services(superuser_client, tree):
    """Issue #2 §5: role changes are security events in the audit trail, from the admin too."""
    response = superuser_client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": tree.officer_b.pk, "role": Role.CLERK, "agency": tree.b.pk, "internal_unit": ""},
    )
    assert response.status_code == 302
    grant = RoleAssignment.objects.get(user=tree.officer_b, role=Role.CLERK)
    assert grant.granted_by == superuser_client.user
    assert AuditRecord.objects.filter(action="security.role_granted").count() == 1

    response = superuser_client.post(
        reverse("admin:accounts_roleassignment_changelist"),
        {"action": "revoke_selected", "_selected_action": [grant.pk]},
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert AuditRecord.objects.filter(action="security.role_revoked").count() == 1
    # A grant is never edited in place.
    change_url = reverse("admin:accounts_roleassignment_change", args=[grant.pk])
    assert superuser_client.post(change_url, {"role": Role.AGENCY_LEADER}).status_code == 403


def test_agency_admin_in_the_admin_sees_and_grants_only_in_their_agencies(client, tree):
    """Issue #2 §5 (role scoping) in the Django admin: an administrator of A manages A's accounts only."""
    staff = tree.admin_a
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    staff.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts",
            codename__in=["view_user", "change_user", "view_roleassignment", "add_roleassignment"],
        )
    )
    login_verified(client, staff)
    users = client.get(reverse("admin:accounts_user_changelist"))
    assert users.status_code == 200
    names = {u.username for u in users.context["cl"].result_list}
    assert names == {"quantri_stp", "motcua_stp", "canbo_tgpl"}
    assert client.get(reverse("admin:accounts_user_change", args=[tree.officer_b.pk])).status_code == 302

    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": tree.officer_b.pk, "role": Role.CLERK, "agency": tree.b.pk, "internal_unit": ""},
    )
    assert response.status_code == 200
    assert "Bạn không quản trị cơ quan này." in response.content.decode()
    assert not RoleAssignment.objects.filter(role=Role.CLERK).exists()


def test_admin_action_resets_a_lost_mfa_device(superuser_client, tree):
    """Issue #2 §5 (MFA): a lost phone is handled by an administrator; the reset is audited."""
    TOTPDevice.objects.create(user=tree.admin_b, name="Điện thoại cũ", confirmed=True)
    response = superuser_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_mfa", "_selected_action": [tree.admin_b.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=tree.admin_b).exists()
    assert AuditRecord.objects.get(action="security.mfa_reset").object_id == str(tree.admin_b.pk)


def test_accounts_cannot_be_deleted_in_the_admin(superuser_client, tree):
    """Accounts are deactivated, never deleted: the audit trail keeps pointing at them."""
    url = reverse("admin:accounts_user_delete", args=[tree.officer_a.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=tree.officer_a.pk).exists()
    assert RoleAssignmentFactory._meta.model.objects.filter(user=tree.officer_a).exists()


def test_devices_are_not_edited_around_the_services(superuser_client):
    """Architecture §2: TOTP devices change only through services (enrol, reset), not django-otp's admin."""
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)
    assert superuser_client.get("/quan-tri/otp_totp/totpdevice/").status_code == 404
