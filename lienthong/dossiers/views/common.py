"""What the officer pages share: who may open them, and the dossier a page is about."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import active_roles, is_province_admin
from lienthong.dossiers import selectors


def is_officer(user):
    return bool(active_roles(user)) or is_province_admin(user)


def officer_required(view):
    """Logged-in officials holding a role (or province administrators); others get 403.
    Applicants follow their dossiers on the public-service portal, not here."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_officer(request.user):
            raise PermissionDenied(_("Trang này dành cho cán bộ xử lý hồ sơ."))
        return view(request, *args, **kwargs)

    return wrapper


def dossier_or_404(user, code):
    dossier = selectors.dossier_detail(user, code=code)
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ hoặc bạn không được xem hồ sơ này."))
    return dossier
