"""Deadline arithmetic on real dates (regulations.md §7.3), without the database."""

import datetime
from decimal import Decimal

import pytest

from lienthong.workdays import deadlines, statutory
from lienthong.workdays.tests.conftest import at

D = datetime.date


def test_tet_2027_three_working_days_from_wednesday_3_february(calendar):
    """Civil Code 2015 Art. 147 (receipt day not counted) and the Tết 2027 break Thu 4 – Wed 10 Feb
    (Labour Code 2019 Art. 112, provisional schedule): received Wed 3 Feb 2027 → due Mon 15 Feb 2027."""
    assert calendar.due_at(at(2027, 2, 3), 3) == at(2027, 2, 15, 17, 30)


def test_culture_day_2026_moves_a_five_day_limit(calendar):
    """24 Nov (Ngày Văn hóa Việt Nam, from 2026) is a day off: received Tue 17 Nov 2026, 5 working
    days → due Wed 25 Nov 2026."""
    assert not calendar.is_working_day(D(2026, 11, 24))
    assert calendar.due_at(at(2026, 11, 17, 10), 5) == at(2026, 11, 25, 17, 30)


def test_fifteen_working_days_after_20_april_2026(calendar):
    """Labour Code 2019 Arts. 111–112: Giỗ Tổ compensatory Mon 27 Apr, 30/4 and 1/5 off → 15 working
    days after Mon 20 Apr 2026 end on Thu 14 May 2026."""
    assert calendar.due_at(at(2026, 4, 20), 15) == at(2026, 5, 14, 17, 30)
    assert calendar.add_working_days(D(2026, 4, 20), 15) == D(2026, 5, 14)


def test_tet_2026_break_14_to_22_february(calendar):
    """Tết Bính Ngọ 2026 (mùng 1 = Tue 17 Feb): the Government's break Sat 14 – Sun 22 Feb."""
    for day in range(14, 23):
        assert not calendar.is_working_day(D(2026, 2, day))
    assert "mùng 1" in calendar.day_info(D(2026, 2, 17)).name
    assert calendar.is_working_day(D(2026, 2, 13)) and calendar.is_working_day(D(2026, 2, 23))
    assert calendar.due_at(at(2026, 2, 13, 10), 1) == at(2026, 2, 23, 17, 30)


def test_tet_2027_days_off(calendar):
    """Tết Đinh Mùi 2027 (mùng 1 = Sat 6 Feb): Thu 4 – Wed 10 Feb off, two compensatory days for
    mùng 1 and mùng 2 on the weekend (Labour Code 2019 Art. 111)."""
    off = [day for day in range(1, 15) if not calendar.is_working_day(D(2027, 2, day))]
    assert off == [4, 5, 6, 7, 8, 9, 10, 13, 14]


def test_gio_to_2027_friday_16_april(calendar):
    """Giỗ Tổ Hùng Vương 2027 (10/3 âm lịch) = Fri 16 Apr 2027 (Labour Code 2019 Art. 112)."""
    info = calendar.day_info(D(2027, 4, 16))
    assert (info.is_working_day, info.kind) == (False, deadlines.HOLIDAY)
    assert "Giỗ Tổ" in info.name
    assert calendar.due_at(at(2027, 4, 15), 1) == at(2027, 4, 19, 17, 30)


def test_30_april_and_1_may_2027_with_compensatory_monday(calendar):
    """Labour Code 2019 Arts. 111–112: Fri 30 Apr 2027 off; Sat 1 May → compensatory Mon 3 May."""
    assert not calendar.is_working_day(D(2027, 4, 30))
    assert "nghỉ bù" in calendar.day_info(D(2027, 5, 3)).name
    assert calendar.due_at(at(2027, 4, 29), 1) == at(2027, 5, 4, 17, 30)


def test_national_day_with_adjacent_day(calendar):
    """Labour Code 2019 Art. 112: 2 September plus an adjacent day. 2026: Tue 1 – Wed 2 Sep, with
    Mon 31 Aug swapped for Sat 22 Aug; 2027: Thu 2 – Fri 3 Sep (adjacent day provisional)."""
    for day in (D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2), D(2027, 9, 2), D(2027, 9, 3)):
        assert not calendar.is_working_day(day)
    assert calendar.due_at(at(2026, 8, 28), 1) == at(2026, 9, 3, 17, 30)
    assert calendar.due_at(at(2027, 9, 1), 1) == at(2027, 9, 6, 17, 30)


def test_holiday_on_a_weekend_gives_next_working_day_off(calendar):
    """Labour Code 2019 Art. 111(3): Giỗ Tổ 2026 on Sun 26 Apr → compensatory day off Mon 27 Apr."""
    assert calendar.day_info(D(2026, 4, 26)).kind == deadlines.HOLIDAY
    assert not calendar.is_working_day(D(2026, 4, 27))
    assert calendar.due_at(at(2026, 4, 24), 1) == at(2026, 4, 28, 17, 30)


