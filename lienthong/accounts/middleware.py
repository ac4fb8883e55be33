from urllib.parse import quote

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import requires_mfa

_ALLOWED_PREFIXES = ("/static/", "/i18n/", "/healthz")


class RequireMfaMiddleware:
    """Officials with administrative rights must verify a TOTP device before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and requires_mfa(user) and not user.is_verified():
            allowed = {reverse("accounts:mfa"), reverse("accounts:logout")}
            if request.path not in allowed and not request.path.startswith(_ALLOWED_PREFIXES):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {
                            "status": 403,
                            "code": "mfa_required",
                            "message": _(
                                "Tài khoản quản trị phải xác thực hai lớp (mã TOTP) trước khi thao tác."
                            ),
                            "errors": {},
                        },
                        status=403,
                    )
                return redirect(f"{reverse('accounts:mfa')}?next={quote(request.get_full_path())}")
        return self.get_response(request)
