import datetime

import pytest
from django.core.exceptions import ValidationError

from lienthong.directory import services
from lienthong.directory.validators import (
    agency_code_warning,
    citizen_id_birth_facts,
    validate_citizen_id,
)


@pytest.mark.parametrize("code", ["000.00.09.H61", "000.00.00.H61", "000.08.32.H61", "001.01.19.G10"])
def test_agency_code_in_the_qcvn_102_shape_has_no_warning(code):
    """QCVN 102:2016/BTTTT (Circular 10/2016/TT-BTTTT): the identifier code is DDD.CC.BB.AXX."""
    assert agency_code_warning(code) is None


@pytest.mark.parametrize("code", ["14.00.W00", "000.1137.H53", "000.00.9.H61", "000.00.09.h61", "H61"])
def test_malformed_agency_code_gives_a_vietnamese_warning(code):
    """QCVN 102:2016 shape DDD.CC.BB.AXX; real directories hold malformed codes, so it is a warning only."""
    warning = str(agency_code_warning(code))
    assert code in warning
    assert "không đúng dạng" in warning


@pytest.mark.parametrize("code", ["14.00.W00", "000.1137.H53"])
def test_malformed_real_world_codes_are_saved_with_a_warning(db, code):
    """QCVN 102:2016: the real codes 14.00.W00 and 000.1137.H53 are kept, flagged as not standard."""
    agency, warnings = services.save_agency(None, name="Ban Quản lý dự án", kind="khac", code=code)
    agency.refresh_from_db()
    assert agency.code == code
    assert agency.code_is_standard is False
    assert len(warnings) == 1 and code in str(warnings[0])


def test_empty_agency_code_needs_no_warning():
    """QCVN 102:2016: an agency without an assigned code is not malformed."""
    assert agency_code_warning("") is None
    assert agency_code_warning(None) is None


@pytest.mark.parametrize("number", ["08608512345", "0860851234567", "08608512345a", "086 085123456", ""])
def test_citizen_id_must_be_exactly_twelve_digits(number):
    """Circular 59/2021/TT-BCA Art. 7 (Decree 137/2015/NĐ-CP Art. 13): the number has 12 digits."""
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id(number)
    assert exc.value.error_list[0].code == "citizen_id_format"


@pytest.mark.parametrize("prefix", ["000", "003", "099", "100", "863"])
def test_citizen_id_starts_with_a_province_of_birth_registration_code(prefix):
    """Circular 59/2021/TT-BCA Art. 7: the first three digits are the province of birth registration."""
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id(f"{prefix}085123456")
    assert exc.value.error_list[0].code == "citizen_id_province"


@pytest.mark.parametrize(
    ("number", "gender", "year"),
    [
        ("086085123456", "M", 1985),  # 0: man born in the 20th century
        ("001185123456", "F", 1985),  # 1: woman born in the 20th century
        ("079201123456", "M", 2001),  # 2: man born in the 21st century
        ("031301123456", "F", 2001),  # 3: woman born in the 21st century
    ],
)
def test_citizen_id_encodes_gender_century_and_year(number, gender, year):
    """Circular 59/2021/TT-BCA Art. 7: digit 4 is gender and century, digits 5-6 the year of birth."""
    assert citizen_id_birth_facts(number) == (number[:3], gender, year)
    validate_citizen_id(number, datetime.date(year, 6, 1), gender)


def test_citizen_id_must_agree_with_the_year_of_birth():
    """Circular 59/2021/TT-BCA Art. 7: digits 5-6 are the last two digits of the year of birth."""
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id("086085123456", datetime.date(1986, 1, 1), "M")
    assert exc.value.error_list[0].code == "citizen_id_birth_year"


def test_citizen_id_century_digit_must_agree_with_the_year_of_birth():
    """Circular 59/2021/TT-BCA Art. 7: 0/1 for births 1900-1999, 2/3 for 2000-2099."""
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id("086085123456", datetime.date(2085, 1, 1), "M")
    assert exc.value.error_list[0].code == "citizen_id_birth_year"


def test_citizen_id_must_agree_with_gender():
    """Circular 59/2021/TT-BCA Art. 7: an even gender/century digit is a man, an odd one a woman."""
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id("086085123456", datetime.date(1985, 1, 1), "F")
    assert exc.value.error_list[0].code == "citizen_id_gender"


def test_citizen_id_error_messages_are_vietnamese():
    """Circular 59/2021/TT-BCA Art. 7: the refusal says what is wrong, in Vietnamese."""
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id("12345")
    assert exc.value.messages == ["Số định danh cá nhân phải gồm đúng 12 chữ số."]
