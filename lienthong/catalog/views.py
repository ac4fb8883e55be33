"""Public pages of the catalogue: search, a procedure with its history, its process file, its e-form."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lienthong.catalog import eform_html, eforms, excel, process, selectors
from lienthong.catalog.forms import SearchForm
from lienthong.catalog.pagination import ProcedurePaginator
from lienthong.core.excel import XLSX_CONTENT_TYPE

PAGE_SIZE = 20


def _search(request):
    form = SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, selectors.current_versions().none()
    kwargs = form.selector_kwargs() if form.is_bound else {}
    return form, selectors.search_procedures(**kwargs)


@require_GET
def procedure_list(request):
    form, rows = _search(request)
    page_obj = ProcedurePaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/procedure_list.html",
        {"form": form, "page_obj": page_obj, "procedures": page_obj.object_list},
    )


@require_GET
def export_excel(request):
    _form, rows = _search(request)
    response = HttpResponse(excel.workbook(excel.export_prefetch(rows)), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="danh-muc-thu-tuc.xlsx"'
    return response


def _version(request, code, number=None):
    procedure = selectors.get_procedure(code)
    if procedure is None:
        raise Http404(_("Không có thủ tục mã %(code)s.") % {"code": code})
    version = selectors.version_for(request.user, procedure, number)
    if version is None:
        raise Http404(_("Không có phiên bản này."))
    return procedure, version


@require_GET
def procedure_detail(request, code, number=None):
    procedure, version = _version(request, code, number)
    history = selectors.versions_visible_to(request.user, procedure)
    return render(
        request,
        "catalog/procedure_detail.html",
        {
            "procedure": procedure,
            "version": version,
            "history": history,
            "eform_fields": eform_html.describe(version.eform),
            "can_edit": selectors.can_edit_catalog(request.user),
        },
    )


@require_GET
def process_file(request, code, fmt):
    procedure, version = _version(request, code, _number(request.GET.get("phien-ban")))
    document = process.export_document(version)
    content_type = "application/yaml" if fmt == "yaml" else "application/json"
    response = HttpResponse(process.dump(document, fmt), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="quy-trinh-{procedure.code}-v{version.number}.{fmt}"'
    )
    return response


def _number(value):
    return int(value) if value and value.isdigit() else None


@require_http_methods(["GET", "POST"])
def eform(request, code):
    """Fill in the procedure's e-form and have it checked. Nothing is saved: submitting a dossier is
    the portal's job; this page lets applicants and officers see the form and its rules."""
    procedure, version = _version(request, code)
    if not version.eform:
        raise Http404(_("Thủ tục này chưa có biểu mẫu điện tử."))
    data = eform_html.data_from_post(version.eform, request.POST) if request.method == "POST" else {}
    errors, cleaned = {}, None
    if request.method == "POST":
        data = eform_html.apply_row_action(version.eform, data, request.POST)
        if "_validate" in request.POST:
            data = eform_html.drop_blank_rows(version.eform, data)
            cleaned, errors = eforms.validate_submission(version.eform, data)
            if errors:
                cleaned = None
    items, summary = eform_html.render_form(version.eform, data, errors)
    return render(
        request,
        "catalog/eform.html",
        {
            "procedure": procedure,
            "version": version,
            "items": items,
            "error_summary": summary,
            "cleaned": eform_html.describe_cleaned(version.eform, cleaned) if cleaned is not None else None,
        },
    )
