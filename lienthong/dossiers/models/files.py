"""Files of a dossier: scanned or uploaded components, supplements and results."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lienthong.dossiers.models.choices import CopyType, FilePurpose


def dossier_file_path(instance, filename):
    # The stored name is random: the applicant's file name is kept in ``original_name`` only.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"dossiers/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class DossierFile(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="files"
    )
    component = models.ForeignKey(
        "catalog.DossierComponent",
        verbose_name=_("thành phần hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(_("loại tệp"), max_length=12, choices=FilePurpose.choices)
    copy_type = models.CharField(
        _("hình thức"), max_length=16, choices=CopyType.choices, default=CopyType.ELECTRONIC
    )
    file = models.FileField(_("tệp"), upload_to=dossier_file_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    # Paper handed in at the counter and scanned there (số hóa), as opposed to uploaded by the applicant.
    digitised = models.BooleanField(_("số hóa tại Bộ phận Một cửa"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    # A replaced file stays for the record; only the latest one per component is current.
    replaced_at = models.DateTimeField(_("bị thay thế lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        ordering = ["dossier", "purpose", "component", "id"]
        indexes = [models.Index(fields=["dossier", "purpose"], name="dossier_file_purpose_idx")]

    def __str__(self):
        return self.original_name
