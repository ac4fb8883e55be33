"""E-forms: definitions are checked when saved, submissions on the server with messages by field path."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lienthong.catalog import eforms
from lienthong.catalog.demo import forms as demo_forms
from lienthong.catalog.tests.factories import make_procedure
from lienthong.directory.tests.factories import make_citizen_id

pytestmark = pytest.mark.django_db

CITIZEN = make_citizen_id(datetime.date(1990, 3, 1), "F")

DEFINITION = {
    "fields": [
        {"name": "ho_ten", "label": "Họ và tên", "type": "text", "required": True, "max_length": 20},
        {"name": "ghi_chu", "label": "Ghi chú", "type": "textarea", "max_length": 30},
        {
            "name": "ngay_sinh",
            "label": "Ngày sinh",
            "type": "date",
            "required": True,
            "min": "1900-01-01",
            "max": "today",
        },
        {"name": "so_con", "label": "Số con", "type": "number", "min": 0, "max": 20},
        {"name": "dien_tich", "label": "Diện tích", "type": "number", "decimals": 2},
        {
            "name": "gioi_tinh",
            "label": "Giới tính",
            "type": "choice",
            "required": True,
            "choices": [["nam", "Nam"], ["nu", "Nữ"]],
        },
        {
            "name": "ngon_ngu",
            "label": "Ngôn ngữ",
            "type": "choice",
            "multiple": True,
            "choices": [["vi", "Tiếng Việt"], ["km", "Tiếng Khmer"]],
        },
        {"name": "so_dinh_danh", "label": "Số định danh", "type": "citizen_id", "required": True},
        {
            "name": "noi_cu_tru",
            "label": "Nơi cư trú",
            "type": "address",
            "required": True,
            "provinces": ["86"],
        },
        {
            "name": "con",
            "label": "Con",
            "type": "group",
            "repeat": True,
            "max_items": 2,
            "fields": [
                {"name": "ho_ten", "label": "Họ tên con", "type": "text", "required": True},
                {"name": "ngay_sinh", "label": "Ngày sinh của con", "type": "date"},
            ],
        },
    ]
}


def _valid(place):
    return {
        "ho_ten": "Trần Thị Bình",
        "ghi_chu": "",
        "ngay_sinh": "01/03/1990",
        "so_con": "2",
        "dien_tich": "45,5",
        "gioi_tinh": "nu",
        "ngon_ngu": ["vi", "km"],
        "so_dinh_danh": CITIZEN,
        "noi_cu_tru": {"province": "86", "commune": "29590", "street": "12 Đường 3 Tháng 2"},
        "con": [{"ho_ten": "Lê Văn Cường", "ngay_sinh": "2015-06-01"}],
    }


def test_a_complete_submission_is_cleaned(place):
    cleaned, errors = eforms.validate_submission(DEFINITION, _valid(place))
    assert errors == {}
    assert cleaned["ngay_sinh"] == "1990-03-01"
    assert (cleaned["so_con"], cleaned["dien_tich"]) == (2, 45.5)
    assert cleaned["ngon_ngu"] == ["vi", "km"]
    assert cleaned["noi_cu_tru"]["full"] == "12 Đường 3 Tháng 2, Phường Thanh Đức, Tỉnh Vĩnh Long"
    assert cleaned["con"] == [{"ho_ten": "Lê Văn Cường", "ngay_sinh": "2015-06-01"}]


@pytest.mark.parametrize(
    ("key", "value", "path", "fragment"),
    [
        ("ho_ten", "", "ho_ten", "bắt buộc"),
        ("ho_ten", "x" * 21, "ho_ten", "dài quá 20"),
        ("ho_ten", 12, "ho_ten", "chuỗi ký tự"),
        ("ghi_chu", "y" * 31, "ghi_chu", "dài quá 30"),
        ("ngay_sinh", "31/02/1990", "ngay_sinh", "Ngày không hợp lệ"),
        ("ngay_sinh", "1899-12-31", "ngay_sinh", "trước 01/01/1900"),
        ("ngay_sinh", (datetime.date.today() + datetime.timedelta(days=1)).isoformat(), "ngay_sinh", "sau"),
        ("so_con", "hai", "so_con", "Phải là một số"),
        ("so_con", "1.5", "so_con", "số nguyên"),
        ("so_con", "21", "so_con", "lớn hơn 20"),
        ("dien_tich", "1.234", "dien_tich", "2 chữ số thập phân"),
        ("gioi_tinh", "khac", "gioi_tinh", "không phải là lựa chọn hợp lệ"),
        ("ngon_ngu", ["vi", "fr"], "ngon_ngu", "“fr” không phải"),
        ("so_dinh_danh", "12345", "so_dinh_danh", "12 chữ số"),
        ("so_dinh_danh", "999190123456", "so_dinh_danh", "mã tỉnh"),
    ],
)
def test_each_field_type_refuses_bad_values_with_a_vietnamese_message(place, key, value, path, fragment):
    data = _valid(place)
    data[key] = value
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert list(errors) == [path]
    assert fragment in errors[path][0]


def test_unknown_commune_and_commune_of_another_province_are_refused(place):
    data = _valid(place)
    data["noi_cu_tru"] = {"province": "86", "commune": "99999", "street": "Ấp 1"}
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert "Không tìm thấy xã, phường có mã “99999”" in errors["noi_cu_tru.commune"][0]
    data["noi_cu_tru"] = {"province": "86", "commune": "30001", "street": "Ấp 1"}
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert errors["noi_cu_tru.commune"] == ["Phường Cao Lãnh không thuộc Tỉnh Vĩnh Long."]


def test_address_limited_to_the_listed_provinces(place):
    data = _valid(place)
    data["noi_cu_tru"] = {"province": "82", "commune": "30001", "street": "Số 5"}
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert "không nhận địa chỉ ở Tỉnh Đồng Tháp" in errors["noi_cu_tru.province"][0]
    data["noi_cu_tru"] = {"province": "", "commune": "", "street": ""}
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert set(errors) == {"noi_cu_tru"}  # an empty required address is one "required" error


def test_repeating_groups_report_errors_by_row(place):
    data = _valid(place)
    data["con"] = [{"ho_ten": "Con cả"}, {"ho_ten": "", "ngay_sinh": "không rõ"}]
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert set(errors) == {"con[1].ho_ten", "con[1].ngay_sinh"}
    data["con"] = [{"ho_ten": "A"}, {"ho_ten": "B"}, {"ho_ten": "C"}]
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert errors["con"] == ["Tối đa 2 dòng."]
    data["con"] = "ba đứa"
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert errors["con"] == ["Phải là danh sách các dòng."]


def test_fields_not_in_the_form_are_reported(place):
    data = {**_valid(place), "bi_danh": "Bé Na"}
    _cleaned, errors = eforms.validate_submission(DEFINITION, data)
    assert errors == {"bi_danh": ["Trường không có trong biểu mẫu."]}


def test_definitions_are_checked(place):
    eforms.validate_definition(DEFINITION)
    with pytest.raises(ValidationError) as exc:
        eforms.validate_definition(
            {
                "fields": [
                    {"name": "Họ tên", "label": "", "type": "text"},
                    {"name": "a", "label": "A", "type": "choice", "choices": [["x", "X"], ["x", "Y"]]},
                    {"name": "a", "label": "B", "type": "money"},
                    {
                        "name": "g",
                        "label": "G",
                        "type": "group",
                        "min_items": 3,
                        "max_items": 1,
                        "fields": [],
                    },
                ]
            }
        )
    messages = " ".join(exc.value.message_dict["eform"])
    for fragment in (
        "chữ thường không dấu",
        "thiếu nhãn",
        "bị trùng",
        "kiểu “money”",
        "min_items",
        "ít nhất một trường",
    ):
        assert fragment in messages


def test_every_demo_form_is_a_valid_definition():
    for definition in (
        demo_forms.BIRTH,
        demo_forms.MARRIAGE,
        demo_forms.DEATH,
        demo_forms.EXTRACT_COPY,
        demo_forms.MARITAL_STATUS,
        demo_forms.HOUSEHOLD_BUSINESS,
        demo_forms.BUILDING_PERMIT,
        demo_forms.CRIMINAL_RECORD,
    ):
        eforms.validate_definition(definition)


def test_a_procedure_refuses_a_bad_eform_definition(place):
    with pytest.raises(ValidationError) as exc:
        make_procedure(eform={"fields": [{"name": "x", "label": "X", "type": "money"}]})
    assert "eform" in exc.value.message_dict


def test_the_eform_api_checks_a_submission_without_saving(place, api):
    make_procedure(national_code="1.004873", eform=DEFINITION)
    url = "/api/v1/procedures/1.004873/eform/validate/"
    ok = api.post(url, {"data": _valid(place)}, format="json")
    assert (ok.status_code, ok.json()["valid"]) == (200, True)
    bad = api.post(url, {"data": {**_valid(place), "so_dinh_danh": "1"}}, format="json")
    assert bad.status_code == 400
    assert (
        bad.json()["errors"]["so_dinh_danh"][0]["message"] == "Số định danh cá nhân phải gồm đúng 12 chữ số."
    )


def test_the_eform_page_works_without_javascript(place, client):
    make_procedure(national_code="1.004873", eform=DEFINITION)
    url = reverse("catalog:eform", args=["1.004873"])
    page = client.get(url)
    assert page.status_code == 200
    assert '<label for="f-ho-ten" class="required">Họ và tên</label>' in page.content.decode()
    assert 'option value="29590"' in page.content.decode()  # communes of the province are listed
    added = client.post(url, {"con.__count": "0", "_add": "con"})
    assert 'name="con[0].ho_ten"' in added.content.decode()
    form = {
        "ho_ten": "Trần Thị Bình",
        "ngay_sinh": "1990-03-01",
        "gioi_tinh": "nu",
        "so_dinh_danh": "123",
        "noi_cu_tru.province": "86",
        "noi_cu_tru.commune": "30001",
        "noi_cu_tru.street": "Số 5",
        "con.__count": "1",
        "con[0].ho_ten": "",
        "con[0].ngay_sinh": "",
        "_validate": "1",
    }
    checked = client.post(url, form).content.decode()
    assert "Số định danh cá nhân phải gồm đúng 12 chữ số." in checked
    assert "Phường Cao Lãnh không thuộc Tỉnh Vĩnh Long." in checked
    assert 'href="#f-so-dinh-danh"' in checked  # the error summary links to the field
    form.update({"so_dinh_danh": CITIZEN, "noi_cu_tru.commune": "29590"})
    done = client.post(url, form).content.decode()
    assert "Thông tin hợp lệ" in done
    assert "12 Đường" not in done and "Số 5, Phường Thanh Đức, Tỉnh Vĩnh Long" in done
