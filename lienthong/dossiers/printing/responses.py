"""HTTP responses for printed forms and the tracking book, shared by the pages and the API."""

import datetime

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from lienthong.core import excel
from lienthong.core.text import fold
from lienthong.dossiers.printing import book
from lienthong.dossiers.printing.registry import FORMS, numbering
from lienthong.dossiers.printing.render import render_pdf

FORMATS = ("pdf", "xlsx")
MAX_BOOK_DAYS = 366


def file_name(form_id, code="", extension="pdf"):
    """ASCII name from the Vietnamese title ("giay-tiep-nhan-ho-so-va-hen-tra-ket-qua-<code>.pdf"),
    so every browser and mail client keeps it."""
    stem = slugify(fold(FORMS[form_id].title))
    return f"{stem}-{code}.{extension}" if code else f"{stem}.{extension}"


def pdf_response(pdf, name):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def form_response(form_id, dossier):
    return pdf_response(render_pdf(form_id, dossier), file_name(form_id, dossier.code or str(dossier.pk)))


def default_period(today):
    return today.replace(day=1), today


def book_response(user, agency, date_from, date_to, fmt):
    """The tracking book of ``agency`` for the period, as PDF (landscape, the legal layout) or .xlsx
    (Vietnamese headers whatever the interface language)."""
    rows = book.book_rows(user, agency, date_from, date_to)
    code = agency.code or str(agency.pk)
    period = f"{code}-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
    if fmt == "xlsx":
        with override("vi"):
            number = FORMS["tracking_book"].number(numbering())
            title = f"Mẫu {number} Sổ theo dõi hồ sơ" if number else "Sổ theo dõi hồ sơ"
            notes = [
                f"{title} – {agency.name}",
                f"Từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}",
            ]
            return excel.workbook_response(
                file_name("tracking_book", period, "xlsx"), "So theo doi ho so", book.HEADERS, rows, notes
            )
    pdf = render_pdf("tracking_book", agency=agency, date_from=date_from, date_to=date_to, rows=rows)
    return pdf_response(pdf, file_name("tracking_book", period))


def period_error(date_from, date_to):
    """Why a period cannot be exported, or None."""
    if date_from > date_to:
        return _("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
    if date_to - date_from > datetime.timedelta(days=MAX_BOOK_DAYS):
        return _("Mỗi lần xuất sổ tối đa %(days)s ngày.") % {"days": MAX_BOOK_DAYS}
    return None
