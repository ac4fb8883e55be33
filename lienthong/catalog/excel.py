"""Excel import and export in the layout of the national procedures database (CSDL quốc gia về TTHC).

One row per procedure. The first 23 columns carry the national database's field names in its
order; the columns after them are LienThong's own (codes, counting mode, online category, dates).
Multi-valued cells hold one item per line, parts separated by `` | `` (docs/catalog.md):

* Phí, lệ phí: ``Lệ phí | 8.000 | mô tả | trường hợp áp dụng | miễn, giảm``;
* Thành phần hồ sơ: ``Tên giấy tờ | bản chính | bản sao | trường hợp phải nộp | mẫu đơn, tờ khai``;
* Căn cứ pháp lý: ``Số ký hiệu | Trích yếu | Ngày ban hành (dd/mm/yyyy)``.

An import reads every row first and writes only if no row has an error; any error (with its row
and column) cancels the whole import, so a bad file never half-loads.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from lienthong.catalog import agencies, display, lines, selectors, services, specs
from lienthong.catalog.models import (
    Channel,
    CountingMode,
    Field,
    Level,
    OnlineCategory,
    ProcedureType,
    ResultType,
    TimeUnit,
)
from lienthong.core import excel as core_excel
from lienthong.core.text import fold

NATIONAL_HEADERS = [
    "STT",
    "Mã thủ tục",
    "Số quyết định",
    "Tên thủ tục",
    "Cấp thực hiện",
    "Loại thủ tục",
    "Lĩnh vực",
    "Trình tự thực hiện",
    "Cách thức thực hiện",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Thành phần hồ sơ",
    "Đối tượng thực hiện",
    "Cơ quan thực hiện",
    "Cơ quan có thẩm quyền",
    "Địa chỉ tiếp nhận HS",
    "Cơ quan được ủy quyền",
    "Cơ quan phối hợp",
    "Kết quả thực hiện",
    "Căn cứ pháp lý",
    "Yêu cầu, điều kiện thực hiện",
    "Từ khóa",
    "Mô tả",
]
EXTRA_HEADERS = [
    "Mã nội bộ",
    "Mã lĩnh vực",
    "Loại kết quả",
    "Cách tính thời hạn",
    "Giờ chốt nhận hồ sơ",
    "Ghi chú thời hạn",
    "Mức độ DVC trực tuyến",
    "Mức độ DVC cũ (1-4)",
    "Thanh toán trực tuyến",
    "Tiếp nhận không phụ thuộc địa giới",
    "Hiệu lực từ",
    "Hiệu lực đến",
]
HEADERS = NATIONAL_HEADERS + EXTRA_HEADERS
REQUIRED = ["Mã thủ tục", "Tên thủ tục", "Cấp thực hiện", "Lĩnh vực", "Thời hạn giải quyết"]
MAX_ROWS = 6000  # the national catalogue holds about 5,700 procedures

# Where a service error about a spec key is shown.
_KEY_COLUMN = {
    "national_code": "Mã thủ tục",
    "local_code": "Mã nội bộ",
    "instrument": "Số quyết định",
    "name": "Tên thủ tục",
    "levels": "Cấp thực hiện",
    "procedure_type": "Loại thủ tục",
    "field": "Lĩnh vực",
    "channels": "Cách thức thực hiện",
    "time_value": "Thời hạn giải quyết",
    "time_unit": "Thời hạn giải quyết",
    "process": "Thời hạn giải quyết",
    "fees": "Phí, lệ phí",
    "components": "Thành phần hồ sơ",
    "competent_agency": "Cơ quan có thẩm quyền",
    "receiving_place": "Địa chỉ tiếp nhận HS",
    "legal_basis": "Căn cứ pháp lý",
    "keywords": "Từ khóa",
    "result_type": "Loại kết quả",
    "counting_mode": "Cách tính thời hạn",
    "cutoff_hour": "Giờ chốt nhận hồ sơ",
    "online_category": "Mức độ DVC trực tuyến",
    "legacy_online_level": "Mức độ DVC cũ (1-4)",
    "online_payment": "Thanh toán trực tuyến",
    "accepts_out_of_area": "Tiếp nhận không phụ thuộc địa giới",
    "effective_from": "Hiệu lực từ",
    "effective_until": "Hiệu lực đến",
}

_LEVEL_WORDS = {
    "cap tinh": Level.PROVINCE,
    "tinh": Level.PROVINCE,
    "cap xa": Level.COMMUNE,
    "xa": Level.COMMUNE,
    "cap huyen": Level.DISTRICT,
    "huyen": Level.DISTRICT,
}
_CHANNEL_WORDS = {
    "truc tiep": Channel.IN_PERSON,
    "truc tuyen": Channel.ONLINE,
    "dich vu buu chinh": Channel.POST,
    "buu chinh": Channel.POST,
    "buu chinh cong ich": Channel.POST,
    "dich vu buu chinh cong ich": Channel.POST,
}
_TIME_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(ngày làm việc|giờ làm việc|ngày|giờ)(?!\w)", re.IGNORECASE)
_TIME_UNITS = {
    "ngay lam viec": TimeUnit.WORKING_DAYS,
    "gio lam viec": TimeUnit.WORKING_HOURS,
    "gio": TimeUnit.WORKING_HOURS,
    "ngay": TimeUnit.CALENDAR_DAYS,
}
_LEVEL_TEXT = {Level.PROVINCE: "Cấp Tỉnh", Level.COMMUNE: "Cấp Xã", Level.DISTRICT: "Cấp Huyện"}
_YES = {"co", "x", "yes", "true", "1"}
_NO = {"khong", "no", "false", "0"}


# --- export -------------------------------------------------------------------------------------


def _agency_text(agency, kind):
    if agency is not None:
        return agency.name
    return agencies.kind_label(kind)


def export_row(index, version):
    procedure = version.procedure
    levels = "; ".join(_LEVEL_TEXT[level] for level in version.levels)
    implementing = [a.name for a in version.implementing_agencies.all()]
    if version.implementing_agency_kind:
        implementing.append(agencies.kind_label(version.implementing_agency_kind))
    return [
        index,
        procedure.national_code,
        version.instrument,
        version.name,
        levels,
        version.get_procedure_type_display(),
        version.field.name,
        version.steps_text,
        "; ".join(str(Channel(c).label) for c in version.channels),
        display.duration(version.time_value, version.time_unit),
        lines.format_fees(version.fees.all()) or "Không",
        lines.format_components(version.components.all()),
        version.applicants,
        "; ".join(implementing),
        _agency_text(version.competent_agency, version.competent_agency_kind),
        version.receiving_place,
        "",
        "; ".join(a.name for a in version.coordinating_agencies.all()),
        version.result_name,
        lines.format_legal(version.legal_basis),
        version.conditions,
        version.keywords,
        version.description,
        procedure.local_code,
        version.field.code,
        version.get_result_type_display(),
        version.get_counting_mode_display(),
        version.cutoff_hour.strftime("%H:%M") if version.cutoff_hour else "",
        version.time_note,
        version.get_online_category_display(),
        version.legacy_online_level or "",
        "Có" if version.online_payment else "Không",
        "Có" if version.accepts_out_of_area else "Không",
        version.effective_from,
        version.effective_until,
    ]


GUIDE = [
    gettext_lazy(
        "Bảng thủ tục hành chính theo bố cục CSDL quốc gia về TTHC; các cột sau “Mô tả” là cột riêng của LienThong."
    ),
    gettext_lazy("Mỗi dòng là một thủ tục; ô nhiều mục ghi mỗi mục một dòng, các phần cách nhau bằng “ | ”."),
    gettext_lazy(
        "Phí, lệ phí: Lệ phí | 8.000 | mô tả | trường hợp áp dụng | miễn, giảm (ghi “Không” nếu không thu)."
    ),
    gettext_lazy(
        "Thành phần hồ sơ: Tên giấy tờ | số bản chính | số bản sao | trường hợp phải nộp | mẫu đơn, tờ khai."
    ),
    gettext_lazy("Căn cứ pháp lý: Số ký hiệu | Trích yếu | Ngày ban hành (dd/mm/yyyy)."),
    gettext_lazy(
        "Thời hạn giải quyết: “3 ngày làm việc”, “0,5 ngày làm việc”, “8 giờ làm việc”, “15 ngày”, “Trong ngày”."
    ),
    gettext_lazy("Cấp thực hiện: Cấp Tỉnh; Cấp Xã (Cấp Huyện chỉ cho thủ tục trước 01/7/2025)."),
    gettext_lazy(
        "Cơ quan: tên đúng như danh bạ, cách nhau bằng dấu chấm phẩy; “UBND xã, phường, đặc khu” = mọi UBND xã."
    ),
    gettext_lazy(
        "Ô trống ở cột lựa chọn (loại, cách tính, mức độ…) giữ nguyên giá trị đang có; ô trống ở cột nội dung là xóa."
    ),
    gettext_lazy("Nhập tệp: có lỗi ở bất kỳ dòng nào thì không lưu gì; báo lỗi ghi rõ dòng và cột."),
]


def workbook(versions):
    """The .xlsx bytes for ``versions`` (use ``selectors.current_versions()`` and export_prefetch).

    The national layout is Vietnamese whatever the reader's language, so choice labels stay Vietnamese."""
    with translation.override("vi"):
        rows = [export_row(index, version) for index, version in enumerate(versions, start=1)]
        return core_excel.build_workbook(_("Thủ tục hành chính"), HEADERS, rows, notes=GUIDE)


