"""Statutory days off from the holidays package (Vietnamese lunar calendar, UTC+7)."""

import datetime

import pytest

from lienthong.workdays import statutory

D = datetime.date


@pytest.mark.parametrize(
    ("tet", "gio_to"),
    [
        (D(2025, 1, 29), D(2025, 4, 7)),
        (D(2026, 2, 17), D(2026, 4, 26)),
        (D(2027, 2, 6), D(2027, 4, 16)),
        (D(2028, 1, 26), D(2028, 4, 4)),
        (D(2030, 2, 2), D(2030, 4, 12)),
    ],
)
def test_lunar_holidays_follow_the_vietnamese_calendar(tet, gio_to):
    """Labour Code 2019 Art. 112: mùng 1 Tết and Giỗ Tổ (10/3 âm lịch) on the Vietnamese (UTC+7)
    lunar calendar; 2030 is Sat 2 Feb in Vietnam where a Chinese calendar gives 3 Feb."""
    days = statutory.statutory_days_off()
    assert days[tet] == "Tết Nguyên Đán"
    assert days[gio_to] == "Ngày Giỗ Tổ Hùng Vương"


def test_missing_compensation_is_added_on_the_next_working_day():
    """Labour Code 2019 Art. 111(3): a holiday on the weekly rest gives the next working day off,
    when the source lacks it (here Sat 1 May 2027 with Fri 30 Apr already off)."""
    source = {D(2027, 4, 30): "Ngày Chiến thắng", D(2027, 5, 1): "Ngày Quốc tế Lao động"}
    result = statutory.add_missing_compensation(source)
    assert result[D(2027, 5, 3)] == "Ngày Quốc tế Lao động (nghỉ bù)"
    assert len(result) == 3


def test_compensation_already_given_is_not_doubled():
    """Art. 111(3) gives one compensatory day per holiday: the package's own is kept, none added."""
    days = statutory.statutory_days_off()
    assert days[D(2026, 4, 27)] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert days[D(2027, 5, 3)] == "Ngày Quốc tế Lao động (nghỉ bù)"
    assert statutory.add_missing_compensation(days) == days


def test_two_weekend_holidays_get_two_compensatory_days():
    """Art. 111(3): each weekend holiday earns its own compensatory day, on consecutive working days."""
    source = {D(2028, 4, 30): "Ngày Chiến thắng", D(2028, 5, 1): "Ngày Quốc tế Lao động"}
    source[D(2028, 4, 29)] = "Ngày Giỗ Tổ Hùng Vương"  # synthetic: a Saturday holiday before them
    result = statutory.add_missing_compensation(source)
    added = sorted(set(result) - set(source))
    assert added == [D(2028, 5, 2), D(2028, 5, 3)]


def test_culture_day_from_2026_can_be_switched_off():
    """24 November (Ngày Văn hóa Việt Nam) from 2026, a probable statutory addition: configurable."""
    with_day = statutory.statutory_days_off(True)
    without = statutory.statutory_days_off(False)
    assert with_day[D(2026, 11, 24)] == statutory.CULTURE_DAY
    assert D(2025, 11, 24) not in with_day
    assert D(2026, 11, 24) not in without
    assert D(2030, 11, 25) in with_day and D(2030, 11, 25) not in without  # its compensatory day


def test_package_swaps_give_make_up_saturdays():
    """Government day swaps known to the package: Sat 4 May 2024, Sat 26 Apr 2025, Sat 22 Aug 2026."""
    make_up = statutory.statutory_make_up_days()
    for day in (D(2024, 5, 4), D(2025, 4, 26), D(2026, 8, 22)):
        assert day in make_up and day.weekday() == 5
