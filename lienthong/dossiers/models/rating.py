"""The applicant's satisfaction rating of a dossier's handling (regulations.md §2.4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lienthong.dossiers.models.choices import Satisfaction


class Rating(models.Model):
    class Source(models.TextChoices):
        COUNTER = "counter", _("Tại quầy (máy đánh giá)")
        PORTAL = "portal", _("Cổng dịch vụ công")
        QR = "qr", _("Mã QR trên giấy tiếp nhận")
        SMS = "sms", _("Tin nhắn")

    dossier = models.OneToOneField(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="rating"
    )
    level = models.CharField(_("mức độ hài lòng"), max_length=16, choices=Satisfaction.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    source = models.CharField(_("nơi đánh giá"), max_length=10, choices=Source.choices)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đánh giá"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("đánh giá lúc"))

    class Meta:
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = _("đánh giá mức độ hài lòng")
        indexes = [models.Index(fields=["level", "rated_at"], name="dossier_rating_level_idx")]

    def __str__(self):
        return f"{self.dossier_id}: {self.get_level_display()}"
