"""Public pages: search, a procedure with its history, downloads. No login, no JavaScript needed."""

import pytest
from django.urls import reverse

from lienthong.catalog import selectors, services
from lienthong.catalog.tests.conftest import login_verified
from lienthong.catalog.tests.factories import make_procedure
from lienthong.catalog.tests.test_excel import _rows

pytestmark = pytest.mark.django_db


def test_search_page_finds_without_diacritics_and_paginates(place, client):
    make_procedure(national_code="1.001193", name="Đăng ký khai sinh")
    for index in range(24):
        make_procedure(national_code=f"1.9000{index:02d}", name=f"Thủ tục thử số {index:02d}")
    page = client.get(reverse("catalog:procedure_list"), {"q": "dang ky khai sinh"})
    assert page.status_code == 200
    html = page.content.decode()
    assert '<a href="/thu-tuc/1.001193/">Đăng ký khai sinh</a>' in html
    assert "Hiển thị 1–1 trong tổng số 1." in html
    first = client.get(reverse("catalog:procedure_list")).content.decode()
    assert "Trang 1 / 2" in first and 'rel="next"' in first
    second = client.get(reverse("catalog:procedure_list"), {"page": 2}).content.decode()
    assert "Hiển thị 21–25 trong tổng số 25." in second


def test_search_form_labels_every_input(place, client):
    html = client.get(reverse("catalog:procedure_list")).content.decode()
    for name in ("q", "field", "level", "agency", "online"):
        assert f'<label for="id_{name}">' in html
    assert html.count("<h1>") == 1
    assert 'role="search"' in html


def test_a_bad_filter_shows_the_form_error(place, client):
    make_procedure()
    html = client.get(reverse("catalog:procedure_list"), {"level": "thon"}).content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ. thon không phải là một trong các lựa chọn khả thi." in html
    assert "Không tìm thấy thủ tục nào" in html


def test_detail_page_shows_everything_and_the_history(place, client):
    version = make_procedure(national_code="1.004873", instrument="Quyết định số 5/QĐ-UBND")
    services.change_procedure(place.admin, version.procedure, name="Tên mới của thủ tục")
    html = client.get(reverse("catalog:procedure_detail", args=["1.004873"])).content.decode()
    for text in (
        "Tên mới của thủ tục",
        "3 ngày làm việc",
        "5.000 đồng",
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        "Tiếp nhận hồ sơ",
        "Cán bộ một cửa",
        "Lịch sử phiên bản",
        "Đã được thay thế",
        "Quyết định số 5/QĐ-UBND",
    ):
        assert text in html, text
    old = client.get(reverse("catalog:procedure_version", args=["1.004873", 1])).content.decode()
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in old
    assert "Phiên bản 1 đã được thay thế" in old


def test_drafts_are_not_public(place, client):
    version = make_procedure(national_code="1.004873", publish=False)
    assert client.get(reverse("catalog:procedure_detail", args=["1.004873"])).status_code == 404
    login_verified(client, place.admin)
    html = client.get(reverse("catalog:procedure_detail", args=["1.004873"])).content.decode()
    assert "Đây là bản dự thảo (phiên bản 1)" in html
    assert version.name in html


def test_unknown_code_is_404(place, client):
    assert client.get(reverse("catalog:procedure_detail", args=["9.999999"])).status_code == 404


def test_process_downloads(place, client):
    make_procedure(national_code="1.004873")
    response = client.get(reverse("catalog:process_yaml", args=["1.004873"]))
    assert response["Content-Type"].startswith("application/yaml")
    assert "quy-trinh-1.004873-v1.yaml" in response["Content-Disposition"]
    assert "role: one_stop_officer" in response.content.decode()
    assert client.get(reverse("catalog:process_json", args=["1.004873"])).json()["procedure"] == "1.004873"


def test_excel_download_keeps_the_filters(place, client):
    make_procedure(national_code="1.004873")
    make_procedure(national_code="1.001193", name="Đăng ký khai sinh")
    response = client.get(reverse("catalog:export_excel"), {"q": "khai sinh"})
    assert response.status_code == 200
    assert [row[1] for row in _rows(response.content)[1:]] == ["1.001193"]


def test_pages_need_no_login(place, client):
    make_procedure(
        national_code="1.004873", eform={"fields": [{"name": "ho_ten", "label": "Họ tên", "type": "text"}]}
    )
    for url in (
        reverse("catalog:procedure_list"),
        reverse("catalog:procedure_detail", args=["1.004873"]),
        reverse("catalog:eform", args=["1.004873"]),
    ):
        assert client.get(url).status_code == 200, url
    assert selectors.get_procedure("1.004873") is not None


def test_search_page_and_excel_export_run_a_fixed_number_of_queries(place, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for index in range(2):
        make_procedure(national_code=f"1.10000{index}")
    few = count(reverse("catalog:procedure_list")), count(reverse("catalog:export_excel"))
    for index in range(8):
        make_procedure(
            national_code=f"1.20000{index}",
            implementing_agencies=[place.justice],
            coordinating_agencies=[place.finance],
            competent_agency=place.finance,
            implementing_agency_kind="",
        )
    assert (count(reverse("catalog:procedure_list")), count(reverse("catalog:export_excel"))) == few