def export_prefetch(rows):
    """Everything a row of the export needs, in a fixed number of queries."""
    return rows.defer(None).prefetch_related("fees", "components", "coordinating_agencies")


# --- import -------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int
    column: str
    letter: str
    message: str

    def __str__(self):
        where = _("Dòng %(row)s") % {"row": self.row}
        if self.column:
            where += _(", cột %(letter)s (%(column)s)") % {"letter": self.letter, "column": self.column}
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


class _Row:
    """One parsed row: the codes, the spec changes, and the errors found while reading it."""

    def __init__(self, number, letters):
        self.number, self.letters = number, letters
        self.errors, self.changes = [], {}
        self.national_code = self.local_code = ""
        self.new_field = None

    def error(self, column, message):
        self.errors.append(RowError(self.number, column, self.letters.get(column, ""), str(message)))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _split(text, pattern=r"[;\n]"):
    return [part.strip() for part in re.split(pattern, text) if part.strip()]


def _match_choice(text, choices):
    folded = fold(text)
    for value, label in choices:
        if folded in (fold(str(label)), fold(value)):
            return value
    return None


def _parse_codes(row, values):
    code = values["Mã thủ tục"]
    # A code typed into a number cell loses its trailing zeros (1.000890 → 1.00089): restore six decimals.
    row.national_code = f"{code:.6f}" if isinstance(code, float) and code < 10 else _text(code)
    row.local_code = _text(values["Mã nội bộ"])
    if not row.national_code and not row.local_code:
        row.error("Mã thủ tục", _("Cần mã thủ tục (hoặc mã nội bộ của tỉnh ở cột “Mã nội bộ”)."))


