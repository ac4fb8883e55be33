"""Forms of the counter receipt screen: find the procedure, then the dossier itself.

They only parse and keep what was typed; the rules of receipt stay in ``services.receive``.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lienthong.catalog.models.choices import Requirement
from lienthong.directory import selectors as directory
from lienthong.dossiers.models import ApplicantKind, Channel, CopyType

OUTCOMES = {
    "accept": _("Tiếp nhận hồ sơ"),
    "refuse_at_receipt": _("Từ chối tiếp nhận"),
    "redirect": _("Hướng dẫn nộp tại cơ quan khác"),
}
COUNTER_COPY_TYPES = [
    (CopyType.ORIGINAL, CopyType.ORIGINAL.label),
    (CopyType.CERTIFIED_COPY, CopyType.CERTIFIED_COPY.label),
    (CopyType.COPY, _("Bản chụp")),
]
SCAN_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png")
SCAN_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class ProcedureSearchForm(forms.Form):
    """Step 1: the desk agency (when the officer serves several) and the procedure, by code or name."""

    agency = forms.TypedChoiceField(label=_("Tiếp nhận tại"), coerce=int, required=False)
    q = forms.CharField(
        label=_("Mã hoặc tên thủ tục"),
        max_length=200,
        required=False,
        help_text=_(
            "Gõ mã (ví dụ 1.000894) hoặc vài chữ của tên, có dấu hoặc không dấu (dang ky khai sinh)."
        ),
        widget=forms.TextInput(
            attrs={"type": "search", "autofocus": True, "accesskey": "k", "autocomplete": "off"}
        ),
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several scans of one component; only PDF, JPG and PNG."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": SCAN_ACCEPT, "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data] if data else []
        files = [super(MultipleFileField, self).clean(item, initial) for item in items]
        bad = [f.name for f in files if f and not f.name.lower().endswith(SCAN_SUFFIXES)]
        if bad:
            raise ValidationError(
                _("Chỉ nhận tệp PDF, JPG hoặc PNG; không nhận: %(names)s.") % {"names": ", ".join(bad)}
            )
        return [f for f in files if f]


class FirstFocusRadioSelect(forms.RadioSelect):
    """Radio buttons whose first option takes the focus when the page opens (one autofocus per page)."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["index"] != "0":
            option["attrs"].pop("autofocus", None)
        return option


