import pytest
from django.urls import reverse

from lienthong.accounts import services
from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import OfficialUserFactory, UserFactory
from lienthong.core import audit, context
from lienthong.core.models import AuditRecord
from lienthong.directory.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_audit_records_are_append_only():
    """Architecture habit 3 (history is append-only): no update or delete, by instance or queryset."""
    user = UserFactory()
    record = audit.record(user, "security.login", user)
    record.note = "sửa lại"
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        AuditRecord.objects.filter(pk=record.pk).update(note="sửa lại")
    with pytest.raises(PermissionError):
        AuditRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(PermissionError):
        AuditRecord.objects.all().delete()
    record.refresh_from_db()
    assert record.note == ""


def test_record_names_actor_object_and_states():
    """Issue #2 §5 (audit trail): actor, time, action, object, before → after."""
    actor = OfficialUserFactory(is_superuser=True)
    official = OfficialUserFactory()
    agency = AgencyFactory()
    services.assign_role(actor, official, Role.CLERK, agency)
    record = AuditRecord.objects.get(action="security.role_granted")
    assert record.actor == actor and record.actor_repr == actor.username
    assert (record.object_type, record.object_id) == ("accounts.user", str(official.pk))
    assert record.before is None
    assert record.after == {"role": "clerk", "agency": agency.pk, "internal_unit": None}
    assert record.at is not None


def test_records_made_during_a_request_carry_its_id_and_address(client):
    """Issue #2 §5 (audit trail: request id, IP): a security event made in a request names both."""
    UserFactory(username="congdan_ip")
    response = client.post(
        reverse("accounts:login"),
        {"username": "congdan_ip", "password": "sai-mat-khau-roi"},
        REMOTE_ADDR="192.0.2.44",
        HTTP_X_REQUEST_ID="yeucau42",
    )
    assert response["X-Request-ID"] == "yeucau42"
    record = AuditRecord.objects.get(action="security.login_failed")
    assert record.request_id == "yeucau42"
    assert record.ip == "192.0.2.44"


def test_a_malformed_request_id_is_replaced_by_a_fresh_one(client):
    """A request id from outside is kept only when short and alphanumeric (it ends up in logs)."""
    UserFactory(username="congdan_id")
    response = client.post(
        reverse("accounts:login"),
        {"username": "congdan_id", "password": "sai-mat-khau-roi"},
        HTTP_X_REQUEST_ID="x'; DROP TABLE--",
    )
    record = AuditRecord.objects.get(action="security.login_failed")
    assert record.request_id == response["X-Request-ID"]
    assert record.request_id.isalnum() and len(record.request_id) == 32


def test_records_outside_a_request_have_no_request_id():
    """Management commands and tasks write records without a request: no id or address."""
    assert context.current() is None
    record = audit.record(None, "directory.import", note="nhập danh bạ")
    assert (record.request_id, record.ip, record.actor_repr) == ("", None, "")
