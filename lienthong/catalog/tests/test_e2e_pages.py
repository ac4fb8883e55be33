"""The public catalogue pages in a real browser (Debian's chromium): axe-core finds no WCAG 2.1 AA
violation, and nothing scrolls sideways at 375 px."""

import os
from pathlib import Path

import pytest

from lienthong.catalog.demo import forms as demo_forms
from lienthong.catalog.tests.factories import make_procedure

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # ORM calls in the Playwright test thread

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield instance
        instance.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="vi-VN")
    yield context.new_page()
    context.close()


def _check(page, name):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    violations = results.response["violations"]
    assert not violations, name + ": " + "; ".join(f"{v['id']} {v['nodes'][0]['target']}" for v in violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, f"{name} scrolls sideways at 375 px"


def test_catalogue_pages_are_accessible_on_a_phone(place, live_server, phone):
    make_procedure(national_code="1.001193", name="Đăng ký khai sinh", eform=demo_forms.MARITAL_STATUS)
    phone.goto(f"{live_server.url}/thu-tuc/")
    phone.fill("#id_q", "dang ky khai sinh")
    phone.click("button[type=submit]")
    assert phone.locator(".procedure-list a").first.inner_text() == "Đăng ký khai sinh"
    _check(phone, "search")
    phone.click("text=Đăng ký khai sinh")
    assert phone.locator("h1").inner_text() == "Đăng ký khai sinh"
    _check(phone, "detail")
    phone.click("text=Điền thử và kiểm tra biểu mẫu")
    phone.click("form.eform .actions button")
    assert phone.locator(".error-summary").is_visible()
    _check(phone, "e-form with errors")
