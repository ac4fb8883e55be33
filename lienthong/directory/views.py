"""Pages of the directory: administrative units, agencies, the officials database.

Units and agencies are public information; the officials directory is for officials only. Reads go
through ``selectors``, changes through ``services``; the views only parse, check and render.
"""

import copy
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lienthong.accounts import permissions
from lienthong.core import excel
from lienthong.core.api.errors import Forbidden
from lienthong.directory import selectors, services
from lienthong.directory.forms import (
    AgencyFilterForm,
    AgencyForm,
    OfficialFilterForm,
    OfficialForm,
    OfficialImportForm,
    UnitFilterForm,
)

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _filters(form):
    form.is_valid()  # invalid filters are dropped, the rest still apply
    return form.cleaned_data


def _wants_export(request):
    return request.GET.get("export") == "xlsx"


def _refusals_as_403(view):
    """A service's ``Forbidden`` becomes the page's 403."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from exc

    return wrapper


def _require(allowed):
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _require_officials_access(user):
    _require(selectors.can_see_officials(user))


def _administers_any(user):
    return permissions.is_province_admin(user) or selectors.administered_agencies(user).exists()


def _validity(obj):
    start = obj.valid_from.strftime("%d/%m/%Y") if obj.valid_from else ""
    end = obj.valid_until.strftime("%d/%m/%Y") if obj.valid_until else ""
    return start, end


# Administrative units


@require_http_methods(["GET"])
def unit_list(request):
    form = UnitFilterForm(request.GET)
    data = _filters(form)
    units = selectors.administrative_units(
        query=data.get("q", ""),
        parent=data.get("parent"),
        division_type=data.get("division_type") or None,
        include_expired=data.get("include_expired", False),
    )
    if _wants_export(request):
        headers = [_("Mã"), _("Tên"), _("Loại"), _("Trực thuộc"), _("Hiệu lực từ"), _("Hiệu lực đến hết")]
        rows = [
            [
                u.code,
                u.name,
                u.get_division_type_display(),
                u.parent.name if u.parent_id else "",
                *_validity(u),
            ]
            for u in units
        ]
        return excel.workbook_response("don-vi-hanh-chinh.xlsx", _("Đơn vị hành chính"), headers, rows)
    return render(request, "directory/unit_list.html", {"form": form, "page_obj": _page(request, units)})


@require_http_methods(["GET"])
def unit_detail(request, pk):
    unit = get_object_or_404(selectors.administrative_units(include_expired=True), pk=pk)
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "children": selectors.administrative_units(parent=unit, include_expired=True),
        "successors": unit.successors.order_by("level", "code"),
        "predecessors": unit.predecessors.order_by("level", "code"),
    }
    return render(request, "directory/unit_detail.html", context)


# Agencies


@require_http_methods(["GET"])
def agency_list(request):
    form = AgencyFilterForm(request.GET)
    data = _filters(form)
    agencies = selectors.agencies(
        query=data.get("q", ""),
        kind=data.get("kind") or None,
        administrative_unit=data.get("administrative_unit"),
        active_only=not data.get("include_inactive"),
    )
    if _wants_export(request):
        return _agency_workbook(agencies)
    context = {
        "form": form,
        "page_obj": _page(request, agencies),
        "can_create": request.user.is_authenticated and _administers_any(request.user),
    }
    return render(request, "directory/agency_list.html", context)


def _agency_workbook(agencies):
    headers = [
        _("Tên cơ quan"),
        _("Tên viết tắt"),
        _("Mã định danh (QCVN 102:2016)"),
        _("Mã đúng dạng"),
        _("Mã định danh (QĐ 20/2020)"),
        _("Loại cơ quan"),
        _("Cơ quan cấp trên"),
        _("Đơn vị hành chính"),
        _("Địa chỉ"),
        _("Điện thoại"),
        _("Thư điện tử"),
        _("Có Bộ phận Một cửa"),
    ]
    yes, no = _("Có"), _("Không")
    rows = [
        [
            a.name,
            a.short_name,
            a.code or "",
            (yes if a.code_is_standard else no) if a.code else "",
            a.code_qd20,
            a.get_kind_display(),
            a.parent.name if a.parent_id else "",
            a.administrative_unit.name if a.administrative_unit_id else "",
            a.address,
            a.phone,
            a.email,
            yes if a.has_one_stop_desk else no,
        ]
        for a in agencies
    ]
    return excel.workbook_response("co-quan.xlsx", _("Cơ quan, đơn vị"), headers, rows)


@require_http_methods(["GET"])
def agency_detail(request, pk):
    agency = get_object_or_404(selectors.agencies(active_only=False), pk=pk)
    user = request.user
    sees_officials = selectors.can_see_officials(user)
    context = {
        "agency": agency,
        "ancestors": agency.ancestors(),
        "children": selectors.agencies(parent=agency),
        "units": selectors.internal_units(agency),
        "sees_officials": sees_officials,
        "page_obj": _page(request, selectors.officials_visible_to(user, agency=agency))
        if sees_officials
        else None,
        "can_edit": user.is_authenticated and permissions.can_administer_agency(user, agency),
    }
    return render(request, "directory/agency_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def agency_edit(request, pk=None):
    agency = get_object_or_404(selectors.agencies(active_only=False), pk=pk) if pk else None
    _require(
        permissions.can_administer_agency(request.user, agency) if agency else _administers_any(request.user)
    )
    # The form works on a copy so that the service sees the agency as it was (audit "before").
    form = AgencyForm(request.POST or None, instance=copy.copy(agency), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved, warnings = services.save_agency(request.user, agency, **form.service_fields())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            for warning in warnings:
                messages.warning(request, warning)
            messages.success(request, _("Đã lưu cơ quan “%(name)s”.") % {"name": saved.name})
            return redirect("directory:agency_detail", saved.pk)
    return render(request, "directory/agency_form.html", {"form": form, "agency": agency})


# Officials


@login_required
@require_http_methods(["GET"])
def official_list(request):
    user = request.user
    _require_officials_access(user)
    form = OfficialFilterForm(request.GET)
    data = _filters(form)
    officials = selectors.officials_visible_to(
        user,
        query=data.get("q", ""),
        agency=data.get("agency"),
        internal_unit=data.get("internal_unit"),
        position=data.get("position"),
        include_inactive=data.get("include_inactive", False),
    )
    if _wants_export(request):
        rows = [services.official_export_row(o, selectors.can_view_personal_data(user, o)) for o in officials]
        headers = list(services.OFFICIAL_COLUMNS.values())
        return excel.workbook_response("can-bo.xlsx", _("Cán bộ"), headers, rows)
    page_obj = _page(request, officials)
    rows = [(o, selectors.can_view_personal_data(user, o)) for o in page_obj]
    context = {
        "form": form,
        "page_obj": page_obj,
        "rows": rows,
        "show_personal": any(allowed for _o, allowed in rows),
        "can_manage": _administers_any(user),
    }
    return render(request, "directory/official_list.html", context)


@login_required
@require_http_methods(["GET"])
def official_detail(request, pk):
    user = request.user
    _require_officials_access(user)
    official = get_object_or_404(selectors.officials_visible_to(user, include_inactive=True), pk=pk)
    context = {
        "official": official,
        "personal": selectors.can_view_personal_data(user, official),
        "can_edit": permissions.can_administer_agency(user, official.agency),
    }
    return render(request, "directory/official_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def official_edit(request, pk=None):
    user = request.user
    _require_officials_access(user)
    official = None
    if pk:
        official = get_object_or_404(selectors.officials_visible_to(user, include_inactive=True), pk=pk)
        _require(permissions.can_administer_agency(user, official.agency))
    else:
        _require(_administers_any(user))
    form = OfficialForm(request.POST or None, instance=copy.copy(official), user=user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_official(user, official, **form.service_fields())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Đã lưu hồ sơ cán bộ “%(name)s”.") % {"name": saved.full_name})
            return redirect("directory:official_detail", saved.pk)
    return render(request, "directory/official_form.html", {"form": form, "official": official})


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def official_import(request):
    user = request.user
    _require(selectors.can_see_officials(user) and _administers_any(user))
    form = OfficialImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.import_officials(user, form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if report.ok:
                messages.success(
                    request,
                    _("Đã nhập: %(created)s cán bộ mới, %(updated)s cập nhật, %(unchanged)s không thay đổi.")
                    % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
                )
                return redirect("directory:official_list")
    return render(request, "directory/official_import.html", {"form": form, "report": report})


@login_required
@require_http_methods(["GET"])
def official_import_template(request):
    _require(selectors.can_see_officials(request.user) and _administers_any(request.user))
    columns = services.OFFICIAL_COLUMNS
    notes = [
        _("Mỗi dòng của trang đầu là một cán bộ; giữ nguyên dòng tiêu đề."),
        _("Bắt buộc: %(columns)s.")
        % {"columns": ", ".join(columns[name] for name in services.OFFICIAL_REQUIRED_COLUMNS)},
        _("%(column)s: 12 chữ số, khớp với năm sinh và giới tính (Thông tư 59/2021/TT-BCA, Điều 7).")
        % {"column": columns["citizen_id"]},
        _("%(column)s: dạng dd/mm/yyyy, ví dụ 17/05/1985.") % {"column": columns["date_of_birth"]},
        _("%(column)s: Nam hoặc Nữ.") % {"column": columns["gender"]},
        _("%(column)s: mã định danh QCVN 102:2016 của cơ quan, ví dụ 000.00.09.H61.")
        % {"column": columns["agency"]},
        _("%(column)s: tên phòng, đơn vị thuộc cơ quan đó.") % {"column": columns["internal_unit"]},
        _("%(column)s: tên chức vụ trong danh mục, ví dụ Chuyên viên.") % {"column": columns["position"]},
        _("%(column)s: mã ngạch trong danh mục, ví dụ 01.003.") % {"column": columns["rank"]},
        _("Số định danh đã có trong cơ sở dữ liệu thì dòng đó cập nhật hồ sơ của cán bộ ấy."),
        _("Nếu có dòng sai, không dòng nào được lưu; trang nhập sẽ liệt kê dòng, cột và lỗi."),
    ]
    headers = list(columns.values())
    return excel.workbook_response("mau-nhap-can-bo.xlsx", _("Cán bộ"), headers, [], notes=notes)
