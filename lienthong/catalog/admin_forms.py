"""Admin forms of the catalogue. They only read and check input; saving goes through services."""

import json

import yaml
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienthong.catalog import lines, process, selectors, services
from lienthong.catalog.models import Channel, Level, Procedure, ProcedureVersion, TimeUnit

TEMPLATE_EXTENSIONS = ["doc", "docx", "odt", "pdf", "xls", "xlsx", "ods"]
EXTRA_TEMPLATE_SLOTS = 3
_VERSION_FIELDS = [
    "name",
    "field",
    "procedure_type",
    "competent_agency",
    "competent_agency_kind",
    "implementing_agencies",
    "implementing_agency_kind",
    "coordinating_agencies",
    "receiving_place",
    "applicants",
    "time_value",
    "time_unit",
    "counting_mode",
    "cutoff_hour",
    "time_note",
    "steps_text",
    "conditions",
    "result_type",
    "result_name",
    "online_category",
    "legacy_online_level",
    "online_payment",
    "accepts_out_of_area",
    "keywords",
    "description",
    "effective_from",
    "instrument",
    "change_note",
]
# Where a service error about a spec key is shown on the form.
_ERROR_FIELD = {
    "fees": "fees_text",
    "components": "components_text",
    "legal_basis": "legal_text",
    "process": "process_yaml",
    "eform": "eform_text",
    "channels": "channels",
    "levels": "levels",
}


def _text_area(label, help_text, rows=6):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "cols": 100}),
    )


