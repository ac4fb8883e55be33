"""Forms of the officer pages: the work-queue filters and one form per dossier action.

Action forms only parse; the rules stay in ``dossiers.services``. ``ACTION_FORMS`` maps an action
name to its form: a new action is one entry (a form with ``perform``).
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from lienthong.accounts.roles import Role
from lienthong.catalog import selectors as catalog
from lienthong.directory.models import Agency
from lienthong.dossiers import selectors, services
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.models import DeliveryMethod, Satisfaction, State
from lienthong.workdays.deadlines import TZ

QUEUES = {"mine": _("Hồ sơ của tôi"), "unit": _("Hồ sơ của phòng"), "agency": _("Hồ sơ của cơ quan")}
COLOURS = {
    selectors.OVERDUE: _("Quá hạn"),
    selectors.DUE_SOON: _("Sắp đến hạn"),
    selectors.ON_TRACK: _("Còn hạn"),
    selectors.PAUSED: _("Tạm dừng, chờ người nộp"),
}


class QueueFilterForm(forms.Form):
    queue = forms.ChoiceField(choices=list(QUEUES.items()), required=False, widget=forms.HiddenInput)
    q = forms.CharField(
        label=_("Mã hồ sơ hoặc tên người nộp"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Gõ có dấu hoặc không dấu, ví dụ: nguyen van binh."),
    )
    procedure = forms.ChoiceField(label=_("Thủ tục"), required=False)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)
    deadline = forms.ChoiceField(
        label=_("Thời hạn"), required=False, choices=[("", _("Tất cả")), *COLOURS.items()]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        procedures = catalog.current_versions().values_list(
            "procedure_id", "procedure__national_code", "procedure__local_code", "name"
        )
        self.fields["procedure"].choices = [
            ("", _("Tất cả")),
            *(
                (str(pk), f"{name[:90]} ({national or local})")
                for pk, national, local, name in sorted(procedures, key=lambda p: p[3])
            ),
        ]
        states = [
            *selectors.OPEN_STATES,
            *(s for s in selectors.WAITING_STATES if s not in selectors.OPEN_STATES),
        ]
        self.fields["state"].choices = [("", _("Tất cả")), *((s, State(s).label) for s in states)]

    def filters(self):
        """The valid filters (an invalid one is dropped, the others still apply)."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class ActionForm(forms.Form):
    """Base of an action form: the version the officer saw, and a link from service errors to fields."""

    action = ""
    multipart = False
    # Service error keys that belong to a field with another name here.
    aliases = {}

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, dossier, user, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.action}_%s")
        super().__init__(*args, **kwargs)
        self.dossier, self.user = dossier, user

    @property
    def label(self):
        return tr.action_label(self.action)

    @classmethod
    def possible(cls, dossier):
        """The action exists in the dossier's state (else the page answers 409)."""
        return cls.action in tr.TRANSITIONS.get(dossier.state, {})

    @classmethod
    def offered(cls, user, dossier):
        """The user may take the action now: the form is shown (the service still decides)."""
        return selectors.may_take(user, dossier, cls.action)

    def run(self):
        """Call the service; its ``ValidationError`` lands on the matching fields."""
        try:
            return self.perform(self.cleaned_data["expected_version"])
        except ValidationError as exc:
            self.add_service_errors(exc)
            return None

    def field_for(self, key):
        return self.aliases.get(key, key)

    def add_service_errors(self, exc):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        for key, messages in errors.items():
            field = self.field_for(key)
            for message in messages:
                self.add_error(field if field in self.fields else None, message)

    def perform(self, version):
        raise NotImplementedError


