"""The search form of the public catalogue page (GET, works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lienthong.catalog import selectors
from lienthong.catalog.models import Level, OnlineCategory
from lienthong.core.text import fold
from lienthong.directory import selectors as directory
from lienthong.directory.models import AgencyKind


def _agency_choices():
    """Agencies grouped by kind, for the filter (communes last: there are many)."""
    groups = {}
    for agency in sorted(directory.agencies(), key=lambda a: fold(a.name)):
        groups.setdefault(agency.kind, []).append((str(agency.pk), agency.name))
    order = [kind for kind in AgencyKind.values if kind != AgencyKind.COMMUNE_PEOPLES_COMMITTEE]
    order.append(AgencyKind.COMMUNE_PEOPLES_COMMITTEE)
    return [("", _("Tất cả cơ quan"))] + [
        (str(AgencyKind(kind).label), groups[kind]) for kind in order if kind in groups
    ]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tên hoặc mã thủ tục"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "aria-describedby": "q-help"}),
        help_text=_("Gõ có dấu hay không dấu đều được, ví dụ “dang ky khai sinh”."),
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    level = forms.ChoiceField(
        label=_("Cấp thực hiện"), required=False, choices=[("", _("Tất cả các cấp")), *Level.choices]
    )
    agency = forms.ChoiceField(label=_("Cơ quan"), required=False)
    online = forms.ChoiceField(
        label=_("Dịch vụ công trực tuyến"),
        required=False,
        choices=[("", _("Tất cả")), *OnlineCategory.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Tất cả lĩnh vực"))] + [
            (f.code, f.name) for f in selectors.fields()
        ]
        self.fields["agency"].choices = _agency_choices()

    def selector_kwargs(self):
        data = self.cleaned_data
        agency = None
        if data.get("agency"):
            agency = directory.agencies(active_only=False).filter(pk=data["agency"]).first()
        field = (
            selectors.fields(active_only=False).filter(code=data["field"]).first()
            if data.get("field")
            else None
        )
        return {
            "query": data.get("q", ""),
            "field": field,
            "level": data.get("level") or None,
            "agency": agency,
            "online_category": data.get("online") or None,
        }

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)
