"""The foundation as a person meets it: log in, browse the directory, open the API docs; an administrator
enrols TOTP at first login. Every page is checked with axe-core and kept as a screenshot."""

import re
from base64 import b32decode

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP

from tests.e2e.conftest import assert_accessible, assert_fits_phone, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "VinhLong@2026"


@pytest.fixture
def demo_province():
    call_command("load_demo", verbosity=0)


def _login(page, base_url, username):
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()


def test_specialist_logs_in_and_browses_the_directory(page, phone_page, live_server, demo_province):
    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    assert_accessible(page, "01-login")
    _login(page, base, "chuyenvien.stp")
    page.wait_for_url(f"{base}/")
    header = page.locator(".site-header").inner_text()
    assert "Chuyên viên" in header and "Tư pháp" in header
    assert_accessible(page, "02-home")

    page.get_by_role("link", name="Cơ quan, đơn vị").first.click()
    search = page.locator(
        "main form[role=search] input[type=search], main form[role=search] input[name=q]"
    ).first
    search.fill("so tu phap")
    page.locator("main form[role=search] button[type=submit]").click()
    screenshot(page, "02b-agency-search")
    page.get_by_role("link", name="Sở Tư pháp tỉnh Vĩnh Long").click()
    assert page.locator("h1").inner_text().strip().startswith("Sở Tư pháp")
    assert "000.00." in page.locator("main").inner_text()
    assert_accessible(page, "03-agency-detail")

    page.goto(f"{base}/danh-ba/can-bo/?q=tu+phap")
    assert_accessible(page, "04-officials")
    page.goto(f"{base}/danh-ba/don-vi-hanh-chinh/?q=vinh+long")
    assert "Vĩnh Long" in page.locator("main").inner_text()
    assert_accessible(page, "05-units")

    page.goto(f"{base}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    assert "LienThong API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".swagger-ui .opblock").count() > 10  # the operations rendered from /api/schema/
    screenshot(page, "06-api-docs")

    # The same pages on a 375-px phone.
    _login(phone_page, base, "motcua.thanhduc")
    phone_page.wait_for_url(f"{base}/")
    assert_fits_phone(phone_page, "home")
    screenshot(phone_page, "07-phone-home")
    phone_page.goto(f"{base}/danh-ba/co-quan/")
    assert_fits_phone(phone_page, "agency list")
    assert_accessible(phone_page, "08-phone-agencies")


def test_administrator_must_enrol_totp_at_first_login(page, live_server, demo_province):
    base = live_server.url
    _login(page, base, "quantri.stp")
    page.wait_for_url(re.compile(r".*/tai-khoan/xac-thuc-hai-lop/.*"))
    assert_accessible(page, "10-mfa-enrolment")
    assert page.locator(".qr svg").count() == 1

    # Any other page sends the administrator back to MFA until a code is entered.
    page.goto(f"{base}/danh-ba/co-quan/")
    assert "/tai-khoan/xac-thuc-hai-lop/" in page.url

    secret = page.locator("figcaption code").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_code", f"{TOTP(key).token():06d}")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(lambda url: "xac-thuc-hai-lop" not in url)
    assert "Quản trị cơ quan" in page.locator(".site-header").inner_text()
    page.goto(f"{base}/tai-khoan/vai-tro/")
    assert_accessible(page, "11-role-list")
