"""Message templates: the defaults, validation at save, edits changing the text that is sent."""

import pytest
from django.core.exceptions import ValidationError

from lienthong.notifications import services
from lienthong.notifications.events import EVENTS
from lienthong.notifications.models import Channel, Message, MessageTemplate
from lienthong.notifications.services import Recipient, notify

HONG = Recipient(email="hong@example.vn", phone="0909123456")


def _accept_context(**extra):
    return {**EVENTS["dossier.accept"].sample, **extra}


@pytest.mark.django_db
def test_every_event_has_valid_default_templates_for_email_and_sms():
    found = {(t.event, t.channel): t for t in MessageTemplate.objects.all()}
    for event in EVENTS:
        for channel in Channel.values:
            t = found[event, channel]
            services.check_template(event, channel, t.subject, t.body)
            assert services.preview(event, channel, t.subject, t.body)["body"]


@pytest.mark.django_db
def test_default_receipt_email_names_code_appointment_and_lookup_address():
    notify("dossier.accept", _accept_context(), [HONG], dedup_key="t:1")
    email = Message.objects.get(channel=Channel.EMAIL)
    assert email.subject == "[LienThong] Đã tiếp nhận hồ sơ 000.10.22.H56-261117-0001"
    assert "Ngày hẹn trả kết quả: 17:30 ngày 24/11/2026" in email.body
    assert "http://127.0.0.1:8000/tra-cuu/000.10.22.H56-261117-0001" in email.body
    assert email.body.startswith("Kính gửi Ông/Bà Trần Thị Hồng,")


@pytest.mark.django_db
def test_default_sms_is_sent_without_diacritics(accept_templates):
    notify("dossier.accept", _accept_context(), [HONG], dedup_key="t:1")
    sms = Message.objects.get(channel=Channel.SMS)
    assert sms.body.startswith("UBND xa Thu Nghiem da tiep nhan ho so 000.10.22.H56-261117-0001")
    assert sms.body.isascii()
    assert "\n" not in sms.body


@pytest.mark.django_db
def test_template_edited_by_an_administrator_changes_the_text_sent(accept_templates, admin_user):
    services.save_template(
        admin_user,
        accept_templates[Channel.SMS],
        subject="",
        body="Hồ sơ {{ code }} đã nhận, hẹn {{ appointment }}.",
        active=True,
        strip_diacritics=False,
    )
    notify("dossier.accept", _accept_context(), [HONG], dedup_key="t:1")
    assert Message.objects.get(channel=Channel.SMS).body == (
        "Hồ sơ 000.10.22.H56-261117-0001 đã nhận, hẹn 17:30 ngày 24/11/2026."
    )
    template = MessageTemplate.objects.get(pk=accept_templates[Channel.SMS].pk)
    assert template.updated_by == admin_user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Hồ sơ {{ code }", "Cú pháp mẫu không hợp lệ"),
        ("{% if code %}Hồ sơ {{ code }}", "Cú pháp mẫu không hợp lệ"),
        ("{{ code|khong_co_bo_loc }}", "Cú pháp mẫu không hợp lệ"),
        ('{% include "base.html" %}', "Không được dùng thẻ"),
        ("{% load static %}{{ code }}", "Không được dùng thẻ"),
        ("{% debug %}", "Không được dùng thẻ"),
        ("Hồ sơ {{ ma_ho_so }}", "Biến không có trong sự kiện này: ma_ho_so."),
    ],
)
def test_broken_template_is_refused_at_save_and_nothing_changes(accept_templates, admin_user, body, message):
    template = accept_templates[Channel.SMS]
    before = template.body
    with pytest.raises(ValidationError) as exc:
        services.save_template(admin_user, template, subject="", body=body, active=True)
    assert message in exc.value.message_dict["body"][0]
    assert MessageTemplate.objects.get(pk=template.pk).body == before


@pytest.mark.django_db
def test_broken_subject_is_refused(accept_templates, admin_user):
    with pytest.raises(ValidationError) as exc:
        services.save_template(
            admin_user, accept_templates[Channel.EMAIL], subject="{{ code", body="Nội dung", active=True
        )
    assert "subject" in exc.value.message_dict


@pytest.mark.django_db
def test_loop_variables_are_accepted():
    services.check_template(
        "dossier.request_supplement", Channel.EMAIL, "Bổ sung", "{% for x in items %}{{ x }}{% endfor %}"
    )


@pytest.mark.django_db
def test_inactive_template_sends_nothing_on_its_channel(accept_templates, caplog):
    MessageTemplate.objects.filter(pk=accept_templates[Channel.SMS].pk).update(active=False)
    notify("dossier.accept", _accept_context(), [HONG], dedup_key="t:1")
    assert list(Message.objects.values_list("channel", flat=True)) == [Channel.EMAIL]
    assert "No active sms template for dossier.accept" in caplog.text


@pytest.mark.django_db
def test_event_without_template_sends_nothing(caplog):
    assert notify("dossier.unknown", {}, [HONG], dedup_key="t:1") == []
    assert not Message.objects.exists()
    assert "No active email template for dossier.unknown" in caplog.text


@pytest.mark.django_db
def test_recipient_without_address_on_a_channel_gets_nothing_there():
    notify("dossier.accept", _accept_context(), [Recipient(phone="0909123456")], dedup_key="t:1")
    assert list(Message.objects.values_list("channel", "recipient")) == [(Channel.SMS, "0909123456")]
