"""Issue 4's acceptance in a real browser, through the officer pages only: a commune procedure and an
inter-agency one (commune → provincial department → commune) go from receipt at the counter to the
returned result, with one supplement and one apology; the control-slip step results and the final
on-time status (Decision 766/QĐ-TTg indicator 2.1) are read off the dossier page.

The server's clock is moved with time_machine (the live server runs in this process); the days are
working days a week or more ahead of today, so the browser's session cookie stays valid.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import TEST_PASSWORD
from lienthong.core.tests.samples import pdf_bytes
from lienthong.directory.models import AgencyKind
from lienthong.dossiers.models import Dossier
from lienthong.dossiers.tests import factories as f
from lienthong.workdays import deadlines
from lienthong.workdays.deadlines import TZ
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, assert_fits_phone, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMMUNE = AgencyKind.COMMUNE_PEOPLES_COMMITTEE
DEPARTMENT = AgencyKind.DEPARTMENT


def _step(name, kind, role, days, action):
    return {"name": name, "agency_kind": kind, "role": role, "duration": Decimal(days), "actions": [action]}


INTERAGENCY_STEPS = [
    _step("Tiếp nhận hồ sơ", COMMUNE, "one_stop_officer", "0.5", "receive"),
    _step("Thẩm định tại Sở", DEPARTMENT, "specialist", "3", "process"),
    _step("Lãnh đạo Sở phê duyệt", DEPARTMENT, "agency_leader", "1", "approve"),
    _step("Trả kết quả", COMMUNE, "one_stop_officer", "0.5", "return_result"),
]


def _working_days():
    """Seven consecutive working days in one month, starting a week or more from today."""
    start = datetime.date.today() + datetime.timedelta(days=7)
    while True:
        days = [deadlines.next_working_day(start - datetime.timedelta(days=1))]
        while len(days) < 7:
            days.append(deadlines.next_working_day(days[-1]))
        if days[0].month == days[-1].month:
            return days
        start = (start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


class Clock:
    """Moves the server's clock to a working day and hour (ticking, so the pages see time pass)."""

    def __init__(self, days):
        self.days, self.traveller = days, None

    def __call__(self, n, hour, minute=0):
        self.stop()
        moment = datetime.datetime.combine(self.days[n], datetime.time(hour, minute), TZ)
        self.traveller = time_machine.travel(moment, tick=True)
        self.traveller.start()

    def stop(self):
        if self.traveller is not None:
            self.traveller.stop()
            self.traveller = None


@pytest.fixture
def clock():
    c = Clock(_working_days())
    yield c
    c.stop()
    while Desk.opened:
        Desk.opened.pop().close()


class People:
    def __init__(self):
        self.commune = f.commune()
        self.desk = f.officer(self.commune, Role.ONE_STOP_OFFICER)
        self.specialist = f.officer(self.commune, Role.SPECIALIST)
        self.leader = f.officer(self.commune, Role.AGENCY_LEADER)
        self.department = f.AgencyFactory(kind=DEPARTMENT, name="Sở Thử Nghiệm tỉnh")
        self.dept_specialist = f.officer(self.department, Role.SPECIALIST)
        self.dept_leader = f.officer(self.department, Role.AGENCY_LEADER)
        self.commune_version = f.procedure("5")
        self.interagency_version = f.procedure(
            "5", steps=INTERAGENCY_STEPS, name="Cấp giấy phép thử nghiệm liên thông", level_province=True
        )


