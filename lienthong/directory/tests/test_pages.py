import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lienthong.core import excel
from lienthong.core.models import AuditRecord
from lienthong.directory import services
from lienthong.directory.models import Agency, AgencyKind, DivisionType, Gender, Official
from lienthong.directory.tests.factories import (
    AdministrativeUnitFactory,
    AgencyFactory,
    OfficialFactory,
    PositionFactory,
    make_citizen_id,
)


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


def _column(sheet, index=0):
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


def _messages(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


# Administrative units (public)


@pytest.fixture
def merged_units(province):
    district = AdministrativeUnitFactory(
        code="855",
        name="Huyện Long Hồ",
        division_type=DivisionType.DISTRICT,
        parent=province.unit,
        valid_until=datetime.date(2025, 6, 30),
    )
    old = AdministrativeUnitFactory(
        code="29551", name="Xã Phước Hậu", parent=district, valid_until=datetime.date(2025, 6, 30)
    )
    new = AdministrativeUnitFactory(
        code="29551", name="Xã Phước Hậu", parent=province.unit, valid_from=datetime.date(2025, 7, 1)
    )
    old.successors.add(new)
    return district, old, new


def test_unit_list_searches_without_diacritics(client, province, merged_units):
    """Vietnamese search folds diacritics: "phuoc hau" finds "Xã Phước Hậu"."""
    response = client.get(reverse("directory:unit_list"), {"q": "phuoc hau"})
    assert response.status_code == 200
    assert [u.pk for u in response.context["page_obj"]] == [merged_units[2].pk]


def test_unit_list_shows_units_no_longer_valid_only_when_asked(client, province, merged_units):
    """Units merged on 1 Jul 2025 (Law 72/2025/QH15) are listed with their validity when asked."""
    district, old, new = merged_units
    current = client.get(reverse("directory:unit_list"))
    assert district not in current.context["page_obj"].object_list
    everything = client.get(reverse("directory:unit_list"), {"include_expired": "on"})
    assert {district, old, new} <= set(everything.context["page_obj"].object_list)
    assert "đến hết 30/06/2025" in everything.content.decode()


def test_unit_list_filters_by_parent_and_type(client, province, merged_units):
    """Filter by the unit above (province or district) and by division type."""
    district, old, _new = merged_units
    response = client.get(
        reverse("directory:unit_list"),
        {"parent": district.pk, "division_type": "xa", "include_expired": "on"},
    )
    assert list(response.context["page_obj"]) == [old]


def test_unit_detail_shows_the_parent_chain_and_successors(client, province, merged_units):
    """A merged commune shows province → district above it and the commune that succeeded it."""
    _district, old, new = merged_units
    page = client.get(reverse("directory:unit_detail", args=[old.pk])).content.decode()
    assert (
        page.index("Tỉnh Vĩnh Long")
        < page.index("Huyện Long Hồ")
        < page.index('aria-current="page">Xã Phước Hậu')
    )
    assert reverse("directory:unit_detail", args=[new.pk]) in page
    successor_page = client.get(reverse("directory:unit_detail", args=[new.pk])).content.decode()
    assert "Được hình thành từ" in successor_page


def test_unit_list_paginates_fifty_per_page(client, province):
    """Lists show 50 rows per page, with links that keep the filters."""
    for n in range(51):
        AdministrativeUnitFactory(parent=province.unit, name=f"Xã Số {n:02d}")
    first = client.get(reverse("directory:unit_list"), {"parent": province.unit.pk})
    assert len(first.context["page_obj"]) == 50
    assert f"?parent={province.unit.pk}&amp;page=2" in first.content.decode()
    second = client.get(reverse("directory:unit_list"), {"parent": province.unit.pk, "page": 2})
    assert len(second.context["page_obj"]) == 1


def test_unit_export_is_a_valid_workbook_of_the_filtered_list(client, province, merged_units):
    """ "Xuất Excel" downloads the filtered list as .xlsx."""
    sheet = _sheet(
        client.get(
            reverse("directory:unit_list"), {"q": "long ho", "include_expired": "on", "export": "xlsx"}
        )
    )
    assert _column(sheet, 1) == ["Huyện Long Hồ"]
    assert _column(sheet, 5) == ["30/06/2025"]


# Agencies (public)


def test_agency_search_without_diacritics_finds_so_noi_vu(client, province):
    """Vietnamese search folds diacritics: "so noi vu" finds "Sở Nội vụ"."""
    response = client.get(reverse("directory:agency_list"), {"q": "so noi vu"})
    assert [a.name for a in response.context["page_obj"]] == ["Sở Nội vụ"]


def test_agency_search_by_code_and_filter_by_kind(client, province):
    """Agencies are found by their QCVN 102 code, and filtered by kind."""
    by_code = client.get(reverse("directory:agency_list"), {"q": "000.00.10.H61"})
    assert [a.name for a in by_code.context["page_obj"]] == ["Sở Tư pháp"]
    by_kind = client.get(reverse("directory:agency_list"), {"kind": AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE})
    assert [a.name for a in by_kind.context["page_obj"]] == ["Ủy ban nhân dân tỉnh Vĩnh Long"]


def test_agency_with_a_malformed_code_carries_a_warning_badge(client, province):
    """QCVN 102:2016: a malformed code is shown with a warning badge."""
    AgencyFactory(name="Ban Quản lý các khu công nghiệp", parent=province.committee, code="000.1137.H53")
    page = client.get(reverse("directory:agency_list"), {"q": "khu cong nghiep"}).content.decode()
    assert "000.1137.H53" in page
    assert "Mã chưa đúng dạng QCVN 102:2016" in page


def test_agency_export_is_a_valid_workbook(client, province):
    """ "Xuất Excel" of agencies: one row per agency of the filtered list, with its code."""
    sheet = _sheet(client.get(reverse("directory:agency_list"), {"q": "so", "export": "xlsx"}))
    assert sorted(_column(sheet)) == ["Sở Nội vụ", "Sở Tư pháp"]
    assert "000.00.09.H61" in _column(sheet, 2)


def test_agency_detail_shows_chain_children_units_and_officials(login, province, specialist):
    """The agency page: parent chain, child agencies, internal units and the officials directory."""
    AgencyFactory(name="Trung tâm Lưu trữ lịch sử", parent=province.home_affairs)
    page = (
        login(specialist)
        .get(reverse("directory:agency_detail", args=[province.home_affairs.pk]))
        .content.decode()
    )
    assert "Ủy ban nhân dân tỉnh Vĩnh Long" in page
    assert "Trung tâm Lưu trữ lịch sử" in page
    assert "Phòng Công chức, viên chức" in page
    assert "Lê Văn Chuyên" in page
    assert reverse("directory:agency_edit", args=[province.home_affairs.pk]) not in page


def test_agency_detail_hides_officials_from_anonymous_visitors(client, province, specialist):
    """The officials directory is for officials; the agency's public facts are for everyone."""
    page = client.get(reverse("directory:agency_detail", args=[province.home_affairs.pk])).content.decode()
    assert "000.00.09.H61" in page
    assert "Lê Văn Chuyên" not in page


def test_agency_detail_offers_edit_to_its_administrator(login, province, home_affairs_admin):
    """An agency administrator gets the edit link of their agency."""
    page = login(home_affairs_admin).get(reverse("directory:agency_detail", args=[province.home_affairs.pk]))
    assert reverse("directory:agency_edit", args=[province.home_affairs.pk]) in page.content.decode()


# Officials directory


def test_citizen_gets_403_on_official_pages(login, province, citizen, specialist):
    """The officials database is not for citizens or businesses (403)."""
    client = login(citizen)
    for url in [
        reverse("directory:official_list"),
        reverse("directory:official_detail", args=[specialist.official_id]),
        reverse("directory:official_import"),
        reverse("directory:official_create"),
    ]:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitor_is_sent_to_login(client, province):
    """Official pages need a login."""
    response = client.get(reverse("directory:official_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_official_list_hides_personal_columns_from_a_specialist(login, province, specialist):
    """Personal data (citizen ID, birth date) only for administrators of the agency and the person."""
    other = OfficialFactory(agency=province.home_affairs, full_name="Đặng Thị Khác")
    response = login(specialist).get(reverse("directory:official_list"))
    page = response.content.decode()
    assert "Đặng Thị Khác" in page
    assert other.citizen_id not in page
    assert specialist.official.citizen_id in page  # their own record


def test_official_list_shows_personal_columns_to_the_agency_admin(login, province, home_affairs_admin):
    """The agency administrator sees the personal data of the agency's officials, not of others."""
    own = OfficialFactory(agency=province.home_affairs)
    foreign = OfficialFactory(agency=province.justice)
    page = login(home_affairs_admin).get(reverse("directory:official_list")).content.decode()
    assert own.citizen_id in page
    assert foreign.full_name in page and foreign.citizen_id not in page


def test_official_list_search_and_filters(login, province, specialist):
    """Search folds diacritics; filters by agency, unit and position."""
    head = PositionFactory(name="Trưởng phòng")
    target = OfficialFactory(
        agency=province.justice, internal_unit=province.justice_unit, position=head, full_name="Ngô Thị Ánh"
    )
    OfficialFactory(agency=province.justice, full_name="Ngô Văn Bình")
    client = login(specialist)
    url = reverse("directory:official_list")
    assert [o.pk for o, _ in client.get(url, {"q": "ngo thi anh"}).context["rows"]] == [target.pk]
    filtered = client.get(url, {"agency": province.justice.pk, "internal_unit": province.justice_unit.pk})
    assert [o.pk for o, _ in filtered.context["rows"]] == [target.pk]
    assert [o.pk for o, _ in client.get(url, {"position": head.pk}).context["rows"]] == [target.pk]


def test_official_export_leaves_personal_cells_empty_where_not_allowed(login, province, specialist):
    """The export uses the import columns; personal cells only where the reader may see them."""
    other = OfficialFactory(agency=province.home_affairs, full_name="Đặng Thị Khác")
    sheet = _sheet(login(specialist).get(reverse("directory:official_list"), {"export": "xlsx"}))
    assert [cell.value for cell in sheet[1]] == list(services.OFFICIAL_COLUMNS.values())
    by_name = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_name["Đặng Thị Khác"][3] in (None, "")
    assert by_name["Lê Văn Chuyên"][3] == specialist.official.citizen_id
    assert other.citizen_id not in str(list(by_name.values()))


def test_official_list_query_count_does_not_grow_with_rows(
    login, province, specialist, django_assert_max_num_queries
):
    """N+1 guard: the officials page costs the same number of queries for 3 or 40 rows."""
    client = login(specialist)
    OfficialFactory.create_batch(3, agency=province.justice, internal_unit=province.justice_unit)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("directory:official_list"))
    OfficialFactory.create_batch(37, agency=province.justice, internal_unit=province.justice_unit)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("directory:official_list"))


def test_official_detail_shows_personal_data_only_when_allowed(
    login, province, specialist, home_affairs_admin
):
    """A colleague sees work facts; the agency administrator also sees the citizen ID."""
    other = OfficialFactory(agency=province.home_affairs)
    url = reverse("directory:official_detail", args=[other.pk])
    assert other.citizen_id not in login(specialist).get(url).content.decode()
    assert other.citizen_id in login(home_affairs_admin).get(url).content.decode()


# Administrators' forms


def _agency_post(agency, **changes):
    data = {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent_id or "",
        "administrative_unit": agency.administrative_unit_id or "",
        "code": agency.code or "",
        "sort_order": 0,
    }
    data.update(changes)
    return data


def test_agency_admin_edits_own_agency_through_the_service(login, province, home_affairs_admin):
    """The edit form saves through save_agency: changed, and an audit record written."""
    agency = province.home_affairs
    response = login(home_affairs_admin).post(
        reverse("directory:agency_edit", args=[agency.pk]), _agency_post(agency, phone="02703823456")
    )
    assert response.status_code == 302
    assert Agency.objects.get(pk=agency.pk).phone == "02703823456"
    [record] = AuditRecord.objects.filter(action="directory.agency.update")
    assert record.actor == home_affairs_admin and record.after["phone"] == "02703823456"


def test_agency_admin_gets_403_editing_another_agency(login, province, home_affairs_admin):
    """Role scoping: the Home Affairs administrator cannot edit the Department of Justice (403)."""
    client = login(home_affairs_admin)
    url = reverse("directory:agency_edit", args=[province.justice.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _agency_post(province.justice, phone="1")).status_code == 403
    assert Agency.objects.get(pk=province.justice.pk).phone == ""


def test_specialist_gets_403_on_admin_forms(login, province, specialist):
    """Without an administrator role the forms are refused."""
    client = login(specialist)
    assert client.get(reverse("directory:agency_edit", args=[province.home_affairs.pk])).status_code == 403
    assert client.get(reverse("directory:agency_create")).status_code == 403
    assert client.get(reverse("directory:official_create")).status_code == 403


def test_malformed_code_is_saved_with_a_warning_message(login, province, province_admin):
    """QCVN 102:2016: the malformed code 14.00.W00 is saved; the page shows the warning."""
    response = login(province_admin).post(
        reverse("directory:agency_create"),
        {
            "name": "Ban Dân tộc",
            "kind": AgencyKind.DEPARTMENT,
            "parent": province.committee.pk,
            "code": "14.00.W00",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    agency = Agency.objects.get(code="14.00.W00")
    assert agency.code_is_standard is False
    assert any(level == "warning" and "14.00.W00" in text for level, text in _messages(response))


def test_agency_form_rejects_bad_input_and_saves_nothing(login, province, province_admin):
    """Bad input: a clear Vietnamese message on the field, nothing saved."""
    response = login(province_admin).post(
        reverse("directory:agency_create"),
        {"name": "", "kind": "khong-co", "code": "000.00.09.H61", "sort_order": 0},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"name", "kind", "code"} <= set(form.errors)
    assert Agency.objects.count() == 3


def test_agency_cannot_be_placed_under_its_own_child(login, province, province_admin):
    """An agency's own subtree is not offered, and is refused, as its parent."""
    child = AgencyFactory(name="Chi cục Văn thư - Lưu trữ", parent=province.home_affairs)
    response = login(province_admin).post(
        reverse("directory:agency_edit", args=[province.home_affairs.pk]),
        _agency_post(province.home_affairs, parent=child.pk),
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert Agency.objects.get(pk=province.home_affairs.pk).parent == province.committee


def _official_post(agency, **changes):
    birth = datetime.date(1992, 1, 15)
    data = {
        "full_name": "Bùi Thị Mới",
        "date_of_birth": birth.isoformat(),
        "gender": Gender.FEMALE,
        "citizen_id": make_citizen_id(birth, Gender.FEMALE),
        "agency": agency.pk,
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_official_create_maps_service_errors_onto_fields(login, province, home_affairs_admin):
    """Circular 59/2021/TT-BCA Art. 7: a citizen ID against the gender is shown on its field; nothing saved."""
    response = login(home_affairs_admin).post(
        reverse("directory:official_create"), _official_post(province.home_affairs, gender=Gender.MALE)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["citizen_id"] == ["Số định danh cá nhân không khớp với giới tính."]
    assert not Official.objects.filter(full_name="Bùi Thị Mới").exists()


def test_official_create_and_edit_go_through_the_service(login, province, home_affairs_admin):
    """Creating and editing an official write the record and its audit entries."""
    client = login(home_affairs_admin)
    response = client.post(reverse("directory:official_create"), _official_post(province.home_affairs))
    official = Official.objects.get(full_name="Bùi Thị Mới")
    assert response["Location"] == reverse("directory:official_detail", args=[official.pk])
    client.post(
        reverse("directory:official_edit", args=[official.pk]),
        _official_post(
            province.home_affairs, citizen_id=official.citizen_id, internal_unit=province.home_affairs_unit.pk
        ),
    )
    official.refresh_from_db()
    assert official.internal_unit == province.home_affairs_unit
    [update] = AuditRecord.objects.filter(action="directory.official.update")
    assert update.before["internal_unit"] is None
    assert update.after["internal_unit"] == province.home_affairs_unit.pk


def test_agency_admin_gets_403_editing_an_official_of_another_agency(
    login, province, justice_admin, specialist
):
    """Role scoping: the Justice administrator cannot edit a Home Affairs official."""
    url = reverse("directory:official_edit", args=[specialist.official_id])
    client = login(justice_admin)
    assert client.get(url).status_code == 403
    assert (
        client.post(
            url, _official_post(province.home_affairs, citizen_id=specialist.official.citizen_id)
        ).status_code
        == 403
    )


# Import page


def _xlsx(rows):
    headers = list(services.OFFICIAL_COLUMNS.values())
    return SimpleUploadedFile(
        "can-bo.xlsx", excel.build_workbook("Cán bộ", headers, rows), excel.XLSX_CONTENT_TYPE
    )


def _import_row(full_name, citizen_id, birth="15/01/1992", gender="Nữ"):
    return [full_name, birth, gender, citizen_id, "000.00.09.H61", "", "", "", "", ""]


def test_import_page_lists_errors_and_saves_nothing(login, province, home_affairs_admin):
    """A file with a bad row: the page lists row, column and message; no row is saved."""
    good = make_citizen_id(datetime.date(1992, 1, 15), Gender.FEMALE)
    upload = _xlsx([_import_row("Dòng Tốt", good), _import_row("Dòng Sai", "12345")])
    response = login(home_affairs_admin).post(reverse("directory:official_import"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp có lỗi, chưa lưu dòng nào" in page
    assert "Số định danh cá nhân phải gồm đúng 12 chữ số." in page
    assert [(e.row, e.column) for e in response.context["report"].errors] == [(3, "Số định danh cá nhân")]
    assert not Official.objects.filter(full_name__startswith="Dòng").exists()


def test_import_page_saves_a_good_file(login, province, home_affairs_admin):
    """A clean file is saved and the official list says how many were created."""
    good = make_citizen_id(datetime.date(1992, 1, 15), Gender.FEMALE)
    response = login(home_affairs_admin).post(
        reverse("directory:official_import"), {"file": _xlsx([_import_row("Dòng Tốt", good)])}
    )
    assert response["Location"] == reverse("directory:official_list")
    assert Official.objects.filter(citizen_id=good, agency=province.home_affairs).exists()
    assert any("1 cán bộ mới" in text for _level, text in _messages(response))


def test_import_page_refuses_a_file_that_is_not_xlsx(login, province, home_affairs_admin):
    """A CSV renamed to .xlsx is refused on the file field with a Vietnamese message."""
    upload = SimpleUploadedFile("can-bo.xlsx", b"Ho va ten;So dinh danh\n", "text/csv")
    response = login(home_affairs_admin).post(reverse("directory:official_import"), {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Tệp không phải bảng tính Excel (.xlsx)."]


def test_import_template_is_an_empty_workbook_with_the_columns(login, province, home_affairs_admin):
    """The template has exactly the import columns and a guide sheet."""
    response = login(home_affairs_admin).get(reverse("directory:official_import_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(services.OFFICIAL_COLUMNS.values())
    assert sheet.max_row == 1
    assert workbook.sheetnames[1] == "Hướng dẫn"


def test_specialist_gets_403_on_import(login, province, specialist):
    """Importing is for administrators."""
    client = login(specialist)
    assert client.get(reverse("directory:official_import")).status_code == 403
    assert client.get(reverse("directory:official_import_template")).status_code == 403


# Django admin


def test_django_admin_saves_through_the_services(login, province, superuser):
    """Admin saves call save_agency / save_internal_unit (audit records), with the Vietnamese header."""
    client = login(superuser)
    index = client.get(reverse("admin:index"))
    assert "Quản trị LienThong" in index.content.decode()
    agency = province.justice
    data = _agency_post(agency, phone="02703999999", email="stp@vinhlong.gov.vn")
    data.update(
        {
            "units-TOTAL_FORMS": "2",
            "units-INITIAL_FORMS": "1",
            "units-MIN_NUM_FORMS": "0",
            "units-MAX_NUM_FORMS": "1000",
            "units-0-id": province.justice_unit.pk,
            "units-0-agency": agency.pk,
            "units-0-name": province.justice_unit.name,
            "units-0-is_active": "on",
            "units-0-sort_order": "0",
            "units-1-agency": agency.pk,
            "units-1-name": "Phòng Bổ trợ tư pháp",
            "units-1-is_active": "on",
            "units-1-sort_order": "1",
        }
    )
    response = client.post(reverse("admin:directory_agency_change", args=[agency.pk]), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    assert Agency.objects.get(pk=agency.pk).phone == "02703999999"
    assert AuditRecord.objects.filter(action="directory.agency.update", actor=superuser).count() == 1
    assert (
        AuditRecord.objects.filter(action="directory.unit.create", object_repr__contains="Bổ trợ").count()
        == 1
    )


def test_django_admin_refuses_a_bad_citizen_id_on_the_form(login, province, superuser):
    """Circular 59/2021/TT-BCA Art. 7 checked on the admin form too; nothing saved."""
    data = _official_post(province.home_affairs, citizen_id="086085123456")
    data.pop("is_active")
    response = login(superuser).post(reverse("admin:directory_official_add"), data)
    assert response.status_code == 200
    assert "citizen_id" in response.context["adminform"].form.errors
    assert not Official.objects.filter(full_name="Bùi Thị Mới").exists()


def test_django_admin_adds_an_official_through_the_service(login, province, superuser):
    """Adding an official in the admin goes through save_official (audit record with the actor)."""
    data = _official_post(province.home_affairs)
    response = login(superuser).post(reverse("admin:directory_official_add"), data)
    assert response.status_code == 302
    official = Official.objects.get(full_name="Bùi Thị Mới")
    [record] = AuditRecord.objects.filter(action="directory.official.create")
    assert (record.actor, record.object_id) == (superuser, str(official.pk))


def test_django_admin_sets_unit_successors_through_the_service(login, province, superuser, merged_units):
    """Administrative units and their successors (2025 reorganisation) are saved by the service."""
    _district, old, new = merged_units
    data = {
        "code": "29552",
        "name": "Xã Lộc Hòa",
        "division_type": DivisionType.COMMUNE,
        "parent": old.parent_id,
        "valid_until": "2025-06-30",
        "successors": [new.pk],
    }
    response = login(superuser).post(reverse("admin:directory_administrativeunit_add"), data)
    assert response.status_code == 302
    [record] = AuditRecord.objects.filter(action="directory.admin_unit.create")
    assert record.after["name"] == "Xã Lộc Hòa"
    assert set(new.predecessors.values_list("name", flat=True)) == {"Xã Phước Hậu", "Xã Lộc Hòa"}


def test_django_admin_never_deletes_directory_records(login, province, superuser):
    """Records are deactivated, not deleted, so history keeps resolving."""
    response = login(superuser).get(reverse("admin:directory_agency_delete", args=[province.justice.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "model", ["administrativeunit", "agency", "internalunit", "position", "rank", "official"]
)
def test_django_admin_lists_open_for_every_directory_model(login, province, superuser, model):
    """Every directory model has a working admin list with search."""
    response = login(superuser).get(reverse(f"admin:directory_{model}_changelist"), {"q": "so noi vu"})
    assert response.status_code == 200


def test_django_admin_search_ignores_diacritics(login, province, superuser):
    """Admin search folds Vietnamese diacritics: "so noi vu" finds "Sở Nội vụ"."""
    response = login(superuser).get(reverse("admin:directory_agency_changelist"), {"q": "so noi vu"})
    assert [a.name for a in response.context["cl"].result_list] == ["Sở Nội vụ"]
