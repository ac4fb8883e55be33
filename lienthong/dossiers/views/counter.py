"""The counter receipt screen (tiếp nhận hồ sơ tại Bộ phận Một cửa), built for speed at the desk.

Step 1 finds the procedure by code or name (a GET form: works without JavaScript); step 2 is the
dossier itself (POST). Each rendering of step 2 carries its own idempotency key, so pressing the
button twice makes one dossier. The rules stay in ``services.receive``.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lienthong.accounts.permissions import active_roles, can_act_for_agency
from lienthong.accounts.roles import Role
from lienthong.catalog import selectors as catalog
from lienthong.core.api.errors import Forbidden, ServiceError
from lienthong.dossiers import selectors, services
from lienthong.dossiers.counter_forms import CounterForm, ProcedureSearchForm
from lienthong.dossiers.models import State
from lienthong.workdays.deadlines import TZ

RESULTS = 20
_DESK = frozenset({Role.ONE_STOP_OFFICER})


def desk_agencies(user):
    """The agencies where the user is a one-stop officer, by name."""
    found = {a.agency_id: a.agency for a in active_roles(user) if a.role == Role.ONE_STOP_OFFICER}
    return sorted(found.values(), key=lambda a: a.name)


def desk_required(view):
    """Logged-in one-stop officers only; the desk agencies are handed to the view."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        agencies = desk_agencies(request.user)
        if not agencies:
            raise PermissionDenied(_("Trang này dành cho cán bộ Bộ phận Một cửa."))
        return view(request, agencies, *args, **kwargs)

    return wrapper


def _agency(value, agencies):
    try:
        wanted = int(value)
    except (TypeError, ValueError):
        return agencies[0] if len(agencies) == 1 else None
    return next((a for a in agencies if a.pk == wanted), None)


def _version(code):
    today = timezone.now().astimezone(TZ).date()
    return catalog.version_in_force(code, today) if code else None


@desk_required
@require_http_methods(["GET", "POST"])
def counter(request, agencies):
    if request.method == "POST":
        return _submit(request, agencies)
    search = ProcedureSearchForm(request.GET or None, agencies=agencies)
    query = request.GET.get("q", "").strip()
    agency = _agency(request.GET.get("agency"), agencies)
    picked = request.GET.get("procedure", "").strip()
    if agency is not None:
        # A code typed in full goes straight to the form; so does a procedure picked from the list.
        version = _version(picked or query) if picked or catalog.get_procedure(query) else None
        if version is not None:
            form = CounterForm(
                initial={
                    "procedure": version.procedure.code,
                    "agency": agency.pk,
                    "idempotency_key": CounterForm.new_key(),
                },
                version=version,
            )
            return _render_form(request, form, version, agency, agencies)
    results = []
    if agency is not None and query:
        results = list(catalog.search_procedures(query, agency=agency)[:RESULTS])
    context = {
        "step": 1,
        "search": search,
        "agency": agency,
        "agencies": agencies,
        "query": query,
        "results": results,
        "picked_missing": bool(picked),
    }
    return render(request, "dossiers/counter.html", context)


def _render_form(request, form, version, agency, agencies, status=200):
    context = {
        "step": 2,
        "form": form,
        "version": version,
        "agency": agency,
        "agencies": agencies,
        "rows": form.component_rows(),
        "files_lost": form.is_bound and form.errors and form.has_files(),
    }
    return render(request, "dossiers/counter.html", context, status=status)


def _submit(request, agencies):
    agency = _agency(request.POST.get("agency"), agencies)
    if agency is None:
        raise PermissionDenied(_("Bạn không có quyền tiếp nhận hồ sơ tại cơ quan này."))
    version = _version(request.POST.get("procedure", "").strip())
    if version is None:
        raise Http404(_("Không tìm thấy thủ tục đang có hiệu lực với mã này."))
    form = CounterForm(request.POST, request.FILES, version=version)
    if form.is_valid():
        try:
            dossier = services.receive(request.user, agency=agency, **form.receive_kwargs())
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form.add_service_errors(exc)
            else:
                for message in exc.messages:
                    form.add_error(None, message)
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("dossiers:counter_result", pk=dossier.pk)
    return _render_form(request, form, version, agency, agencies, status=400)


def _print_url(dossier, form):
    """Helper D's printable form; a dossier refused at the counter has no code, only its id."""
    try:
        if dossier.code:
            return reverse("dossiers:print", args=[dossier.code, form])
        return reverse("dossiers:print_by_id", args=[dossier.pk, form])
    except NoReverseMatch:
        return None


@desk_required
@require_GET
def counter_result(request, agencies, pk):
    """What the desk hands over next: the receipt (or the refusal) to print, then the next applicant."""
    dossier = (
        selectors.dossiers_visible_to(request.user)
        .select_related("redirected_to")
        .prefetch_related("files")
        .filter(pk=pk)
        .first()
    )
    if dossier is None or not can_act_for_agency(request.user, dossier.receiving_agency_id, _DESK):
        raise Http404(_("Không tìm thấy hồ sơ hoặc bạn không được xem hồ sơ này."))
    accepted = dossier.state not in (State.REFUSED_AT_RECEIPT, State.REDIRECTED)
    context = {
        "dossier": dossier,
        "accepted": accepted,
        # A redirect is only logged, with no form (regulations.md §2.2 step 3).
        "print_url": _print_url(dossier, "receipt" if accepted else "refusal")
        if dossier.state != State.REDIRECTED
        else None,
        "detail_url": reverse("dossiers:detail", args=[dossier.code]) if dossier.code else None,
        "next_url": reverse("dossiers:counter") + f"?agency={dossier.receiving_agency_id}",
        "files": list(dossier.files.all()),
    }
    return render(request, "dossiers/counter_result.html", context)
