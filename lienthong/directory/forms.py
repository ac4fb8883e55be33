"""Forms of the directory pages: GET filters for the lists and the administrators' edit forms.

The edit forms only shape input; ``services.save_agency`` / ``save_official`` decide and save, and
their ``ValidationError`` is mapped back onto the fields with ``add_service_error``.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lienthong.accounts import permissions
from lienthong.directory import selectors, services
from lienthong.directory.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    DivisionType,
    InternalUnit,
    Official,
    Position,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class IndentedUnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * (obj.level - 1)}{obj.name}"


def _search_field(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class ServiceFormMixin:
    """Shows a service's ``ValidationError`` on the fields it names, the rest above the form."""

    def add_service_error(self, error):
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class UnitFilterForm(forms.Form):
    q = _search_field(_("Tìm theo tên"))
    parent = IndentedUnitChoiceField(
        label=_("Trực thuộc"),
        required=False,
        empty_label=_("Tất cả"),
        queryset=AdministrativeUnit.objects.filter(children__isnull=False)
        .distinct()
        .order_by("level", "name"),
    )
    division_type = forms.ChoiceField(
        label=_("Loại đơn vị"), required=False, choices=[("", _("Tất cả")), *DivisionType.choices]
    )
    include_expired = forms.BooleanField(label=_("Gồm cả đơn vị đã hết hiệu lực"), required=False)


class AgencyFilterForm(forms.Form):
    q = _search_field(_("Tìm theo tên, tên viết tắt hoặc mã"))
    kind = forms.ChoiceField(
        label=_("Loại cơ quan"), required=False, choices=[("", _("Tất cả")), *AgencyKind.choices]
    )
    administrative_unit = forms.ModelChoiceField(
        label=_("Đơn vị hành chính"),
        required=False,
        empty_label=_("Tất cả"),
        queryset=AdministrativeUnit.objects.filter(agencies__isnull=False)
        .distinct()
        .order_by("level", "name"),
    )
    include_inactive = forms.BooleanField(label=_("Gồm cả cơ quan đã ngừng hoạt động"), required=False)


class OfficialFilterForm(forms.Form):
    q = _search_field(_("Tìm theo họ và tên"))
    agency = forms.ModelChoiceField(
        label=_("Cơ quan"), required=False, empty_label=_("Tất cả"), queryset=Agency.objects.none()
    )
    internal_unit = forms.ModelChoiceField(
        label=_("Phòng, đơn vị"),
        required=False,
        empty_label=_("Tất cả"),
        queryset=InternalUnit.objects.none(),
    )
    position = forms.ModelChoiceField(
        label=_("Chức vụ"), required=False, empty_label=_("Tất cả"), queryset=Position.objects.all()
    )
    include_inactive = forms.BooleanField(label=_("Gồm cả người đã thôi công tác"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = selectors.agencies()
        agency = None
        if self.is_bound and self.data.get("agency"):
            try:
                agency = self.fields["agency"].clean(self.data.get("agency"))
            except ValidationError:
                agency = None
        # Without JavaScript the unit list follows the agency chosen in the last submission.
        self.fields["internal_unit"].queryset = (
            selectors.internal_units(agency).select_related("agency")
            if agency
            else InternalUnit.objects.filter(is_active=True, agency__is_active=True)
            .select_related("agency")
            .order_by("agency__path", "sort_order", "name")
        )


def _units_of_the_province(current=None):
    """Administrative units in force in this installation's province (all of them if it is not loaded)."""
    province = selectors.administrative_units(level=1).filter(code=settings.PROVINCE_CODE).first()
    units = AdministrativeUnit.objects.valid_on()
    if province is not None:
        units = units.filter(Q(pk=province.pk) | Q(parent=province) | Q(parent__parent=province))
    if current is not None:
        units = AdministrativeUnit.objects.filter(Q(pk__in=units.values("pk")) | Q(pk=current))
    return units.order_by("level", "name")


class AgencyForm(ServiceFormMixin, forms.ModelForm):
    website = forms.URLField(
        label=capfirst(Agency._meta.get_field("website").verbose_name),
        required=False,
        max_length=Agency._meta.get_field("website").max_length,
        assume_scheme="https",
    )

    class Meta:
        model = Agency
        fields = services.AGENCY_FIELDS
        widgets = {
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Agency.objects.all()
        if not permissions.is_province_admin(user):
            # Agencies one administers, and the current parent so that keeping it stays possible.
            administered = selectors.administered_agencies(user).values("pk")
            parents = parents.filter(Q(pk__in=administered) | Q(pk=self.instance.parent_id))
        if self.instance.pk:  # an agency cannot sit under itself or its own subtree
            parents = parents.exclude(path__startswith=self.instance.path)
        self.fields["parent"].queryset = parents.order_by("path", "sort_order", "name")
        if not permissions.is_province_admin(user):
            self.fields["parent"].required = True
        self.fields["administrative_unit"].queryset = _units_of_the_province(
            self.instance.administrative_unit_id
        )
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})


class OfficialForm(ServiceFormMixin, forms.ModelForm):
    class Meta:
        model = Official
        fields = services.OFFICIAL_FIELDS
        widgets = {
            "date_of_birth": DateInput(),
            "citizen_id": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 12}
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        help_texts = {"citizen_id": _("12 chữ số, ví dụ 086085012345.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = selectors.administered_agencies(user).order_by("path", "sort_order", "name")
        self.fields["agency"].queryset = agencies
        self.fields["internal_unit"].queryset = (
            InternalUnit.objects.filter(agency__in=agencies)
            .select_related("agency")
            .order_by("agency__path", "sort_order", "name")
        )


class OfficialImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Dùng tệp mẫu; mỗi dòng là một cán bộ. Có dòng sai thì không dòng nào được lưu."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
