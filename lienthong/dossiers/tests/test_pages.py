"""Officer pages: work queues, the dossier page and its action forms, for each role.

Permissions follow NĐ 118/2025/NĐ-CP (thay NĐ 61/2018 Điều 15–18 [probable]): the desk receives,
transfers and returns; processors handle their step; leaders approve, refuse, apologise.
"""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lienthong.core.tests import samples
from lienthong.dossiers import selectors, services
from lienthong.dossiers.models import Dossier, DossierFile, State
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import dossier_in
from lienthong.dossiers.views import queues as queue_view

pytestmark = pytest.mark.django_db


def _queue(client, user, **params):
    client.force_login(user)
    return client.get(reverse("dossiers:queue"), params)


def _detail_url(d):
    return reverse("dossiers:detail", args=[d.code])


def _action_url(d, action):
    return reverse("dossiers:action", args=[d.code, action])


def _codes(response):
    return [d.code for d in response.context["rows"]]


# Access


@pytest.mark.parametrize("name", ["queue", "detail", "action"])
def test_anonymous_is_sent_to_login(client, world, name):
    d = world.receive()
    url = {
        "queue": reverse("dossiers:queue"),
        "detail": _detail_url(d),
        "action": _action_url(d, "transfer"),
    }[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_citizen_may_not_open_the_officer_pages_even_for_their_own_dossier(client, world):
    citizen = f.citizen()
    d = world.receive(applicant_user=citizen)
    client.force_login(citizen)
    assert client.get(reverse("dossiers:queue")).status_code == 403
    assert client.get(_detail_url(d)).status_code == 403


def test_officer_of_another_agency_gets_404(client, world):
    d = world.receive()
    stranger = f.officer(f.commune())
    client.force_login(stranger)
    assert client.get(_detail_url(d)).status_code == 404
    assert client.get(_action_url(d, "transfer")).status_code == 404
    response = client.post(_action_url(d, "stop"), {"expected_version": d.version, "reasons": "x"})
    assert response.status_code == 404
    assert Dossier.objects.get(pk=d.pk).state == State.RECEIVED
    assert _codes(_queue(client, stranger, queue="agency")) == []


# Queues


def test_queues_mine_unit_agency(client, world):
    d = world.receive()  # the desk officer receiving it holds the first step
    assert _codes(_queue(client, world.desk)) == [d.code]
    assert _codes(_queue(client, world.specialist)) == []
    assert _codes(_queue(client, world.specialist, queue="agency")) == [d.code]
    services.transfer(world.desk, d, assignee=world.specialist)
    response = _queue(client, world.specialist, queue="mine")
    assert _codes(response) == [d.code]
    html = response.content.decode()
    assert 'aria-current="page"' in html and "Hồ sơ của tôi" in html
    assert world.specialist.display_name in html


def test_search_by_applicant_name_without_diacritics_and_by_code(client, world):
    hong = world.receive()
    binh = world.receive(applicant=f.applicant(name="Nguyễn Văn Bình"))
    assert _codes(_queue(client, world.desk, q="nguyen van binh")) == [binh.code]
    assert _codes(_queue(client, world.desk, q="TRAN THI")) == [hong.code]
    assert _codes(_queue(client, world.desk, q=hong.code[-6:])) == [hong.code]


def test_filter_by_state_and_procedure(client, world):
    other = f.procedure("3")
    a = world.receive()
    b = f.receive(world.desk, other, world.agency)
    services.transfer(world.desk, b, assignee=world.specialist)
    agency = {"queue": "agency"}
    assert _codes(_queue(client, world.desk, state=State.PROCESSING, **agency)) == [b.code]
    assert _codes(_queue(client, world.desk, procedure=world.version.procedure_id, **agency)) == [a.code]
    # An unknown value is dropped; the other filters still apply.
    assert _codes(_queue(client, world.desk, state="nonsense", q=b.code, **agency)) == [b.code]


def test_deadline_colours(client, world):
    """Overdue = appointment passed; due soon = today or the next working day; paused = waiting for
    the applicant (the clock stops, NĐ 61/2018 Điều 17 [probable])."""
    now = timezone.now()
    late, soon, fine = world.receive(), world.receive(), world.receive()
    waiting = dossier_in(world, State.SUPPLEMENT_REQUESTED)
    Dossier.objects.filter(pk=late.pk).update(appointment_at=now - datetime.timedelta(hours=1))
    Dossier.objects.filter(pk=soon.pk).update(
        appointment_at=selectors.due_soon_limit(now) - datetime.timedelta(minutes=1)
    )
    Dossier.objects.filter(pk=fine.pk).update(appointment_at=selectors.due_soon_limit(now))
    by = {"queue": "agency"}
    assert _codes(_queue(client, world.desk, deadline="overdue", **by)) == [late.code]
    assert _codes(_queue(client, world.desk, deadline="due_soon", **by)) == [soon.code]
    assert fine.code in _codes(_queue(client, world.desk, deadline="on_track", **by))
    assert _codes(_queue(client, world.desk, deadline="paused", **by)) == [waiting.code]
    html = _queue(client, world.desk, **by).content.decode()
    assert "Quá hạn" in html and "Sắp đến hạn" in html and "Còn hạn" in html  # words, not colour alone


def test_queue_pages_by_keyset_without_counting(client, world, monkeypatch):
    monkeypatch.setattr(queue_view, "PAGE_SIZE", 2)
    made = [world.receive() for _ in range(5)]
    expected = [d.code for d in sorted(made, key=lambda d: (d.appointment_at, d.pk))]
    client.force_login(world.desk)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("dossiers:queue"))
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert _codes(first) == expected[:2]
    page = first.context["page"]
    second = client.get(reverse("dossiers:queue"), {"sau": page.next_cursor})
    assert _codes(second) == expected[2:4]
    third = client.get(reverse("dossiers:queue"), {"sau": second.context["page"].next_cursor})
    assert _codes(third) == expected[4:]
    assert third.context["page"].next_cursor == ""
    back = client.get(reverse("dossiers:queue"), {"truoc": third.context["page"].previous_cursor})
    assert _codes(back) == expected[2:4]
    assert _codes(client.get(reverse("dossiers:queue"), {"sau": "garbage"})) == expected[:2]


