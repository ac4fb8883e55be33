from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lienthong.accounts.roles import Role


class AccountKind(models.TextChoices):
    OFFICIAL = "official", _("Cán bộ, công chức")
    CITIZEN = "citizen", _("Công dân")
    BUSINESS = "business", _("Tổ chức, doanh nghiệp")
    SYSTEM = "system", _("Hệ thống tích hợp")


class User(AbstractUser):
    """One account for an official, a citizen, a business or an integrated system."""

    kind = models.CharField(
        _("loại tài khoản"), max_length=20, choices=AccountKind.choices, default=AccountKind.CITIZEN
    )
    official = models.OneToOneField(
        "directory.Official",
        verbose_name=_("hồ sơ cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    citizen_id = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    organisation_name = models.CharField(_("tên tổ chức"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="official") | Q(official__isnull=False) | Q(is_superuser=True),
                name="official_account_has_record",
            )
        ]

    @property
    def display_name(self):
        if self.official_id:
            return self.official.full_name
        return self.get_full_name() or self.organisation_name or self.username


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class RoleAssignment(models.Model):
    """A role held by a user in an agency (and optionally one internal unit of it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        "directory.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    internal_unit = models.ForeignKey(
        "directory.InternalUnit",
        verbose_name=_("phòng, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("giao lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("vai trò được giao")
        verbose_name_plural = _("vai trò được giao")
        ordering = ["user", "agency", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency", "internal_unit"],
                condition=Q(revoked_at__isnull=True) & Q(internal_unit__isnull=False),
                name="active_role_unit_uniq",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(revoked_at__isnull=True) & Q(internal_unit__isnull=True),
                name="active_role_agency_uniq",
            ),
        ]

    def __str__(self):
        scope = self.internal_unit.name if self.internal_unit_id else self.agency.name
        return f"{self.get_role_display()} — {scope}"