class Desk:
    """One officer's browser window, logged in at the server's current (travelled) time."""

    opened = []

    def __init__(self, browser, base, user, viewport=DESKTOP):
        Desk.opened.append(self)
        self.context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        self.context.set_default_timeout(15000)
        self.page, self.base = self.context.new_page(), base
        self.page.goto(f"{base}/tai-khoan/dang-nhap/")
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", TEST_PASSWORD)
        self.page.locator("main button[type=submit]").click()
        self.page.wait_for_url(f"{base}/")

    def open(self, dossier):
        self.page.goto(f"{self.base}/mot-cua/ho-so/{dossier.code}/")

    def act(self, dossier, action, fill=None):
        """Open the action's panel on the dossier page, fill it in, submit, and come back (an agency
        that handled a step keeps reading the dossier: selectors.dossiers_visible_to)."""
        self.open(dossier)
        form = self.page.locator(f"form[action$='/thao-tac/{action}/']")
        self.page.locator("details.action", has=form).locator("summary").click()
        if fill:
            fill(self.page)
        form.locator("button[type=submit]").click()
        self.page.wait_for_url(f"{self.base}/mot-cua/ho-so/{dossier.code}/")
        assert "Đã thực hiện" in self.page.locator(".messages").inner_text()

    def close(self):
        self.context.close()


def _scan(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes()}


def _receive_at_counter(desk, version, applicant, id_number, search, errors_first=False):
    """The desk officer's counter screen, by keyboard where it counts: search, pick, type, Enter."""
    page = desk.page
    page.goto(f"{desk.base}/mot-cua/tiep-nhan/")
    assert page.evaluate("document.activeElement.name") == "q"  # autofocus on the search box
    page.keyboard.type(search)
    page.keyboard.press("Enter")
    page.wait_for_selector("input[type=radio][name=procedure]")
    page.locator(f"input[type=radio][value='{version.procedure.code}']").check()
    page.get_by_role("button", name="Chọn thủ tục").click()
    page.wait_for_selector("#id_applicant_name")
    assert page.evaluate("document.activeElement.name") == "applicant_kind"
    required = version.components.get(requirement="required")
    page.fill("#id_applicant_name", applicant)
    page.fill("#id_applicant_id_number", "079" if errors_first else id_number)
    page.fill("#id_applicant_address", "Ấp Phú Hòa, xã Thử Nghiệm")
    page.fill("#id_applicant_phone", "0909123456")
    page.check(f"#id_c{required.pk}_received")
    page.set_input_files(f"#id_c{required.pk}_files", [_scan("to-khai-quet.pdf")])
    if errors_first:
        page.locator("#id_applicant_name").press("Enter")  # Enter submits: "Tiếp nhận"
        page.wait_for_selector(".error-summary")
        main = page.locator("main").inner_text()
        assert "Số định danh cá nhân phải gồm đúng 12 chữ số." in main
        assert "hãy chọn lại tệp" in main
        assert page.input_value("#id_applicant_name") == applicant  # nothing typed is lost
        assert page.input_value("#id_applicant_address") == "Ấp Phú Hòa, xã Thử Nghiệm"
        assert page.is_checked(f"#id_c{required.pk}_received")
        assert_accessible(page, "40-counter-errors")
        page.fill("#id_applicant_id_number", id_number)
        page.set_input_files(f"#id_c{required.pk}_files", [_scan("to-khai-quet.pdf")])
    page.locator("#id_applicant_id_number").press("Enter")
    page.wait_for_url(f"{desk.base}/mot-cua/tiep-nhan/ket-qua/*/")
    dossier = Dossier.objects.get(applicant_name=applicant)
    main = page.locator("main").inner_text()
    assert dossier.code in main and dossier.appointment_at.astimezone(TZ).strftime("%d/%m/%Y") in main
    assert "to-khai-quet.pdf" in main
    # The print button has the focus: Enter prints the receipt (helper D's PDF, in the legal layout).
    printing = page.get_by_role("link", name="In giấy tiếp nhận")
    assert page.evaluate("document.activeElement.textContent").strip() == "In giấy tiếp nhận"
    receipt = page.request.get(desk.base + printing.get_attribute("href"))
    assert receipt.ok and receipt.headers["content-type"].startswith("application/pdf")
    return dossier


def _step_results(page):
    rows = page.locator("section[aria-labelledby=h-steps] tbody tr")
    return [
        (rows.nth(i).locator("th").inner_text().strip(), rows.nth(i).locator("td").last.inner_text().strip())
        for i in range(rows.count())
    ]


def _handling_agency(page):
    dt = page.locator("section[aria-labelledby=h-summary] dt", has_text="Cơ quan đang xử lý")
    return dt.locator("xpath=following-sibling::dd[1]").inner_text().strip()


