"""The applicant is told at every step (issue 4, item 8): each lifecycle action queues an e-mail and
an SMS in its own transaction (NĐ 118/2025/NĐ-CP, replacing NĐ 61/2018 Arts. 15–18 [probable]: the
receipt, supplement request, refusal, apology and result are notified to the applicant)."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection

from lienthong.dossiers import services
from lienthong.dossiers.models import DossierEvent, State
from lienthong.dossiers.notify import APPLICANT_EVENTS
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import NATURAL_STATES, attempt, dossier_in
from lienthong.notifications.models import Channel, Message, Status
from lienthong.notifications.sms import LocmemSmsProvider
from lienthong.workdays.deadlines import TZ

TUE_17_NOV = datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ)
RECEIPT_OUTCOMES = {
    "accept": State.RECEIVED,
    "refuse_at_receipt": State.REFUSED_AT_RECEIPT,
    "redirect": State.REDIRECTED,
}


@pytest.fixture(autouse=True)
def _clock_and_outboxes():
    LocmemSmsProvider.outbox.clear()
    with time_machine.travel(TUE_17_NOV, tick=False):
        yield
    LocmemSmsProvider.outbox.clear()


def messages_of(dossier, event):
    return Message.objects.filter(related_type="dossiers.dossier", related_id=str(dossier.pk), event=event)


def last_event(dossier):
    return DossierEvent.objects.filter(dossier=dossier).order_by("-id").first()


@pytest.mark.parametrize("outcome", sorted(RECEIPT_OUTCOMES))
def test_every_receipt_outcome_queues_the_applicants_email_and_sms(world, outcome):
    dossier = dossier_in(world, RECEIPT_OUTCOMES[outcome])
    event = last_event(dossier)
    queued = {m.channel: m for m in messages_of(dossier, f"dossier.{outcome}")}
    assert {c: (m.recipient, m.status) for c, m in queued.items()} == {
        Channel.EMAIL: ("hong@example.vn", Status.PENDING),
        Channel.SMS: ("0909123456", Status.PENDING),
    }
    assert queued[Channel.EMAIL].dedup_key == f"dossier:{dossier.pk}:{event.pk}:email"


@pytest.mark.parametrize("action", sorted(APPLICANT_EVENTS - set(RECEIPT_OUTCOMES)))
def test_every_processing_action_queues_the_applicants_messages(world, action):
    dossier = dossier_in(world, NATURAL_STATES.get(action, State.PROCESSING))
    before = Message.objects.count()
    dossier = attempt(world, dossier, action)
    event = last_event(dossier)
    assert event.action == action
    assert sorted(messages_of(dossier, f"dossier.{action}").values_list("dedup_key", flat=True)) == [
        f"dossier:{dossier.pk}:{event.pk}:email",
        f"dossier:{dossier.pk}:{event.pk}:sms",
    ]
    assert Message.objects.count() == before + 2


@pytest.mark.parametrize("action", ["assign", "transfer", "obligation_fulfilled"])
def test_internal_steps_do_not_message_the_applicant(world, action):
    dossier = dossier_in(world, NATURAL_STATES.get(action, State.PROCESSING))
    before = Message.objects.count()
    attempt(world, dossier, action)
    assert Message.objects.count() == before


def test_receipt_message_carries_code_appointment_and_lookup_address(world, settings):
    settings.PUBLIC_LOOKUP_URL = "https://dichvucong.example.gov.vn/tra-cuu/{code}"
    dossier = world.receive()
    email = messages_of(dossier, "dossier.accept").get(channel=Channel.EMAIL)
    assert email.subject == f"[LienThong] Đã tiếp nhận hồ sơ {dossier.code}"
    assert f"Mã hồ sơ: {dossier.code}" in email.body
    assert "Ngày hẹn trả kết quả: 17:30 ngày 25/11/2026" in email.body
    assert f"https://dichvucong.example.gov.vn/tra-cuu/{dossier.code}" in email.body
    assert email.related_label == dossier.code


def test_supplement_request_lists_every_item(world):
    """NĐ 61/2018 Art. 17 [probable]: all missing items are asked for in one go."""
    dossier = dossier_in(world, State.PROCESSING)
    dossier = services.request_supplement(world.specialist, dossier, ["Bản sao giấy chứng sinh", "Tờ khai"])
    email = messages_of(dossier, "dossier.request_supplement").get(channel=Channel.EMAIL)
    sms = messages_of(dossier, "dossier.request_supplement").get(channel=Channel.SMS)
    assert "- Bản sao giấy chứng sinh\n- Tờ khai\n" in email.body
    assert "can bo sung: Ban sao giay chung sinh; To khai." in sms.body


def test_apology_gives_old_and_new_dates(world):
    """NĐ 107/2021 amending NĐ 61/2018 Art. 17 [probable]: apology with a new appointment date."""
    dossier = dossier_in(world, State.PROCESSING)
    new = datetime.datetime(2026, 11, 30, 17, 30, tzinfo=TZ)
    dossier = services.apologise(world.leader, dossier, new, "Chờ xác minh thực địa")
    body = messages_of(dossier, "dossier.apologise").get(channel=Channel.EMAIL).body
    assert "chưa được giải quyết xong theo hẹn 17:30 ngày 25/11/2026" in body
    assert "Lý do: Chờ xác minh thực địa" in body
    assert "Ngày hẹn trả kết quả mới: 17:30 ngày 30/11/2026" in body


def test_refusal_gives_the_reasons(world):
    dossier = dossier_in(world, State.PROCESSING)
    dossier = services.refuse(world.leader, dossier, "Thửa đất đang có tranh chấp")
    assert (
        "Lý do: Thửa đất đang có tranh chấp"
        in messages_of(dossier, "dossier.refuse").get(channel=Channel.EMAIL).body
    )


def test_messages_are_delivered_when_the_action_commits(world, django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        dossier = world.receive()
    assert [m.to for m in mail.outbox] == [["hong@example.vn"]]
    assert LocmemSmsProvider.outbox[0]["to"] == "0909123456"
    assert set(messages_of(dossier, "dossier.accept").values_list("status", flat=True)) == {Status.SENT}


def test_replayed_receipt_with_the_same_idempotency_key_notifies_once(world):
    first = world.receive(idempotency_key="quay-1-0001")
    again = world.receive(idempotency_key="quay-1-0001")
    assert first.pk == again.pk
    assert Message.objects.filter(event="dossier.accept").count() == 2


def test_applicant_without_email_or_phone_gets_nothing(world):
    dossier = world.receive(applicant=f.applicant(email="", phone=""))
    assert dossier.state == State.RECEIVED
    assert not messages_of(dossier, "dossier.accept").exists()


def test_applicant_account_sees_the_message_among_their_notifications(world):
    citizen = f.citizen()
    dossier = world.receive(applicant_user=citizen)
    assert set(messages_of(dossier, "dossier.accept").values_list("user", flat=True)) == {citizen.pk}


def test_a_failing_notification_does_not_undo_the_action(world, caplog):
    """Even a real database error while writing the outbox row (which aborts a PostgreSQL
    transaction) only loses the message: the savepoint keeps the dossier action."""

    def broken(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_for_messages")

    dossier = dossier_in(world, State.PROCESSING)
    with mock.patch("lienthong.notifications.models.Message.objects.bulk_create", side_effect=broken):
        dossier = services.refuse(world.leader, dossier, "Không đủ điều kiện")
    dossier.refresh_from_db()
    assert dossier.state == State.REFUSED
    assert last_event(dossier).action == "refuse"
    assert not messages_of(dossier, "dossier.refuse").exists()
    assert "Notification of refuse on dossier" in caplog.text


def test_a_broken_template_does_not_undo_the_action(world):
    from lienthong.notifications.models import MessageTemplate

    MessageTemplate.objects.filter(event="dossier.accept", channel=Channel.EMAIL).update(body="{% if x %}")
    dossier = world.receive()
    assert dossier.state == State.RECEIVED
    assert list(messages_of(dossier, "dossier.accept").values_list("channel", flat=True)) == [Channel.SMS]
