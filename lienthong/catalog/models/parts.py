"""The parts of a procedure version: fees and charges, dossier components, internal process steps.

They belong to one version and are copied when a new version is made, never edited once published.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lienthong.accounts.roles import Role
from lienthong.catalog.models.choices import FeeKind, Level, Requirement
from lienthong.catalog.models.procedure import ProcedureVersion
from lienthong.directory.models import AgencyKind


class Fee(models.Model):
    """Lệ phí or phí: amount in VND (None when set by a formula the description states)."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="fees"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    kind = models.CharField(_("loại"), max_length=10, choices=FeeKind.choices, default=FeeKind.LE_PHI)
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"), null=True, blank=True)
    description = models.CharField(_("tên, mô tả"), max_length=500, blank=True)
    conditions = models.TextField(_("trường hợp áp dụng"), blank=True)
    exemptions = models.TextField(_("miễn, giảm"), blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        amount = "—" if self.amount is None else f"{self.amount:,}".replace(",", ".") + " " + gettext("đồng")
        return f"{self.get_kind_display()}: {amount}"


def form_template_path(instance, filename):
    return f"catalog/forms/{filename}"


class DossierComponent(models.Model):
    """Thành phần hồ sơ: a paper the applicant submits, with how many originals and copies."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="components"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    requirement = models.CharField(
        _("yêu cầu"), max_length=12, choices=Requirement.choices, default=Requirement.REQUIRED
    )
    condition = models.TextField(_("trường hợp phải nộp"), blank=True)
    form_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=255, blank=True)
    form_template = models.FileField(_("tệp mẫu"), upload_to=form_template_path, blank=True, max_length=255)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.name


class ProcessStep(models.Model):
    """One step of the internal process (quy trình nội bộ) with its share of the processing time."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="process_steps"
    )
    position = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("tên bước"), max_length=300)
    agency = models.ForeignKey(
        "directory.Agency",
        verbose_name=_("cơ quan thực hiện bước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency_kind = models.CharField(
        _("cơ quan theo loại"), max_length=30, choices=AgencyKind.choices, blank=True
    )
    unit_name = models.CharField(_("bộ phận, phòng"), max_length=255, blank=True)
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    duration = models.DecimalField(_("thời gian"), max_digits=9, decimal_places=3)
    actions = models.JSONField(_("thao tác được phép"), default=list)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices, blank=True)
    is_interagency = models.BooleanField(_("bước liên thông (cơ quan, cấp khác)"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="process_step_position_uniq"),
            models.CheckConstraint(condition=models.Q(duration__gte=0), name="process_step_duration_gte_0"),
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"
