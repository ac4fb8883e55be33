"""The officer pages in a real browser: the work queue, the dossier page, one action through its form;
each page checked with axe-core (WCAG 2.1 A/AA) and on a 375-px phone."""

import pytest

from lienthong.accounts.tests.factories import TEST_PASSWORD
from lienthong.dossiers.tests.conftest import World
from tests.e2e.conftest import assert_accessible, assert_fits_phone, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, base, user):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def test_desk_officer_finds_a_dossier_and_transfers_it(page, phone_page, live_server):
    world = World()
    dossier = world.receive()
    world.receive()
    base = live_server.url

    _login(page, base, world.desk)
    page.get_by_role("link", name="Một cửa").click()
    page.wait_for_url(f"{base}/mot-cua/")
    assert dossier.code in page.locator("main table").inner_text()
    assert_accessible(page, "20-queue")

    page.get_by_role("link", name="Hồ sơ của cơ quan").click()
    page.fill("#id_q", "tran thi hong")
    page.locator("main form[role=search] button[type=submit]").click()
    page.get_by_role("link", name=dossier.code).click()
    assert page.locator("h1").inner_text().endswith(dossier.code)
    assert "Tiếp nhận hồ sơ" in page.locator("main").inner_text()
    assert_accessible(page, "21-dossier")

    page.locator("summary", has_text="Chuyển bước xử lý").click()
    page.select_option("#id_transfer_assignee", str(world.specialist.pk))
    page.fill("#id_transfer_note", "Chuyển phòng chuyên môn")
    assert_accessible(page, "22-dossier-action-open")
    page.locator("form[action$='/thao-tac/transfer/'] button[type=submit]").click()
    page.wait_for_url(f"{base}/mot-cua/ho-so/{dossier.code}/")
    main = page.locator("main").inner_text()
    assert "Đã thực hiện: Chuyển bước xử lý." in main and "Đang xử lý" in main
    assert "Chuyển phòng chuyên môn" in main
    screenshot(page, "23-dossier-after-transfer")

    # The same pages on a phone: the action's own page works without scripts.
    _login(phone_page, base, world.desk)
    for path, name in (
        ("/mot-cua/?queue=agency", "24-phone-queue"),
        (f"/mot-cua/ho-so/{dossier.code}/", "25-phone-dossier"),
        (f"/mot-cua/ho-so/{dossier.code}/thao-tac/stop/", "26-phone-action"),
    ):
        phone_page.goto(f"{base}{path}")
        assert_fits_phone(phone_page, name)
        assert_accessible(phone_page, name)
    # Only spaces pass the browser's own check; the server refuses them and says why.
    phone_page.fill("#id_stop_reasons", "   ")
    phone_page.locator("main button[type=submit]").click()
    phone_page.wait_for_selector("main .errorlist")
    assert "Chưa thực hiện được thao tác" in phone_page.locator("main").inner_text()
    assert_fits_phone(phone_page, "27-phone-action-error")
    assert_accessible(phone_page, "27-phone-action-error")