def _facts(page):
    return page.locator("section[aria-labelledby=h-summary]").inner_text()


def test_commune_procedure_with_a_supplement(browser, live_server, clock):
    """NĐ 61/2018 Arts. 15–18 [probable]: receipt, processing, one supplement (the clock restarts),
    approval, return. The leader signs late (step "Quá hạn") but the dossier is early overall."""
    people = People()
    base = live_server.url
    clock(0, 8, 0)
    desk = Desk(browser, base, people.desk)
    desk.page.goto(f"{base}/mot-cua/tiep-nhan/")
    assert_accessible(desk.page, "30-counter-search")
    dossier = _receive_at_counter(
        desk,
        people.commune_version,
        "Trần Thị Hồng",
        f.applicant()["id_number"],
        "xac nhan tinh trang hon nhan",
        errors_first=True,
    )
    assert_accessible(desk.page, "31-counter-result")
    desk.page.get_by_role("link", name="Xem hồ sơ").click()
    assert_accessible(desk.page, "32-dossier-received")
    desk.act(
        dossier,
        "transfer",
        lambda p: p.select_option("#id_transfer_assignee", str(people.specialist.pk)),
    )

    clock(0, 10)
    specialist = Desk(browser, base, people.specialist)
    specialist.act(
        dossier,
        "request_supplement",
        lambda p: p.fill("#id_request_supplement_items", "Bản sao Giấy khai sinh\nẢnh 4x6"),
    )
    assert "Chờ bổ sung hồ sơ" in _facts(specialist.page)

    clock(1, 9)
    desk = Desk(browser, base, people.desk)
    desk.act(dossier, "receive_supplement", lambda p: p.fill("#id_receive_supplement_note", "Đã đủ giấy tờ"))
    dossier.refresh_from_db()
    restarted = dossier.appointment_at

    clock(1, 10)
    specialist = Desk(browser, base, people.specialist)
    specialist.act(
        dossier, "transfer", lambda p: p.select_option("#id_transfer_assignee", str(people.leader.pk))
    )

    clock(3, 9)  # half a working day allowed: the leader signs late
    leader = Desk(browser, base, people.leader)
    leader.act(dossier, "approve")

    clock(3, 10)
    desk = Desk(browser, base, people.desk)

    def hand_over(p):
        p.check("#id_return_result_delivery_method_0")  # at the counter
        p.fill("#id_return_result_received_by", "Trần Thị Hồng")

    desk.act(dossier, "return_result", hand_over)
    facts = _facts(desk.page)
    assert "Đã trả kết quả" in facts and "Trước hạn" in facts
    assert restarted.astimezone(TZ).strftime("%d/%m/%Y") in facts
    assert _step_results(desk.page) == [
        ("1. Tiếp nhận hồ sơ", "Trước hạn"),
        ("2. Thẩm định, xử lý", "Trước hạn"),
        ("2. Thẩm định, xử lý", "Trước hạn"),
        ("3. Ký duyệt", "Quá hạn"),
        ("4. Trả kết quả", "Trước hạn"),
    ]
    assert_accessible(desk.page, "33-dossier-returned")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.timeliness, dossier.supplement_count) == ("returned", "early", 1)


