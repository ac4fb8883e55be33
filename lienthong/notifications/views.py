"""Pages: the user's own notifications, and the message templates for the administrators."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lienthong.notifications import selectors, services
from lienthong.notifications.events import EVENTS
from lienthong.notifications.forms import TemplateForm
from lienthong.notifications.models import Channel

PAGE_SIZE = 30


def _require_template_admin(user):
    if not selectors.can_manage_templates(user):
        raise PermissionDenied(
            _("Chỉ quản trị hệ thống cấp tỉnh và quản trị cơ quan được sửa mẫu thông báo.")
        )


@login_required
@require_http_methods(["GET"])
def my_notifications(request):
    page = Paginator(selectors.messages_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "can_manage_templates": selectors.can_manage_templates(request.user)}
    return render(request, "notifications/my_notifications.html", context)


@login_required
@require_http_methods(["GET"])
def template_list(request):
    _require_template_admin(request.user)
    return render(request, "notifications/template_list.html", {"templates": selectors.templates()})


def _sms_size(text):
    """Characters and message parts: 160 per part for plain text, 70 for Unicode (Vietnamese)."""
    per_part = 160 if text.isascii() else 70
    return {
        "chars": len(text),
        "parts": max(1, math.ceil(len(text) / per_part)),
        "unicode": not text.isascii(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, pk):
    _require_template_admin(request.user)
    template = selectors.template(pk)
    if template is None:
        raise Http404
    initial = {
        "subject": template.subject,
        "body": template.body,
        "active": template.active,
        "strip_diacritics": template.strip_diacritics,
    }
    form = TemplateForm(request.POST or None, initial=initial, channel=template.channel)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "preview" in request.POST:
                services.check_template(
                    template.event, template.channel, data.get("subject", ""), data["body"]
                )
                preview = services.preview(
                    template.event,
                    template.channel,
                    data.get("subject", ""),
                    data["body"],
                    data.get("strip_diacritics", False),
                )
            else:
                services.save_template(
                    request.user,
                    template,
                    subject=data.get("subject", ""),
                    body=data["body"],
                    active=data["active"],
                    strip_diacritics=data.get("strip_diacritics", False),
                )
                messages.success(request, _("Đã lưu mẫu thông báo."))
                return redirect("notifications:template_list")
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    if preview is not None and template.channel == Channel.SMS:
        preview["sms"] = _sms_size(preview["body"])
    event = EVENTS.get(template.event)
    context = {
        "template": template,
        "event_label": event.label if event else template.event,
        "variables": event.variables if event else [],
        "form": form,
        "preview": preview,
    }
    return render(request, "notifications/template_form.html", context)
