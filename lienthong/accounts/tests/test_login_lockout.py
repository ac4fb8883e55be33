import pytest
from django.urls import reverse

from lienthong.accounts.tests.conftest import post_login
from lienthong.accounts.tests.factories import TEST_PASSWORD, UserFactory
from lienthong.core.models import AuditRecord

pytestmark = pytest.mark.django_db

WRONG = "mat-khau-sai-hoan-toan"


def test_login_page_is_vietnamese_and_logs_in(client):
    """Issue #2 §5 (login); the login is recorded in the audit trail."""
    user = UserFactory(username="congdan_lan")
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_username">Tên đăng nhập' in html
    assert '<label for="id_password">Mật khẩu' in html
    response = post_login(client, "congdan_lan")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert AuditRecord.objects.filter(action="security.login", object_id=str(user.pk)).exists()


def test_wrong_password_shows_a_vietnamese_error_and_is_audited(client):
    """TCVN 11930:2017 (log authentication failures): each failed login is in the audit trail."""
    UserFactory(username="congdan_binh")
    response = post_login(client, "congdan_binh", WRONG, ip="10.9.8.7")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    failure = AuditRecord.objects.get(action="security.login_failed")
    assert failure.actor_repr == "congdan_binh"
    assert failure.ip == "10.9.8.7"


def test_lockout_after_five_failures_refuses_even_the_right_password(client):
    """Issue #2 §5 (django-axes lockout); TCVN 11930:2017: lock after repeated failed logins.

    The 5th failure locks the username on that address; the 6th attempt, with the right password,
    gets the Vietnamese lockout page (HTTP 429) and no session.
    """
    UserFactory(username="canbo_khoa")
    for attempt in range(1, 5):
        response = post_login(client, "canbo_khoa", WRONG)
        assert response.status_code == 200, attempt
    fifth = post_login(client, "canbo_khoa", WRONG)
    assert fifth.status_code == 429
    sixth = post_login(client, "canbo_khoa")
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert "Đăng nhập đang bị tạm khoá" in html
    assert "Vui lòng thử lại sau 15 phút." in html
    assert "_auth_user_id" not in client.session
    failures = AuditRecord.objects.filter(action="security.login_failed", actor_repr="canbo_khoa")
    assert failures.count() >= 6
    assert set(failures.values_list("ip", flat=True)) == {"10.0.0.1"}
    assert not AuditRecord.objects.filter(action="security.login").exists()
    locked = AuditRecord.objects.filter(action="security.locked_out", actor_repr="canbo_khoa")
    assert locked.exists() and "10.0.0.1" in locked.first().note


def test_lockout_is_per_username_and_address(client):
    """Issue #2 §5: lockout per username + IP, so an attacker elsewhere cannot lock an official out."""
    UserFactory(username="canbo_xa")
    for _ in range(5):
        post_login(client, "canbo_xa", WRONG, ip="203.0.113.9")
    assert post_login(client, "canbo_xa", ip="203.0.113.9").status_code == 429
    from_office = post_login(client, "canbo_xa", ip="10.20.30.40")
    assert from_office.status_code == 302
    assert AuditRecord.objects.filter(action="security.login", actor_repr="canbo_xa").count() == 1


def test_logout_is_post_only_and_audited(client):
    """Issue #2 §5 (logout): a link or prefetch (GET) cannot log anyone out; the logout is audited."""
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert AuditRecord.objects.filter(action="security.logout", object_id=str(user.pk)).exists()


def test_login_ignores_an_external_next_url(client):
    """Open-redirect protection: after login only local addresses are followed."""
    UserFactory(username="congdan_chi")
    response = client.post(
        reverse("accounts:login") + "?next=https://lua-dao.example/",
        {"username": "congdan_chi", "password": TEST_PASSWORD, "next": "https://lua-dao.example/"},
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