def _parse_field(row, values):
    name, code = _text(values["Lĩnh vực"]), _text(values["Mã lĩnh vực"])
    found = Field.objects.filter(code=code).first() if code else None
    if found is None and name:
        found = Field.objects.filter(name_folded=fold(name)).first()
    if found is not None:
        row.changes["field"] = found
    elif code and name:
        row.new_field = (code, name)
    elif not name:
        row.error("Lĩnh vực", _("Cần tên lĩnh vực."))
    else:
        row.error(
            "Lĩnh vực", _("Không có lĩnh vực “%(n)s”; ghi thêm “Mã lĩnh vực” để tạo mới.") % {"n": name}
        )


def _parse_levels(row, text):
    if not text:
        row.error("Cấp thực hiện", _("Cần cấp thực hiện (Cấp Tỉnh, Cấp Xã)."))
        return
    levels = set()
    for part in _split(text, r"[;,\n]"):
        level = _LEVEL_WORDS.get(fold(part))
        if level is None:
            row.error(
                "Cấp thực hiện",
                _("“%(v)s” không phải cấp thực hiện; dùng Cấp Tỉnh, Cấp Xã (Cấp Huyện: trước 01/7/2025).")
                % {"v": part},
            )
        levels.add(level)
    if levels and None not in levels:
        row.changes["levels"] = sorted(levels)


