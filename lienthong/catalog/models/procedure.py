"""Procedures (thủ tục hành chính) and their versions.

A ``Procedure`` is the stable identity (national and local codes). Everything the province publishes
about it lives on a ``ProcedureVersion``: a published version is never edited, a change makes the
next version, and dossiers point at the version they were received under (regulations.md §1).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lienthong.catalog.models.choices import (
    Channel,
    CountingMode,
    Level,
    OnlineCategory,
    ProcedureType,
    PublicationState,
    ResultType,
    TimeUnit,
)
from lienthong.core.models import TimeStampedModel
from lienthong.directory.models import AgencyKind


class Field(TimeStampedModel):
    """Lĩnh vực (sector), e.g. Hộ tịch, Chứng thực, Thành lập và hoạt động doanh nghiệp."""

    code = models.CharField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Procedure(TimeStampedModel):
    """The stable identity of a procedure: the national code (mã TTHC) and/or a local code."""

    national_code = models.CharField(
        _("mã thủ tục (CSDL quốc gia)"),
        max_length=60,
        blank=True,
        help_text=_(
            "Dạng 1.000894; biến thể địa phương (ví dụ 1.000894.000.00.00.H61) được lưu kèm cảnh báo."
        ),
    )
    code_is_standard = models.BooleanField(_("mã đúng dạng quốc gia"), default=True, editable=False)
    local_code = models.CharField(
        _("mã nội bộ của tỉnh"),
        max_length=60,
        blank=True,
        help_text=_("Dùng khi thủ tục chưa có hoặc chưa đối chiếu được mã trên CSDL quốc gia."),
    )

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["national_code", "local_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_code"], condition=~Q(national_code=""), name="procedure_national_code_uniq"
            ),
            models.UniqueConstraint(
                fields=["local_code"], condition=~Q(local_code=""), name="procedure_local_code_uniq"
            ),
            models.CheckConstraint(
                condition=~Q(national_code="") | ~Q(local_code=""), name="procedure_has_a_code"
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def code(self):
        """The code used in addresses and lists: the national code, else the local one."""
        return self.national_code or self.local_code


class ProcedureVersion(TimeStampedModel):
    """Everything published about a procedure at one time. Published versions are read-only."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    state = models.CharField(
        _("trạng thái công bố"),
        max_length=20,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
    )
    is_current = models.BooleanField(_("là phiên bản đang áp dụng"), default=False, editable=False)

    name = models.CharField(_("tên thủ tục"), max_length=500)
    name_folded = models.CharField(max_length=500, editable=False, default="")
    search_folded = models.TextField(editable=False, default="")
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+")
    procedure_type = models.CharField(
        _("loại thủ tục"), max_length=30, choices=ProcedureType.choices, default=ProcedureType.STANDARD
    )
    level_province = models.BooleanField(Level.PROVINCE.label, default=False)
    level_commune = models.BooleanField(Level.COMMUNE.label, default=False)
    level_district = models.BooleanField(Level.DISTRICT.label, default=False)

    competent_agency = models.ForeignKey(
        "directory.Agency",
        verbose_name=_("cơ quan có thẩm quyền"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    competent_agency_kind = models.CharField(
        _("cơ quan có thẩm quyền (theo loại)"),
        max_length=30,
        choices=AgencyKind.choices,
        blank=True,
        help_text=_("Cho thủ tục mà mọi cơ quan cùng loại đều có thẩm quyền, ví dụ UBND xã."),
    )
    implementing_agencies = models.ManyToManyField(
        "directory.Agency", verbose_name=_("cơ quan thực hiện"), blank=True, related_name="+"
    )
    implementing_agency_kind = models.CharField(
        _("cơ quan thực hiện (theo loại)"),
        max_length=30,
        choices=AgencyKind.choices,
        blank=True,
        help_text=_("Mọi cơ quan thuộc loại này đều thực hiện thủ tục (ví dụ mọi UBND xã, phường)."),
    )
    coordinating_agencies = models.ManyToManyField(
        "directory.Agency", verbose_name=_("cơ quan phối hợp"), blank=True, related_name="+"
    )
    receiving_place = models.CharField(_("địa chỉ tiếp nhận hồ sơ"), max_length=500, blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    channel_in_person = models.BooleanField(_("nộp trực tiếp"), default=True)
    channel_online = models.BooleanField(_("nộp trực tuyến"), default=False)
    channel_post = models.BooleanField(_("nộp qua dịch vụ bưu chính"), default=False)

    time_value = models.DecimalField(_("thời hạn giải quyết"), max_digits=9, decimal_places=3)
    time_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    counting_mode = models.CharField(
        _("cách tính thời hạn"), max_length=10, choices=CountingMode.choices, default=CountingMode.DAY
    )
    cutoff_hour = models.TimeField(
        _("giờ chốt nhận hồ sơ"),
        null=True,
        blank=True,
        help_text=_(
            "Hồ sơ nhận sau giờ này tính từ ngày làm việc tiếp theo; để trống = mặc định của tỉnh (15:00)."
        ),
    )
    time_note = models.TextField(_("ghi chú thời hạn"), blank=True)

    steps_text = models.TextField(_("trình tự thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện thực hiện"), blank=True)
    legal_basis = models.JSONField(_("căn cứ pháp lý"), default=list, blank=True)
    result_type = models.CharField(
        _("loại kết quả"), max_length=20, choices=ResultType.choices, default=ResultType.OTHER
    )
    result_name = models.TextField(_("kết quả thực hiện"), blank=True)
    online_category = models.CharField(
        _("mức độ dịch vụ công trực tuyến (NĐ 42/2022)"),
        max_length=10,
        choices=OnlineCategory.choices,
        default=OnlineCategory.NONE,
    )
    legacy_online_level = models.PositiveSmallIntegerField(
        _("mức độ DVC cũ (1–4, NĐ 43/2011)"), null=True, blank=True
    )
    online_payment = models.BooleanField(_("thanh toán trực tuyến"), default=False)
    # Listed for receipt regardless of administrative boundary (phi địa giới), regulations.md §1.
    accepts_out_of_area = models.BooleanField(
        _("tiếp nhận không phụ thuộc địa giới hành chính"), default=False
    )
    keywords = models.CharField(_("từ khóa"), max_length=500, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    eform = models.JSONField(_("biểu mẫu điện tử"), default=dict, blank=True)

    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_until = models.DateField(_("hiệu lực đến hết"), null=True, blank=True)
    instrument = models.CharField(_("văn bản công bố"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    change_note = models.TextField(_("nội dung thay đổi"), blank=True)

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_number_uniq"),
            models.UniqueConstraint(
                fields=["procedure"], condition=Q(is_current=True), name="procedure_one_current_version"
            ),
            models.CheckConstraint(
                condition=Q(legacy_online_level__isnull=True) | Q(legacy_online_level__range=(1, 4)),
                name="procedure_legacy_level_range",
            ),
            models.CheckConstraint(condition=Q(time_value__gte=0), name="procedure_time_not_negative"),
        ]
        indexes = [
            models.Index(fields=["is_current", "name_folded"], name="catalog_current_name_idx"),
            models.Index(fields=["is_current", "field"], name="catalog_current_field_idx"),
            models.Index(fields=["is_current", "online_category"], name="catalog_current_online_idx"),
        ]

    def __str__(self):
        return f"{self.procedure.code} v{self.number} — {self.name}"

    @property
    def levels(self):
        return [
            level
            for level, on in (
                (Level.PROVINCE, self.level_province),
                (Level.COMMUNE, self.level_commune),
                (Level.DISTRICT, self.level_district),
            )
            if on
        ]

    @property
    def channels(self):
        return [
            channel
            for channel, on in (
                (Channel.IN_PERSON, self.channel_in_person),
                (Channel.ONLINE, self.channel_online),
                (Channel.POST, self.channel_post),
            )
            if on
        ]

    @property
    def is_editable(self):
        return self.state == PublicationState.DRAFT
