"""The province's structure: administrative units, agencies and their units, officials (CSDL CB, CC, VC)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lienthong.core.models import TimeStampedModel
from lienthong.core.text import fold
from lienthong.directory.validators import AGENCY_CODE_RE


class DivisionType(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_trung_uong", _("Thành phố trực thuộc trung ương")
    DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho_thuoc_tinh", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")


class AdministrativeUnitQuerySet(models.QuerySet):
    def valid_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class AdministrativeUnit(models.Model):
    """An administrative unit at any depth (province → [district →] commune), with its validity.

    Units merged on 1 Jul 2025 keep their rows with ``valid_until`` = 30 Jun 2025 and point to
    their successors, so historical dossiers and documents still resolve.
    """

    code = models.CharField(_("mã"), max_length=10, db_index=True)
    name = models.CharField(_("tên"), max_length=150)
    name_folded = models.CharField(max_length=150, editable=False, db_index=True)
    codename = models.SlugField(_("tên mã"), max_length=150, blank=True)
    division_type = models.CharField(_("loại"), max_length=30, choices=DivisionType.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), editable=False, default=1)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến hết"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị kế thừa"), symmetrical=False, blank=True, related_name="predecessors"
    )

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "division_type", "valid_from"], name="unit_code_type_from_uniq"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="unit_validity_order",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        self.level = self.parent.level + 1 if self.parent_id else 1
        super().save(*args, **kwargs)

    def ancestors(self):
        """From the top (province) down to the parent."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class AgencyKind(models.TextChoices):
    PROVINCIAL_PEOPLES_COMMITTEE = "ubnd_tinh", _("UBND tỉnh")
    PROVINCIAL_OFFICE = "van_phong_ubnd", _("Văn phòng UBND")
    DEPARTMENT = "so_ban_nganh", _("Sở, ban, ngành")
    SERVICE_CENTRE = "trung_tam_pvhcc", _("Trung tâm Phục vụ hành chính công")
    DISTRICT_PEOPLES_COMMITTEE = "ubnd_huyen", _("UBND huyện (trước 01/7/2025)")
    COMMUNE_PEOPLES_COMMITTEE = "ubnd_xa", _("UBND xã, phường, đặc khu")
    PUBLIC_SERVICE_UNIT = "don_vi_su_nghiep", _("Đơn vị sự nghiệp")
    CENTRAL_BRANCH = "co_quan_trung_uong", _("Cơ quan trung ương đóng tại địa phương")
    OTHER = "khac", _("Khác")


class Agency(TimeStampedModel):
    """A state agency (cơ quan, đơn vị) with its QCVN 102:2016 identifier code."""

    name = models.CharField(_("tên cơ quan"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại cơ quan"), max_length=30, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    administrative_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    code = models.CharField(
        _("mã định danh (QCVN 102:2016)"),
        max_length=40,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Dạng DDD.CC.BB.AXX, ví dụ 000.00.09.H61. Mã sai dạng vẫn được lưu kèm cảnh báo."),
    )
    code_is_standard = models.BooleanField(_("mã đúng dạng QCVN 102"), default=True, editable=False)
    code_qd20 = models.CharField(_("mã định danh (QĐ 20/2020)"), max_length=35, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin điện tử"), blank=True)
    has_one_stop_desk = models.BooleanField(_("có Bộ phận Một cửa"), default=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến hết"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path", "sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(f"{self.name} {self.short_name}")
        if self.code is not None:
            self.code = self.code.strip() or None
        self.code_is_standard = self.code is None or bool(AGENCY_CODE_RE.match(self.code))
        super().save(*args, **kwargs)
        self._refresh_path()

    def _refresh_path(self):
        """Materialised path ``/1/5/23/`` so that "this agency and everything under it" is one LIKE."""
        parent_path = (
            Agency.objects.filter(pk=self.parent_id).values_list("path", flat=True).first()
            if self.parent_id
            else ""
        )
        new_path = f"{parent_path or '/'}{self.pk}/"
        if new_path == self.path:
            return
        old_path = self.path
        Agency.objects.filter(pk=self.pk).update(path=new_path)
        if old_path:
            for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                Agency.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])
        self.path = new_path

    def subtree(self):
        return Agency.objects.filter(path__startswith=self.path)

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        by_id = Agency.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class InternalUnit(TimeStampedModel):
    """An internal unit of an agency (phòng, ban, đơn vị trực thuộc)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("tên phòng, đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    code = models.CharField(_("mã"), max_length=40, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("phòng, đơn vị trực thuộc")
        verbose_name_plural = _("phòng, đơn vị trực thuộc")
        ordering = ["agency", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="internal_unit_name_uniq")]

    def __str__(self):
        return f"{self.name} — {self.agency.short_name or self.agency.name}"


class Position(models.Model):
    """Chức vụ (e.g. Giám đốc, Phó Giám đốc, Trưởng phòng, Chuyên viên)."""

    name = models.CharField(_("chức vụ"), max_length=120, unique=True)
    is_leader = models.BooleanField(_("là lãnh đạo"), default=False)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Rank(models.Model):
    """Ngạch công chức, viên chức with its official code (e.g. 01.003 Chuyên viên)."""

    code = models.CharField(_("mã ngạch"), max_length=20, unique=True)
    name = models.CharField(_("tên ngạch"), max_length=150)

    class Meta:
        verbose_name = _("ngạch")
        verbose_name_plural = _("ngạch")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Gender(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class Official(TimeStampedModel):
    """A cán bộ, công chức, viên chức of the province (the officials database)."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    name_folded = models.CharField(max_length=150, editable=False, db_index=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    citizen_id = models.CharField(_("số định danh cá nhân"), max_length=12, unique=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="officials"
    )
    internal_unit = models.ForeignKey(
        InternalUnit,
        verbose_name=_("phòng, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officials",
    )
    position = models.ForeignKey(
        Position, verbose_name=_("chức vụ"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rank = models.ForeignKey(
        Rank, verbose_name=_("ngạch"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)

    class Meta:
        verbose_name = _("cán bộ, công chức, viên chức")
        verbose_name_plural = _("cán bộ, công chức, viên chức")
        ordering = ["agency__path", "full_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.full_name)
        super().save(*args, **kwargs)
