"""Message templates, the outbox of messages to send, and the periodic scheduler's run slots.

Only ``lienthong.notifications.services`` (and its scheduler) writes these rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không thành công")


class MessageTemplate(models.Model):
    """The text sent for one event on one channel; the province edits it (Django template syntax)."""

    event = models.CharField(_("sự kiện"), max_length=60)
    channel = models.CharField(_("kênh gửi"), max_length=10, choices=Channel.choices)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    # Many SMS gateways bill a Unicode message at 70 characters instead of 160.
    strip_diacritics = models.BooleanField(_("gửi không dấu"), default=False)
    active = models.BooleanField(_("đang dùng"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu thông báo")
        verbose_name_plural = _("mẫu thông báo")
        ordering = ["event", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["event", "channel"], name="message_template_event_channel_uniq")
        ]

    def __str__(self):
        return f"{self.event} ({self.channel})"


class Message(models.Model):
    """One message to one address (the outbox). Written in the caller's transaction, sent after it.

    ``dedup_key`` is unique: a retried request or a re-run sweep finds the row already there.
    """

    channel = models.CharField(_("kênh gửi"), max_length=10, choices=Channel.choices)
    event = models.CharField(_("sự kiện"), max_length=60)
    recipient = models.CharField(_("người nhận (địa chỉ, số điện thoại)"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lần tới lúc"))
    sending_since = models.DateTimeField(_("bắt đầu gửi lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    dedup_key = models.CharField(_("khóa chống trùng"), max_length=200, unique=True)
    related_type = models.CharField(_("loại đối tượng"), max_length=80, blank=True)
    related_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    related_label = models.CharField(_("đối tượng"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo đã gửi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_status_next_idx"),
            models.Index(fields=["user", "-created_at"], name="message_user_created_idx"),
            models.Index(fields=["related_type", "related_id"], name="message_related_idx"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.recipient}: {self.subject or self.body[:40]}"


class ScheduledRun(models.Model):
    """One periodic task enqueued for one time slot; the unique pair keeps several schedulers from
    enqueuing the same run twice."""

    task = models.CharField(_("tác vụ"), max_length=200)
    slot = models.DateTimeField(_("khung thời gian"), db_index=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt chạy định kỳ")
        verbose_name_plural = _("lượt chạy định kỳ")
        constraints = [models.UniqueConstraint(fields=["task", "slot"], name="scheduled_run_task_slot_uniq")]

    def __str__(self):
        return f"{self.task} @ {self.slot:%Y-%m-%d %H:%M}"