def _parse_channels(row, text):
    channels = set()
    for part in _split(text, r"[;,\n]"):
        channel = _CHANNEL_WORDS.get(fold(part))
        if channel is None:
            row.error(
                "Cách thức thực hiện",
                _("“%(v)s” không hợp lệ; dùng Trực tiếp, Trực tuyến, Dịch vụ bưu chính.") % {"v": part},
            )
        channels.add(channel)
    if channels and None not in channels:
        row.changes["channels"] = sorted(channels)


def _parse_time(row, text, note):
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not text:
        row.error("Thời hạn giải quyết", _("Cần thời hạn giải quyết."))
        return
    if fold(text).startswith("trong ngay"):
        row.changes.update(time_value=1, time_unit=TimeUnit.WITHIN_DAY)
        rest = text[len("Trong ngày") :].strip(" ,.;:-")
    else:
        match = _TIME_RE.match(text)
        if match is None:
            row.error(
                "Thời hạn giải quyết",
                _(
                    "“%(v)s” không đọc được; ghi như “3 ngày làm việc”, “8 giờ làm việc”, “15 ngày”, “Trong ngày”."
                )
                % {"v": text},
            )
            return
        unit = _TIME_UNITS[fold(match.group(2))]
        row.changes.update(time_value=match.group(1).replace(",", "."), time_unit=unit)
        rest = text[match.end() :].strip(" ,.;:-")
    if note or rest:
        row.changes["time_note"] = note or rest


def _parse_lists(row, values):
    for column, key, parse in (
        ("Phí, lệ phí", "fees", lines.parse_fees),
        ("Thành phần hồ sơ", "components", lines.parse_components),
        ("Căn cứ pháp lý", "legal_basis", lines.parse_legal),
    ):
        items, errors = parse(_text(values[column]))
        for message in errors:
            row.error(column, message)
        row.changes[key] = items


def _one_agency_or_kind(row, column, text):
    kind = agencies.kind_from_text(text)
    if kind is not None:
        return None, kind
    agency = agencies.find_agency(name=text)
    if agency is None:
        row.error(column, _("Không tìm thấy cơ quan “%(n)s” trong danh bạ.") % {"n": text})
    return agency, ""


def _parse_agencies(row, values):
    implementing, kind = [], ""
    for part in _split(_text(values["Cơ quan thực hiện"])):
        agency, part_kind = _one_agency_or_kind(row, "Cơ quan thực hiện", part)
        if part_kind:
            kind = part_kind
        elif agency is not None:
            implementing.append(agency)
    row.changes.update(implementing_agencies=implementing, implementing_agency_kind=kind)
    competent = _text(values["Cơ quan có thẩm quyền"])
    agency, kind = _one_agency_or_kind(row, "Cơ quan có thẩm quyền", competent) if competent else (None, "")
    row.changes.update(competent_agency=agency, competent_agency_kind=kind)
    coordinating = []
    for part in _split(_text(values["Cơ quan phối hợp"])):
        agency = agencies.find_agency(name=part)
        if agency is None:
            row.error("Cơ quan phối hợp", _("Không tìm thấy cơ quan “%(n)s” trong danh bạ.") % {"n": part})
        else:
            coordinating.append(agency)
    row.changes["coordinating_agencies"] = coordinating


