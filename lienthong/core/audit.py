"""The audit trail that every service writes: ``audit.record(actor, action, obj, before, after)``."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from lienthong.core import context
from lienthong.core.models import AuditRecord


def _jsonable(value):
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj, fields):
    """The values of ``fields`` on ``obj`` (foreign keys as ids), for before/after."""
    data = {}
    for name in fields:
        field = obj._meta.get_field(name)
        data[name] = getattr(obj, field.attname)
    return _jsonable(data)


def record(
    actor, action, obj=None, before=None, after=None, note="", object_type="", object_id="", object_repr=""
):
    ctx = context.current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    return AuditRecord.objects.create(
        actor=user,
        actor_repr=(user.get_username() if user else str(actor or ""))[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr[:255],
        before=_jsonable(before),
        after=_jsonable(after),
        request_id=ctx.request_id if ctx else "",
        ip=ctx.ip if ctx else None,
        note=note,
    )
