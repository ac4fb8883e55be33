"""SMS providers behind one interface, chosen by ``settings.SMS_BACKEND`` (a dotted class path).

``ConsoleSmsProvider`` (the default) only logs; ``HttpSmsGateway`` posts JSON to a provider's HTTP
gateway; ``LocmemSmsProvider`` keeps messages in ``outbox`` for tests.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The provider did not accept the message; the delivery will be retried."""


class SmsProvider:
    def send(self, to, text):
        """Send ``text`` to the phone number ``to``; raise ``SmsError`` when it was not accepted."""
        raise NotImplementedError


class ConsoleSmsProvider(SmsProvider):
    def send(self, to, text):
        logger.info("SMS to %s: %s", to, text)


class LocmemSmsProvider(SmsProvider):
    outbox = []

    def send(self, to, text):
        LocmemSmsProvider.outbox.append({"to": to, "text": text})


class HttpSmsGateway(SmsProvider):
    """``POST SMS_GATEWAY_URL`` with ``{"to", "text", "sender"}`` and a bearer token; any status
    outside 2xx, a timeout or a refused connection is a failure."""

    def __init__(self, url=None, token=None, sender=None, timeout=None):
        self.url = url or settings.SMS_GATEWAY_URL
        self.token = token if token is not None else settings.SMS_GATEWAY_TOKEN
        self.sender = sender if sender is not None else settings.SMS_SENDER
        self.timeout = timeout or settings.SMS_GATEWAY_TIMEOUT
        if not self.url:
            raise SmsError("SMS_GATEWAY_URL is not set.")

    def send(self, to, text):
        payload = json.dumps({"to": to, "text": text, "sender": self.sender}).encode()
        request = urllib.request.Request(self.url, data=payload, method="POST")
        request.add_header("Content-Type", "application/json; charset=utf-8")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            raise SmsError(f"SMS gateway answered HTTP {exc.code}.") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"SMS gateway unreachable: {exc}") from exc
        if not 200 <= status < 300:
            raise SmsError(f"SMS gateway answered HTTP {status}.")


def provider():
    return import_string(settings.SMS_BACKEND)()
