"""One dossier action through a form: GET shows the form on its own page (no JavaScript needed),
POST validates it and calls the service with the version the officer saw.

Refusals are shown on the form with the officer's input kept: field errors next to the fields,
a stale version or a state that no longer allows the action (409) and a missing right (403) at
the top. After a stale version the form carries the current one, so a second submit is deliberate.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lienthong.core.api.errors import Conflict, Forbidden
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.forms import ACTION_FORMS
from lienthong.dossiers.views.common import dossier_or_404, officer_required

STALE = gettext_lazy(
    "Hồ sơ vừa được người khác cập nhật. Hãy xem lại hồ sơ rồi gửi lại nếu vẫn cần thực hiện."
)


def _refusal(user, dossier, form_class):
    """Why the action cannot be taken now (with the HTTP status), or None."""
    if not form_class.possible(dossier):
        return 409, _("Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.")
    if not form_class.offered(user, dossier):
        return 403, _("Bạn không có quyền thực hiện thao tác này đối với hồ sơ.")
    return None


def _post(request, dossier, form_class):
    form = form_class(request.POST, request.FILES, dossier=dossier, user=request.user)
    if not form.is_valid():
        return form, 200
    try:
        done = form.run()
    except Conflict as exc:
        if exc.code != "stale_dossier":
            form.add_error(None, exc.message)
            return form, 409
        fresh = dossier_or_404(request.user, dossier.code)
        data = request.POST.copy()
        data["expected_version"] = str(fresh.version)
        form = form_class(data, request.FILES, dossier=fresh, user=request.user)
        form.is_valid()
        form.add_error(None, STALE)
        return form, 409
    except Forbidden as exc:
        form.add_error(None, exc.message)
        return form, 403
    return (None, 302) if done is not None else (form, 200)


@officer_required
@require_http_methods(["GET", "POST"])
def action(request, code, action):
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404(_("Không có thao tác này."))
    dossier = dossier_or_404(request.user, code)
    refusal, status = None, 200
    if request.method == "POST":
        form, status = _post(request, dossier, form_class)
        if form is None:
            messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": tr.action_label(action)})
            return redirect("dossiers:detail", code=dossier.code)
    else:
        found = _refusal(request.user, dossier, form_class)
        if found:
            status, refusal = found
            form = None
        else:
            form = form_class(
                dossier=dossier, user=request.user, initial={"expected_version": dossier.version}
            )
    context = {
        "dossier": dossier,
        "form": form,
        "refusal": refusal,
        "label": tr.action_label(action),
        "basis": _basis(dossier, action),
    }
    return render(request, "dossiers/action.html", context, status=status)


def _basis(dossier, action):
    edge = tr.TRANSITIONS.get(dossier.state, {}).get(action)
    return edge.basis if edge else ""