def test_queue_has_no_n_plus_1(client, world, django_assert_max_num_queries):
    for _ in range(2):
        d = world.receive()
    client.force_login(world.desk)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dossiers:queue"), {"queue": "agency"})
    for _ in range(12):
        d = world.receive()
        services.transfer(world.desk, d, assignee=world.specialist)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("dossiers:queue"), {"queue": "agency"})
    assert len(response.context["rows"]) == 14


def test_excel_export_of_the_filtered_queue(client, world):
    binh = world.receive(applicant=f.applicant(name="Nguyễn Văn Bình"))
    world.receive()
    response = _queue(client, world.desk, queue="agency", q="binh", export="xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    assert rows[0][0] == "Mã hồ sơ"
    assert [r[0] for r in rows[1:]] == [binh.code]
    assert rows[1][1] == "Nguyễn Văn Bình"


# The dossier page


def _forms(response):
    return [form.action for form in response.context["forms"]]


def test_dossier_page_shows_header_steps_timeline(client, world):
    d = world.receive()
    services.transfer(world.desk, d, assignee=world.specialist, note="Chuyển phòng chuyên môn")
    client.force_login(world.desk)
    response = client.get(_detail_url(d))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (d.code, "Đang xử lý", "Trần Thị Hồng", "Tờ khai theo mẫu", "Phiếu kiểm soát quá trình"):
        assert text in html
    assert "Tiếp nhận hồ sơ" in html and "Chuyển bước xử lý" in html and "Chuyển phòng chuyên môn" in html
    assert "Trước hạn" in html  # the first step, finished at once, was early


def test_dossier_page_with_supplement_and_apology_data(client, world):
    d = dossier_in(world, State.SUPPLEMENT_REQUESTED)
    d = services.receive_supplement(world.desk, d)
    later = d.appointment_at + datetime.timedelta(days=7)
    while later.weekday() >= 5:
        later += datetime.timedelta(days=1)
    services.apologise(world.leader, d, later, "Chờ xác minh")
    client.force_login(world.leader)
    html = client.get(_detail_url(d)).content.decode()
    assert "Bản sao giấy khai sinh" in html  # the supplement items
    assert "Ngày hẹn cũ" in html and "Ngày hẹn mới" in html and "Chờ xác minh" in html


@pytest.mark.parametrize(
    ("role", "state", "expected"),
    [
        ("desk", State.RECEIVED, {"transfer", "request_supplement", "stop", "withdraw", "assign"}),
        ("specialist", State.RECEIVED, {"request_supplement"}),  # not transfer: the desk holds the step
        ("specialist", State.PROCESSING, {"transfer", "request_supplement", "request_obligation"}),
        (
            "unit_leader",
            State.PROCESSING,
            {"assign", "transfer", "request_supplement", "request_obligation", "refuse", "approve"},
        ),
        (
            "leader",
            State.PROCESSING,
            {
                "assign",
                "transfer",
                "request_supplement",
                "request_obligation",
                "refuse",
                "approve",
                "apologise",
                "stop",
            },
        ),
        ("desk", State.SUPPLEMENT_REQUESTED, {"receive_supplement", "stop", "withdraw"}),
        ("desk", State.APPROVED, {"return_result"}),
        ("leader", State.APPROVED, set()),
        ("desk", State.RETURNED, {"rate"}),
    ],
)
def test_each_role_sees_a_form_for_every_action_it_may_take(client, world, role, state, expected):
    if role != "desk" and state in (State.PROCESSING, State.APPROVED):
        expected = {*expected, "attach_result"}  # processors of the handling agency attach the result
    d = dossier_in(world, state)
    client.force_login(getattr(world, role))
    assert set(_forms(client.get(_detail_url(d)))) == expected


def test_dossier_page_query_count_does_not_grow_with_history(client, world, django_assert_max_num_queries):
    d = dossier_in(world, State.PROCESSING)
    d = services.assign(world.unit_leader, d, world.specialist)
    client.force_login(world.leader)
    with CaptureQueriesContext(connection) as short:
        client.get(_detail_url(d))
    for _ in range(3):
        d = services.assign(world.unit_leader, d, world.specialist, "Giao lại")
    with django_assert_max_num_queries(len(short.captured_queries)):
        client.get(_detail_url(d))


# Actions


def test_action_page_get_shows_the_form_alone(client, world):
    d = world.receive()
    client.force_login(world.desk)
    response = client.get(_action_url(d, "request_supplement"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="items"' in html and f'value="{d.version}"' in html


def test_action_page_refusals(client, world):
    d = world.receive()
    client.force_login(world.specialist)
    assert client.get(_action_url(d, "stop")).status_code == 403
    assert client.get(_action_url(d, "approve")).status_code == 409  # not while only received
    assert client.get(_action_url(d, "fly")).status_code == 404


def test_transfer_through_the_form(client, world):
    d = world.receive()
    client.force_login(world.desk)
    response = client.post(
        _action_url(d, "transfer"),
        {"expected_version": d.version, "assignee": world.specialist.pk, "note": "Chuyển xử lý"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == _detail_url(d)
    assert "Đã thực hiện: Chuyển bước xử lý." in response.content.decode()
    d.refresh_from_db()
    assert d.state == State.PROCESSING and d.assignee == world.specialist


def test_whole_commune_flow_through_the_forms(client, world):
    """Receipt → transfer → supplement → apology → approve → return, all through the pages."""
    d = world.receive()

    def post(user, action, **data):
        client.force_login(user)
        current = Dossier.objects.get(pk=d.pk)
        response = client.post(_action_url(current, action), {"expected_version": current.version, **data})
        assert response.status_code == 302, response.content.decode()[:2000]

    post(world.desk, "transfer", assignee=world.specialist.pk)
    post(world.specialist, "request_supplement", items="Bản sao giấy khai sinh\nẢnh 4x6")
    post(world.desk, "receive_supplement", components=[str(world.version.components.first().pk)])
    appointment = Dossier.objects.get(pk=d.pk).appointment_at.astimezone(timezone.get_current_timezone())
    new = appointment.date() + datetime.timedelta(days=7)
    while new.weekday() >= 5:
        new += datetime.timedelta(days=1)
    post(world.leader, "apologise", new_date=new.isoformat(), new_time="16:00", reason="Chờ xác minh")
    post(world.leader, "approve", note="Đồng ý")
    post(world.desk, "return_result", delivery_method="counter", received_by="Trần Thị Hồng")
    d.refresh_from_db()
    assert d.state == State.RETURNED and d.apology_count == 1 and d.supplement_count == 1
    event = d.events.get(action="request_supplement")
    assert event.data["items"] == ["Bản sao giấy khai sinh", "Ảnh 4x6"]


def test_bad_input_shows_the_vietnamese_error_next_to_the_field_and_keeps_the_input(client, world):
    d = dossier_in(world, State.APPROVED)
    client.force_login(world.desk)
    response = client.post(
        _action_url(d, "return_result"),
        {
            "expected_version": d.version,
            "delivery_method": "counter",
            "received_by": "",
            "note": "Ghi chú đã gõ",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["received_by"] == ["Nhập tên người nhận kết quả."]
    html = response.content.decode()
    assert "Ghi chú đã gõ" in html and "Nhập tên người nhận kết quả." in html
    assert Dossier.objects.get(pk=d.pk).state == State.APPROVED


def test_form_level_error_keeps_the_input(client, world):
    d = world.receive()
    client.force_login(world.desk)
    response = client.post(
        _action_url(d, "request_supplement"), {"expected_version": d.version, "items": "", "note": "Để sau"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["items"]
    assert "Để sau" in response.content.decode()


def test_apology_date_error_lands_on_the_date_field(client, world):
    """An apology's new date must be a working day after the old one (NĐ 107/2021 [probable])."""
    d = dossier_in(world, State.PROCESSING)
    client.force_login(world.leader)
    old = d.appointment_at.astimezone(timezone.get_current_timezone()).date()
    response = client.post(
        _action_url(d, "apologise"),
        {
            "expected_version": d.version,
            "new_date": (old - datetime.timedelta(days=1)).isoformat(),
            "new_time": "09:00",
            "reason": "Lý do đã gõ",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_date"] == [
        "Ngày hẹn mới phải là ngày làm việc sau ngày hẹn cũ."
    ]
    assert "Lý do đã gõ" in response.content.decode()


def test_stale_version_shows_the_conflict_and_keeps_the_input(client, world):
    d = world.receive()
    seen = d.version
    services.assign(world.unit_leader, d, world.desk)  # someone else acts first
    client.force_login(world.desk)
    response = client.post(_action_url(d, "stop"), {"expected_version": seen, "reasons": "Lý do của tôi"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Hồ sơ vừa được người khác cập nhật" in html and "Lý do của tôi" in html
    assert response.context["form"]["expected_version"].value() == str(seen + 1)
    assert Dossier.objects.get(pk=d.pk).state == State.RECEIVED


def test_action_no_longer_allowed_is_a_409_with_the_message(client, world):
    d = world.receive()
    client.force_login(world.leader)
    response = client.post(_action_url(d, "approve"), {"expected_version": d.version, "note": "Đồng ý"})
    assert response.status_code == 409
    assert "Không thể thực hiện thao tác này ở trạng thái hiện tại" in response.content.decode()


def test_forbidden_action_is_a_403_with_the_message_and_the_input(client, world):
    d = dossier_in(world, State.PROCESSING)
    client.force_login(world.specialist)
    response = client.post(_action_url(d, "refuse"), {"expected_version": d.version, "reasons": "Không đủ"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Bạn không có quyền thực hiện thao tác này." in html and "Không đủ" in html
    assert Dossier.objects.get(pk=d.pk).state == State.PROCESSING


def test_nav_link_for_officials_only(client, world):
    client.force_login(world.desk)
    html = client.get(reverse("dossiers:queue")).content.decode()
    assert f'href="{reverse("dossiers:queue")}" aria-current="page"' in html
    client.force_login(f.citizen())
    assert reverse("dossiers:queue") not in client.get(reverse("core:home")).content.decode()


# Files


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_supplement_files_through_the_form_then_download(client, world, media):
    d = dossier_in(world, State.SUPPLEMENT_REQUESTED)
    component = world.version.components.first()
    client.force_login(world.desk)
    response = client.post(
        _action_url(d, "receive_supplement"),
        {
            "expected_version": d.version,
            "files": [samples.upload("bo-sung.pdf")],
            "file_component": component.pk,
        },
    )
    assert response.status_code == 302
    row = DossierFile.objects.get(dossier=d)
    assert row.purpose == "supplement" and row.component == component
    html = client.get(_detail_url(d)).content.decode()
    url = reverse("dossiers:file", args=[d.code, row.pk])
    assert url in html and "bo-sung.pdf" in html
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "bo-sung.pdf" in download["Content-Disposition"]
    client.force_login(f.officer(f.commune()))
    assert client.get(url).status_code == 404


def test_a_file_that_is_not_a_pdf_or_image_is_refused_on_the_files_field(client, world, media):
    d = dossier_in(world, State.SUPPLEMENT_REQUESTED)
    client.force_login(world.desk)
    fake = samples.upload("gia.pdf", content=b"not a pdf at all", content_type="application/pdf")
    response = client.post(
        _action_url(d, "receive_supplement"),
        {
            "expected_version": d.version,
            "files": [fake],
            "file_component": world.version.components.first().pk,
            "note": "Đã nhận tại quầy",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["files"]
    assert "Đã nhận tại quầy" in response.content.decode()
    assert not DossierFile.objects.filter(dossier=d).exists()
    assert Dossier.objects.get(pk=d.pk).state == State.SUPPLEMENT_REQUESTED


def test_files_without_their_component_are_refused(client, world):
    d = dossier_in(world, State.SUPPLEMENT_REQUESTED)
    client.force_login(world.desk)
    response = client.post(
        _action_url(d, "receive_supplement"), {"expected_version": d.version, "files": [samples.upload()]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file_component"]


def test_specialist_attaches_the_result(client, world, media):
    d = dossier_in(world, State.PROCESSING)
    client.force_login(world.specialist)
    response = client.post(
        _action_url(d, "attach_result"),
        {"expected_version": d.version, "file": samples.upload("ket-qua.pdf"), "note": "Bản ký số"},
    )
    assert response.status_code == 302
    assert DossierFile.objects.get(dossier=d).purpose == "result"
    html = client.get(_detail_url(d)).content.decode()
    assert "ket-qua.pdf" in html and "Đính kèm kết quả" in html