class CounterForm(forms.Form):
    """Step 2: applicant, channel, the components handed in (with scans) and the outcome."""

    procedure = forms.CharField(widget=forms.HiddenInput)
    agency = forms.IntegerField(widget=forms.HiddenInput)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    applicant_kind = forms.TypedChoiceField(
        label=_("Người nộp là"),
        coerce=int,
        choices=ApplicantKind.choices,
        initial=ApplicantKind.PERSON,
        widget=FirstFocusRadioSelect(attrs={"autofocus": True}),
    )
    applicant_name = forms.CharField(
        label=_("Họ tên người nộp hoặc tên tổ chức"),
        max_length=255,
        widget=forms.TextInput(attrs={"accesskey": "h", "autocomplete": "off"}),
        error_messages={"required": _("Nhập tên người nộp hoặc tên tổ chức.")},
    )
    applicant_id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD) hoặc mã số thuế"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Nhập số định danh cá nhân hoặc mã số thuế.")},
    )
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    applicant_phone = forms.CharField(
        label=_("Điện thoại"), max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    applicant_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    representative_name = forms.CharField(
        label=_("Người đại diện, người nộp thay"), max_length=255, required=False
    )
    representative_id_number = forms.CharField(
        label=_("Số định danh của người đại diện"), max_length=20, required=False
    )
    channel = forms.TypedChoiceField(
        label=_("Hình thức nộp"),
        coerce=int,
        choices=[(Channel.COUNTER, Channel.COUNTER.label), (Channel.POST, Channel.POST.label)],
        initial=Channel.COUNTER,
        widget=forms.RadioSelect,
    )
    sets = forms.IntegerField(
        label=_("Số bộ hồ sơ"),
        min_value=1,
        max_value=20,
        initial=1,
        error_messages={"required": _("Nhập số bộ hồ sơ."), "min_value": _("Ít nhất 1 bộ.")},
    )
    out_of_area = forms.BooleanField(
        label=_("Tiếp nhận không phụ thuộc địa giới hành chính (người nộp cư trú nơi khác)"), required=False
    )
    reasons = forms.CharField(
        label=_("Lý do từ chối hoặc hướng dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    redirect_to = forms.ModelChoiceField(
        label=_("Cơ quan có thẩm quyền (khi hướng dẫn nộp nơi khác)"),
        queryset=directory.agencies().filter(has_one_stop_desk=True).order_by("name"),
        required=False,
        empty_label=_("— Chọn cơ quan —"),
    )
    # Set by the submit button pressed; Enter submits the first one, "accept".
    outcome = forms.ChoiceField(choices=list(OUTCOMES.items()), required=False)

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.components = list(version.components.all())
        self.component_errors = []
        for c in self.components:
            prefix = f"c{c.pk}_"
            self.fields[prefix + "received"] = forms.BooleanField(label=_("Đã nhận"), required=False)
            self.fields[prefix + "copy_type"] = forms.ChoiceField(
                label=_("Hình thức"),
                choices=COUNTER_COPY_TYPES,
                initial=CopyType.ORIGINAL if c.originals else CopyType.CERTIFIED_COPY,
            )
            self.fields[prefix + "count"] = forms.IntegerField(
                label=_("Số bản"),
                min_value=1,
                max_value=99,
                initial=c.originals or c.copies or 1,
                error_messages={"min_value": _("Ít nhất 1 bản."), "required": _("Nhập số bản.")},
            )
            self.fields[prefix + "files"] = MultipleFileField(label=_("Bản quét (PDF, JPG, PNG)"))

    @staticmethod
    def new_key():
        return uuid.uuid4().hex

    def component_rows(self):
        return [
            {
                "component": c,
                "required": c.requirement == Requirement.REQUIRED,
                "received": self[f"c{c.pk}_received"],
                "copy_type": self[f"c{c.pk}_copy_type"],
                "count": self[f"c{c.pk}_count"],
                "files": self[f"c{c.pk}_files"],
            }
            for c in self.components
        ]

    def has_files(self):
        return any(self.files.getlist(f"c{c.pk}_files") for c in self.components) if self.files else False

    def receive_kwargs(self):
        """The arguments of ``services.receive`` (without actor and agency)."""
        data = self.cleaned_data
        received = [c for c in self.components if data.get(f"c{c.pk}_received")]
        return {
            "procedure_code": data["procedure"],
            "channel": data["channel"],
            "applicant": {
                "kind": data["applicant_kind"],
                "name": data["applicant_name"],
                "id_number": data["applicant_id_number"],
                "address": data["applicant_address"],
                "phone": data["applicant_phone"],
                "email": data["applicant_email"],
                "representative_name": data["representative_name"],
                "representative_id_number": data["representative_id_number"],
            },
            "components": [
                {"id": c.pk, "copy_type": data[f"c{c.pk}_copy_type"], "count": data[f"c{c.pk}_count"]}
                for c in received
            ],
            "files": {c.pk: data[f"c{c.pk}_files"] for c in received if data.get(f"c{c.pk}_files")},
            "sets": data["sets"],
            "out_of_area": data["out_of_area"],
            "outcome": data["outcome"] or "accept",
            "reasons": data["reasons"],
            "redirect_to": data["redirect_to"],
            "idempotency_key": data["idempotency_key"],
        }

    def add_service_errors(self, error):
        """Put a service's ``ValidationError`` next to the field it is about."""
        for key, messages in error.message_dict.items():
            field = _component_field(key, self.components)
            if field is None and key in self.fields:
                field = key
            if field is not None:
                for message in messages:
                    self.add_error(field, message)
            elif key in ("components", "files"):
                self.component_errors.extend(messages)
            else:
                for message in messages:
                    self.add_error(None, message)


def _component_field(key, components):
    """``files.12`` / ``component_12`` / ``components.12`` → the scan field of component 12."""
    for sep in (".", "_"):
        head, _sep, tail = key.rpartition(sep)
        known = tail.isdigit() and any(c.pk == int(tail) for c in components)
        if head in ("files", "component", "components") and known:
            return f"c{tail}_files"
    return None
