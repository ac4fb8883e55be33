"""Value lists of the one-stop dossier (regulations.md §4.3, §4.4, §6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.IntegerChoices):
    """KenhThucHien, the national channel codes."""

    COUNTER = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POST = 3, _("Qua dịch vụ bưu chính công ích")


class ApplicantKind(models.IntegerChoices):
    """LoaiDoiTuong: 1 citizen, 2 organisation or business."""

    PERSON = 1, _("Công dân")
    ORGANISATION = 2, _("Tổ chức, doanh nghiệp")


class State(models.TextChoices):
    """Internal states; transitions.NATIONAL_STATUS maps each to a national code 1–10."""

    NEW = "new", _("Mới đăng ký")
    RECEIVED = "received", _("Đã tiếp nhận")
    REFUSED_AT_RECEIPT = "refused_at_receipt", _("Từ chối tiếp nhận")
    REDIRECTED = "redirected", _("Đã hướng dẫn nộp tại cơ quan có thẩm quyền")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Chờ bổ sung hồ sơ")
    FINANCIAL_OBLIGATION = "financial_obligation", _("Chờ thực hiện nghĩa vụ tài chính")
    APPROVED = "approved", _("Đã có kết quả, chờ trả")
    REFUSED = "refused", _("Từ chối giải quyết")
    STOPPED = "stopped", _("Dừng xử lý")
    WITHDRAWN = "withdrawn", _("Công dân rút hồ sơ")
    RETURNED = "returned", _("Đã trả kết quả")


class Timeliness(models.TextChoices):
    """Trước hạn / đúng hạn / quá hạn (Decision 766/QĐ-TTg, indicator 2.1)."""

    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class DeliveryMethod(models.TextChoices):
    COUNTER = "counter", _("Tại Bộ phận Một cửa")
    POST = "post", _("Qua dịch vụ bưu chính")
    ELECTRONIC = "electronic", _("Trực tuyến (bản điện tử)")


class CopyType(models.TextChoices):
    """How a component was handed in (bản chính, bản sao có chứng thực, bản chụp, bản điện tử)."""

    ORIGINAL = "original", _("Bản chính")
    CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực")
    COPY = "copy", _("Bản chụp, bản sao")
    ELECTRONIC = "electronic", _("Bản điện tử")


class FilePurpose(models.TextChoices):
    COMPONENT = "component", _("Thành phần hồ sơ")
    SUPPLEMENT = "supplement", _("Hồ sơ bổ sung")
    RESULT = "result", _("Kết quả giải quyết")
    OTHER = "other", _("Tài liệu khác")


class Satisfaction(models.TextChoices):
    """The three national satisfaction levels (regulations.md §2.4)."""

    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    DISSATISFIED = "dissatisfied", _("Không hài lòng")