def _parse_choices(row, values):
    """Choice columns: an empty cell keeps the current value (or the default for a new procedure)."""
    for column, key, choices in (
        ("Loại thủ tục", "procedure_type", ProcedureType.choices),
        ("Loại kết quả", "result_type", ResultType.choices),
        ("Cách tính thời hạn", "counting_mode", CountingMode.choices),
        ("Mức độ DVC trực tuyến", "online_category", OnlineCategory.choices),
    ):
        text = _text(values[column])
        if not text:
            continue
        value = _match_choice(text, choices) or (
            OnlineCategory.NONE if fold(text) == "khong" and key == "online_category" else None
        )
        if value is None:
            labels = ", ".join(str(label) for _value, label in choices)
            row.error(
                column, _("“%(v)s” không hợp lệ; dùng một trong: %(all)s.") % {"v": text, "all": labels}
            )
        else:
            row.changes[key] = value
    if row.changes.get("time_unit") == TimeUnit.WORKING_HOURS and "counting_mode" not in row.changes:
        row.changes["counting_mode"] = CountingMode.HOUR


def _parse_extras(row, values):
    cutoff = values["Giờ chốt nhận hồ sơ"]
    if isinstance(cutoff, datetime.time):
        row.changes["cutoff_hour"] = cutoff
    elif _text(cutoff):
        text = fold(_text(cutoff))
        if text in ("mac dinh", "mac dinh cua tinh"):
            row.changes["cutoff_hour"] = None
        else:
            match = re.match(r"^(\d{1,2})\s*[:h]\s*(\d{2})?$", text)
            if match and int(match.group(1)) < 24 and int(match.group(2) or 0) < 60:
                row.changes["cutoff_hour"] = datetime.time(int(match.group(1)), int(match.group(2) or 0))
            else:
                row.error(
                    "Giờ chốt nhận hồ sơ",
                    _("Giờ “%(v)s” không hợp lệ; ghi dạng 15:00.") % {"v": _text(cutoff)},
                )
    legacy = _text(values["Mức độ DVC cũ (1-4)"])
    if legacy:
        if legacy in ("1", "2", "3", "4"):
            row.changes["legacy_online_level"] = int(legacy)
        else:
            row.error("Mức độ DVC cũ (1-4)", _("Mức độ cũ phải là 1, 2, 3 hoặc 4."))
    for column, key in (
        ("Thanh toán trực tuyến", "online_payment"),
        ("Tiếp nhận không phụ thuộc địa giới", "accepts_out_of_area"),
    ):
        answer = fold(_text(values[column]))
        if answer in _YES or answer in _NO:
            row.changes[key] = answer in _YES
        elif answer:
            row.error(column, _("Ghi “Có” hoặc “Không”."))
    for column, key in (("Hiệu lực từ", "effective_from"), ("Hiệu lực đến", "effective_until")):
        if values[column] not in (None, ""):
            try:
                row.changes[key] = lines.parse_date(values[column])
            except ValueError:
                row.error(column, _("Ngày phải có dạng dd/mm/yyyy."))


