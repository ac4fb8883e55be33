"""Internal processes of the demo procedures, built from the usual one-stop pattern (NĐ 61/2018
Arts. 15–20, carried over by NĐ 118/2025): receive at the desk → process → approve and sign →
return at the desk. Shares add up exactly to the procedure's time.

A step names where it happens: ``"commune"`` (every UBND xã, by kind), ``"centre"`` (the provincial
public-administration service centre) or an agency name from the demo province. The loader turns it
into an agency, or into an agency kind with the name kept as the unit when the agency is missing.
"""

from decimal import Decimal

RECEIVE = ["receive", "request_supplement", "refuse", "transfer"]
RETURN = ["collect_fee", "return_result"]


def _step(name, at, role, duration, actions, unit="", interagency=False, level=""):
    return {
        "name": name,
        "at": at,
        "unit_name": unit,
        "role": role,
        "duration": Decimal(str(duration)),
        "actions": actions,
        "is_interagency": interagency,
        "level": level,
    }


def commune(
    total,
    unit="Công chức Văn hóa - Xã hội",
    desk="Bộ phận Một cửa",
    at="commune",
    leader="Chủ tịch hoặc Phó Chủ tịch UBND xã",
):
    """Everything at one commune-level body (by default the UBND xã); ``total`` working days (≥ 2)."""
    total = Decimal(str(total))
    return [
        _step("Tiếp nhận, kiểm tra hồ sơ", at, "one_stop_officer", "0.5", RECEIVE, desk, level="commune"),
        _step(
            "Thẩm định, xử lý hồ sơ",
            at,
            "specialist",
            total - Decimal("1.5"),
            ["process", "verify", "review", "request_supplement", "apologise"],
            unit,
            level="commune",
        ),
        _step(
            "Phê duyệt, ký kết quả",
            at,
            "agency_leader",
            "0.5",
            ["approve", "sign", "refuse"],
            leader,
            level="commune",
        ),
        _step("Trả kết quả", at, "one_stop_officer", "0.5", RETURN, desk, level="commune"),
    ]


def commune_same_day(unit="Công chức Tư pháp - Hộ tịch", desk="Bộ phận Một cửa"):
    """ "Within the day": shares are fractions of that one day (1 h, 4 h, 2 h, 1 h of 8 working hours)."""
    return [
        _step(
            "Tiếp nhận, kiểm tra hồ sơ",
            "commune",
            "one_stop_officer",
            "0.125",
            RECEIVE,
            desk,
            level="commune",
        ),
        _step("Xử lý, ghi sổ", "commune", "specialist", "0.5", ["process", "review"], unit, level="commune"),
        _step(
            "Ký kết quả",
            "commune",
            "agency_leader",
            "0.25",
            ["approve", "sign", "refuse"],
            "Chủ tịch hoặc Phó Chủ tịch UBND xã",
            level="commune",
        ),
        _step("Trả kết quả", "commune", "one_stop_officer", "0.125", RETURN, desk, level="commune"),
    ]


def commune_calendar(total, unit):
    """A limit in calendar days (construction permits): ``total`` days."""
    total = Decimal(str(total))
    return [
        _step(
            "Tiếp nhận, kiểm tra hồ sơ",
            "commune",
            "one_stop_officer",
            1,
            RECEIVE,
            "Bộ phận Một cửa",
            level="commune",
        ),
        _step(
            "Thẩm định hồ sơ, kiểm tra thực địa",
            "commune",
            "specialist",
            total - 4,
            ["process", "verify", "consult", "review", "request_supplement"],
            unit,
            level="commune",
        ),
        _step(
            "Phê duyệt, ký giấy phép",
            "commune",
            "agency_leader",
            2,
            ["approve", "sign", "refuse"],
            "Chủ tịch hoặc Phó Chủ tịch UBND xã",
            level="commune",
        ),
        _step("Trả kết quả", "commune", "one_stop_officer", 1, RETURN, "Bộ phận Một cửa", level="commune"),
    ]


def department(total, agency, unit):
    """Received and returned at the provincial centre, decided by a department (``total`` ≥ 3)."""
    total = Decimal(str(total))
    return [
        _step(
            "Tiếp nhận, kiểm tra hồ sơ",
            "centre",
            "one_stop_officer",
            "0.5",
            RECEIVE,
            "Quầy của " + agency,
            level="province",
        ),
        _step(
            "Thẩm định, xử lý hồ sơ",
            agency,
            "specialist",
            total - 2,
            ["process", "verify", "review", "request_supplement", "apologise"],
            unit,
            True,
            "province",
        ),
        _step(
            "Xem xét, trình ký", agency, "unit_leader", "0.5", ["review", "refuse"], unit, True, "province"
        ),
        _step(
            "Phê duyệt, ký kết quả",
            agency,
            "agency_leader",
            "0.5",
            ["approve", "sign"],
            "Lãnh đạo " + agency,
            True,
            "province",
        ),
        _step(
            "Trả kết quả", "centre", "one_stop_officer", "0.5", RETURN, "Quầy của " + agency, level="province"
        ),
    ]


def commune_to_province(total, commune_share, agency, unit, commune_unit="Công chức Địa chính"):
    """Vertical liên thông (regulations.md §2.3): the commune receives and checks, forwards to a
    provincial body that decides; the result comes back down to the commune desk."""
    total, commune_share = Decimal(str(total)), Decimal(str(commune_share))
    province_share = total - commune_share - Decimal(1)
    return [
        _step(
            "Tiếp nhận hồ sơ",
            "commune",
            "one_stop_officer",
            "0.5",
            RECEIVE,
            "Bộ phận Một cửa",
            level="commune",
        ),
        _step(
            "Kiểm tra, xác nhận, chuyển hồ sơ lên cấp tỉnh",
            "commune",
            "specialist",
            commune_share,
            ["process", "verify", "review", "transfer"],
            commune_unit,
            level="commune",
        ),
        _step(
            "Thẩm định, cập nhật hồ sơ",
            agency,
            "specialist",
            province_share - Decimal("0.5"),
            ["process", "verify", "consult", "review", "request_supplement", "apologise"],
            unit,
            True,
            "province",
        ),
        _step(
            "Phê duyệt, ký kết quả",
            agency,
            "agency_leader",
            "0.5",
            ["approve", "sign", "transfer"],
            "Lãnh đạo " + agency,
            True,
            "province",
        ),
        _step(
            "Trả kết quả", "commune", "one_stop_officer", "0.5", RETURN, "Bộ phận Một cửa", level="commune"
        ),
    ]
