"""The Government's decided (or expected) breaks and day swaps for civil servants, 2026–2027.

Loaded by migration 0002 into the calendar of ``settings.PROVINCE_CODE``. They apply nationwide to
state agencies; a province edits them (or adds its own) in the admin or the API. Expected days are
marked ``provisional`` ("dự kiến") until the decision is published. Sources are in each note.
"""

import datetime

_VPCP = "Văn phòng Chính phủ"
_VPCP_2026_NEWS = (
    "Văn phòng Chính phủ truyền đạt ý kiến Thủ tướng Chính phủ đồng ý đề xuất của Bộ Nội vụ về nghỉ Tết "
    "Âm lịch và nghỉ lễ Quốc khánh năm 2026 (báo chí đưa tin ngày 13/10/2025). Số, ký hiệu văn bản cần đối chiếu."
)
_NEW_YEAR_2026 = {
    "document_number": "12729",
    "document_notation": "VPCP-KGVX",
    "document_date": datetime.date(2025, 12, 25),
    "document_issuer": _VPCP,
    "note": (
        "Phó Thủ tướng Chính phủ đồng ý đề xuất của Bộ Nội vụ: nghỉ Tết Dương lịch 4 ngày (01–04/01/2026), "
        "hoán đổi ngày làm việc thứ Sáu 02/01/2026 sang thứ Bảy 10/01/2026."
    ),
}
_DECISION_2026 = {"document_issuer": _VPCP, "note": _VPCP_2026_NEWS}
_PROVISIONAL_2027 = {
    "provisional": True,
    "note": (
        "Dự kiến theo Bộ luật Lao động 2019 (Điều 111, 112) và cách bố trí các năm trước "
        "(mùng 1, mùng 2 Tết trùng cuối tuần: nghỉ bù 2 ngày, như năm 2024); chưa có văn bản của Chính phủ."
    ),
}

_TET_2026_DAYS = [
    (14, "27 tháng Chạp"),
    (15, "28 tháng Chạp"),
    (16, "29 tháng Chạp, giao thừa"),
    (17, "mùng 1 Tết"),
    (18, "mùng 2 Tết"),
    (19, "mùng 3 Tết"),
    (20, "mùng 4 Tết"),
    (21, "mùng 5 Tết"),
    (22, "mùng 6 Tết"),
]
_TET_2027_DAYS = [
    (4, "28 tháng Chạp"),
    (5, "29 tháng Chạp, giao thừa"),
    (6, "mùng 1 Tết"),
    (7, "mùng 2 Tết"),
    (8, "mùng 3 Tết"),
    (9, "mùng 4 Tết"),
    (10, "mùng 5 Tết"),
]


def _day(date, kind, name, **extra):
    return {"date": date, "kind": kind, "name": name, **extra}


OFFICIAL_DAYS = [
    _day(
        datetime.date(2026, 1, 2),
        "day_off",
        "Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)",
        **_NEW_YEAR_2026,
    ),
    _day(datetime.date(2026, 1, 10), "working_day", "Làm việc bù cho thứ Sáu 02/01/2026", **_NEW_YEAR_2026),
    *[
        _day(
            datetime.date(2026, 2, d), "day_off", f"Nghỉ Tết Nguyên đán Bính Ngọ ({label})", **_DECISION_2026
        )
        for d, label in _TET_2026_DAYS
    ],
    _day(datetime.date(2026, 8, 22), "working_day", "Làm việc bù cho thứ Hai 31/08/2026", **_DECISION_2026),
    _day(
        datetime.date(2026, 8, 31),
        "day_off",
        "Nghỉ lễ Quốc khánh (hoán đổi với thứ Bảy 22/08/2026)",
        **_DECISION_2026,
    ),
    _day(datetime.date(2026, 9, 1), "day_off", "Quốc khánh (ngày liền kề)", **_DECISION_2026),
    *[
        _day(
            datetime.date(2027, 2, d),
            "day_off",
            f"Nghỉ Tết Nguyên đán Đinh Mùi ({label}, dự kiến)",
            **_PROVISIONAL_2027,
        )
        for d, label in _TET_2027_DAYS
    ],
    _day(
        datetime.date(2027, 9, 3),
        "day_off",
        "Quốc khánh (ngày liền kề, dự kiến)",
        provisional=True,
        note="Dự kiến: ngày liền kề sau 02/09/2027 (thứ Năm); Chính phủ quyết định hằng năm (Bộ luật Lao động 2019, Điều 112).",
    ),
]


def default_calendar_name(province_code):
    """ "Lịch làm việc tỉnh Vĩnh Long" from the official list of provinces (34 since 1 Jul 2025)."""
    try:
        from vietnam_provinces import Province, ProvinceCode

        name = Province.from_code(ProvinceCode(int(province_code))).name
    except (ImportError, ValueError, KeyError):
        return f"Lịch làm việc (mã tỉnh {province_code})"
    return f"Lịch làm việc {name if name.startswith('Thành phố') else 'tỉnh ' + name}"


def load(calendar_model, override_model, province_code, calendar_name, hours_model=None):
    """Create the province's calendar if needed and add the days it lacks (idempotent; edits are kept)."""
    import uuid

    calendar, created = calendar_model.objects.get_or_create(
        province_code=province_code, defaults={"name": calendar_name, "revision": uuid.uuid4().hex}
    )
    if created and hours_model is not None:
        hours_model.objects.create(calendar=calendar, valid_from=datetime.date(2000, 1, 1))
    existing = set(override_model.objects.filter(calendar=calendar).values_list("date", flat=True))
    new = [override_model(calendar=calendar, **day) for day in OFFICIAL_DAYS if day["date"] not in existing]
    override_model.objects.bulk_create(new)
    calendar_model.objects.filter(pk=calendar.pk).update(revision=uuid.uuid4().hex)
    return len(new)
