"""Helpers around django-otp TOTP: pending secrets, QR codes, device look-up.

During enrolment the new secret lives in the session, not the database, so that showing the QR
code writes nothing; the device is created (confirmed) only when the first code checks out.
"""

import time
from base64 import b32encode
from binascii import unhexlify

import segno
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

PENDING_KEY_SESSION = "lienthong_mfa_pending_key"
# One step either side: phones whose clocks are up to 30 s off still work.
TOLERANCE = 1


def confirmed_device(user):
    """The user's confirmed TOTP device, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def has_confirmed_device(user):
    return confirmed_device(user) is not None


def pending_key(session):
    """The secret being enrolled in this session (hex), created on first use."""
    key = session.get(PENDING_KEY_SESSION)
    if not key:
        key = random_hex(20)
        session[PENDING_KEY_SESSION] = key
    return key


def forget_pending_key(session):
    session.pop(PENDING_KEY_SESSION, None)


def base32_secret(key):
    """The secret as authenticator apps expect it for manual entry, in groups of four."""
    secret = b32encode(unhexlify(key)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def config_url(user, key):
    """The otpauth:// URL (issuer from OTP_TOTP_ISSUER) that the QR code carries."""
    return TOTPDevice(user=user, key=key).config_url


def qr_svg(url):
    """The QR code as inline SVG (no image request, no JavaScript), labelled for screen readers."""
    label = escape(_("Mã QR để thêm tài khoản vào ứng dụng xác thực"))
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff", omitsize=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def check_new_key(key, token):
    """``(time step, drift)`` at which ``token`` matches the pending ``key``, or None."""
    token = (token or "").strip()
    if not token.isdigit():
        return None
    totp = TOTP(unhexlify(key))
    totp.time = time.time()
    if totp.verify(int(token), TOLERANCE):
        return totp.t(), totp.drift
    return None


def throttled_until(device):
    """When a throttled device accepts codes again (after repeated wrong codes), else None."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    return (data or {}).get("locked_until")