def test_interagency_procedure_with_an_apology(browser, live_server, clock):
    """regulations.md §2.3 (liên thông, vertical) and NĐ 107/2021 [probable]: the department runs late,
    apologises once with a new date at least a working day ahead; the result comes back to the commune
    desk; the dossier keeps its late mark (regulations.md §6 [probable])."""
    people = People()
    base = live_server.url
    clock(0, 14)
    desk = Desk(browser, base, people.desk)
    dossier = _receive_at_counter(
        desk,
        people.interagency_version,
        "Nguyễn Văn Bình",
        f.applicant()["id_number"],
        "thu nghiem lien thong",
    )
    desk.page.get_by_role("link", name="Xem hồ sơ").click()
    desk.act(
        dossier,
        "transfer",
        lambda p: p.select_option("#id_transfer_to_agency", str(people.department.pk)),
    )
    assert _handling_agency(desk.page) == people.department.name

    clock(0, 15)
    dept_leader = Desk(browser, base, people.dept_leader)
    dept_leader.act(
        dossier, "assign", lambda p: p.select_option("#id_assign_assignee", str(people.dept_specialist.pk))
    )

    clock(3, 9)  # the appointment is days 4–5: the department asks for more time while it still may
    dossier.refresh_from_db()
    new_day = deadlines.add_working_days(dossier.appointment_at.astimezone(TZ).date(), 2)

    def apologise(p):
        p.fill("#id_apologise_new_date", new_day.isoformat())
        p.fill("#id_apologise_reason", "Cần xác minh thêm tại Sở")

    dept_leader = Desk(browser, base, people.dept_leader)
    dept_leader.act(dossier, "apologise", apologise)
    assert new_day.strftime("%d/%m/%Y") in _facts(dept_leader.page)

    clock(4, 9)
    dept_specialist = Desk(browser, base, people.dept_specialist)
    dept_specialist.act(
        dossier,
        "transfer",
        lambda p: p.select_option("#id_transfer_assignee", str(people.dept_leader.pk)),
    )
    clock(4, 10)
    dept_leader = Desk(browser, base, people.dept_leader)
    dept_leader.act(dossier, "approve")

    clock(4, 14)
    desk = Desk(browser, base, people.desk)
    desk.open(dossier)
    assert _handling_agency(desk.page) == people.commune.name  # back at the commune desk
    desk.act(dossier, "return_result", lambda p: p.check("#id_return_result_delivery_method_2"))
    facts = _facts(desk.page)
    assert "Đã trả kết quả" in facts and "Quá hạn" in facts
    assert _step_results(desk.page) == [
        ("1. Tiếp nhận hồ sơ", "Trước hạn"),
        ("2. Thẩm định tại Sở", "Quá hạn"),
        ("3. Lãnh đạo Sở phê duyệt", "Trước hạn"),
        ("4. Trả kết quả", "Trước hạn"),
    ]
    rows = desk.page.locator("section[aria-labelledby=h-steps] tbody tr")
    assert people.department.name in rows.nth(1).inner_text()
    assert people.commune.name in rows.nth(3).inner_text()
    dossier.refresh_from_db()
    assert (dossier.timeliness, dossier.apology_count) == ("late", 1)
    screenshot(desk.page, "41-interagency-returned")

    # The commune leader's dashboard: finished late this month, on-time rate 0 of 1.
    clock(5, 9)
    leader = Desk(browser, base, people.leader)
    leader.page.goto(f"{base}/mot-cua/bang-dieu-khien/")
    late = leader.page.locator("section[aria-labelledby=late-heading]").inner_text()
    assert dossier.code in late
    assert "0,00 %" in leader.page.locator("section[aria-labelledby=month-heading]").inner_text()
    assert_accessible(leader.page, "42-dashboard")
    # The department's leader counts it too: it went through the department.
    dept_leader = Desk(browser, base, people.dept_leader)
    dept_leader.page.goto(f"{base}/mot-cua/bang-dieu-khien/")
    assert dossier.code in dept_leader.page.locator("main").inner_text()

    # Phone width: counter screen, dashboard and dossier page fit 375 px and stay accessible.
    for user, path, name in (
        (people.desk, "/mot-cua/tiep-nhan/?q=thu+nghiem", "43-phone-counter"),
        (
            people.desk,
            f"/mot-cua/tiep-nhan/?procedure={people.commune_version.procedure.code}",
            "44-phone-counter-form",
        ),
        (people.leader, "/mot-cua/bang-dieu-khien/", "45-phone-dashboard"),
        (people.desk, f"/mot-cua/ho-so/{dossier.code}/", "46-phone-dossier"),
    ):
        phone = Desk(browser, base, user, viewport=PHONE)
        phone.page.goto(f"{base}{path}")
        assert_fits_phone(phone.page, name)
        assert_accessible(phone.page, name)
