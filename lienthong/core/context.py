"""Who is acting and from where, for the audit trail, set per request (or per command or task)."""

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip: str | None = None
    user_agent: str = ""


_current = contextvars.ContextVar("lienthong_request_context", default=None)


def current():
    return _current.get()


def new_request_id():
    return uuid.uuid4().hex


@contextmanager
def bind(request_id=None, ip=None, user_agent=""):
    token = _current.set(RequestContext(request_id or new_request_id(), ip, user_agent[:200]))
    try:
        yield _current.get()
    finally:
        _current.reset(token)