class VersionForm(forms.ModelForm):
    levels = forms.MultipleChoiceField(
        label=gettext_lazy("Cấp thực hiện"), choices=Level.choices, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(
        label=gettext_lazy("Cách thức nộp hồ sơ"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    fees_text = _text_area(
        gettext_lazy("Phí, lệ phí"),
        gettext_lazy(
            "Mỗi khoản một dòng: Lệ phí | 8.000 | mô tả | trường hợp áp dụng | miễn, giảm. Để trống nếu không thu."
        ),
        4,
    )
    components_text = _text_area(
        gettext_lazy("Thành phần hồ sơ"),
        gettext_lazy(
            "Mỗi giấy tờ một dòng: Tên | số bản chính | số bản sao | trường hợp phải nộp | mẫu đơn, tờ khai."
        ),
    )
    legal_text = _text_area(
        gettext_lazy("Căn cứ pháp lý"),
        gettext_lazy("Mỗi văn bản một dòng: Số ký hiệu | Trích yếu | Ngày ban hành (dd/mm/yyyy)."),
        4,
    )
    process_yaml = _text_area(
        gettext_lazy("Quy trình nội bộ (YAML)"),
        gettext_lazy(
            "Các bước (steps): name, agency hoặc agency_kind, unit, role, duration, actions. Tổng thời gian các "
            "bước phải bằng đúng thời hạn giải quyết. Để trống nếu chưa có quy trình."
        ),
        16,
    )
    eform_text = _text_area(
        gettext_lazy("Biểu mẫu điện tử (JSON hoặc YAML)"),
        gettext_lazy(
            '{"fields": [...]}: các trường text, textarea, date, number, choice, citizen_id, address, group.'
        ),
        12,
    )
    publish = forms.BooleanField(label=gettext_lazy("Công bố ngay"), required=False)

    class Meta:
        model = ProcedureVersion
        fields = _VERSION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.instance
        self.fields["levels"].initial = version.levels
        self.fields["channels"].initial = version.channels
        self.fields["fees_text"].initial = lines.format_fees(version.fees.all())
        components = list(version.components.all())
        self.fields["components_text"].initial = lines.format_components(components)
        self.fields["legal_text"].initial = lines.format_legal(version.legal_basis)
        steps = list(version.process_steps.select_related("agency"))
        if steps:
            document = process.export_document(version, steps)
            self.fields["process_yaml"].initial = process.dump({"steps": document["steps"]}, "yaml")
        if version.eform:
            self.fields["eform_text"].initial = json.dumps(version.eform, ensure_ascii=False, indent=2)
        if version.state != "draft":
            # Saving makes the next version, which states its own publication (empty date = today).
            for name in ("effective_from", "instrument", "change_note"):
                self.initial[name] = None
        self.fields["publish"].initial = version.state != "draft"
        self.fields["publish"].help_text = (
            _("Bỏ chọn để lưu phiên bản mới dưới dạng dự thảo.")
            if version.state != "draft"
            else _("Chọn để công bố bản dự thảo này sau khi lưu.")
        )
        self.template_slots = len(components) + EXTRA_TEMPLATE_SLOTS
        for index in range(1, self.template_slots + 1):
            existing = components[index - 1].form_template if index <= len(components) else None
            self.fields[f"template_{index}"] = forms.FileField(
                label=_("Tệp mẫu của thành phần hồ sơ số %(n)s") % {"n": index},
                required=False,
                initial=existing or None,
                validators=[FileExtensionValidator(TEMPLATE_EXTENSIONS)],
                help_text=_(
                    "Theo số thứ tự dòng trong ô Thành phần hồ sơ; .doc, .docx, .odt, .pdf, .xls, .xlsx."
                ),
            )

    def _parse(self, name, parse):
        items, errors = parse(self.cleaned_data.get(name) or "")
        for message in errors:
            self.add_error(name, message)
        return items

    def _process(self):
        text = (self.cleaned_data.get("process_yaml") or "").strip()
        if not text:
            return []
        try:
            steps, _declared = process.parse_document(process.load(text, "yaml"))
        except ValidationError as exc:
            for message in exc.message_dict.get("process", exc.messages):
                self.add_error("process_yaml", message)
            return None
        return steps

    def _eform(self):
        text = (self.cleaned_data.get("eform_text") or "").strip()
        if not text:
            return {}
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            try:
                return yaml.safe_load(text)
            except yaml.YAMLError:
                self.add_error("eform_text", _("Không đọc được biểu mẫu: cần JSON hoặc YAML đúng cú pháp."))
                return None

    def _attach_templates(self, components):
        for index, component in enumerate(components, start=1):
            value = self.cleaned_data.get(f"template_{index}")
            if isinstance(value, UploadedFile):
                if value.size > settings.UPLOAD_MAX_BYTES:
                    self.add_error(f"template_{index}", _("Tệp quá lớn."))
                component["form_template"] = value
            elif isinstance(value, FieldFile):
                component["form_template"] = value.name
            else:
                component["form_template"] = ""

    def clean(self):
        data = super().clean()
        changes = {name: data.get(name) for name in _VERSION_FIELDS if name in data}
        for name in ("implementing_agencies", "coordinating_agencies"):
            changes[name] = list(data.get(name) or [])
        changes["levels"] = data.get("levels") or []
        changes["channels"] = data.get("channels") or []
        changes["fees"] = self._parse("fees_text", lines.parse_fees)
        changes["components"] = self._parse("components_text", lines.parse_components)
        changes["legal_basis"] = self._parse("legal_text", lines.parse_legal)
        self._attach_templates(changes["components"])
        process_steps, eform = self._process(), self._eform()
        if process_steps is not None:
            changes["process"] = process_steps
        if eform is not None:
            changes["eform"] = eform
        for key in (
            "receiving_place",
            "applicants",
            "time_note",
            "steps_text",
            "conditions",
            "result_name",
            "keywords",
            "description",
            "instrument",
            "change_note",
        ):
            changes[key] = changes.get(key) or ""
        if changes.get("time_unit") == TimeUnit.WITHIN_DAY:
            changes["time_value"] = 1
        if self.errors:
            return data
        try:
            services.preview_change(self.instance.procedure, **changes)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                field = _ERROR_FIELD.get(key, key if key in self.fields else None)
                for message in messages:
                    self.add_error(field, message)
        self.changes = changes
        return data


class ProcedureCreateForm(forms.ModelForm):
    """A new procedure: its codes and the least its first (draft) version needs."""

    name = forms.CharField(label=gettext_lazy("Tên thủ tục"), max_length=500)
    field = forms.ModelChoiceField(label=gettext_lazy("Lĩnh vực"), queryset=None)
    levels = forms.MultipleChoiceField(
        label=gettext_lazy("Cấp thực hiện"), choices=Level.choices, widget=forms.CheckboxSelectMultiple
    )
    time_value = forms.DecimalField(
        label=gettext_lazy("Thời hạn giải quyết"), max_digits=9, decimal_places=3, min_value=0
    )
    time_unit = forms.ChoiceField(label=gettext_lazy("Đơn vị thời hạn"), choices=TimeUnit.choices)

    class Meta:
        model = Procedure
        fields = ["national_code", "local_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = selectors.fields()

    def clean(self):
        data = super().clean()
        if not (data.get("national_code") or data.get("local_code")):
            raise ValidationError(_("Cần có mã thủ tục quốc gia hoặc mã nội bộ của tỉnh."))
        return data


class ProcedureCodesForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = ["national_code", "local_code"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        validators=[FileExtensionValidator(["xlsx"])],
        help_text=gettext_lazy("Bố cục CSDL quốc gia về TTHC; có lỗi ở bất kỳ dòng nào thì không lưu gì."),
    )
