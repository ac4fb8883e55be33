"""Officer pages: one printed form of a dossier, and the tracking book (filter form + download)."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from lienthong.core.api.errors import Forbidden
from lienthong.dossiers import selectors
from lienthong.dossiers.printing import DOSSIER_FORMS, FORMS, FormNotApplicable
from lienthong.dossiers.printing.book import book_agencies
from lienthong.dossiers.printing.responses import (
    FORMATS,
    book_response,
    default_period,
    form_response,
    period_error,
)
from lienthong.dossiers.views.common import officer_required
from lienthong.workdays.deadlines import TZ


def _print(request, dossier, form):
    if dossier is None or form not in DOSSIER_FORMS:
        raise Http404(_("Không tìm thấy hồ sơ, biểu mẫu hoặc bạn không được xem hồ sơ này."))
    try:
        return form_response(form, dossier)
    except FormNotApplicable as exc:
        context = {"dossier": dossier, "form_title": FORMS[form].title, "message": exc.message}
        return render(request, "dossiers/print/not_applicable.html", context, status=409)


@officer_required
@require_GET
def print_form(request, code, form):
    """``/mot-cua/ho-so/<code>/in/<form>/``: the PDF, shown in the browser (inline)."""
    return _print(request, selectors.dossier_detail(request.user, code=code), form)


@officer_required
@require_GET
def print_form_by_id(request, pk, form):
    """The same for a dossier without a code (refused at the counter: its refusal slip)."""
    return _print(request, selectors.dossier_detail(request.user, pk=pk), form)


class BookForm(forms.Form):
    agency = forms.TypedChoiceField(label=gettext_lazy("Cơ quan"), coerce=int)
    format = forms.ChoiceField(
        label=gettext_lazy("Định dạng"),
        choices=[("pdf", "PDF"), ("xlsx", "Excel (.xlsx)")],
        initial="pdf",
        required=False,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {a.pk: a for a in agencies}
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]
        date = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        # Named "from" and "to" in the address (dossiers:tracking_book?agency=&from=&to=&format=).
        self.fields["from"] = forms.DateField(label=gettext_lazy("Từ ngày"), **date)
        self.fields["to"] = forms.DateField(label=gettext_lazy("Đến ngày"), **date)
        self.order_fields(["agency", "from", "to", "format"])

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to"):
            message = period_error(data["from"], data["to"])
            if message:
                self.add_error("to", message)
        if data.get("format") not in FORMATS:
            data["format"] = "pdf"
        return data


@officer_required
@require_GET
def tracking_book(request):
    """``/mot-cua/so-theo-doi/``: choose the agency and period, then download the PDF or Excel."""
    agencies = book_agencies(request.user)
    if not agencies:
        raise Http404(_("Bạn không giữ vai trò tại cơ quan nào có sổ theo dõi hồ sơ."))
    start, end = default_period(timezone.now().astimezone(TZ).date())
    initial = {"agency": agencies[0].pk, "from": start, "to": end, "format": "pdf"}
    form = BookForm(request.GET or None, agencies=agencies, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            return book_response(
                request.user, form.agencies[data["agency"]], data["from"], data["to"], data["format"]
            )
        except Forbidden as exc:  # a role ended between the list and the download
            form.add_error("agency", exc.message)
    status = 400 if form.is_bound else 200
    return render(request, "dossiers/print/tracking_book_page.html", {"form": form}, status=status)
