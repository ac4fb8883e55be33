"""The counter receipt screen: who may open it, the two steps, receipt with scans, errors that keep
what was typed, and a double submit that makes one dossier."""

import datetime
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lienthong.accounts.roles import Role
from lienthong.core.tests.samples import pdf_bytes
from lienthong.dossiers.models import Dossier, DossierFile, State
from lienthong.dossiers.tests import factories as f
from lienthong.workdays.deadlines import TZ

URL = "/mot-cua/tiep-nhan/"
PDF = pdf_bytes()


@pytest.fixture(autouse=True)
def _working_day():
    # Tuesday 17 Nov 2026, 09:00: a working day in force for the test procedure.
    with time_machine.travel(datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ), tick=False):
        yield


def _key(html):
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', html).group(1)


def _form_data(world, key, **overrides):
    required, optional = (c for c in world.version.components.order_by("position"))
    data = {
        "procedure": world.version.procedure.code,
        "agency": world.agency.pk,
        "idempotency_key": key,
        "applicant_kind": "1",
        "applicant_name": "Trần Thị Hồng",
        "applicant_id_number": f.applicant()["id_number"],
        "applicant_address": "Ấp 3",
        "applicant_phone": "0909123456",
        "applicant_email": "hong@example.vn",
        "representative_name": "",
        "representative_id_number": "",
        "channel": "1",
        "sets": "1",
        "reasons": "",
        "redirect_to": "",
        f"c{required.pk}_received": "on",
        f"c{required.pk}_copy_type": "original",
        f"c{required.pk}_count": "1",
        f"c{optional.pk}_copy_type": "original",
        f"c{optional.pk}_count": "1",
        "outcome": "accept",
    }
    data.update(overrides)
    return data, required


def _open_form(client, world):
    response = client.get(URL, {"agency": world.agency.pk, "procedure": world.version.procedure.code})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["specialist", "unit_leader", "leader"])
def test_only_one_stop_officers_open_the_screen(client, world, who):
    """regulations.md §2.1: receipt is the job of the one-stop desk (Bộ phận Một cửa)."""
    client.force_login(getattr(world, who))
    assert client.get(URL).status_code == 403


def test_citizen_gets_403_and_anonymous_logs_in_first(client, world):
    assert client.get(URL).status_code == 302
    client.force_login(f.citizen())
    assert client.get(URL).status_code == 403


def test_search_without_diacritics_lists_procedures_with_radio_buttons(client, world):
    client.force_login(world.desk)
    page = client.get(URL).content.decode()
    assert "autofocus" in page and 'accesskey="k"' in page
    response = client.get(URL, {"agency": world.agency.pk, "q": "xac nhan tinh trang hon nhan"})
    html = response.content.decode()
    assert f'value="{world.version.procedure.code}"' in html and 'type="radio"' in html
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in html


def test_typing_the_full_code_opens_the_form(client, world):
    client.force_login(world.desk)
    html = client.get(URL, {"agency": world.agency.pk, "q": world.version.procedure.code}).content.decode()
    assert "Tờ khai theo mẫu" in html and 'name="idempotency_key"' in html
    assert 'enctype="multipart/form-data"' in html


def test_receipt_with_a_scanned_pdf_lands_on_the_result(client, world):
    """NĐ 107/2021 [probable]: paper components are digitised at reception."""
    client.force_login(world.desk)
    data, required = _form_data(world, _key(_open_form(client, world)))
    data[f"c{required.pk}_files"] = [
        SimpleUploadedFile("to-khai.pdf", PDF, "application/pdf"),
        SimpleUploadedFile("to-khai-2.pdf", PDF, "application/pdf"),
    ]
    response = client.post(URL, data)
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("dossiers:counter_result", args=[dossier.pk])
    assert dossier.state == State.RECEIVED and dossier.code.startswith(world.agency.code)
    assert dossier.components == [{"id": required.pk, "copy_type": "original", "count": 1}]
    scans = DossierFile.objects.filter(dossier=dossier)
    assert scans.count() == 2 and all(s.digitised for s in scans)
    page = client.get(response["Location"]).content.decode()
    assert dossier.code in page and "Tiếp nhận hồ sơ khác" in page
    assert f'href="/mot-cua/ho-so/{dossier.code}/in/receipt/"' in page and "In giấy tiếp nhận" in page
    assert dossier.appointment_at.astimezone(TZ).strftime("%d/%m/%Y") in page


def test_double_submit_makes_one_dossier(client, world):
    """Idempotent receipt: the same form rendering posted twice gives one dossier and one code."""
    client.force_login(world.desk)
    data, _required = _form_data(world, _key(_open_form(client, world)))
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first["Location"] == second["Location"]
    assert Dossier.objects.count() == 1
    # A new rendering carries a new key: the next applicant gets a new dossier.
    data["idempotency_key"] = _key(_open_form(client, world))
    client.post(URL, data)
    assert Dossier.objects.count() == 2


