"""The printed one-stop forms: semantic id → template, and its number and title per legal version.

regulations.md §3.1: TT 01/2018/TT-VPCP [confirmed] had six forms; TT 03/2025/TT-VPCP [probable] has
seven (a new stop notice, 05, shifts the control slip to 06 and the tracking book to 07). Which
numbering is printed is the setting ``DOSSIER_FORMS_NUMBERING`` ("2025" by default, or "2018").
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NUMBERINGS = ("2025", "2018")
INSTRUMENTS = {"2025": "Thông tư số 03/2025/TT-VPCP", "2018": "Thông tư số 01/2018/TT-VPCP"}


@dataclass(frozen=True)
class FormSpec:
    id: str
    template: str
    title: str
    numbers: dict  # numbering → "01" …, absent when that version has no such form
    titles: dict = field(default_factory=dict)  # numbering → title, when it differs
    per_dossier: bool = True
    landscape: bool = False

    def number(self, numbering):
        return self.numbers.get(numbering, "")

    def title_in(self, numbering):
        return self.titles.get(numbering, self.title)


_SPECS = (
    FormSpec(
        "receipt",
        "dossiers/print/receipt.html",
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        {"2018": "01", "2025": "01"},
    ),
    FormSpec(
        "supplement_request",
        "dossiers/print/supplement_request.html",
        "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        {"2018": "02", "2025": "02"},
    ),
    FormSpec(
        "refusal",
        "dossiers/print/refusal.html",
        "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
        {"2018": "03", "2025": "03"},
    ),
    FormSpec(
        "apology",
        "dossiers/print/apology.html",
        "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
        {"2018": "04", "2025": "04"},
        titles={"2025": "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"},
    ),
    FormSpec(
        "stop_notice",
        "dossiers/print/stop_notice.html",
        "Thông báo dừng giải quyết hồ sơ",
        {"2025": "05"},
    ),
    FormSpec(
        "control_slip",
        "dossiers/print/control_slip.html",
        "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        {"2018": "05", "2025": "06"},
    ),
    FormSpec(
        "tracking_book",
        "dossiers/print/tracking_book.html",
        "Sổ theo dõi hồ sơ",
        {"2018": "06", "2025": "07"},
        per_dossier=False,
        landscape=True,
    ),
)
FORMS = {spec.id: spec for spec in _SPECS}
DOSSIER_FORMS = tuple(spec.id for spec in _SPECS if spec.per_dossier)


def numbering(value=None):
    """The numbering in force: ``value`` if given, else the setting; anything else is a setup error."""
    value = str(value or getattr(settings, "DOSSIER_FORMS_NUMBERING", "2025")).strip()
    if value not in NUMBERINGS:
        raise ImproperlyConfigured(f"DOSSIER_FORMS_NUMBERING must be one of {NUMBERINGS}, not {value!r}.")
    return value


def form_number(form_id, value=None):
    """ "Mẫu số 05", or "" when the numbering in force has no such form (the 2018 stop notice)."""
    number = FORMS[form_id].number(numbering(value))
    return f"Mẫu số {number}" if number else ""
