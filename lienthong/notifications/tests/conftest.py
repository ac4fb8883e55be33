import pytest
from django.core import mail

from lienthong.notifications.models import MessageTemplate
from lienthong.notifications.sms import LocmemSmsProvider


@pytest.fixture(autouse=True)
def empty_outboxes():
    LocmemSmsProvider.outbox.clear()
    mail.outbox = []
    yield
    LocmemSmsProvider.outbox.clear()


@pytest.fixture
def sms_outbox():
    return LocmemSmsProvider.outbox


@pytest.fixture
def accept_templates(db):
    """The default templates of the receipt event (from the data migration)."""
    return {t.channel: t for t in MessageTemplate.objects.filter(event="dossier.accept")}
