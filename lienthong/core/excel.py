"""Excel (.xlsx) export and import helpers shared by the apps (openpyxl).

* ``workbook_response`` writes one sheet: bold, frozen header row, fitted column widths.
* ``read_rows`` reads an uploaded sheet as ``(row_number, {header: value})`` and refuses anything that
  is not a real .xlsx file with a Vietnamese message.
"""

import datetime
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from lienthong.core.text import fold

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP_MAGIC = b"PK\x03\x04"
_MAX_WIDTH = 60
_WIDTH_SAMPLE = 500
DATE_FORMAT = "DD/MM/YYYY"
# What openpyxl raises on a damaged or foreign zip (ParseError is a SyntaxError).
_UNREADABLE = (
    InvalidFileException,
    zipfile.BadZipFile,
    KeyError,
    IndexError,
    OSError,
    ValueError,
    TypeError,
    SyntaxError,
    EOFError,
)


def _cell(sheet, value, bold=False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Text stays text: no formula from a value starting with "=", no lost leading zeros.
        cell.data_type = "s"
        cell.number_format = "@"
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    return cell


def _display_width(value):
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def build_workbook(sheet_title, headers, rows, notes=None):
    """An in-memory .xlsx (bytes) with one data sheet and, when ``notes`` is given, a guide sheet."""
    rows = [list(row) for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])
    for index, header in enumerate(headers, start=1):
        sample = [_display_width(row[index - 1]) for row in rows[:_WIDTH_SAMPLE] if len(row) >= index]
        width = max([_display_width(header), *sample]) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 8), _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, str(header), bold=True) for header in headers])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    if notes:
        guide = workbook.create_sheet(title=_("Hướng dẫn"))
        guide.column_dimensions["A"].width = 100
        for line in notes:
            guide.append([_cell(guide, str(line))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(filename, sheet_title, headers, rows, notes=None):
    """An HTTP download of ``rows`` under ``headers`` as ``filename`` (.xlsx)."""
    response = HttpResponse(build_workbook(sheet_title, headers, rows, notes), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _open(uploaded_file):
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
            code="file_too_large",
        )
    uploaded_file.seek(0)
    if uploaded_file.read(4) != _ZIP_MAGIC:
        raise ValidationError(_("Tệp không phải bảng tính Excel (.xlsx)."), code="not_xlsx")
    uploaded_file.seek(0)
    try:
        return load_workbook(uploaded_file, read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise _unreadable() from exc


def _unreadable():
    return ValidationError(
        _("Không đọc được tệp Excel (.xlsx); hãy lưu lại tệp bằng Excel hoặc LibreOffice rồi thử lại."),
        code="not_xlsx",
    )


def read_rows(uploaded_file, headers, required=(), max_rows=5000):
    """Open the first sheet of an uploaded .xlsx and return an iterator of ``(row_number, values)``.

    ``values`` maps each of ``headers`` found in the first row to the cell's value (text stripped,
    empty as ``None``). Headers are matched without regard to case, spaces or diacritics. Problems with
    the file as a whole (not an .xlsx, missing ``required`` columns) raise ``ValidationError`` here,
    before any row is read; more than ``max_rows`` filled rows raises it while reading. Empty rows
    are skipped.
    """
    workbook = _open(uploaded_file)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None) or ()
        wanted = {fold(str(header)): header for header in headers}
        columns = {}
        for index, title in enumerate(first):
            header = wanted.get(fold(str(title))) if title is not None else None
            if header is not None and header not in columns.values():
                columns[index] = header
        found = {fold(str(header)) for header in columns.values()}
        missing = [str(header) for header in required if fold(str(header)) not in found]
        if missing:
            raise ValidationError(
                _("Tệp thiếu cột: %(columns)s. Hãy dùng tệp mẫu.") % {"columns": ", ".join(missing)},
                code="missing_columns",
            )
    except _UNREADABLE as exc:
        workbook.close()
        raise _unreadable() from exc
    except ValidationError:
        workbook.close()
        raise
    return _iterate(workbook, rows, columns, headers, max_rows)


def _too_many_rows(max_rows):
    return ValidationError(
        _("Tệp có quá nhiều dòng (tối đa %(max)s dòng mỗi lần nhập).") % {"max": max_rows},
        code="too_many_rows",
    )


def _iterate(workbook, rows, columns, headers, max_rows):
    count = 0
    try:
        for number, row in enumerate(rows, start=2):
            values = dict.fromkeys(headers)
            for index, header in columns.items():
                if index < len(row):
                    values[header] = _clean(row[index])
            if any(value is not None for value in values.values()):
                count += 1
                if count > max_rows:
                    raise _too_many_rows(max_rows)
                yield number, values
    except _UNREADABLE as exc:
        raise _unreadable() from exc
    finally:
        workbook.close()
