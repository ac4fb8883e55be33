from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lienthong.accounts import mfa
from lienthong.accounts.tests.conftest import post_login
from lienthong.core.models import AuditRecord

pytestmark = pytest.mark.django_db

MFA_URL = reverse("accounts:mfa")


def _code(key_bytes):
    return f"{totp(key_bytes):06d}"


def _device(user):
    return TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)


@pytest.mark.parametrize("who", ["admin_a", "province_admin"])
def test_administrators_are_sent_to_mfa_for_every_page_and_refused_by_the_api(client, tree, who):
    """Issue #2 §5: TOTP MFA is required for administrator roles (agency and province IT admins)."""
    user = getattr(tree, who)
    response = post_login(client, user.username)
    assert response.status_code == 302
    for path in [
        reverse("core:home"),
        reverse("accounts:profile"),
        reverse("accounts:role_list"),
        reverse("directory:agency_list"),
    ]:
        page = client.get(path)
        assert page.status_code == 302, path
        assert page["Location"].startswith(f"{MFA_URL}?next={path}")
    api = client.get("/api/v1/me/")
    assert api.status_code == 403
    assert api.json()["code"] == "mfa_required"
    assert client.get(MFA_URL).status_code == 200


def test_valid_totp_code_lets_the_administrator_through(client, tree):
    """Issue #2 §5: after a valid TOTP code the administrator reaches the page asked for, then any page."""
    device = _device(tree.admin_a)
    post_login(client, tree.admin_a.username)
    response = client.post(MFA_URL, {"code": _code(device.bin_key), "next": reverse("accounts:profile")})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get("/api/v1/me/").status_code == 200
    assert AuditRecord.objects.filter(action="security.mfa_verified", object_id=str(tree.admin_a.pk)).exists()


def test_code_with_spaces_is_accepted_and_next_defaults_to_home(client, tree):
    """Authenticator apps show "123 456": the form accepts the spaces; no ``next`` means home."""
    device = _device(tree.province_admin)
    client.force_login(tree.province_admin)
    code = _code(device.bin_key)
    response = client.post(MFA_URL, {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200


def test_wrong_code_is_refused_and_audited(client, tree):
    """Issue #2 §5 (MFA); TCVN 11930:2017 (log authentication failures): a wrong code is refused and audited."""
    device = _device(tree.admin_a)
    client.force_login(tree.admin_a)
    wrong = f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"
    response = client.post(MFA_URL, {"code": wrong})
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302
    failure = AuditRecord.objects.get(action="security.mfa_failed")
    assert failure.object_id == str(tree.admin_a.pk)
    assert failure.note == "wrong_code"


def test_repeated_wrong_codes_are_throttled(client, tree):
    """django-otp back-off: right after a wrong code even the right one waits; the refusal is audited."""
    device = _device(tree.admin_a)
    client.force_login(tree.admin_a)
    client.post(MFA_URL, {"code": "000000" if _code(device.bin_key) != "000000" else "111111"})
    response = client.post(MFA_URL, {"code": _code(device.bin_key)})
    assert response.status_code == 200
    assert "vui lòng chờ" in response.content.decode()
    assert AuditRecord.objects.filter(action="security.mfa_failed", note="throttled").exists()


def test_malformed_code_is_refused_without_touching_the_device(client, tree):
    """Every form rejects bad input with a Vietnamese message: a code is exactly 6 digits."""
    _device(tree.admin_a)
    client.force_login(tree.admin_a)
    response = client.post(MFA_URL, {"code": "12ab"})
    assert response.status_code == 200
    assert "Mã xác thực gồm đúng 6 chữ số." in response.content.decode()
    assert TOTPDevice.objects.get(user=tree.admin_a).throttling_failure_count == 0


def test_enrolment_shows_a_server_side_qr_code_and_the_secret_then_confirms_the_device(client, tree):
    """Issue #2 §5: an administrator without a device enrols one (QR as inline SVG, no external image)."""
    client.force_login(tree.admin_b)
    page = client.get(MFA_URL)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]  # the secret must not stay in a cache
    html = page.content.decode()
    assert '<svg role="img" aria-label="Mã QR' in html
    assert "<img" not in html
    key = client.session[mfa.PENDING_KEY_SESSION]
    assert page.context["secret"].replace(" ", "") in mfa.config_url(tree.admin_b, key)
    assert not TOTPDevice.objects.filter(user=tree.admin_b).exists()

    wrong = client.post(MFA_URL, {"code": f"{(totp(unhexlify(key)) + 1) % 1_000_000:06d}"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.filter(user=tree.admin_b).exists()
    assert AuditRecord.objects.filter(action="security.mfa_enrolment_failed").count() == 1

    response = client.post(MFA_URL, {"code": _code(unhexlify(key)), "next": reverse("accounts:profile")})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    device = TOTPDevice.objects.get(user=tree.admin_b)
    assert device.confirmed and device.key == key
    assert mfa.PENDING_KEY_SESSION not in client.session
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditRecord.objects.filter(action="security.mfa_enrolled", object_id=str(tree.admin_b.pk)).exists()


def test_the_same_code_cannot_be_used_twice(client, tree):
    """TOTP replay protection: a code accepted once is refused in another session."""
    device = _device(tree.admin_a)
    code = _code(device.bin_key)
    client.force_login(tree.admin_a)
    assert client.post(MFA_URL, {"code": code}).status_code == 302
    other = type(client)()
    other.force_login(tree.admin_a)
    assert other.post(MFA_URL, {"code": code}).status_code == 200


def test_unsafe_next_is_ignored(client, tree):
    """Open-redirect protection: after MFA only local addresses are followed."""
    device = _device(tree.admin_a)
    client.force_login(tree.admin_a)
    response = client.post(MFA_URL, {"code": _code(device.bin_key), "next": "https://lua-dao.example/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


@pytest.mark.parametrize("who", ["officer_a", "officer_b", "plain_sub_a"])
def test_non_administrators_are_not_asked_for_mfa(client, tree, who):
    """Issue #2 §5: MFA is required for administrator roles only; other officials go straight in."""
    user = getattr(tree, who)
    assert post_login(client, user.username).status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_staff_account_must_pass_mfa_before_the_django_admin(client, tree):
    """Issue #2 §5: Django staff count as administrators; the admin is reached only after MFA."""
    staff = tree.officer_a
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(MFA_URL)
