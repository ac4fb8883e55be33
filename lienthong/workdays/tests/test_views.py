"""The year calendar page (public, accessible) and the admin that edits overrides through services."""

import datetime
import re

import pytest
from django.test import Client

from lienthong.accounts.tests.factories import OfficialUserFactory
from lienthong.core.models import AuditRecord
from lienthong.workdays.models import CalendarOverride
from lienthong.workdays.tests.conftest import verified_client

pytestmark = pytest.mark.django_db
ADD_URL = "/quan-tri/workdays/calendaroverride/add/"


def test_year_page_marks_and_names_days_off_in_text():
    """Accessible calendar: one real table per month with column headers; days off and make-up days
    carry text, not only colour; the named days are listed under each month."""
    response = Client().get("/lich-lam-viec/2026/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Lịch làm việc năm 2026</h1>" in html
    assert html.count('<table class="month-grid">') == 12
    assert html.count('<th scope="col"><abbr title="Thứ Hai">T2</abbr></th>') == 12
    assert "Nghỉ Tết Nguyên đán Bính Ngọ (mùng 1 Tết)" in html
    assert "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)" in html
    assert re.search(
        r'<td class="day day-make_up"><span class="num">22</span><span class="mark">Làm bù</span>', html
    )
    assert "12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ" in html
    assert 'href="/lich-lam-viec/2025/" rel="prev"' in html
    assert 'href="/lich-lam-viec/2026/" aria-current="page"' in html
    assert "<script" not in html


def test_provisional_days_are_marked_as_expected():
    html = Client().get("/lich-lam-viec/2027/").content.decode()
    assert "Nghỉ Tết Nguyên đán Đinh Mùi (mùng 1 Tết, dự kiến)" in html
    assert "dự kiến, chưa có văn bản" in html


def test_default_year_and_range():
    assert Client().get("/lich-lam-viec/").context["year"] == datetime.date.today().year
    assert Client().get("/lich-lam-viec/1999/").status_code == 404


def test_year_totals_2026():
    """2026: 249 working days = 365 − 104 weekend days − 14 weekday days off (1–2 Jan, 16–20 Feb,
    27 Apr, 30 Apr, 1 May, 31 Aug – 2 Sep, 24 Nov) + 2 make-up Saturdays (10 Jan, 22 Aug)."""
    context = Client().get("/lich-lam-viec/2026/").context
    assert (context["working_days"], context["weekday_days_off"]) == (249, 14)


def _override_form(**changes):
    from lienthong.workdays import selectors

    data = {
        "calendar": selectors.calendar_row().pk,
        "date": "2026-03-10",
        "kind": "day_off",
        "name": "Nghỉ kỷ niệm ngày thành lập tỉnh",
        "document_number": "15",
        "document_notation": "QĐ-UBND",
        "document_date": "2026-02-20",
        "document_issuer": "Ủy ban nhân dân tỉnh Vĩnh Long",
        "note": "",
    }
    data.update(changes)
    return data


def _staff_admin(province_admin):
    province_admin.is_staff = True
    province_admin.save(update_fields=["is_staff"])
    return verified_client(province_admin)


def test_admin_adds_an_override_through_the_service(province_admin):
    client = _staff_admin(province_admin)
    form = client.get(ADD_URL)
    assert form.status_code == 200 and form.context["adminform"].form.initial["calendar"]
    response = client.post(ADD_URL, _override_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    override = CalendarOverride.objects.get(date=datetime.date(2026, 3, 10))
    assert override.created_by == province_admin
    assert AuditRecord.objects.filter(action="workdays.override.create", object_id=str(override.pk)).exists()


def test_admin_shows_the_rule_violation_and_saves_nothing(province_admin):
    client = _staff_admin(province_admin)
    response = client.post(ADD_URL, _override_form(kind="working_day"))
    assert response.status_code == 200
    assert "vốn là ngày làm việc" in response.content.decode()
    assert not CalendarOverride.objects.filter(date=datetime.date(2026, 3, 10)).exists()


def test_staff_without_the_province_role_may_only_look():
    staff = OfficialUserFactory(is_staff=True)
    client = verified_client(staff)
    assert client.get("/quan-tri/workdays/calendaroverride/").status_code == 200
    assert client.get(ADD_URL).status_code == 403


def test_province_admin_gets_a_link_to_edit_the_overrides(province_admin, official):
    link = 'href="/quan-tri/workdays/calendaroverride/"'
    assert link in verified_client(province_admin).get("/lich-lam-viec/2026/").content.decode()
    client = Client()
    client.force_login(official)
    response = client.get("/lich-lam-viec/2026/")
    assert response.status_code == 200 and link not in response.content.decode()


def test_admin_edits_the_calendar_and_adds_a_working_hours_version(province_admin):
    """Working hours are configurable per province and season (regulations §7.2); the admin saves
    the calendar and each hours version through the services, with audit records."""
    from lienthong.workdays import selectors
    from lienthong.workdays.tests.conftest import at

    calendar = selectors.calendar_row()
    first = calendar.hours.get()
    client = _staff_admin(province_admin)
    assert client.get(f"/quan-tri/workdays/workcalendar/{calendar.pk}/change/").status_code == 200
    prefix = "hours"
    data = {
        "name": calendar.name,
        "observe_culture_day": "",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-id": str(first.pk),
        f"{prefix}-0-calendar": str(calendar.pk),
        f"{prefix}-0-valid_from": "2000-01-01",
        f"{prefix}-0-morning_start": "07:30",
        f"{prefix}-0-morning_end": "11:30",
        f"{prefix}-0-afternoon_start": "13:30",
        f"{prefix}-0-afternoon_end": "17:30",
        f"{prefix}-0-cutoff": "15:00",
        f"{prefix}-0-note": "",
        f"{prefix}-1-calendar": str(calendar.pk),
        f"{prefix}-1-valid_from": "2026-06-01",
        f"{prefix}-1-morning_start": "07:00",
        f"{prefix}-1-morning_end": "11:00",
        f"{prefix}-1-afternoon_start": "13:00",
        f"{prefix}-1-afternoon_end": "17:00",
        f"{prefix}-1-cutoff": "16:00",
        f"{prefix}-1-note": "Giờ làm việc mùa hè",
    }
    response = client.post(f"/quan-tri/workdays/workcalendar/{calendar.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert calendar.hours.count() == 2
    assert AuditRecord.objects.filter(action="workdays.calendar.update").exists()
    assert AuditRecord.objects.filter(action="workdays.hours.create").exists()
    cal = selectors.current_calendar()
    assert cal.is_working_day(datetime.date(2026, 11, 24))  # culture day switched off
    assert cal.due_at(at(2026, 6, 1, 15, 30), 0) == at(2026, 6, 1, 17)