def parse_row(number, values, letters):
    row = _Row(number, letters)
    _parse_codes(row, values)
    name = _text(values["Tên thủ tục"])
    if not name:
        row.error("Tên thủ tục", _("Cần tên thủ tục."))
    row.changes["name"] = name
    _parse_field(row, values)
    _parse_levels(row, _text(values["Cấp thực hiện"]))
    if _text(values["Cách thức thực hiện"]):
        _parse_channels(row, _text(values["Cách thức thực hiện"]))
    _parse_time(row, _text(values["Thời hạn giải quyết"]), _text(values["Ghi chú thời hạn"]))
    _parse_lists(row, values)
    _parse_agencies(row, values)
    _parse_choices(row, values)
    _parse_extras(row, values)
    for column, key in (
        ("Số quyết định", "instrument"),
        ("Trình tự thực hiện", "steps_text"),
        ("Đối tượng thực hiện", "applicants"),
        ("Địa chỉ tiếp nhận HS", "receiving_place"),
        ("Kết quả thực hiện", "result_name"),
        ("Yêu cầu, điều kiện thực hiện", "conditions"),
        ("Từ khóa", "keywords"),
        ("Mô tả", "description"),
    ):
        row.changes[key] = _text(values[column])
    return row


def _header_letters(uploaded_file):
    uploaded_file.seek(0)
    book = load_workbook(uploaded_file, read_only=True, data_only=True)
    try:
        first = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ()) or ()
    finally:
        book.close()
    wanted = {fold(header): header for header in HEADERS}
    letters = {}
    for index, title in enumerate(first, start=1):
        header = wanted.get(fold(str(title))) if title is not None else None
        if header and header not in letters:
            letters[header] = get_column_letter(index)
    return letters


def import_workbook(actor, uploaded_file, publish=True):
    """Import an .xlsx in the layout above. File-level problems raise ``ValidationError``; row
    problems come back in the report, and then nothing is saved."""
    # Choice labels in the file are Vietnamese (the national layout), whatever the reader's language.
    with translation.override("vi"):
        return _import_workbook(actor, uploaded_file, publish)


def _import_workbook(actor, uploaded_file, publish):
    services.require_catalog_admin(actor)
    rows = list(core_excel.read_rows(uploaded_file, HEADERS, required=REQUIRED, max_rows=MAX_ROWS))
    letters = _header_letters(uploaded_file)
    report = ImportReport()
    parsed, seen = [], {}
    for number, values in rows:
        row = parse_row(number, values, letters)
        key = row.national_code or row.local_code
        if key and key in seen:
            row.error("Mã thủ tục", _("Mã %(c)s trùng với dòng %(r)s.") % {"c": key, "r": seen[key]})
        seen.setdefault(key, number)
        report.errors += row.errors
        parsed.append(row)
    if report.errors:
        return report
    with transaction.atomic():
        created_fields = {}
        for row in parsed:
            try:
                with transaction.atomic():
                    _apply(actor, row, publish, created_fields, report)
            except ValidationError as exc:
                for key, messages in exc.message_dict.items():
                    column = _KEY_COLUMN.get(key, "")
                    for message in messages:
                        row.error(column, message)
                report.errors += row.errors
        if report.errors:
            transaction.set_rollback(True)
            report.created, report.changed, report.unchanged = [], [], []
    return report


def _apply(actor, row, publish, created_fields, report):
    if row.new_field is not None:
        code, name = row.new_field
        if code not in created_fields:
            created_fields[code] = services.save_field(actor, code=code, name=name)
        row.changes["field"] = created_fields[code]
    procedure = selectors.get_procedure(row.national_code) if row.national_code else None
    procedure = procedure or (selectors.get_procedure(row.local_code) if row.local_code else None)
    code = row.national_code or row.local_code
    if procedure is None:
        services.create_procedure(
            actor, national_code=row.national_code, local_code=row.local_code, publish=publish, **row.changes
        )
        report.created.append(code)
        return
    if (row.national_code, row.local_code) != (
        procedure.national_code,
        procedure.local_code,
    ) and row.local_code:
        services.update_codes(actor, procedure, row.national_code or procedure.national_code, row.local_code)
    before = specs.plain(specs.of_version(procedure.versions.order_by("-number").first()))
    version = services.change_procedure(actor, procedure, publish=publish, **row.changes)
    after = specs.plain(specs.of_version(version))
    (report.changed if after != before else report.unchanged).append(code)
