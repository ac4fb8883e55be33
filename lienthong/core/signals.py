"""Security events (login, logout, failed login) into the audit trail."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from lienthong.core import audit


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit.record(user, "security.login", user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(user, "security.logout", user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit.record(username or None, "security.login_failed", object_type="accounts.user", object_repr=username)


@receiver(user_locked_out)
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    name = str(username or "")[:150]
    audit.record(
        name or None,
        "security.locked_out",
        object_type="accounts.user",
        object_repr=name,
        note=f"IP {ip_address}",
    )
