"""SMS providers: the HTTP gateway adapter against a local server (no network), the console one."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lienthong.notifications import services
from lienthong.notifications.models import Message, Status
from lienthong.notifications.services import Recipient, notify
from lienthong.notifications.sms import ConsoleSmsProvider, HttpSmsGateway, SmsError, provider


class _Gateway(BaseHTTPRequestHandler):
    status = 200
    received = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        _Gateway.received.append(
            {"body": json.loads(self.rfile.read(length)), "auth": self.headers.get("Authorization")}
        )
        self.send_response(_Gateway.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    _Gateway.status, _Gateway.received = 200, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sms", _Gateway
    server.shutdown()
    server.server_close()


def test_gateway_posts_json_with_token_and_sender(gateway):
    url, handler = gateway
    HttpSmsGateway(url=url, token="bi-mat", sender="UBND-VL", timeout=5).send("0909123456", "Hồ sơ đã nhận")
    assert handler.received == [
        {"body": {"to": "0909123456", "text": "Hồ sơ đã nhận", "sender": "UBND-VL"}, "auth": "Bearer bi-mat"}
    ]


@pytest.mark.parametrize("status", [400, 500, 503])
def test_gateway_status_outside_2xx_is_a_failure(gateway, status):
    url, handler = gateway
    handler.status = status
    with pytest.raises(SmsError, match=str(status)):
        HttpSmsGateway(url=url, token="", sender="X", timeout=5).send("0909123456", "x")


def test_unreachable_gateway_is_a_failure(gateway):
    url, _handler = gateway
    closed = url.replace("/sms", "").rsplit(":", 1)[0] + ":9"  # discard port: nothing listens
    with pytest.raises(SmsError):
        HttpSmsGateway(url=closed + "/sms", token="", sender="X", timeout=2).send("0909123456", "x")


def test_gateway_without_url_is_refused(settings):
    settings.SMS_GATEWAY_URL = ""
    with pytest.raises(SmsError):
        HttpSmsGateway()


@pytest.mark.django_db
def test_sms_through_the_configured_gateway_is_retried_on_failure(gateway, settings):
    url, handler = gateway
    settings.SMS_BACKEND = "lienthong.notifications.sms.HttpSmsGateway"
    settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_TOKEN, settings.SMS_SENDER = url, "t", "LienThong"
    handler.status = 502
    notify("dossier.approve", {"code": "HS-1", "agency_name": "UBND xã"}, [Recipient(phone="0909")], "t:1")
    message = Message.objects.get()
    services.deliver(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert "502" in message.last_error
    handler.status = 200
    Message.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)
    services.retry_due_messages()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert (
        handler.received[-1]["body"]["text"]
        == "Ho so HS-1 da co ket qua. Moi Ong/Ba nhan ket qua tai UBND xa."
    )


def test_console_provider_logs_the_message(settings, caplog):
    settings.SMS_BACKEND = "lienthong.notifications.sms.ConsoleSmsProvider"
    caplog.set_level("INFO")
    sms = provider()
    assert isinstance(sms, ConsoleSmsProvider)
    sms.send("0909123456", "Xin chào")
    assert "SMS to 0909123456: Xin chào" in caplog.text
