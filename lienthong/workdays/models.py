"""A province's working calendar: working hours (versioned) and the yearly overrides it decides."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lienthong.core.models import TimeStampedModel
from lienthong.workdays import deadlines


def new_revision():
    return uuid.uuid4().hex


class WorkCalendar(TimeStampedModel):
    """The working calendar of one province; ``revision`` changes with every change to it or its overrides,
    so that every web node rebuilds its cached copy."""

    province_code = models.CharField(_("mã tỉnh, thành phố"), max_length=3, unique=True)
    name = models.CharField(_("tên lịch"), max_length=200)
    observe_culture_day = models.BooleanField(
        _("nghỉ Ngày Văn hóa Việt Nam (24/11, từ năm 2026)"),
        default=True,
        help_text=_("Ngày nghỉ mới theo Nghị quyết 80-NQ/TW; văn bản áp dụng cho công chức cần đối chiếu."),
    )
    revision = models.CharField(_("phiên bản dữ liệu"), max_length=32, default=new_revision, editable=False)

    class Meta:
        verbose_name = _("lịch làm việc")
        verbose_name_plural = _("lịch làm việc")
        ordering = ["province_code"]

    def __str__(self):
        return self.name


def _time(hour, minute=0):
    return datetime.time(hour, minute)


class WorkingHours(TimeStampedModel):
    """Morning and afternoon sessions and the cut-off hour, in force from ``valid_from``."""

    calendar = models.ForeignKey(
        WorkCalendar, verbose_name=_("lịch làm việc"), on_delete=models.CASCADE, related_name="hours"
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    morning_start = models.TimeField(_("buổi sáng bắt đầu"), default=_time(7, 30))
    morning_end = models.TimeField(_("buổi sáng kết thúc"), default=_time(11, 30))
    afternoon_start = models.TimeField(_("buổi chiều bắt đầu"), default=_time(13, 30))
    afternoon_end = models.TimeField(_("buổi chiều kết thúc"), default=_time(17, 30))
    cutoff = models.TimeField(
        _("giờ chốt tiếp nhận"),
        default=_time(15),
        help_text=_("Hồ sơ tiếp nhận sau giờ này được tính từ ngày làm việc tiếp theo."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")
        ordering = ["calendar", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "valid_from"], name="hours_calendar_from_uniq")
        ]

    def __str__(self):
        return f"{self.morning_start:%H:%M}–{self.morning_end:%H:%M}, {self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M}"

    def clean(self):
        order = [self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end]
        if None in order or self.cutoff is None:
            return
        if not (order[0] < order[1] <= order[2] < order[3]):
            raise ValidationError(
                _(
                    "Giờ làm việc phải theo thứ tự: sáng bắt đầu < sáng kết thúc ≤ chiều bắt đầu < chiều kết thúc."
                )
            )
        if not order[0] < self.cutoff <= order[3]:
            raise ValidationError({"cutoff": _("Giờ chốt tiếp nhận phải nằm trong giờ làm việc.")})

    def as_sessions(self):
        return deadlines.Sessions.from_times(
            self.valid_from,
            self.morning_start,
            self.morning_end,
            self.afternoon_start,
            self.afternoon_end,
            self.cutoff,
        )


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ thêm")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarOverride(TimeStampedModel):
    """A day the province (or the Government) decided differently from the statutory calendar."""

    calendar = models.ForeignKey(
        WorkCalendar, verbose_name=_("lịch làm việc"), on_delete=models.CASCADE, related_name="overrides"
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    name = models.CharField(_("tên gọi"), max_length=200)
    document_number = models.CharField(_("số văn bản"), max_length=30, blank=True)
    document_notation = models.CharField(_("ký hiệu văn bản"), max_length=50, blank=True)
    document_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    document_issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    provisional = models.BooleanField(
        _("dự kiến"), default=False, help_text=_("Chưa có văn bản quyết định; cập nhật khi có văn bản.")
    )
    note = models.TextField(_("ghi chú, nguồn"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ngày điều chỉnh")
        verbose_name_plural = _("ngày nghỉ thêm, ngày làm việc bù")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="override_calendar_date_uniq"),
            models.CheckConstraint(condition=Q(kind__in=OverrideKind.values), name="override_kind_valid"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.name}"

    @property
    def document_reference(self):
        """ "12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ", as far as known."""
        code = "/".join(part for part in (self.document_number, self.document_notation) if part)
        parts = [code] if code else []
        if self.document_date:
            parts.append(gettext("ngày %(date)s") % {"date": f"{self.document_date:%d/%m/%Y}"})
        if self.document_issuer:
            parts.append(gettext("của %(issuer)s") % {"issuer": self.document_issuer})
        return " ".join(parts)
