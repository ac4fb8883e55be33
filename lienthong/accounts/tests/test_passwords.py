import re

import pytest
from django.core import mail
from django.urls import reverse

from lienthong.accounts import services
from lienthong.accounts.models import AccountKind
from lienthong.accounts.tests.factories import TEST_PASSWORD, UserFactory
from lienthong.core.models import AuditRecord

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Hoa-sen-no-giua-dam-2026"


def test_new_passwords_are_hashed_with_argon2():
    """Issue #2 §5 (Argon2 hashing); TCVN 11930:2017, passwords stored only as a strong one-way hash."""
    user = services.create_account(None, "congdan_argon", NEW_PASSWORD, AccountKind.CITIZEN)
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(NEW_PASSWORD)


def test_password_change_saves_argon2_hash_keeps_session_and_is_audited(client):
    """Issue #2 §5 (password change); every security event is in the audit trail."""
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.password.startswith("argon2")
    assert user.check_password(NEW_PASSWORD)
    assert AuditRecord.objects.filter(action="security.password_changed", object_id=str(user.pk)).count() == 1
    # The session survives the change (update_session_auth_hash).
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_password_change_with_wrong_old_password_is_refused_and_audited(client):
    """Issue #2 §5: a refused password change saves nothing and leaves an audit record."""
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "sai-mat-khau-cu", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Mật khẩu hiện tại không đúng" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
    failed = AuditRecord.objects.get(action="security.password_change_failed")
    assert failed.object_id == str(user.pk)
    assert "old_password: password_incorrect" in failed.note
    assert NEW_PASSWORD not in failed.note


def test_weak_new_password_is_refused_with_a_vietnamese_message(client):
    """Issue #2 §5: password validators (length ≥ 10, not common, not numeric) refuse weak passwords."""
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Mật khẩu" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def _reset_link(message):
    match = re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_email_is_sent_in_vietnamese_and_the_link_sets_a_new_password(client):
    """Issue #2 §5 (password reset by e-mail): the link works once and the change is audited."""
    user = UserFactory(email="lan.tran@example.vn")
    response = client.post(reverse("accounts:password_reset"), {"email": "LAN.TRAN@example.vn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan.tran@example.vn"]
    assert "Đặt lại mật khẩu" in message.subject
    assert "Kính gửi" in message.body and user.username in message.body

    link = _reset_link(message)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.password.startswith("argon2")
    actions = set(AuditRecord.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert {"security.password_reset_requested", "security.password_reset"} <= actions

    # Used once, the link no longer works, and the failure is audited.
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert AuditRecord.objects.filter(
        action="security.password_reset_failed", object_id=str(user.pk)
    ).exists()


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client):
    """Issue #2 §5: the answer is the same whether or not an account exists (no account discovery)."""
    response = client.post(reverse("accounts:password_reset"), {"email": "khong-co@example.vn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
    record = AuditRecord.objects.get(action="security.password_reset_requested")
    assert record.object_repr == "khong-co@example.vn"


def test_password_reset_refuses_a_malformed_address(client):
    """Every form rejects bad input with a Vietnamese message and sends nothing."""
    response = client.post(reverse("accounts:password_reset"), {"email": "khong-phai-thu"})
    assert response.status_code == 200
    assert "Địa chỉ thư điện tử không hợp lệ." in response.content.decode()
    assert mail.outbox == []


def test_tampered_reset_link_is_refused_and_audited(client):
    """Issue #2 §5: an invalid reset link cannot set a password; the attempt is audited."""
    user = UserFactory()
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "sai-ma-xac-nhan"]))
    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert "không hợp lệ" in response.content.decode()
    assert AuditRecord.objects.filter(action="security.password_reset_failed").exists()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
