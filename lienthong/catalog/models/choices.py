"""Value lists of the catalogue (regulations.md §4.2, §5.1, §7.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Cấp thực hiện. Districts were abolished on 1 Jul 2025; kept for procedures published before."""

    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")


class ProcedureType(models.TextChoices):
    STANDARD = "standard", _("Thủ tục thông thường")
    SPECIFIC = "specific", _("Thủ tục đặc thù")
    DELEGATED = "delegated", _("Thủ tục được luật giao quy định chi tiết")
    INTERCONNECTED = "interconnected", _("Thủ tục liên thông")
    INTERNAL = "internal", _("Thủ tục nội bộ")
    INTERNAL_INTERCONNECTED = "internal_interconnected", _("Thủ tục nội bộ liên thông")


class TimeUnit(models.TextChoices):
    """How the processing time is stated (value + unit per version, regulations.md §7.2)."""

    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    WITHIN_DAY = "within_day", _("trong ngày")


class CountingMode(models.TextChoices):
    """Day mode: due at the end of the N-th working day. Hour mode: 8 working hours make a day."""

    DAY = "day", _("Tính theo ngày làm việc")
    HOUR = "hour", _("Tính theo giờ làm việc")


class OnlineCategory(models.TextChoices):
    """Decree 42/2022/NĐ-CP: end-to-end, partial, or not an online public service."""

    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Không trực tuyến")


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đang áp dụng")
    SUPERSEDED = "superseded", _("Đã được thay thế")
    WITHDRAWN = "withdrawn", _("Đã bãi bỏ")


class ResultType(models.TextChoices):
    CERTIFICATE = "certificate", _("Giấy chứng nhận")
    LICENCE = "licence", _("Giấy phép")
    DECISION = "decision", _("Quyết định")
    EXTRACT = "extract", _("Trích lục, bản sao")
    CONFIRMATION = "confirmation", _("Văn bản xác nhận")
    CERTIFICATION = "certification", _("Chứng thực")
    RECORD = "record", _("Phiếu, thẻ")
    OTHER = "other", _("Khác")


class FeeKind(models.TextChoices):
    LE_PHI = "le_phi", _("Lệ phí")
    PHI = "phi", _("Phí")


class Requirement(models.TextChoices):
    REQUIRED = "required", _("Bắt buộc")
    CONDITIONAL = "conditional", _("Theo trường hợp")


class Action(models.TextChoices):
    """What an officer may do at a step of the internal process (quy trình nội bộ)."""

    RECEIVE = "receive", _("Tiếp nhận hồ sơ")
    ASSIGN = "assign", _("Phân công")
    PROCESS = "process", _("Xử lý, thẩm định")
    VERIFY = "verify", _("Xác minh, kiểm tra thực tế")
    CONSULT = "consult", _("Lấy ý kiến cơ quan phối hợp")
    REVIEW = "review", _("Xem xét, trình duyệt")
    APPROVE = "approve", _("Phê duyệt")
    SIGN = "sign", _("Ký số")
    TRANSFER = "transfer", _("Chuyển hồ sơ")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung hồ sơ")
    REFUSE = "refuse", _("Từ chối giải quyết")
    APOLOGISE = "apologise", _("Xin lỗi, hẹn lại ngày trả")
    COLLECT_FEE = "collect_fee", _("Thu phí, lệ phí")
    RETURN_RESULT = "return_result", _("Trả kết quả")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POST = "post", _("Dịch vụ bưu chính")
