"""Format rules for the province's identifiers.

* Agency identifier code, QCVN 102:2016/BTTTT (TT 10/2016/TT-BTTTT): ``DDD.CC.BB.AXX``, read right to left.
  Real directories hold malformed codes, so a bad shape is a warning, never a refusal (regulations.md §8).
* Citizen identity number (số định danh cá nhân, CCCD): 12 digits (Decree 137/2015/NĐ-CP Art. 13,
  Circular 59/2021/TT-BCA Art. 7): 3 digits of the province of birth registration, 1 digit of gender
  and century, 2 digits of the year of birth, 6 random digits.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
CITIZEN_ID_RE = re.compile(r"^\d{12}$")

# Province codes of the 63 provinces before 1 Jul 2025 (Circular 59/2021/TT-BCA, Phụ lục): the
# first three digits of every citizen ID issued so far. They are not renumbered after the merger.
CITIZEN_ID_PROVINCE_CODES = frozenset(
    f"{code:03d}"
    for code in (
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    )
)
# Gender/century digit: even for men, odd for women; 0-1 → 1900s, 2-3 → 2000s, 4-5 → 2100s ...
_CENTURY_BASE = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 2300, 9: 2300}


def agency_code_warning(code):
    """A Vietnamese warning when ``code`` is not in the QCVN 102:2016 shape, else ``None``."""
    if not code or AGENCY_CODE_RE.match(code):
        return None
    return _(
        "Mã định danh “%(code)s” không đúng dạng DDD.CC.BB.AXX của QCVN 102:2016; đã lưu kèm cảnh báo."
    ) % {"code": code}


def citizen_id_birth_facts(number):
    """(province code, gender 'M'/'F', year of birth) encoded in a well-formed citizen ID."""
    digit = int(number[3])
    year = _CENTURY_BASE[digit] + int(number[4:6])
    return number[:3], ("M" if digit % 2 == 0 else "F"), year


def validate_citizen_id(number, date_of_birth=None, gender=None):
    """Raise ``ValidationError`` unless ``number`` is a well-formed 12-digit citizen ID.

    When the date of birth or gender is known, the digits that encode them must agree.
    """
    if not number or not CITIZEN_ID_RE.match(number):
        raise ValidationError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="citizen_id_format")
    province, encoded_gender, year = citizen_id_birth_facts(number)
    if province not in CITIZEN_ID_PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu (%(code)s) không phải mã tỉnh nơi đăng ký khai sinh."),
            code="citizen_id_province",
            params={"code": province},
        )
    if date_of_birth is not None:
        if year != date_of_birth.year:
            raise ValidationError(
                _("Số định danh cá nhân không khớp với năm sinh %(year)s."),
                code="citizen_id_birth_year",
                params={"year": date_of_birth.year},
            )
        if date_of_birth > date.today():
            raise ValidationError(_("Ngày sinh không được ở tương lai."), code="future_birth_date")
    if gender in {"M", "F"} and gender != encoded_gender:
        raise ValidationError(_("Số định danh cá nhân không khớp với giới tính."), code="citizen_id_gender")
