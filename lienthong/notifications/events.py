"""The events a message template can be written for, the variables each offers, and sample values
for the preview and the validation of an edited template."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

APPLICANT, OFFICER = "applicant", "officer"

_DOSSIER = {
    "code": "000.10.22.H56-261117-0001",
    "applicant_name": "Trần Thị Hồng",
    "procedure_name": "Đăng ký khai sinh",
    "procedure_code": "1.001193",
    "agency_name": "UBND xã Thử Nghiệm",
    "appointment": "17:30 ngày 24/11/2026",
    "lookup_url": "http://127.0.0.1:8000/tra-cuu/000.10.22.H56-261117-0001",
    "platform_name": "LienThong",
    "reasons": "Hồ sơ chưa đủ điều kiện theo quy định.",
}


@dataclass(frozen=True)
class Event:
    key: str
    label: str
    audience: str
    extra: dict = field(default_factory=dict)

    @property
    def sample(self):
        return {**_DOSSIER, **self.extra}

    @property
    def variables(self):
        return sorted(self.sample)


def _applicant(action, label, **extra):
    return Event(f"dossier.{action}", label, APPLICANT, extra)


def _officer(level, label):
    extra = {
        "step_name": "Thẩm định hồ sơ",
        "deadline": "17:30 ngày 18/11/2026",
        "level": str(label),
        "dossier_url": "http://127.0.0.1:8000/mot-cua/ho-so/000.10.22.H56-261117-0001/",
    }
    return Event(f"dossier.deadline_{level}", label, OFFICER, extra)


EVENTS = {
    e.key: e
    for e in (
        _applicant("accept", _("Tiếp nhận hồ sơ"), received_at="09:15 ngày 17/11/2026"),
        _applicant("refuse_at_receipt", _("Từ chối tiếp nhận")),
        _applicant(
            "redirect", _("Hướng dẫn nộp tại cơ quan có thẩm quyền"), redirect_agency="UBND xã Bên Cạnh"
        ),
        _applicant(
            "request_supplement",
            _("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
            items=["Bản sao giấy chứng sinh", "Tờ khai theo mẫu"],
            items_text="Bản sao giấy chứng sinh; Tờ khai theo mẫu",
        ),
        _applicant("receive_supplement", _("Tiếp nhận hồ sơ bổ sung")),
        _applicant("request_obligation", _("Yêu cầu thực hiện nghĩa vụ tài chính"), total="1.250.000 đồng"),
        _applicant(
            "apologise", _("Xin lỗi, hẹn lại ngày trả kết quả"), old_appointment="17:30 ngày 20/11/2026"
        ),
        _applicant("refuse", _("Từ chối giải quyết")),
        _applicant("stop", _("Dừng giải quyết")),
        _applicant("withdraw", _("Rút hồ sơ")),
        _applicant("approve", _("Đã có kết quả, mời nhận kết quả")),
        _applicant(
            "return_result",
            _("Trả kết quả"),
            delivery_method="Tại Bộ phận Một cửa",
            received_by="Trần Thị Hồng",
        ),
        _officer("due_soon", _("Hồ sơ sắp đến hạn")),
        _officer("due_today", _("Hồ sơ đến hạn hôm nay")),
        _officer("overdue", _("Hồ sơ quá hạn")),
    )
}


def label(key):
    event = EVENTS.get(key)
    return event.label if event else key