def test_override_day_off_is_skipped(calendar):
    """An extra day off decided by the Government (Fri 2 Jan 2026, 12729/VPCP-KGVX) or the province
    is not a working day; the override table wins over the statutory calendar."""
    info = calendar.day_info(D(2026, 1, 2))
    assert (info.is_working_day, info.kind) == (False, deadlines.DAY_OFF)
    assert calendar.due_at(at(2025, 12, 31), 1) == at(2026, 1, 5, 17, 30)
    local = deadlines.Calendar(
        statutory.statutory_days_off(), {D(2026, 3, 10): ("day_off", "Nghỉ thêm của tỉnh")}
    )
    assert local.due_at(at(2026, 3, 9), 1) == at(2026, 3, 11, 17, 30)


def test_make_up_saturday_is_a_working_day(calendar):
    """A swapped working day (làm bù) counts: Sat 22 Aug 2026 and Sat 10 Jan 2026 are working days."""
    assert calendar.day_info(D(2026, 8, 22)).kind == deadlines.MAKE_UP
    assert calendar.due_at(at(2026, 8, 21, 10), 1) == at(2026, 8, 22, 17, 30)
    assert calendar.due_at(at(2026, 1, 9, 10), 1) == at(2026, 1, 10, 17, 30)
    assert calendar.is_working_day(D(2024, 5, 4))  # from the holidays package's swap table


def test_override_working_day_can_cancel_a_holiday():
    """The override table wins: a make-up working day on a statutory day off makes it a working day."""
    cal = deadlines.Calendar(statutory.statutory_days_off(), {D(2026, 11, 24): ("working_day", "Làm việc")})
    assert cal.is_working_day(D(2026, 11, 24))


def test_receipt_after_cutoff_counts_from_next_working_day(calendar):
    """Regulations §7.2 (15:00 cut-off, NĐ 23/2015 practice): after the cut-off the receipt counts
    from the next working day; the hour is a parameter per procedure."""
    assert calendar.due_at(at(2026, 4, 20, 14, 59), 1) == at(2026, 4, 21, 17, 30)
    assert calendar.due_at(at(2026, 4, 20, 15, 0), 1) == at(2026, 4, 22, 17, 30)
    assert calendar.due_at(at(2026, 4, 20, 15, 30), 1, cutoff=datetime.time(16)) == at(2026, 4, 21, 17, 30)
    assert calendar.deemed_receipt(at(2026, 4, 20, 15, 30)) == at(2026, 4, 21, 7, 30)


def test_same_day_procedures(calendar):
    """NĐ 23/2015: a same-day result is due the same day, or the next working day after 15:00."""
    assert calendar.due_at(at(2026, 4, 20, 14), 0) == at(2026, 4, 20, 17, 30)
    assert calendar.due_at(at(2026, 4, 20, 15, 30), 0) == at(2026, 4, 21, 17, 30)


def test_receipt_on_a_day_off_counts_from_next_working_day(calendar):
    """Regulations §7.2: a dossier received outside working days is received the next working day."""
    assert calendar.deemed_receipt(at(2026, 4, 25, 10)) == at(2026, 4, 28, 7, 30)
    assert calendar.due_at(at(2026, 4, 25, 10), 1) == at(2026, 4, 29, 17, 30)


def test_half_days(calendar):
    """Regulations §7.2: half a working day = 4 working hours, counted from the next working morning."""
    assert calendar.due_at(at(2026, 4, 20, 10), Decimal("0.5")) == at(2026, 4, 21, 11, 30)
    assert calendar.due_at(at(2026, 4, 20, 10), 1.5) == at(2026, 4, 22, 11, 30)
    assert calendar.due_at(at(2026, 4, 24, 10), "0.5") == at(2026, 4, 28, 11, 30)
    assert calendar.due_at(at(2026, 4, 20, 10), Decimal("0.75")) == at(2026, 4, 21, 15, 30)


def test_hour_mode_same_clock_time_days_later(calendar):
    """Regulations §7.2, hour mode (1 day = 8 working hours): received mid-morning with 24 hours,
    due at the same clock time three working days later."""
    assert calendar.due_at(at(2026, 4, 20, 10), 24, deadlines.WORKING_HOURS) == at(2026, 4, 23, 10)
    assert calendar.due_at(at(2026, 4, 20, 10), 4, deadlines.WORKING_HOURS) == at(2026, 4, 20, 16)


def test_hour_mode_outside_working_hours_starts_at_next_session(calendar):
    """Regulations §7.2: outside the sessions the clock starts at the next session."""
    hours = deadlines.WORKING_HOURS
    assert calendar.due_at(at(2026, 4, 20, 6), 2, hours) == at(2026, 4, 20, 9, 30)
    assert calendar.due_at(at(2026, 4, 20, 12), 2, hours) == at(2026, 4, 20, 15, 30)
    assert calendar.due_at(at(2026, 4, 20, 16), 2, hours) == at(2026, 4, 21, 9, 30)
    assert calendar.due_at(at(2026, 4, 24, 16), 8, hours) == at(2026, 4, 28, 17, 30)


