"""What a dossier owes (khoản thu): fees and charges of the procedure, and the financial obligation.

Only ``lienthong.payments.services`` writes these rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChargeKind(models.TextChoices):
    PHI = "phi", _("Phí")
    LE_PHI = "le_phi", _("Lệ phí")
    # Thuế, tiền sử dụng đất, lệ phí trước bạ…: paid before the result (regulations.md §2.2(7)).
    OBLIGATION = "obligation", _("Nghĩa vụ tài chính")
    OTHER = "other", _("Khoản thu khác")


class ChargeStatus(models.TextChoices):
    DUE = "due", _("Chưa nộp")
    PAID = "paid", _("Đã nộp")
    WAIVED = "waived", _("Được miễn")
    CANCELLED = "cancelled", _("Đã hủy")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tiền mặt tại quầy")
    TRANSFER = "transfer", _("Chuyển khoản")
    ONLINE = "online", _("Thanh toán trực tuyến")


class Charge(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="charges"
    )
    kind = models.CharField(_("loại khoản thu"), max_length=12, choices=ChargeKind.choices)
    description = models.CharField(_("nội dung"), max_length=500)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    # Part of a financial-obligation request: paying the last one resumes processing.
    obligation = models.BooleanField(_("thuộc yêu cầu nghĩa vụ tài chính"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ChargeStatus.choices, default=ChargeStatus.DUE
    )
    requested_at = models.DateTimeField(_("yêu cầu nộp lúc"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paid_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    method = models.CharField(_("hình thức nộp"), max_length=10, choices=PaymentMethod.choices, blank=True)
    receipt_number = models.CharField(_("số biên lai"), max_length=60, blank=True)
    # The provider's or the desk's transaction id: the same reference never pays twice.
    reference = models.CharField(_("mã giao dịch"), max_length=100, unique=True, null=True, blank=True)
    note = models.TextField(_("ghi chú, lý do miễn"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("khoản thu")
        verbose_name_plural = _("khoản thu")
        ordering = ["dossier", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_charge_amount_positive"),
        ]
        indexes = [models.Index(fields=["dossier", "status"], name="payments_charge_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount:,}".replace(",", ".") + " đ"
