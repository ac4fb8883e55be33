"""Sending one outbox message on its channel: e-mail through Django's mail (EMAIL_URL), SMS through
the configured provider. Each raises on failure so that delivery retries."""

from django.conf import settings
from django.core.mail import EmailMessage

from lienthong.notifications import sms
from lienthong.notifications.models import Channel


def send_email(message):
    EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient]).send()


def send_sms(message):
    sms.provider().send(message.recipient, message.body)


def send(message):
    if message.channel == Channel.EMAIL:
        send_email(message)
    elif message.channel == Channel.SMS:
        send_sms(message)
    else:
        raise ValueError(f"Unknown channel {message.channel!r}.")