def test_working_time_between(calendar):
    """Working hours elapse only in sessions on working days; reversed bounds give a negative time."""
    assert calendar.working_time_between(at(2026, 4, 20, 10), at(2026, 4, 21, 10)) == Decimal("8")
    assert calendar.working_time_between(at(2026, 4, 20, 11), at(2026, 4, 20, 14)) == Decimal("1")
    assert calendar.working_time_between(at(2026, 4, 24, 9), at(2026, 5, 4, 9)) == Decimal("24")
    assert calendar.working_time_between(at(2026, 4, 21, 10), at(2026, 4, 20, 10)) == Decimal("-8")


def test_pauses_are_excluded(calendar):
    """Decision 766 practice: waiting for a supplement does not count; the limit moves by the lost
    working time (here 12 hours: Tue 21 all day and Wed 22 morning)."""
    pause = (at(2026, 4, 21, 7), at(2026, 4, 22, 12))
    assert calendar.due_at(at(2026, 4, 20, 10), 3, pauses=[pause]) == at(2026, 4, 28, 11, 30)
    lunch_pause = [(at(2026, 4, 20, 13, 30), at(2026, 4, 20, 15, 30))]
    hours = deadlines.WORKING_HOURS
    assert calendar.due_at(at(2026, 4, 20, 10), 8, hours, pauses=lunch_pause) == at(2026, 4, 21, 14)
    overlapping = [
        (at(2026, 4, 20, 13, 30), at(2026, 4, 20, 14, 30)),
        (at(2026, 4, 20, 14), at(2026, 4, 20, 15, 30)),
    ]
    assert calendar.due_at(at(2026, 4, 20, 10), 8, hours, pauses=overlapping) == at(2026, 4, 21, 14)
    elapsed = calendar.working_time_between(at(2026, 4, 20, 10), at(2026, 4, 21, 14), pauses=lunch_pause)
    assert elapsed == Decimal("8")


def test_working_days_between_and_next_working_day(calendar):
    """Counting for warnings (sắp đến hạn): working days after a date up to another."""
    assert calendar.working_days_between(D(2026, 4, 20), D(2026, 5, 14)) == 15
    assert calendar.working_days_between(D(2026, 5, 14), D(2026, 4, 20)) == -15
    assert calendar.next_working_day(D(2026, 4, 24)) == D(2026, 4, 28)
    assert calendar.add_working_days(D(2026, 4, 25), 0) == D(2026, 4, 28)


def test_custom_sessions_and_versions():
    """Working hours are configurable per province and season; each version applies from its date."""
    winter = deadlines.Sessions.from_times(
        D(2000, 1, 1),
        datetime.time(7),
        datetime.time(11),
        datetime.time(13),
        datetime.time(17),
        datetime.time(15),
    )
    summer = deadlines.Sessions.from_times(
        D(2026, 5, 1),
        datetime.time(7, 30),
        datetime.time(11, 30),
        datetime.time(13, 30),
        datetime.time(17, 30),
        datetime.time(16),
    )
    cal = deadlines.Calendar(statutory.statutory_days_off(), sessions=[summer, winter])
    assert cal.due_at(at(2026, 4, 20, 10), 1) == at(2026, 4, 21, 17)
    assert cal.due_at(at(2026, 5, 4, 15, 30), 1) == at(2026, 5, 5, 17, 30)  # 16:00 cut-off from May
    assert cal.due_at(at(2026, 4, 29, 10), 16, deadlines.WORKING_HOURS) == at(
        2026, 5, 5, 10, 30
    )  # 5 h + 8 h + 3 h


@pytest.mark.parametrize(
    ("start", "amount", "unit", "message"),
    [
        (datetime.datetime(2026, 4, 20, 9), 1, deadlines.WORKING_DAYS, "múi giờ"),
        (at(2026, 4, 20), -1, deadlines.WORKING_DAYS, "không âm"),
        (at(2026, 4, 20), "abc", deadlines.WORKING_DAYS, "một số"),
        (at(2026, 4, 20), 1, "calendar_days", "Đơn vị"),
        (at(2101, 1, 3), 1, deadlines.WORKING_DAYS, "phạm vi"),
        (at(2100, 12, 30), 5, deadlines.WORKING_DAYS, "phạm vi"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message(calendar, start, amount, unit, message):
    """Every bad input is refused with a clear Vietnamese message."""
    with pytest.raises(deadlines.DeadlineError, match=message):
        calendar.due_at(start, amount, unit)


def test_module_functions_take_an_explicit_calendar(calendar):
    """The module-level API used by other apps; with ``calendar=`` it never touches the database."""
    assert deadlines.due_at(at(2026, 4, 20), 15, calendar=calendar) == at(2026, 5, 14, 17, 30)
    assert deadlines.is_working_day(D(2026, 4, 27), calendar=calendar) is False
    assert deadlines.working_time_between(at(2026, 4, 20, 10), at(2026, 4, 21, 10), calendar=calendar) == 8
