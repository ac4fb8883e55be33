"""Excel import and export in the layout of the national procedures database (docs/catalog.md)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from lienthong.catalog import excel, selectors
from lienthong.catalog.models import Procedure, ProcedureVersion
from lienthong.catalog.tests.factories import commune_steps, make_procedure
from lienthong.core.api.errors import Forbidden

pytestmark = pytest.mark.django_db


def _upload(content, name="danh-muc.xlsx"):
    return SimpleUploadedFile(name, content, content_type=excel.core_excel.XLSX_CONTENT_TYPE)


def _catalogue(place):
    make_procedure(
        national_code="1.004873",
        legal_basis=[{"number": "60/2014/QH13", "title": "Luật Hộ tịch", "issued_on": "2014-11-20"}],
        fees=[
            {"kind": "le_phi", "amount": 15000, "description": "Lệ phí", "exemptions": "Hộ nghèo"},
            {"kind": "phi", "amount": None, "description": "Theo trang"},
        ],
        components=[
            {"name": "Tờ khai", "originals": 1, "copies": 0, "form_name": "Mẫu 01"},
            {
                "name": "Bản án ly hôn",
                "originals": 0,
                "copies": 1,
                "requirement": "conditional",
                "condition": "Đã từng kết hôn",
            },
        ],
        channels=["in_person", "online"],
        online_category="full",
        legacy_online_level=4,
        online_payment=True,
    )
    make_procedure(
        local_code="VLG-DN-01",
        national_code="",
        name="Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
        levels=["province"],
        implementing_agency_kind="",
        implementing_agencies=[place.finance],
        competent_agency=place.finance,
        coordinating_agencies=[place.justice],
        time_value=8,
        time_unit="working_hours",
        counting_mode="hour",
        process=[],
    )


def _rows(content):
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _workbook(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_export_uses_the_national_column_names_in_order(place):
    _catalogue(place)
    rows = _rows(excel.workbook(excel.export_prefetch(selectors.current_versions().order_by("pk"))))
    assert rows[0][:23] == excel.NATIONAL_HEADERS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Mã thủ tục"] == "1.004873"
    assert first["Cấp thực hiện"] == "Cấp Xã"
    assert first["Thời hạn giải quyết"] == "3 ngày làm việc"
    assert first["Phí, lệ phí"] == "Lệ phí | 15.000 | Lệ phí |  | Hộ nghèo\nPhí |  | Theo trang"
    assert first["Thành phần hồ sơ"] == "Tờ khai | 1 | 0 |  | Mẫu 01\nBản án ly hôn | 0 | 1 | Đã từng kết hôn"
    assert first["Căn cứ pháp lý"] == "60/2014/QH13 | Luật Hộ tịch | 20/11/2014"
    second = dict(zip(rows[0], rows[2], strict=True))
    assert (second["Mã nội bộ"], second["Thời hạn giải quyết"]) == ("VLG-DN-01", "8 giờ làm việc")
    assert second["Cơ quan phối hợp"] == "Sở Tư pháp tỉnh Vĩnh Long"


def test_round_trip_changes_nothing(place):
    _catalogue(place)
    content = excel.workbook(excel.export_prefetch(selectors.current_versions()))
    report = excel.import_workbook(place.admin, _upload(content))
    assert report.errors == []
    assert (report.created, report.changed, sorted(report.unchanged)) == ([], [], ["1.004873", "VLG-DN-01"])
    assert ProcedureVersion.objects.count() == 2


def test_import_creates_new_procedures_and_new_versions(place):
    _catalogue(place)
    rows = _rows(excel.workbook(excel.export_prefetch(selectors.current_versions().order_by("pk"))))
    header = rows[0]
    rows[1][header.index("Tên thủ tục")] = "Cấp Giấy xác nhận tình trạng hôn nhân (sửa đổi)"
    new = list(rows[1])
    new[header.index("Mã thủ tục")] = "1.001022"
    new[header.index("Tên thủ tục")] = "Đăng ký nhận cha, mẹ, con"
    new[header.index("Lĩnh vực")], new[header.index("Mã lĩnh vực")] = "Hộ tịch mới", "HT2"
    report = excel.import_workbook(place.admin, _upload(_workbook([*rows, new])))
    assert report.errors == []
    assert (report.created, report.changed, report.unchanged) == (["1.001022"], ["1.004873"], ["VLG-DN-01"])
    changed = selectors.get_procedure("1.004873")
    assert [v.number for v in changed.versions.all()] == [2, 1]
    assert selectors.version_for(None, changed).name.endswith("(sửa đổi)")
    assert selectors.version_for(None, selectors.get_procedure("1.001022")).field.code == "HT2"


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_saved(place):
    _catalogue(place)
    rows = _rows(excel.workbook(excel.export_prefetch(selectors.current_versions().order_by("pk"))))
    header = rows[0]
    good = list(rows[1])
    good[header.index("Mã thủ tục")] = "1.001022"
    bad = list(rows[1])
    bad[header.index("Mã thủ tục")] = "1.001193"
    bad[header.index("Thời hạn giải quyết")] = "vài hôm"
    bad[header.index("Phí, lệ phí")] = "Lệ phí | tám nghìn"
    bad[header.index("Cấp thực hiện")] = "Cấp Thôn"
    bad[header.index("Cơ quan có thẩm quyền")] = "Sở Không Có"
    also_bad = list(rows[2])
    also_bad[header.index("Tên thủ tục")] = ""
    report = excel.import_workbook(place.admin, _upload(_workbook([header, good, bad, also_bad])))
    found = {(e.row, e.letter, e.column) for e in report.errors}
    assert found == {
        (3, "J", "Thời hạn giải quyết"),
        (3, "K", "Phí, lệ phí"),
        (3, "E", "Cấp thực hiện"),
        (3, "O", "Cơ quan có thẩm quyền"),
        (4, "D", "Tên thủ tục"),
    }
    message = next(str(e) for e in report.errors if e.column == "Phí, lệ phí")
    assert message == "Dòng 3, cột K (Phí, lệ phí): Mục 1: mức thu “tám nghìn” không phải số tiền."
    assert not Procedure.objects.filter(national_code__in=["1.001022", "1.001193"]).exists()


def test_a_rule_broken_in_one_row_cancels_the_whole_import(place):
    """Rows that parse but break a service rule (here: the process no longer adds up) also save nothing."""
    _catalogue(place)
    rows = _rows(excel.workbook(excel.export_prefetch(selectors.current_versions().order_by("pk"))))
    header = rows[0]
    new = list(rows[1])
    new[header.index("Mã thủ tục")] = "1.001022"
    rows[1][header.index("Thời hạn giải quyết")] = "5 ngày làm việc"  # its process sums to 3 days
    report = excel.import_workbook(place.admin, _upload(_workbook([*rows, new])))
    assert [(e.row, e.column) for e in report.errors] == [(2, "Thời hạn giải quyết")]
    assert "còn thiếu 2 ngày làm việc" in report.errors[0].message
    assert report.created == []
    assert not Procedure.objects.filter(national_code="1.001022").exists()
    assert selectors.get_procedure("1.004873").versions.count() == 1


def test_files_that_are_not_the_layout_are_refused(place):
    with pytest.raises(ValidationError) as exc:
        excel.import_workbook(place.admin, _upload(_workbook([["Tên", "Mã"], ["x", "y"]])))
    assert "Tệp thiếu cột" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        excel.import_workbook(place.admin, _upload(b"not a spreadsheet"))


def test_only_province_admins_import(place):
    with pytest.raises(Forbidden):
        excel.import_workbook(place.officer, _upload(_workbook([excel.HEADERS])))


def test_a_code_typed_as_a_number_keeps_its_zeros(place):
    header = excel.HEADERS
    row = [None] * len(header)
    values = {
        "Mã thủ tục": 1.00089,
        "Tên thủ tục": "Thủ tục thử",
        "Cấp thực hiện": "Cấp Xã",
        "Lĩnh vực": "Hộ tịch",
        "Thời hạn giải quyết": "3 ngày làm việc kể từ ngày nhận đủ hồ sơ",
    }
    for key, value in values.items():
        row[header.index(key)] = value
    report = excel.import_workbook(place.admin, _upload(_workbook([header, row])))
    assert report.created == ["1.000890"]
    version = selectors.version_for(None, selectors.get_procedure("1.000890"))
    assert version.time_note == "kể từ ngày nhận đủ hồ sơ"


def test_api_imports_and_exports(place, api, admin_api):
    make_procedure(national_code="1.004873", process=commune_steps("3"))
    exported = api.get("/api/v1/procedures/excel/")
    assert exported.status_code == 200
    assert exported["Content-Type"] == excel.core_excel.XLSX_CONTENT_TYPE
    upload = _upload(exported.content)
    assert api.post("/api/v1/procedures/excel/", {"file": upload}, format="multipart").status_code == 403
    upload.seek(0)
    response = admin_api.post("/api/v1/procedures/excel/", {"file": upload}, format="multipart")
    assert response.json() == {"created": [], "changed": [], "unchanged": ["1.004873"]}
    rows = _rows(exported.content)
    rows[1][rows[0].index("Thời hạn giải quyết")] = "mai"
    response = admin_api.post(
        "/api/v1/procedures/excel/", {"file": _upload(_workbook(rows))}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["row_2.J"]


def test_export_and_import_stay_vietnamese_when_the_reader_uses_english(place):
    """The national layout is Vietnamese: an English-speaking officer's export re-imports unchanged."""
    from django.utils import translation

    _catalogue(place)
    with translation.override("en"):
        content = excel.workbook(excel.export_prefetch(selectors.current_versions()))
        report = excel.import_workbook(place.admin, _upload(content))
    assert report.errors == []
    assert (report.created, report.changed) == ([], [])
    with translation.override("vi"):
        assert _rows(content) == _rows(excel.workbook(excel.export_prefetch(selectors.current_versions())))