def _note(required=False, label=None):
    return forms.CharField(
        label=label or _("Ghi chú"),
        required=required,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _officials(agency_id, roles):
    users = (
        get_user_model()
        .objects.filter(
            role_assignments__agency_id=agency_id,
            role_assignments__role__in=roles,
            role_assignments__revoked_at__isnull=True,
            is_active=True,
        )
        .select_related("official")
        .distinct()
    )
    return sorted(users, key=lambda u: u.display_name)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


def _open_step(dossier):
    open_steps = [s for s in dossier.steps.all() if s.finished_at is None]
    return open_steps[-1] if open_steps else None


class AssignForm(ActionForm):
    action = "assign"
    assignee = UserChoiceField(label=_("Giao cho"), queryset=get_user_model().objects.none())
    note = _note()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        step = _open_step(self.dossier)
        role = step.role if step else Role.SPECIALIST
        people = _officials(self.dossier.handling_agency_id, {role})
        field = self.fields["assignee"]
        field.queryset = get_user_model().objects.filter(pk__in=[u.pk for u in people])
        field.choices = [("", "---------"), *((u.pk, u.display_name) for u in people)]
        field.help_text = _("Cán bộ giữ vai trò “%(role)s” tại cơ quan đang xử lý.") % {
            "role": Role(role).label
        }

    def perform(self, version):
        d = self.cleaned_data
        return services.assign(self.user, self.dossier, d["assignee"], d["note"], version)


class TransferForm(ActionForm):
    action = "transfer"
    to_agency = forms.ModelChoiceField(
        label=_("Cơ quan nhận"), queryset=Agency.objects.none(), required=False
    )
    assignee = UserChoiceField(label=_("Giao cho"), queryset=get_user_model().objects.none(), required=False)
    note = _note()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        d = self.dossier
        steps = list(d.procedure_version.process_steps.select_related("agency").order_by("position"))
        index = 0 if d.step_index is None else d.step_index + 1
        nxt = steps[index] if index < len(steps) else None
        agencies = Agency.objects.filter(is_active=True).order_by("name")
        target, role = d.handling_agency, Role.SPECIALIST
        if nxt is not None:
            role = nxt.role
            if nxt.agency_id:
                agencies, target = agencies.filter(pk=nxt.agency_id), nxt.agency
            elif nxt.agency_kind:
                agencies = agencies.filter(kind=nxt.agency_kind)
                target = next(
                    (a for a in (d.handling_agency, d.receiving_agency) if a.kind == nxt.agency_kind), None
                )
            else:
                agencies = agencies.filter(pk=d.handling_agency_id)
            self.next_step = nxt.name
        else:
            self.next_step = _("Ngoài quy trình: chọn cơ quan nhận")
        self.fields["to_agency"].queryset = agencies
        self.fields["to_agency"].help_text = _("Để trống: theo quy trình của thủ tục.")
        people = _officials(target.pk, {role}) if target is not None else []
        self.fields["assignee"].queryset = get_user_model().objects.filter(pk__in=[u.pk for u in people])
        self.fields["assignee"].choices = [("", _("(Chưa giao)")), *((u.pk, u.display_name) for u in people)]

    def perform(self, version):
        d = self.cleaned_data
        return services.transfer(self.user, self.dossier, d["to_agency"], d["assignee"], d["note"], version)


class RequestSupplementForm(ActionForm):
    action = "request_supplement"
    items = forms.CharField(
        label=_("Giấy tờ cần bổ sung, hoàn thiện"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        help_text=_("Mỗi dòng một giấy tờ; yêu cầu một lần, đầy đủ."),
    )
    note = _note()

    def perform(self, version):
        d = self.cleaned_data
        items = [line.strip() for line in d["items"].splitlines() if line.strip()]
        return services.request_supplement(self.user, self.dossier, items, d["note"], version)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the content checks are the services' (core.files)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        data = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in data if item]


class ReceiveSupplementForm(ActionForm):
    action = "receive_supplement"
    multipart = True
    aliases = {"files": "files"}
    components = forms.MultipleChoiceField(
        label=_("Thành phần hồ sơ nhận bổ sung"), required=False, widget=forms.CheckboxSelectMultiple
    )
    files = MultipleFileField(
        label=_("Tệp hồ sơ bổ sung (PDF, JPEG, PNG)"),
        required=False,
        help_text=_("Có thể chọn nhiều tệp; tệp mới thay tệp cũ của cùng thành phần."),
    )
    file_component = forms.ChoiceField(label=_("Các tệp trên thuộc thành phần"), required=False)
    note = _note()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parts = [
            (str(c.pk), c.name) for c in self.dossier.procedure_version.components.order_by("position", "id")
        ]
        self.fields["components"].choices = parts
        self.fields["file_component"].choices = [("", "---------"), *parts]

    def field_for(self, key):
        return "files" if key.startswith("component_") else super().field_for(key)

    def clean(self):
        data = super().clean()
        if data.get("files") and not data.get("file_component"):
            self.add_error("file_component", _("Chọn thành phần hồ sơ của các tệp đã chọn."))
        return data

    def perform(self, version):
        d = self.cleaned_data
        files = {int(d["file_component"]): d["files"]} if d["files"] else None
        components = [int(c) for c in d["components"]]
        return services.receive_supplement(
            self.user, self.dossier, components, d["note"], version, files=files
        )


class AttachResultForm(ActionForm):
    action = "attach_result"
    multipart = True
    file = forms.FileField(label=_("Tệp kết quả (PDF, JPEG, PNG)"))
    note = _note()

    @classmethod
    def possible(cls, dossier):
        from lienthong.dossiers.services import files

        return dossier.state in files.RESULT_STATES

    @classmethod
    def offered(cls, user, dossier):
        from lienthong.accounts.permissions import can_act_for_agency

        return can_act_for_agency(user, dossier.handling_agency_id, {*tr.LEADERS, Role.SPECIALIST})

    def perform(self, version):
        from lienthong.dossiers.services import files

        d = self.cleaned_data
        files.attach_result(self.user, self.dossier, d["file"], d["note"])
        return self.dossier


class ApologiseForm(ActionForm):
    action = "apologise"
    aliases = {"new_appointment_at": "new_date"}
    new_date = forms.DateField(label=_("Ngày hẹn mới"), widget=forms.DateInput(attrs={"type": "date"}))
    new_time = forms.TimeField(
        label=_("Giờ hẹn mới"),
        initial="17:00",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    reason = _note(required=True, label=_("Lý do chậm trễ"))

    def perform(self, version):
        d = self.cleaned_data
        at = datetime.datetime.combine(d["new_date"], d["new_time"], TZ)
        return services.apologise(self.user, self.dossier, at, d["reason"], version)


class _EndingForm(ActionForm):
    service = None
    reasons = _note(required=True, label=_("Lý do"))

    def perform(self, version):
        return type(self).service(self.user, self.dossier, self.cleaned_data["reasons"], version)


class RefuseForm(_EndingForm):
    action = "refuse"
    service = services.refuse


class StopForm(_EndingForm):
    action = "stop"
    service = services.stop


class WithdrawForm(_EndingForm):
    action = "withdraw"
    service = services.withdraw
    reasons = _note(label=_("Lý do (nếu có)"))


class ApproveForm(ActionForm):
    action = "approve"
    note = _note()

    def perform(self, version):
        return services.approve(self.user, self.dossier, self.cleaned_data["note"], version)


class ReturnResultForm(ActionForm):
    action = "return_result"
    delivery_method = forms.ChoiceField(
        label=_("Hình thức trả kết quả"), choices=DeliveryMethod.choices, widget=forms.RadioSelect
    )
    received_by = forms.CharField(
        label=_("Người nhận kết quả"),
        max_length=255,
        required=False,
        help_text=_("Bắt buộc khi trả tại quầy hoặc qua bưu chính."),
    )
    note = _note()

    def perform(self, version):
        d = self.cleaned_data
        return services.return_result(
            self.user, self.dossier, d["delivery_method"], d["received_by"], d["note"], version
        )


class RequestObligationForm(ActionForm):
    action = "request_obligation"
    charges = forms.CharField(
        label=_("Các khoản nghĩa vụ tài chính"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một khoản: nội dung | số tiền (đồng), ví dụ: Lệ phí trước bạ | 500000."),
    )
    note = _note(label=_("Nội dung thông báo"))

    def clean_charges(self):
        lines = [line.strip() for line in self.cleaned_data["charges"].splitlines() if line.strip()]
        items = []
        for n, line in enumerate(lines, start=1):
            description, sep, amount = line.rpartition("|")
            amount = amount.strip().replace(".", "").replace(",", "").replace(" ", "")
            if not sep or not amount.isdigit():
                raise ValidationError(
                    _("Dòng %(n)s: viết theo dạng “nội dung | số tiền”, số tiền là số nguyên (đồng).")
                    % {"n": n}
                )
            items.append({"description": description.strip(), "amount": int(amount)})
        return items

    def perform(self, version):
        from lienthong.dossiers.services import obligations

        d = self.cleaned_data
        return obligations.request_obligation(self.user, self.dossier, d["charges"], d["note"], version)


class ObligationFulfilledForm(ActionForm):
    action = "obligation_fulfilled"
    note = _note()

    def perform(self, version):
        from lienthong.dossiers.services import obligations

        return obligations.obligation_fulfilled(self.user, self.dossier, self.cleaned_data["note"], version)


class RateForm(ActionForm):
    """The desk enters the rating the applicant gave at the counter (kiosk or paper)."""

    action = "rate"
    level = forms.ChoiceField(
        label=_("Mức độ hài lòng"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = _note(label=_("Ý kiến của người nộp"))

    @classmethod
    def possible(cls, dossier):
        from lienthong.dossiers.services import rating

        return dossier.state in rating.RATEABLE

    @classmethod
    def offered(cls, user, dossier):
        from lienthong.dossiers.services import rating

        return rating.can_rate(user, dossier)

    def perform(self, version):
        from lienthong.dossiers.models import Rating
        from lienthong.dossiers.services import rating

        d = self.cleaned_data
        rating.rate(self.user, self.dossier, d["level"], d["comment"], Rating.Source.COUNTER)
        return self.dossier


ACTION_FORMS = {
    form.action: form
    for form in (
        AssignForm,
        TransferForm,
        RequestSupplementForm,
        ReceiveSupplementForm,
        ApologiseForm,
        RefuseForm,
        StopForm,
        WithdrawForm,
        ApproveForm,
        ReturnResultForm,
        AttachResultForm,
        RequestObligationForm,
        ObligationFulfilledForm,
        RateForm,
    )
}
