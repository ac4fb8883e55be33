"""Who may print which form (issue 4 item 5): the dossier's readers only, the tracking book for the
agency's officers and administrators; forms that do not apply yet answer 409."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from lienthong.accounts.roles import Role
from lienthong.catalog.tests.conftest import login_verified
from lienthong.directory.tests.factories import AgencyFactory
from lienthong.dossiers.printing.book import HEADERS
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests import print_samples
from lienthong.dossiers.tests.printing_utils import pdf_text

BOOK = "/api/v1/tracking-book/"
MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


@pytest.fixture
def samples(world):
    return print_samples.build(world)


def _api(user=None):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def _form_url(dossier, form):
    return f"/api/v1/dossiers/{dossier.code}/forms/{form}/"


@pytest.mark.parametrize("caller", ["desk", "specialist", "leader"])
def test_officers_of_the_agency_get_the_receipt_as_inline_pdf(samples, caller):
    d = samples.dossiers["receipt"]
    response = _api(getattr(samples.world, caller)).get(_form_url(d, "receipt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="giay-tiep-nhan-ho-so-va-hen-tra-ket-qua-{d.code}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert d.code in pdf_text(response.content)


def test_the_applicant_account_gets_its_own_receipt(world):
    citizen = f.citizen()
    d = world.receive(applicant_user=citizen)
    assert _api(citizen).get(_form_url(d, "receipt")).status_code == 200
    assert _api(f.citizen()).get(_form_url(d, "receipt")).status_code == 404


@pytest.mark.parametrize(
    ("caller", "status"),
    [("anonymous", 403), ("other_agency", 404), ("citizen", 404)],
)
def test_others_cannot_print_a_dossier_form(samples, caller, status):
    users = {
        "anonymous": None,
        "other_agency": f.officer(f.commune(), Role.ONE_STOP_OFFICER),
        "citizen": f.citizen(),
    }
    response = _api(users[caller]).get(_form_url(samples.dossiers["receipt"], "receipt"))
    assert response.status_code == status


def test_a_form_that_does_not_apply_answers_409_with_a_clear_message(samples):
    response = _api(samples.world.desk).get(_form_url(samples.dossiers["supplement_request"], "apology"))
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "form_not_applicable"
    assert body["message"] == "Hồ sơ chưa có văn bản xin lỗi, hẹn lại nào."


@pytest.mark.parametrize("form", ["tracking_book", "birth_certificate"])
def test_unknown_forms_are_not_found(samples, form):
    assert _api(samples.world.desk).get(_form_url(samples.dossiers["receipt"], form)).status_code == 404


def test_api_tracking_book_pdf_and_excel_with_vietnamese_headers(samples):
    world = samples.world
    api = _api(world.desk)
    pdf = api.get(BOOK, {"agency": world.agency.pk, **MARCH})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "SỔ THEO DÕI HỒ SƠ" in pdf_text(pdf.content)
    xlsx = api.get(BOOK, {"agency": world.agency.pk, **MARCH, "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"so-theo-doi-ho-so-{world.agency.code}-20260301-20260331.xlsx" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert [r[1] for r in rows[1:]] == [
        samples.dossiers[k].code
        for k in ("receipt", "supplement_request", "apology", "stop_notice", "refusal")
    ]


def test_api_tracking_book_is_for_the_agency_officers_and_administrators(samples):
    world = samples.world
    params = {"agency": world.agency.pk, **MARCH}
    assert _api(f.officer(f.commune(), Role.ONE_STOP_OFFICER)).get(BOOK, params).status_code == 403
    assert _api(f.citizen()).get(BOOK, params).status_code == 403
    assert _api().get(BOOK, params).status_code == 403
    province_admin = f.officer(AgencyFactory(), Role.PROVINCE_IT_ADMIN)
    assert _api(province_admin).get(BOOK, params).status_code == 200
    # An agency administrator above the commune.
    parent = AgencyFactory()
    world.agency.parent = parent
    world.agency.save()
    admin = f.officer(parent, Role.AGENCY_ADMIN)
    response = _api(admin).get(BOOK, {**params, "format": "xlsx"})
    assert response.status_code == 200
    assert len(list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows())) == 6


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2026-03-31", "date_to": "2026-03-01"}, "date_to"),
        ({"date_from": "2025-01-01", "date_to": "2026-03-01"}, "date_to"),
        ({**MARCH, "format": "docx"}, "format"),
    ],
)
def test_api_tracking_book_rejects_bad_parameters(samples, params, field):
    response = _api(samples.world.desk).get(BOOK, {"agency": samples.world.agency.pk, **params})
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_tracking_book_queries_do_not_grow_with_its_lines(samples):
    """Query count fixed for N lines (style.md habit 11)."""
    world = samples.world
    api = _api(world.desk)
    params = {"agency": world.agency.pk, **MARCH, "format": "xlsx"}
    with CaptureQueriesContext(connection) as few:
        assert api.get(BOOK, params).status_code == 200
    for day in (11, 12, 13):
        with print_samples.travel(day, 9):
            d = world.receive()
        with print_samples.travel(day, 10):
            from lienthong.dossiers import services

            services.transfer(world.desk, d, assignee=world.specialist)
    with CaptureQueriesContext(connection) as many:
        response = api.get(BOOK, params)
    assert len(load_workbook(io.BytesIO(response.content)).worksheets[0]["A"]) == 9
    assert len(many) == len(few)


def test_page_prints_the_form_for_officers_only(client, samples):
    world = samples.world
    d = samples.dossiers["receipt"]
    url = reverse("dossiers:print", args=[d.code, "control_slip"])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(world.desk)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "Trước hạn" in pdf_text(response.content)
    client.force_login(f.officer(f.commune(), Role.ONE_STOP_OFFICER))
    assert client.get(url).status_code == 404
    client.force_login(f.citizen())
    assert client.get(url).status_code == 403


def test_page_explains_a_form_that_does_not_apply(client, samples):
    client.force_login(samples.world.desk)
    d = samples.dossiers["receipt"]
    response = client.get(reverse("dossiers:print", args=[d.code, "apology"]))
    assert response.status_code == 409
    assert "Hồ sơ chưa có văn bản xin lỗi, hẹn lại nào." in response.content.decode()
    assert client.get(reverse("dossiers:print", args=[d.code, "nope"])).status_code == 404


def test_refusal_at_the_counter_prints_by_id(client, samples):
    client.force_login(samples.world.desk)
    d = samples.dossiers["refusal_at_receipt"]
    response = client.get(reverse("dossiers:print_by_id", args=[d.pk, "refusal"]))
    assert response.status_code == 200
    assert "Hoàng Minh Khôi" in pdf_text(response.content)
    assert client.get(reverse("dossiers:print_by_id", args=[d.pk, "receipt"])).status_code == 409
    client.force_login(f.officer(f.commune(), Role.ONE_STOP_OFFICER))
    assert client.get(reverse("dossiers:print_by_id", args=[d.pk, "refusal"])).status_code == 404


def test_tracking_book_page_filters_then_downloads(client, samples):
    world = samples.world
    url = reverse("dossiers:tracking_book")
    client.force_login(world.desk)
    page = client.get(url)
    assert page.status_code == 200
    assert world.agency.name in page.content.decode()
    params = {"agency": world.agency.pk, "from": "2026-03-01", "to": "2026-03-31", "format": "xlsx"}
    download = client.get(url, params)
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(url, {**params, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    bad = client.get(url, {**params, "from": "2026-04-01"})
    assert bad.status_code == 400
    assert "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc." in bad.content.decode()
    other = f.commune()
    assert client.get(url, {**params, "agency": other.pk}).status_code == 400  # not in the choices


def test_tracking_book_page_is_for_officers(client, samples):
    url = reverse("dossiers:tracking_book")
    client.force_login(f.citizen())
    assert client.get(url).status_code == 403
    admin = f.officer(AgencyFactory(), Role.PROVINCE_IT_ADMIN)
    samples.world.agency.has_one_stop_desk = True
    samples.world.agency.save()
    login_verified(client, admin)
    page = client.get(url)
    assert page.status_code == 200
    assert samples.world.agency.name in page.content.decode()


def test_book_period_defaults_to_this_month(samples):
    with print_samples.travel(20, 9):
        response = _api(samples.world.desk).get(BOOK, {"agency": samples.world.agency.pk, "format": "xlsx"})
    assert response.status_code == 200
    assert "20260301-20260320" in response["Content-Disposition"]
    assert datetime.date(2026, 3, 20)  # the travelled day
