"""Pages: the templates for the province IT administrator and agency administrators (with MFA),
and each user's own notifications."""

import pytest
from django.urls import reverse

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.conftest import login_verified, official_with_role
from lienthong.accounts.tests.factories import UserFactory
from lienthong.directory.tests.factories import AgencyFactory
from lienthong.notifications.models import Channel, Message, MessageTemplate
from lienthong.notifications.services import Recipient, notify

LIST = reverse("notifications:template_list")


@pytest.fixture
def people(db):
    agency = AgencyFactory(name="UBND xã Thử Nghiệm")
    return {
        "citizen": UserFactory(),
        "officer": official_with_role(agency, Role.ONE_STOP_OFFICER),
        "agency_leader": official_with_role(agency, Role.AGENCY_LEADER),
        "agency_admin": official_with_role(agency, Role.AGENCY_ADMIN),
        "province_admin": official_with_role(agency, Role.PROVINCE_IT_ADMIN),
    }


def _login(client, user):
    if user is not None:
        login_verified(client, user)


@pytest.fixture
def sms_template(db):
    return MessageTemplate.objects.get(event="dossier.accept", channel=Channel.SMS)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("citizen", 403),
        ("officer", 403),
        ("agency_leader", 403),
        ("agency_admin", 200),
        ("province_admin", 200),
    ],
)
def test_template_pages_by_role(client, people, sms_template, who, status):
    _login(client, people.get(who))
    edit = reverse("notifications:template_edit", args=[sms_template.pk])
    for url in (LIST, edit):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 302:
            assert response["Location"].startswith(reverse("accounts:login"))
    response = client.post(edit, {"body": "Đổi {{ code }}", "active": "on", "save": "1"})
    assert response.status_code == (302 if status in (200, 302) else 403)
    changed = MessageTemplate.objects.get(pk=sms_template.pk).body == "Đổi {{ code }}"
    assert changed is (status == 200)


def test_administrator_without_mfa_is_sent_to_enrol(client, people):
    client.force_login(people["agency_admin"])
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa"))


def test_list_shows_every_event_with_labels(client, people):
    _login(client, people["province_admin"])
    html = client.get(LIST).content.decode()
    assert "<h1>Mẫu thông báo</h1>" in html
    assert "Tiếp nhận hồ sơ" in html
    assert "Hồ sơ quá hạn" in html
    assert html.count('href="/thong-bao/mau/') == 30  # 15 events × 2 channels


def test_preview_renders_sample_values_without_saving(client, people, sms_template):
    _login(client, people["province_admin"])
    url = reverse("notifications:template_edit", args=[sms_template.pk])
    response = client.post(
        url,
        {
            "body": "Hồ sơ {{ code }} hẹn {{ appointment }}",
            "strip_diacritics": "on",
            "active": "on",
            "preview": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ho so 000.10.22.H56-261117-0001 hen 17:30 ngay 24/11/2026" in html
    assert "1 tin nhắn" in html
    assert MessageTemplate.objects.get(pk=sms_template.pk).body == sms_template.body


def test_broken_template_is_refused_with_an_error_on_the_field(client, people, sms_template):
    _login(client, people["agency_admin"])
    url = reverse("notifications:template_edit", args=[sms_template.pk])
    response = client.post(url, {"body": "{% if code %}không đóng", "active": "on", "save": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cú pháp mẫu không hợp lệ" in html
    assert 'role="alert"' in html
    assert MessageTemplate.objects.get(pk=sms_template.pk).body == sms_template.body


def test_edit_page_is_labelled(client, people):
    _login(client, people["province_admin"])
    email = MessageTemplate.objects.get(event="dossier.request_supplement", channel=Channel.EMAIL)
    html = client.get(reverse("notifications:template_edit", args=[email.pk])).content.decode()
    assert '<label for="id_subject">' in html
    assert '<label for="id_body">' in html
    assert "{{ items_text }}" in html  # the variables of the event are listed
    assert "id_strip_diacritics" not in html  # an e-mail option does not exist


def test_my_notifications_lists_only_my_messages(client, people):
    me, other = people["citizen"], UserFactory()
    context = {"code": "HS-1", "agency_name": "UBND xã", "applicant_name": "A"}
    notify("dossier.approve", context, [Recipient(email="me@example.vn", user=me)], "t:1")
    notify(
        "dossier.refuse",
        {**context, "reasons": "riêng tư"},
        [Recipient(email="x@example.vn", user=other)],
        "t:2",
    )
    client.force_login(me)
    response = client.get(reverse("notifications:mine"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Thông báo của tôi</h1>" in html
    assert "Hồ sơ HS-1 đã có kết quả" in html
    assert "riêng tư" not in html
    assert Message.objects.count() == 2


def test_my_notifications_needs_login(client, db):
    response = client.get(reverse("notifications:mine"))
    assert response.status_code == 302
