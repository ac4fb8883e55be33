"""The outbox: written with the caller's transaction, sent after commit, retried with back-off,
never sent twice for one dedup key, recovered after a worker crash."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.test import override_settings

from lienthong.notifications import services
from lienthong.notifications.events import EVENTS
from lienthong.notifications.models import Channel, Message, Status
from lienthong.notifications.services import Recipient, notify
from lienthong.workdays.deadlines import TZ

HONG = Recipient(email="hong@example.vn", phone="0909123456")
T0 = datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ)
CONTEXT = EVENTS["dossier.accept"].sample


def _queue(key="t:1"):
    return notify("dossier.accept", CONTEXT, [HONG], dedup_key=key)


class Broken(Exception):
    pass


@pytest.mark.django_db
def test_messages_are_sent_after_the_callers_transaction_commits(
    django_capture_on_commit_callbacks, sms_outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        _queue()
        assert not mail.outbox and not sms_outbox
    assert [m.to for m in mail.outbox] == [["hong@example.vn"]]
    assert sms_outbox[0]["to"] == "0909123456"
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}
    assert all(m.sent_at and m.attempts == 1 for m in Message.objects.all())


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_no_message():
    with pytest.raises(Broken), transaction.atomic():
        _queue()
        raise Broken
    assert not Message.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_dedup_key_queues_a_message_once():
    first = _queue()
    again = _queue()
    assert len(first) == 2
    assert again == []
    assert sorted(Message.objects.values_list("dedup_key", flat=True)) == ["t:1:email", "t:1:sms"]


@pytest.mark.django_db
def test_a_sent_message_is_not_sent_again_by_a_repeated_delivery():
    (email_id, _sms_id) = sorted(_queue())
    assert services.deliver(email_id) is True
    assert services.deliver(email_id) is False
    assert len(mail.outbox) == 1


def test_backoff_grows_exponentially_up_to_a_cap():
    minutes = [services.backoff(n).total_seconds() / 60 for n in range(1, 8)]
    assert minutes == [1, 5, 25, 125, 625, 720, 720]


@pytest.mark.django_db
def test_failed_delivery_is_retried_after_the_backoff():
    with time_machine.travel(T0, tick=False):
        (email_id, _sms) = sorted(_queue())
        with mock.patch("lienthong.notifications.channels.send_email", side_effect=OSError("SMTP down")):
            assert services.deliver(email_id) is False
        message = Message.objects.get(pk=email_id)
        assert (message.status, message.attempts) == (Status.PENDING, 1)
        assert message.next_attempt_at == T0 + datetime.timedelta(minutes=1)
        assert message.last_error == "OSError: SMTP down"
        # Not yet due: the periodic retry leaves it alone.
        services.retry_due_messages()
        assert not [m for m in mail.outbox if m.to == ["hong@example.vn"]]
    with time_machine.travel(T0 + datetime.timedelta(minutes=1), tick=False):
        services.retry_due_messages()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 2, "")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@override_settings(NOTIFICATIONS_MAX_ATTEMPTS=3)
def test_delivery_stops_after_the_maximum_number_of_attempts():
    now = T0
    with time_machine.travel(now, tick=False) as clock:
        (email_id, _sms) = sorted(_queue())
        with mock.patch(
            "lienthong.notifications.channels.send_email", side_effect=OSError("SMTP down")
        ) as send:
            for _ in range(5):
                services.retry_due_messages()
                clock.shift(datetime.timedelta(hours=13))
    message = Message.objects.get(pk=email_id)
    assert (message.status, message.attempts) == (Status.FAILED, 3)
    assert send.call_count == 3


@pytest.mark.django_db
def test_a_message_left_sending_by_a_crashed_worker_is_retried():
    with time_machine.travel(T0, tick=False) as clock:
        (email_id, _sms) = sorted(_queue())
        # The worker claimed the row, then died before sending.
        with (
            mock.patch("lienthong.notifications.channels.send_email", side_effect=KeyboardInterrupt),
            pytest.raises(KeyboardInterrupt),
        ):
            services.deliver(email_id)
        assert Message.objects.get(pk=email_id).status == Status.SENDING
        clock.shift(datetime.timedelta(minutes=5))
        services.retry_due_messages()
        assert Message.objects.get(pk=email_id).status == Status.SENDING  # not 15 minutes yet
        clock.shift(datetime.timedelta(minutes=11))
        services.retry_due_messages()
    message = Message.objects.get(pk=email_id)
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_render_error_skips_the_message_and_does_not_raise(caplog):
    with mock.patch("lienthong.notifications.rendering.render", side_effect=ValueError("hỏng")):
        assert _queue() == []
    assert not Message.objects.exists()
    assert "Could not render dossier.accept" in caplog.text


@pytest.mark.django_db
def test_several_recipients_under_one_key_each_get_their_message():
    people = [Recipient(email=f"cb{i}@example.vn", key=f"u{i}") for i in (1, 2)]
    notify("dossier.accept", CONTEXT, people, dedup_key="t:9")
    assert sorted(Message.objects.values_list("dedup_key", flat=True)) == ["t:9:u1:email", "t:9:u2:email"]


@pytest.mark.django_db
def test_email_goes_through_djangos_mail_with_the_configured_sender(settings):
    settings.DEFAULT_FROM_EMAIL = "Một cửa <motcua@example.gov.vn>"
    (email_id, _sms) = sorted(_queue())
    services.deliver(email_id)
    assert mail.outbox[0].from_email == "Một cửa <motcua@example.gov.vn>"
    assert mail.outbox[0].subject.startswith("[LienThong] Đã tiếp nhận hồ sơ")
    assert Message.objects.get(pk=email_id).channel == Channel.EMAIL