def test_bad_input_keeps_what_was_typed_and_says_why_in_vietnamese(client, world):
    client.force_login(world.desk)
    data, required = _form_data(
        world,
        _key(_open_form(client, world)),
        applicant_id_number="12345",
        applicant_address="Số 7, ấp Phú Hòa",
        representative_name="Lê Văn Tâm",
    )
    data[f"c{required.pk}_files"] = SimpleUploadedFile("to-khai.pdf", PDF, "application/pdf")
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert Dossier.objects.count() == 0
    for typed in ("Trần Thị Hồng", "Số 7, ấp Phú Hòa", "Lê Văn Tâm", "12345", "0909123456"):
        assert f'value="{typed}"' in html
    assert re.search(
        r'id="id_applicant_id_number_error"><li>Số định danh cá nhân phải gồm đúng 12 chữ số', html
    )
    assert 'aria-invalid="true"' in html
    assert "hãy chọn lại tệp" in html  # uploaded files are not kept: the page says so
    assert f'value="{data["idempotency_key"]}"' in html


def test_missing_required_component_is_named_at_the_components(client, world):
    """NĐ 61/2018 Art. 15 [probable]: accept only a complete dossier."""
    client.force_login(world.desk)
    data, required = _form_data(world, _key(_open_form(client, world)), applicant_kind="2")
    del data[f"c{required.pk}_received"]
    data["applicant_id_number"] = "0312345678"
    html = client.post(URL, data).content.decode()
    assert "Còn thiếu thành phần hồ sơ bắt buộc: Tờ khai theo mẫu." in html
    assert re.search(r'name="applicant_kind" value="2"[^>]*checked', html)
    assert "hãy chọn lại tệp" not in html
    assert Dossier.objects.count() == 0


def test_scan_of_another_type_is_refused_next_to_its_component(client, world):
    client.force_login(world.desk)
    data, required = _form_data(world, _key(_open_form(client, world)))
    data[f"c{required.pk}_files"] = SimpleUploadedFile("to-khai.docx", b"PK\x03\x04", "application/msword")
    html = client.post(URL, data).content.decode()
    assert "Chỉ nhận tệp PDF, JPG hoặc PNG" in html and "to-khai.docx" in html
    assert Dossier.objects.count() == 0


def test_refusal_needs_reasons_then_offers_the_refusal_form(client, world):
    """NĐ 61/2018 Art. 15 [probable]: refuse at receipt with reasons (Phiếu từ chối)."""
    client.force_login(world.desk)
    data, _required = _form_data(world, _key(_open_form(client, world)), outcome="refuse_at_receipt")
    html = client.post(URL, data).content.decode()
    assert "Nêu rõ lý do từ chối tiếp nhận." in html
    data["reasons"] = "Người nộp không đủ điều kiện"
    response = client.post(URL, data)
    dossier = Dossier.objects.get()
    assert dossier.state == State.REFUSED_AT_RECEIPT
    page = client.get(response["Location"]).content.decode()
    assert "Đã từ chối tiếp nhận hồ sơ" in page and "Người nộp không đủ điều kiện" in page
    assert f'href="/mot-cua/tiep-nhan/ket-qua/{dossier.pk}/in/refusal/"' in page


def test_redirect_names_the_competent_agency_and_prints_nothing(client, world):
    """regulations.md §2.2 step 3: not this agency's competence → redirect, logged, no form."""
    competent = f.commune()
    competent.has_one_stop_desk = True
    competent.save()
    client.force_login(world.desk)
    data, _required = _form_data(world, _key(_open_form(client, world)), outcome="redirect")
    assert "Chọn cơ quan có thẩm quyền" in client.post(URL, data).content.decode()
    data["redirect_to"] = competent.pk
    page = client.get(client.post(URL, data)["Location"]).content.decode()
    dossier = Dossier.objects.get()
    assert (dossier.state, dossier.redirected_to) == (State.REDIRECTED, competent)
    assert competent.name in page and "/in/" not in page


def test_other_agencys_desk_cannot_receive_here_nor_see_the_result(client, world):
    other = f.officer(f.commune(), Role.ONE_STOP_OFFICER)
    client.force_login(world.desk)
    data, _required = _form_data(world, _key(_open_form(client, world)))
    location = client.post(URL, data)["Location"]
    client.force_login(other)
    data["idempotency_key"] = "other-key"
    assert client.post(URL, data).status_code == 403
    assert client.get(location).status_code == 404


def test_officer_of_two_desks_chooses_where_to_receive(client, world):
    second = f.commune()
    f.RoleAssignmentFactory(user=world.desk, agency=second, role=Role.ONE_STOP_OFFICER)
    client.force_login(world.desk)
    html = client.get(URL).content.decode()
    assert '<select name="agency"' in html and second.name in html and world.agency.name in html
    html = client.get(URL, {"agency": second.pk, "q": world.version.procedure.code}).content.decode()
    assert f'name="agency" value="{second.pk}"' in html
