"""Reads of the notifications, scoped by the caller's rights."""

from lienthong.accounts.permissions import active_roles, is_province_admin
from lienthong.accounts.roles import Role
from lienthong.notifications.events import EVENTS
from lienthong.notifications.models import Message, MessageTemplate


def can_manage_templates(user):
    """The province IT administrator and agency administrators edit the (province-wide) templates."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_province_admin(user) or any(a.role == Role.AGENCY_ADMIN for a in active_roles(user))


def templates():
    """Every template with its event's label, in the order of the event list."""
    order = {key: i for i, key in enumerate(EVENTS)}
    rows = list(MessageTemplate.objects.select_related("updated_by"))
    for t in rows:
        t.event_label = EVENTS[t.event].label if t.event in EVENTS else t.event
    return sorted(rows, key=lambda t: (order.get(t.event, len(order)), t.event, t.channel))


def template(pk):
    return MessageTemplate.objects.filter(pk=pk).first()


def messages_for(user):
    """The messages addressed to ``user``'s account, newest first."""
    return Message.objects.filter(user=user).order_by("-created_at", "-id")
