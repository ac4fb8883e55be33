"""Search: diacritics-insensitive, AND of words, over name, codes and field; filters. The suite runs on
SQLite and on PostgreSQL (DATABASE_URL), so both databases are covered by the same tests."""

import pytest

from lienthong.catalog import selectors, services
from lienthong.catalog.tests.factories import FieldFactory, make_procedure

pytestmark = pytest.mark.django_db


def _names(rows):
    return [version.name for version in rows]


@pytest.fixture
def catalogue(place):
    business = FieldFactory(code="HKD", name="Thành lập và hoạt động của hộ kinh doanh")
    make_procedure(
        national_code="1.001193",
        name="Đăng ký khai sinh",
        online_category="full",
        channels=["online", "in_person"],
    )
    make_procedure(national_code="1.003583", name="Đăng ký khai sinh lưu động")
    make_procedure(national_code="1.004884", name="Đăng ký lại khai sinh")
    make_procedure(national_code="1.000656", name="Đăng ký khai tử")
    make_procedure(
        national_code="1.001612",
        name="Đăng ký thành lập hộ kinh doanh",
        field=business,
        keywords="kinh doanh cá thể, tiệm tạp hóa",
    )
    make_procedure(
        national_code="2.001610",
        name="Đăng ký thành lập doanh nghiệp tư nhân",
        field=FieldFactory(code="DN", name="Thành lập và hoạt động doanh nghiệp"),
        levels=["province"],
        implementing_agency_kind="",
        implementing_agencies=[place.finance],
        competent_agency=place.finance,
        process=[],
    )
    return place


def test_words_without_diacritics_find_the_procedure(catalogue):
    assert _names(selectors.search_procedures("dang ky khai sinh"))[0] == "Đăng ký khai sinh"
    assert "Đăng ký khai sinh" in _names(selectors.search_procedures("ĐĂNG KÝ KHAI SINH"))
    assert _names(selectors.search_procedures("doanh nghiep tu nhan")) == [
        "Đăng ký thành lập doanh nghiệp tư nhân"
    ]


def test_every_word_must_match(catalogue):
    assert _names(selectors.search_procedures("khai sinh luu dong")) == ["Đăng ký khai sinh lưu động"]
    assert _names(selectors.search_procedures("khai sinh ket hon")) == []


def test_the_exact_name_comes_first(catalogue):
    assert _names(selectors.search_procedures("khai sinh")) == [
        "Đăng ký khai sinh",
        "Đăng ký khai sinh lưu động",
        "Đăng ký lại khai sinh",
    ]


def test_codes_field_and_keywords_are_searched(catalogue):
    assert _names(selectors.search_procedures("1.001193")) == ["Đăng ký khai sinh"]
    assert _names(selectors.search_procedures("001612")) == ["Đăng ký thành lập hộ kinh doanh"]
    assert len(selectors.search_procedures("ho tich")) == 4
    assert _names(selectors.search_procedures("tiem tap hoa")) == ["Đăng ký thành lập hộ kinh doanh"]


def test_filters(catalogue):
    place = catalogue
    assert len(selectors.search_procedures(level="province")) == 1
    assert len(selectors.search_procedures(level="commune")) == 5
    assert len(selectors.search_procedures(field=place.civil_status)) == 4
    assert _names(selectors.search_procedures(online_category="full")) == ["Đăng ký khai sinh"]
    # A commune People's Committee implements every commune procedure (by kind); a department its own.
    assert len(selectors.search_procedures(agency=place.commune_agency)) == 5
    assert _names(selectors.search_procedures(agency=place.finance)) == [
        "Đăng ký thành lập doanh nghiệp tư nhân"
    ]
    assert len(selectors.search_procedures(agency=place.justice)) == 0
    assert _names(selectors.search_procedures("khai", level="commune", online_category="full")) == [
        "Đăng ký khai sinh"
    ]


def test_only_current_published_versions_are_found(catalogue):
    place = catalogue
    procedure = selectors.get_procedure("1.000656")
    services.change_procedure(place.admin, procedure, name="Đăng ký khai tử (sửa đổi)")
    assert _names(selectors.search_procedures("khai tu")) == ["Đăng ký khai tử (sửa đổi)"]
    services.change_procedure(place.admin, procedure, name="Bản dự thảo khai tử", publish=False)
    assert _names(selectors.search_procedures("du thao")) == []
    services.withdraw_procedure(place.admin, procedure, "Bãi bỏ")
    assert _names(selectors.search_procedures("khai tu")) == []


def test_renaming_a_field_updates_the_search(catalogue):
    place = catalogue
    services.save_field(place.admin, place.civil_status, name="Hộ tịch, quốc tịch")
    assert len(selectors.search_procedures("quoc tich")) == 4


def test_pages_past_the_end(catalogue, client, api):
    html = client.get("/thu-tuc/", {"page": 99}).content.decode()
    assert "Hiển thị 1–6 trong tổng số 6." in html  # the last page
    response = api.get("/api/v1/procedures/", {"page": 99})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    response = api.get("/api/v1/procedures/", {"page": 2, "page_size": 4})
    assert (response.json()["count"], len(response.json()["results"])) == (6, 2)


def test_postgresql_has_trigram_indexes_for_the_search(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'catalog_procedureversion'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"catalog_version_search_trgm", "catalog_version_name_trgm"} <= names
