"""The one-stop dossier (hồ sơ), its process steps, its history and the daily code counter.

Only ``lienthong.dossiers.services`` writes these rows; history rows are append-only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lienthong.accounts.roles import Role
from lienthong.core.models import AppendOnlyQuerySet, TimeStampedModel
from lienthong.core.text import fold
from lienthong.dossiers.models.choices import (
    ApplicantKind,
    Channel,
    DeliveryMethod,
    State,
    Timeliness,
)


class Dossier(TimeStampedModel):
    code = models.CharField(_("mã hồ sơ"), max_length=60, unique=True, null=True, blank=True)
    code_scheme = models.CharField(_("quy tắc mã"), max_length=40, blank=True)
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("thủ tục (phiên bản)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    receiving_agency = models.ForeignKey(
        "directory.Agency", verbose_name=_("cơ quan tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    handling_agency = models.ForeignKey(
        "directory.Agency", verbose_name=_("cơ quan đang xử lý"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.PositiveSmallIntegerField(_("kênh nộp"), choices=Channel.choices)

    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    applicant_kind = models.PositiveSmallIntegerField(_("loại đối tượng"), choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("tên người nộp, tổ chức"), max_length=255)
    # Folded (no diacritics) for searches typed without them; set on save.
    applicant_name_folded = models.CharField(max_length=255, editable=False, default="", db_index=True)
    applicant_id_number = models.CharField(_("số định danh cá nhân hoặc mã số thuế"), max_length=20)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    representative_name = models.CharField(_("người đại diện"), max_length=255, blank=True)
    representative_id_number = models.CharField(_("số định danh người đại diện"), max_length=20, blank=True)

    eform_data = models.JSONField(_("dữ liệu biểu mẫu điện tử"), default=dict, blank=True)
    components = models.JSONField(_("thành phần hồ sơ đã nộp"), default=list, blank=True)
    sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)
    # Received regardless of administrative boundary (phi địa giới hành chính), regulations.md §1.
    out_of_area = models.BooleanField(_("tiếp nhận không phụ thuộc địa giới"), default=False)

    state = models.CharField(_("trạng thái"), max_length=30, choices=State.choices, default=State.NEW)
    national_status = models.PositiveSmallIntegerField(_("mã trạng thái quốc gia"), default=1)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    appointment_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True, db_index=True)
    first_appointment_at = models.DateTimeField(_("ngày hẹn ban đầu"), null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    supplement_requested_at = models.DateTimeField(_("yêu cầu bổ sung lúc"), null=True, blank=True)
    paused_seconds = models.PositiveBigIntegerField(_("thời gian chờ bổ sung (giây làm việc)"), default=0)
    obligation_requested_at = models.DateTimeField(
        _("yêu cầu thực hiện nghĩa vụ tài chính lúc"), null=True, blank=True
    )
    apology_count = models.PositiveSmallIntegerField(_("số lần xin lỗi, hẹn lại"), default=0)
    finished_at = models.DateTimeField(_("kết thúc xử lý lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    delivery_method = models.CharField(
        _("hình thức trả kết quả"), max_length=20, choices=DeliveryMethod.choices, blank=True
    )
    result_received_by = models.CharField(_("người nhận kết quả"), max_length=255, blank=True)
    timeliness = models.CharField(
        _("kết quả đúng hạn"), max_length=10, choices=Timeliness.choices, blank=True
    )
    outcome_note = models.TextField(_("lý do, ghi chú kết quả"), blank=True)
    redirected_to = models.ForeignKey(
        "directory.Agency",
        verbose_name=_("hướng dẫn nộp tại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    step_index = models.PositiveSmallIntegerField(_("bước hiện tại"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    idempotency_key = models.CharField(
        _("khóa chống trùng"), max_length=100, unique=True, null=True, blank=True
    )
    version = models.PositiveIntegerField(_("phiên bản bản ghi"), default=1)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(national_status__range=(1, 10)), name="dossier_national_status_range"
            ),
        ]
        indexes = [
            models.Index(fields=["handling_agency", "state"], name="dossier_handling_state_idx"),
            models.Index(fields=["receiving_agency", "state"], name="dossier_receiving_state_idx"),
            models.Index(fields=["assignee", "state"], name="dossier_assignee_state_idx"),
        ]

    def __str__(self):
        return self.code or f"#{self.pk} {self.applicant_name}"

    def save(self, *args, **kwargs):
        self.applicant_name_folded = fold(self.applicant_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "applicant_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "applicant_name_folded"}
        super().save(*args, **kwargs)


class DossierStep(models.Model):
    """One step of the internal process as this dossier went through it (the process-control slip)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="steps"
    )
    index = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("tên bước"), max_length=300)
    agency = models.ForeignKey(
        "directory.Agency", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    duration = models.DecimalField(_("thời gian (ngày làm việc)"), max_digits=9, decimal_places=3, null=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    deadline = models.DateTimeField(_("hạn xử lý"))
    finished_at = models.DateTimeField(_("hoàn thành"), null=True, blank=True)
    result = models.CharField(_("kết quả"), max_length=10, choices=Timeliness.choices, blank=True)

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("phiếu kiểm soát quá trình")
        ordering = ["dossier", "id"]
        indexes = [models.Index(fields=["agency", "finished_at"], name="dossier_step_agency_idx")]

    def __str__(self):
        return f"{self.index}. {self.name}"


class DossierEvent(models.Model):
    """Append-only history: a correction is a new row."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="events"
    )
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=40)
    from_state = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=30)
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["dossier", "at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Dossier history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Dossier history is append-only.")


class DailyCounter(models.Model):
    """Last sequence number issued by an agency on a reception day (row locked while issuing)."""

    agency = models.ForeignKey(
        "directory.Agency", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("ngày"))
    last_value = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossier_counter_agency_day_uniq")
        ]

    def __str__(self):
        return f"{self.agency_id} {self.day}: {self.last_value}"
