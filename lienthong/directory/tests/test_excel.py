import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from lienthong.core import excel
from lienthong.core.models import AuditRecord
from lienthong.directory import selectors, services
from lienthong.directory.models import Gender, Official
from lienthong.directory.tests.factories import OfficialFactory, PositionFactory, make_citizen_id

HEADERS = list(services.OFFICIAL_COLUMNS.values())
BIRTH = datetime.date(1988, 9, 2)


def _upload(rows, headers=HEADERS, name="can-bo.xlsx"):
    return SimpleUploadedFile(name, excel.build_workbook("Cán bộ", headers, rows), excel.XLSX_CONTENT_TYPE)


def _row(agency_code, citizen_id=None, **values):
    row = {
        "full_name": "Trần Văn Nhập",
        "date_of_birth": "02/09/1988",
        "gender": "Nam",
        "citizen_id": citizen_id or make_citizen_id(BIRTH, Gender.MALE),
        "agency": agency_code,
        "internal_unit": "",
        "position": "",
        "rank": "",
        "email": "",
        "phone": "",
    }
    row.update(values)
    return [row[name] for name in services.OFFICIAL_COLUMNS]


def _errors(report):
    return [(e.row, e.column, e.message) for e in report.errors]


# The generic helpers


def test_workbook_has_a_bold_frozen_header_and_fitted_columns():
    """Exports open in Excel with the header row bold and frozen, columns wide enough to read."""
    data = excel.build_workbook("Cơ quan", ["Tên", "Mã"], [["Sở Nội vụ rất dài tên", "000.00.09.H61"]])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "Cơ quan"
    assert sheet["A1"].font.b and sheet["B1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len("Sở Nội vụ rất dài tên")


def test_text_cells_stay_text():
    """Leading zeros of a citizen ID survive, and text that looks like a formula is not run."""
    data = excel.build_workbook("T", ["Số", "Ghi chú"], [["001085000123", '=HYPERLINK("x")']])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet["A2"].value == "001085000123"
    assert sheet["B2"].data_type == "s"


def test_reader_matches_headers_without_diacritics_and_skips_empty_rows():
    """Headers typed without Vietnamese accents are still recognised; blank rows are ignored."""
    data = excel.build_workbook(
        "T", ["ho va ten", "SO DINH DANH CA NHAN"], [["A", "1"], [None, None], ["B", "2"]]
    )
    rows = list(excel.read_rows(io.BytesIO(data), ["Họ và tên", "Số định danh cá nhân", "Chức vụ"]))
    assert rows == [
        (2, {"Họ và tên": "A", "Số định danh cá nhân": "1", "Chức vụ": None}),
        (4, {"Họ và tên": "B", "Số định danh cá nhân": "2", "Chức vụ": None}),
    ]


@pytest.mark.parametrize(
    "content",
    [b"Ho va ten,So dinh danh\nA,1\n", b"PK\x03\x04not really a zip", b""],
    ids=["csv-renamed", "broken-zip", "empty"],
)
def test_reader_refuses_files_that_are_not_xlsx(content):
    """Only real .xlsx workbooks are read; anything else gets a Vietnamese message."""
    with pytest.raises(ValidationError) as exc:
        excel.read_rows(io.BytesIO(content), ["Họ và tên"])
    assert exc.value.code == "not_xlsx"
    assert "Excel" in exc.value.messages[0]


def test_reader_refuses_a_zip_that_is_not_a_workbook():
    """A .docx or any other zip is not a workbook."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ValidationError) as exc:
        excel.read_rows(io.BytesIO(buffer.getvalue()), ["Họ và tên"])
    assert exc.value.code == "not_xlsx"


def test_reader_names_missing_required_columns():
    """A file without a required column is refused as a whole, naming the column."""
    data = excel.build_workbook("T", ["Họ và tên"], [["A"]])
    with pytest.raises(ValidationError) as exc:
        excel.read_rows(io.BytesIO(data), ["Họ và tên", "Mã cơ quan"], required=["Mã cơ quan"])
    assert "Mã cơ quan" in exc.value.messages[0]


def test_reader_limits_the_number_of_rows():
    """One import holds at most ``max_rows`` filled rows."""
    data = excel.build_workbook("T", ["A"], [[str(n)] for n in range(4)])
    with pytest.raises(ValidationError) as exc:
        list(excel.read_rows(io.BytesIO(data), ["A"], max_rows=3))
    assert exc.value.code == "too_many_rows"


# Importing officials


def test_import_creates_officials_each_with_an_audit_record(province, home_affairs_admin):
    """Issue 2: import from Excel; every official is saved by save_official, so each is audited."""
    PositionFactory(name="Chuyên viên")
    rows = [
        _row("000.00.09.H61", internal_unit="Phòng Công chức, viên chức", position="chuyen vien"),
        _row("000.00.09.H61", full_name="Lê Thị Nữ", gender="Nữ", citizen_id=make_citizen_id(BIRTH, "F")),
    ]
    report = services.import_officials(home_affairs_admin, _upload(rows))
    assert report.ok, _errors(report)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    first = Official.objects.get(full_name="Trần Văn Nhập")
    assert first.internal_unit == province.home_affairs_unit
    assert first.position.name == "Chuyên viên"
    assert first.date_of_birth == BIRTH
    assert AuditRecord.objects.filter(action="directory.official.create").count() == 2
    [summary] = AuditRecord.objects.filter(action="directory.official.import")
    assert summary.after == {"created": 2, "updated": 0, "unchanged": 0}


def test_import_with_one_bad_row_saves_nothing(province, home_affairs_admin):
    """All or nothing: one wrong row (citizen ID against birth year, Circular 59/2021/TT-BCA Art. 7)."""
    before = Official.objects.count()
    rows = [
        _row("000.00.09.H61"),
        _row("000.00.09.H61", full_name="Sai Năm Sinh", citizen_id="086099123456"),
        _row("000.00.09.H61", full_name="Đúng Dòng Ba", citizen_id=make_citizen_id(BIRTH, Gender.MALE)),
    ]
    report = services.import_officials(home_affairs_admin, _upload(rows))
    assert _errors(report) == [
        (3, "Số định danh cá nhân", "Số định danh cá nhân không khớp với năm sinh 1988.")
    ]
    assert Official.objects.count() == before
    assert not AuditRecord.objects.filter(action__startswith="directory.official").exists()


def test_import_reports_every_problem_with_row_and_column(province, home_affairs_admin):
    """The report lists row, column and a Vietnamese message for each problem."""
    same_id = make_citizen_id(BIRTH, Gender.MALE)
    rows = [
        _row("000.00.09.H61", citizen_id=same_id),
        _row("000.00.09.H61", citizen_id=same_id, full_name="Trùng Số"),
        _row("999.99.99.Z99"),
        _row(
            "000.00.09.H61",
            internal_unit="Phòng Hành chính tư pháp",
            gender="Khác",
            date_of_birth="31/02/1988",
        ),
        _row("000.00.09.H61", position="Bí thư", rank="99.999", email="khong-phai-email"),
        _row("000.00.10.H61"),
    ]
    report = services.import_officials(home_affairs_admin, _upload(rows))
    by_cell = {(row, column): message for row, column, message in _errors(report)}
    assert by_cell[(3, "Số định danh cá nhân")] == "Số định danh trùng với dòng 2."
    assert by_cell[(4, "Mã cơ quan")] == "Không có cơ quan mang mã “999.99.99.Z99”."
    assert by_cell[(5, "Phòng/đơn vị")].startswith("Cơ quan 000.00.09.H61 không có phòng")
    assert by_cell[(5, "Giới tính (Nam/Nữ)")] == "Giới tính phải là “Nam” hoặc “Nữ”."
    assert by_cell[(5, "Ngày sinh (dd/mm/yyyy)")].startswith("Ngày sinh phải có dạng dd/mm/yyyy")
    assert "Bí thư" in by_cell[(6, "Chức vụ")]
    assert "99.999" in by_cell[(6, "Mã ngạch")]
    assert (6, "Thư điện tử") in by_cell
    assert by_cell[(7, "Mã cơ quan")] == "Bạn không có quyền quản trị cơ quan “000.00.10.H61”."
    assert Official.objects.filter(full_name="Trần Văn Nhập").count() == 0


def test_import_cannot_take_over_an_official_of_an_agency_one_does_not_administer(
    province, home_affairs_admin
):
    """Role scoping: a citizen ID of a Justice official cannot be moved by the Home Affairs administrator."""
    other = OfficialFactory(agency=province.justice)
    report = services.import_officials(home_affairs_admin, _upload([_row("000.00.09.H61", other.citizen_id)]))
    assert _errors(report) == [
        (2, "Số định danh cá nhân", "Số định danh này thuộc cán bộ của cơ quan mà bạn không quản trị.")
    ]
    other.refresh_from_db()
    assert other.agency == province.justice


def test_citizen_id_stored_as_a_number_gets_its_leading_zeros_back(province, province_admin):
    """Excel drops leading zeros of numbers: 001… typed as a number is read back as 12 digits."""
    citizen_id = make_citizen_id(BIRTH, Gender.MALE, province="001")
    report = services.import_officials(province_admin, _upload([_row("000.00.09.H61", int(citizen_id))]))
    assert report.ok, _errors(report)
    assert Official.objects.filter(citizen_id=citizen_id).exists()


def test_empty_workbook_is_refused(province, home_affairs_admin):
    """A file with only the header row has nothing to import."""
    with pytest.raises(ValidationError) as exc:
        services.import_officials(home_affairs_admin, _upload([]))
    assert exc.value.code == "empty_file"


def test_export_reimports_cleanly_and_changes_update(province, home_affairs_admin):
    """The export uses the import's columns: re-importing it changes nothing; an edited cell updates."""
    PositionFactory(name="Trưởng phòng")
    official = OfficialFactory(
        agency=province.home_affairs,
        internal_unit=province.home_affairs_unit,
        position=PositionFactory(name="Trưởng phòng"),
        phone="0918000111",
    )
    visible = selectors.officials_visible_to(home_affairs_admin, agency=province.home_affairs)
    rows = [
        services.official_export_row(o, selectors.can_view_personal_data(home_affairs_admin, o))
        for o in visible
    ]

    again = services.import_officials(home_affairs_admin, _upload(rows))
    assert again.ok, _errors(again)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(rows))

    phone_column = HEADERS.index("Điện thoại")
    for row in rows:
        if row[HEADERS.index("Số định danh cá nhân")] == official.citizen_id:
            row[phone_column] = "0918000222"
    changed = services.import_officials(home_affairs_admin, _upload(rows))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, len(rows) - 1)
    official.refresh_from_db()
    assert official.phone == "0918000222"
    [update] = AuditRecord.objects.filter(action="directory.official.update")
    assert (update.before["phone"], update.after["phone"]) == ("0918000111", "0918000222")
