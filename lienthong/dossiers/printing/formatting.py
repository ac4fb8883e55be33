"""How the printed forms write dates, times, money and places (Vietnamese administrative style)."""

import datetime
import re

from django.utils import timezone

from lienthong.directory.models import AgencyKind

_PLACE_PREFIX = re.compile(
    r"^(ủy ban nhân dân|uỷ ban nhân dân|ubnd|trung tâm phục vụ hành chính công)?\s*"
    r"(tỉnh|thành phố|thị xã|thị trấn|quận|huyện|xã|phường|đặc khu)?\s+",
    re.IGNORECASE,
)


def local(value):
    """A datetime in the platform's time zone (Asia/Ho_Chi_Minh); dates pass through."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value)
    return value


def as_datetime(value):
    """History rows keep times as ISO strings in ``data``."""
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            return None
    return value


def day(value):
    """05/03/2026."""
    return local(value).strftime("%d/%m/%Y") if value else ""


def minute(value):
    """09 giờ 15 phút, ngày 05/03/2026 (to the minute, as the receipt asks)."""
    if not value:
        return ""
    value = local(value)
    return f"{value:%H} giờ {value:%M} phút, ngày {value:%d/%m/%Y}"


def short(value):
    """09:15 05/03/2026, for table cells."""
    return local(value).strftime("%H:%M %d/%m/%Y") if value else ""


def long_date(value):
    """ngày 05 tháng 3 năm 2026 (months 1 and 2 are written 01, 02 in administrative style)."""
    if not value:
        return "ngày … tháng … năm …"
    value = local(value)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def money(amount):
    """1.000.000 đồng."""
    return f"{int(amount):,}".replace(",", ".") + " đồng"


def count(value):
    """01, 02 … as on the official forms."""
    return f"{int(value):02d}"


def place(agency):
    """The place name before the date: "Thử Nghiệm, ngày …" for UBND xã Thử Nghiệm."""
    if agency is None:
        return ""
    unit = agency.administrative_unit if agency.administrative_unit_id else None
    name = unit.name if unit is not None else agency.name
    return _PLACE_PREFIX.sub("", name, count=1).strip() or name


def header_lines(agency, desk):
    """The two lines of the top-left header: governing body, then the issuing unit.

    A commune's or department's own desk: the agency, then "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ". A
    provincial public-service centre: the body it belongs to, then the centre. An agency writing in
    its own name (``desk=False``, e.g. the apology of the agency at fault): its parent, then itself.
    """
    parent = agency.parent.name if agency.parent_id else ""
    if desk and agency.kind != AgencyKind.SERVICE_CENTRE:
        return agency.name.upper(), "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    return parent.upper(), agency.name.upper()
