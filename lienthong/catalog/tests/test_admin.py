"""The catalogue in the admin: saving goes through the services (a new version for a published
procedure); a process that does not add up is refused on the form."""

import pytest
from django.urls import reverse

from lienthong.accounts.tests.factories import UserFactory
from lienthong.catalog.admin_forms import VersionForm
from lienthong.catalog.models import Field, ProcedureVersion
from lienthong.catalog.tests.conftest import login_verified
from lienthong.catalog.tests.factories import make_procedure
from lienthong.catalog.tests.test_excel import _upload, _workbook
from lienthong.core.models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(place, client):
    superuser = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    login_verified(client, superuser)
    return client


def _form_data(version, **changes):
    form = VersionForm(instance=version)
    data = {}
    for name, field in form.fields.items():
        if name.startswith("template_"):
            continue
        value = form.get_initial_for_field(field, name)
        if hasattr(value, "all"):
            value = [obj.pk for obj in value.all()]
        elif isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "pk"):
            value = value.pk
        if value is None or value is False:
            continue
        data[name] = value
    data.update(changes)
    return data


def test_saving_a_published_version_creates_the_next_one(place, admin_client):
    version = make_procedure(national_code="1.004873")
    url = reverse("admin:catalog_procedureversion_change", args=[version.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "role: one_stop_officer" in page.content.decode()
    response = admin_client.post(url, _form_data(version, name="Tên sửa trong trang quản trị", publish="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = ProcedureVersion.objects.get(procedure=version.procedure, number=2)
    assert response["Location"] == reverse("admin:catalog_procedureversion_change", args=[latest.pk])
    assert (latest.name, latest.state) == ("Tên sửa trong trang quản trị", "published")
    version.refresh_from_db()
    assert (version.name, version.state) == ("Cấp Giấy xác nhận tình trạng hôn nhân", "superseded")
    assert version.implementing_agencies.count() == 0  # the old version's rows were not touched


def test_a_process_that_does_not_add_up_is_refused_on_the_form(place, admin_client):
    version = make_procedure(national_code="1.004873")
    url = reverse("admin:catalog_procedureversion_change", args=[version.pk])
    data = _form_data(version)
    data["process_yaml"] = data["process_yaml"].replace("duration: 1.5", "duration: 2.5")
    html = admin_client.post(url, data).content.decode()
    assert "vượt quá 1 ngày làm việc" in html
    assert ProcedureVersion.objects.filter(procedure=version.procedure).count() == 1


def test_fees_and_components_are_edited_as_lines(place, admin_client):
    version = make_procedure(national_code="1.004873")
    url = reverse("admin:catalog_procedureversion_change", args=[version.pk])
    data = _form_data(version, publish="on", fees_text="Lệ phí | 8.000 | Lệ phí mới\nPhí | mười")
    assert "mức thu “mười” không phải số tiền" in admin_client.post(url, data).content.decode()
    data["fees_text"] = "Lệ phí | 8.000 | Lệ phí mới"
    assert admin_client.post(url, data).status_code == 302
    latest = ProcedureVersion.objects.get(procedure=version.procedure, number=2)
    assert [fee.amount for fee in latest.fees.all()] == [8000]


def test_older_versions_are_read_only(place, admin_client):
    version = make_procedure(national_code="1.004873")
    admin_client.post(
        reverse("admin:catalog_procedureversion_change", args=[version.pk]),
        _form_data(version, name="Tên mới", publish="on"),
    )
    url = reverse("admin:catalog_procedureversion_change", args=[version.pk])
    assert 'name="process_yaml"' not in admin_client.get(url).content.decode()
    assert admin_client.post(url, _form_data(version, name="Sửa bản cũ")).status_code == 403


def test_the_excel_import_page_reports_rows_and_saves_nothing(place, admin_client):
    from lienthong.catalog import excel

    url = reverse("admin:catalog_procedure_import")
    assert admin_client.get(url).status_code == 200
    row = [None] * len(excel.HEADERS)
    row[excel.HEADERS.index("Mã thủ tục")] = "1.001193"
    html = admin_client.post(url, {"file": _upload(_workbook([excel.HEADERS, row]))}).content.decode()
    assert "Tệp có 4 lỗi; chưa lưu gì." in html
    assert "Cần tên thủ tục." in html


def test_a_field_saved_in_the_admin_is_audited(place, admin_client):
    response = admin_client.post(
        reverse("admin:catalog_field_add"),
        {"code": "CT", "name": "Chứng thực", "sort_order": 2, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Field.objects.get(code="CT").name_folded == "chung thuc"
    assert AuditRecord.objects.filter(action="catalog.field.create").exists()


def test_staff_who_are_not_province_admins_cannot_change(place, client):
    staff = UserFactory(username="nhanvien", is_staff=True)
    login_verified(client, staff)
    version = make_procedure(national_code="1.004873")
    url = reverse("admin:catalog_procedureversion_change", args=[version.pk])
    assert client.post(url, _form_data(version, name="Không được")).status_code == 403
