import io

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from lienthong.accounts import services as account_services
from lienthong.accounts.models import AccountKind, RoleAssignment, User
from lienthong.accounts.roles import Role
from lienthong.core.models import AuditRecord
from lienthong.directory.demo import vinh_long
from lienthong.directory.demo.people import person
from lienthong.directory.models import AdministrativeUnit, Agency, AgencyKind, InternalUnit, Official
from lienthong.directory.validators import AGENCY_CODE_RE, validate_citizen_id

# Argon2 is deliberately slow; the hasher does not change what the demo loads.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo loaded once for this module, from an empty database, and rolled back after it."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def _counts():
    return {
        "units": AdministrativeUnit.objects.count(),
        "agencies": Agency.objects.count(),
        "internal_units": InternalUnit.objects.count(),
        "officials": Official.objects.count(),
        "users": User.objects.count(),
        "roles": RoleAssignment.objects.count(),
        "audit": AuditRecord.objects.count(),
    }


def test_demo_loads_the_administrative_units_itself(demo):
    assert "Đã nạp 34 tỉnh, thành phố và 3.321 xã" in demo
    assert AdministrativeUnit.objects.get(code="86", valid_from="2025-07-01").children.count() == 124


def test_provincial_agencies_carry_qcvn_102_codes(demo):
    """QCVN 102:2016/BTTTT: identifier codes DDD.CC.BB.AXX, H61 being Vĩnh Long's level-1 code."""
    committee = Agency.objects.get(code="000.00.00.H61")
    assert committee.kind == AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE
    assert committee.administrative_unit.code == "86"
    assert Agency.objects.get(code="000.00.01.H61").kind == AgencyKind.PROVINCIAL_OFFICE
    departments = Agency.objects.filter(parent=committee, kind=AgencyKind.DEPARTMENT)
    assert departments.count() == 13
    assert departments.get(code="000.00.03.H61").name == "Sở Tư pháp tỉnh Vĩnh Long"
    centre = Agency.objects.get(kind=AgencyKind.SERVICE_CENTRE)
    assert centre.has_one_stop_desk and centre.parent.code == "000.00.01.H61"
    for spec in vinh_long.AGENCIES:
        agency = (
            Agency.objects.get(code=spec["code"]) if spec["code"] else Agency.objects.get(name=spec["name"])
        )
        assert [u.name for u in agency.units.order_by("sort_order")] == list(spec["units"])
    assert Agency.objects.filter(code_is_standard=False).count() == 0
    coded = Agency.objects.exclude(code=None).values_list("code", flat=True)
    assert all(AGENCY_CODE_RE.match(code) for code in coded)
    # The provincial police (a central branch) carry no invented code and load once.
    assert Agency.objects.get(name="Công an tỉnh Vĩnh Long").code is None


def test_every_commune_has_a_peoples_committee_with_a_one_stop_desk(demo):
    """Decree 118/2025/NĐ-CP: each commune-level People's Committee runs a one-stop desk."""
    communes = AdministrativeUnit.objects.get(code="86", valid_from="2025-07-01").children.all()
    committees = Agency.objects.filter(
        kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE, administrative_unit__in=communes
    )
    assert committees.count() == 124
    assert set(committees.values_list("administrative_unit", flat=True)) == set(
        communes.values_list("pk", flat=True)
    )
    assert not committees.filter(has_one_stop_desk=False).exists()
    assert committees.get(administrative_unit__code="29590").short_name == "UBND phường Thanh Đức"
    assert committees.get(administrative_unit__code="29641").name == "Ủy ban nhân dân xã Cái Nhum"
    assert committees.get(administrative_unit__code="28756").code == "000.01.31.H61"
    assert committees.get(administrative_unit__code="29857").code == "000.25.32.H61"


def test_every_role_has_an_active_demo_account(demo):
    for role in Role:
        grant = RoleAssignment.objects.active().filter(role=role).select_related("user").first()
        assert grant is not None, role
        assert grant.user.kind == AccountKind.OFFICIAL and grant.user.official.agency_id == grant.agency_id
        assert grant.user.check_password(vinh_long.DEMO_PASSWORD)
    for username, kind in (("congdan.demo", AccountKind.CITIZEN), ("doanhnghiep.demo", AccountKind.BUSINESS)):
        user = User.objects.get(username=username)
        assert user.kind == kind and user.check_password(vinh_long.DEMO_PASSWORD)
    unit_grant = RoleAssignment.objects.get(user__username="truongphong.stp")
    assert unit_grant.internal_unit.name == "Phòng Hành chính tư pháp"


def test_demo_password_passes_the_password_validators(demo):
    usernames = [spec["username"] for spec in vinh_long.ACCOUNTS]
    usernames += [vinh_long.CITIZEN["username"], vinh_long.BUSINESS["username"]]
    users = list(User.objects.filter(username__in=usernames))
    assert len(users) == len(usernames) == 13
    for user in users:
        validate_password(vinh_long.DEMO_PASSWORD, user)


def test_printed_table_lists_every_account_and_the_mfa_note(demo):
    for spec in vinh_long.ACCOUNTS:
        assert spec["username"] in demo
    assert "congdan.demo" in demo and "doanhnghiep.demo" in demo
    assert vinh_long.DEMO_PASSWORD in demo
    assert "quantri.tinh *" in demo and "quantri.stp *" in demo
    assert "(TOTP) ở lần đăng nhập đầu tiên" in demo


def test_demo_citizen_ids_are_well_formed(demo):
    """Circular 59/2021/TT-BCA Art. 7: province, gender/century and year digits agree with the person."""
    officials = list(Official.objects.all())
    assert len(officials) >= len(vinh_long.ACCOUNTS)
    for official in officials:
        validate_citizen_id(official.citizen_id, official.date_of_birth, official.gender)
    citizen = User.objects.get(username="congdan.demo")
    validate_citizen_id(citizen.citizen_id)
    assert person("congdan.demo").citizen_id == citizen.citizen_id  # deterministic


@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
def test_second_run_is_idempotent_and_resets_demo_passwords(demo):
    user = User.objects.get(username="vanthu.stp")
    account_services.set_password(None, user, "Mot-mat-khau-khac-2026")
    before = _counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    after = _counts()
    assert after == before | {"audit": before["audit"] + 1}  # only the password reset is recorded
    assert "đặt lại mật khẩu 1" in out.getvalue()
    user.refresh_from_db()
    assert user.check_password(vinh_long.DEMO_PASSWORD)
    assert AuditRecord.objects.order_by("-id").first().action == "security.password_set"


def test_accounts_table_can_be_left_for_a_later_run(demo):
    """`make demo` loads the catalogue between two runs and prints the accounts only at the end."""
    quiet, loud = io.StringIO(), io.StringIO()
    call_command("load_demo", "--no-accounts-table", stdout=quiet)
    call_command("load_demo", stdout=loud)
    assert "Cơ quan: tạo mới 0" in quiet.getvalue()
    assert "quantri.tinh" not in quiet.getvalue()
    assert "quantri.tinh" in loud.getvalue() and vinh_long.DEMO_PASSWORD in loud.getvalue()
