"""Serializers of the catalogue API. They read and check the shape of input; the rules are in services."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lienthong.accounts.roles import Role
from lienthong.catalog import display
from lienthong.catalog.models import (
    Action,
    Channel,
    CountingMode,
    DossierComponent,
    Fee,
    FeeKind,
    Field,
    Level,
    OnlineCategory,
    ProcedureType,
    ProcedureVersion,
    ProcessStep,
    PublicationState,
    Requirement,
    ResultType,
    TimeUnit,
)
from lienthong.core.api.serializers import ModelSerializer, Serializer
from lienthong.directory import selectors as directory
from lienthong.directory.models import Agency, AgencyKind


@extend_schema_field(OpenApiTypes.STR)
class PlainChoiceField(serializers.ChoiceField):
    """A choice shown as a plain string in the schema, its values listed in the description.

    The same value lists (agency kinds, levels, time units) appear under several field names here and
    in other apps; as named enums they would collide in the OpenAPI components.
    """


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class PlainMultipleChoiceField(serializers.MultipleChoiceField):
    pass


def plain_choice(choices, help_text="", multiple=False, **kwargs):
    values = ", ".join(value for value, _label in choices)
    field_class = PlainMultipleChoiceField if multiple else PlainChoiceField
    return field_class(choices=choices, help_text=f"{help_text} Giá trị: {values}.".strip(), **kwargs)


class FieldSerializer(ModelSerializer):
    class Meta:
        model = Field
        fields = ["id", "code", "name", "sort_order", "is_active"]


class FieldWriteSerializer(Serializer):
    code = serializers.CharField(max_length=40, help_text="Mã lĩnh vực (field code).")
    name = serializers.CharField(max_length=255, help_text="Tên lĩnh vực (field name).")
    sort_order = serializers.IntegerField(min_value=0, required=False, default=0)
    is_active = serializers.BooleanField(required=False, default=True)


class AgencyRefSerializer(ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "code"]


class TimeSerializer(Serializer):
    value = serializers.DecimalField(max_digits=9, decimal_places=3, coerce_to_string=False)
    unit = plain_choice(TimeUnit.choices)
    text = serializers.CharField(help_text="Thời hạn ghi bằng lời, ví dụ “3 ngày làm việc”.")


class FeeSerializer(ModelSerializer):
    kind = plain_choice(FeeKind.choices)

    class Meta:
        model = Fee
        fields = ["kind", "amount", "description", "conditions", "exemptions"]


class ComponentSerializer(ModelSerializer):
    form_template_url = serializers.SerializerMethodField(help_text="Đường dẫn tải tệp mẫu (nếu có).")

    class Meta:
        model = DossierComponent
        fields = ["name", "originals", "copies", "requirement", "condition", "form_name", "form_template_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_form_template_url(self, component):
        return component.form_template.url if component.form_template else None


class StepSerializer(ModelSerializer):
    agency = AgencyRefSerializer(allow_null=True)
    agency_kind = plain_choice(AgencyKind.choices)
    level = plain_choice(Level.choices)
    actions = serializers.ListField(child=serializers.ChoiceField(choices=Action.choices))

    class Meta:
        model = ProcessStep
        fields = [
            "position",
            "name",
            "agency",
            "agency_kind",
            "unit_name",
            "role",
            "duration",
            "actions",
            "level",
            "is_interagency",
            "note",
        ]


class LegalDocumentSerializer(Serializer):
    number = serializers.CharField(max_length=100, required=False, allow_blank=True, help_text="Số ký hiệu.")
    title = serializers.CharField(max_length=1000, help_text="Trích yếu (tên văn bản).")
    issued_on = serializers.DateField(required=False, allow_null=True, help_text="Ngày ban hành.")


class VersionSummarySerializer(ModelSerializer):
    state = plain_choice(PublicationState.choices)

    class Meta:
        model = ProcedureVersion
        fields = [
            "number",
            "state",
            "effective_from",
            "effective_until",
            "instrument",
            "published_at",
            "change_note",
        ]


def _agency_ref(agency):
    return None if agency is None else {"id": agency.pk, "name": agency.name, "code": agency.code}


class ProcedureListSerializer(ModelSerializer):
    """A procedure as lists show it: its current version, without the parts."""

    code = serializers.CharField(
        source="procedure.code", help_text="Mã quốc gia, hoặc mã nội bộ nếu chưa có."
    )
    national_code = serializers.CharField(source="procedure.national_code")
    local_code = serializers.CharField(source="procedure.local_code")
    version = serializers.IntegerField(source="number")
    field = FieldSerializer()
    levels = serializers.ListField(child=plain_choice(Level.choices))
    state = plain_choice(PublicationState.choices)
    competent_agency_kind = plain_choice(AgencyKind.choices)
    implementing_agency_kind = plain_choice(AgencyKind.choices)
    time = serializers.SerializerMethodField()
    competent_agency = AgencyRefSerializer(allow_null=True)
    implementing_agencies = AgencyRefSerializer(many=True)
    url = serializers.SerializerMethodField(help_text="Trang công khai của thủ tục.")

    class Meta:
        model = ProcedureVersion
        fields = [
            "code",
            "national_code",
            "local_code",
            "name",
            "version",
            "state",
            "field",
            "levels",
            "time",
            "counting_mode",
            "online_category",
            "online_payment",
            "competent_agency",
            "competent_agency_kind",
            "implementing_agencies",
            "implementing_agency_kind",
            "effective_from",
            "url",
        ]

    def to_representation(self, version):
        """Built by hand: the list is the hot path of the API (bench/bench_catalog_search.py). The
        declared fields above describe the same keys for the OpenAPI schema."""
        if type(self) is not ProcedureListSerializer:
            return super().to_representation(version)
        procedure, field, competent = version.procedure, version.field, version.competent_agency
        return {
            "code": procedure.code,
            "national_code": procedure.national_code,
            "local_code": procedure.local_code,
            "name": version.name,
            "version": version.number,
            "state": version.state,
            "field": {
                "id": field.pk,
                "code": field.code,
                "name": field.name,
                "sort_order": field.sort_order,
                "is_active": field.is_active,
            },
            "levels": [str(level) for level in version.levels],
            "time": self.get_time(version),
            "counting_mode": version.counting_mode,
            "online_category": version.online_category,
            "online_payment": version.online_payment,
            "competent_agency": _agency_ref(competent),
            "competent_agency_kind": version.competent_agency_kind,
            "implementing_agencies": [_agency_ref(a) for a in version.implementing_agencies.all()],
            "implementing_agency_kind": version.implementing_agency_kind,
            "effective_from": version.effective_from.isoformat() if version.effective_from else None,
            "url": self.get_url(version),
        }

    @extend_schema_field(TimeSerializer)
    def get_time(self, version):
        return {
            "value": float(version.time_value),
            "unit": version.time_unit,
            "text": display.duration(version.time_value, version.time_unit),
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, version):
        if "url_pattern" not in self.__dict__:  # reversed once per serializer, not once per row
            self.url_pattern = reverse("catalog:procedure_detail", args=["CODE"])
        return self.url_pattern.replace("CODE", version.procedure.code)


class ProcedureDetailSerializer(ProcedureListSerializer):
    """Everything the catalogue holds about one version."""

    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices))
    coordinating_agencies = AgencyRefSerializer(many=True)
    legal_basis = LegalDocumentSerializer(many=True)
    fees = FeeSerializer(many=True)
    components = ComponentSerializer(many=True)
    process = StepSerializer(many=True, source="process_steps")
    eform = serializers.JSONField(help_text="Định nghĩa biểu mẫu điện tử (catalog/eforms.py).")
    versions = serializers.SerializerMethodField(help_text="Lịch sử phiên bản, mới nhất trước.")

    class Meta(ProcedureListSerializer.Meta):
        fields = [
            *ProcedureListSerializer.Meta.fields,
            "procedure_type",
            "channels",
            "coordinating_agencies",
            "receiving_place",
            "applicants",
            "cutoff_hour",
            "time_note",
            "steps_text",
            "conditions",
            "legal_basis",
            "result_type",
            "result_name",
            "legacy_online_level",
            "accepts_out_of_area",
            "keywords",
            "description",
            "effective_until",
            "instrument",
            "published_at",
            "change_note",
            "fees",
            "components",
            "process",
            "eform",
            "versions",
        ]

    @extend_schema_field(VersionSummarySerializer(many=True))
    def get_versions(self, version):
        history = self.context.get("history")
        return VersionSummarySerializer(history if history is not None else [], many=True).data


# --- input -----------------------------------------------------------------------------------


class FeeInputSerializer(Serializer):
    kind = plain_choice(FeeKind.choices, default=FeeKind.LE_PHI)
    amount = serializers.IntegerField(min_value=0, allow_null=True, required=False, help_text="Đồng (VND).")
    description = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    exemptions = serializers.CharField(required=False, allow_blank=True, default="")


class ComponentInputSerializer(Serializer):
    name = serializers.CharField(max_length=2000)
    originals = serializers.IntegerField(min_value=0, max_value=99, default=1)
    copies = serializers.IntegerField(min_value=0, max_value=99, default=0)
    requirement = serializers.ChoiceField(choices=Requirement.choices, default=Requirement.REQUIRED)
    condition = serializers.CharField(required=False, allow_blank=True, default="")
    form_name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class StepInputSerializer(Serializer):
    name = serializers.CharField(max_length=300)
    agency = serializers.PrimaryKeyRelatedField(
        queryset=directory.agencies(active_only=False), allow_null=True, required=False, default=None
    )
    agency_kind = plain_choice(AgencyKind.choices, required=False, allow_blank=True, default="")
    unit_name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=Role.choices)
    duration = serializers.DecimalField(max_digits=9, decimal_places=3, min_value=0)
    actions = serializers.ListField(child=serializers.ChoiceField(choices=Action.choices), allow_empty=False)
    level = plain_choice(Level.choices, required=False, allow_blank=True, default="")
    is_interagency = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ProcedureWriteSerializer(Serializer):
    """A procedure's content. On PATCH only the keys sent change; the service decides whether that
    edits the draft or makes a new version."""

    national_code = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    local_code = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    publish = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Công bố ngay (mặc định: có nếu đang áp dụng).",
    )
    name = serializers.CharField(max_length=500)
    field = serializers.SlugRelatedField(
        slug_field="code", queryset=Field.objects.all(), help_text="Mã lĩnh vực."
    )
    procedure_type = serializers.ChoiceField(choices=ProcedureType.choices, required=False)
    levels = plain_choice(Level.choices, multiple=True)
    channels = serializers.MultipleChoiceField(choices=Channel.choices, required=False)
    competent_agency = serializers.PrimaryKeyRelatedField(
        queryset=directory.agencies(active_only=False), allow_null=True, required=False
    )
    competent_agency_kind = plain_choice(AgencyKind.choices, required=False, allow_blank=True)
    implementing_agencies = serializers.PrimaryKeyRelatedField(
        queryset=directory.agencies(active_only=False), many=True, required=False
    )
    implementing_agency_kind = plain_choice(AgencyKind.choices, required=False, allow_blank=True)
    coordinating_agencies = serializers.PrimaryKeyRelatedField(
        queryset=directory.agencies(active_only=False), many=True, required=False
    )
    receiving_place = serializers.CharField(max_length=500, required=False, allow_blank=True)
    applicants = serializers.CharField(required=False, allow_blank=True)
    time_value = serializers.DecimalField(max_digits=9, decimal_places=3, min_value=0)
    time_unit = plain_choice(TimeUnit.choices)
    counting_mode = serializers.ChoiceField(choices=CountingMode.choices, required=False)
    cutoff_hour = serializers.TimeField(required=False, allow_null=True, format="%H:%M")
    time_note = serializers.CharField(required=False, allow_blank=True)
    steps_text = serializers.CharField(required=False, allow_blank=True)
    conditions = serializers.CharField(required=False, allow_blank=True)
    legal_basis = LegalDocumentSerializer(many=True, required=False)
    result_type = serializers.ChoiceField(choices=ResultType.choices, required=False)
    result_name = serializers.CharField(required=False, allow_blank=True)
    online_category = serializers.ChoiceField(choices=OnlineCategory.choices, required=False)
    legacy_online_level = serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True)
    online_payment = serializers.BooleanField(required=False)
    accepts_out_of_area = serializers.BooleanField(
        required=False, help_text="Tiếp nhận không phụ thuộc địa giới hành chính (phi địa giới)."
    )
    keywords = serializers.CharField(max_length=500, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    effective_from = serializers.DateField(required=False, allow_null=True)
    effective_until = serializers.DateField(required=False, allow_null=True)
    instrument = serializers.CharField(max_length=300, required=False, allow_blank=True)
    change_note = serializers.CharField(required=False, allow_blank=True)
    fees = FeeInputSerializer(many=True, required=False)
    components = ComponentInputSerializer(many=True, required=False)
    process = StepInputSerializer(many=True, required=False)
    eform = serializers.JSONField(
        required=False, help_text="Định nghĩa biểu mẫu điện tử (catalog/eforms.py)."
    )

    def to_service_kwargs(self):
        data = dict(self.validated_data)
        for key in ("levels", "channels"):
            if key in data:
                data[key] = sorted(data[key])
        if "legal_basis" in data:
            data["legal_basis"] = [
                {**doc, "issued_on": doc["issued_on"].isoformat() if doc.get("issued_on") else ""}
                for doc in data["legal_basis"]
            ]
        return data


class PublishSerializer(Serializer):
    effective_from = serializers.DateField(required=False, allow_null=True, default=None)
    instrument = serializers.CharField(max_length=300, required=False, allow_null=True, default=None)


class WithdrawSerializer(Serializer):
    reason = serializers.CharField(help_text="Lý do hoặc văn bản bãi bỏ.")
    effective_until = serializers.DateField(required=False, allow_null=True, default=None)


class ProcessDocumentStepSerializer(Serializer):
    name = serializers.CharField()
    agency = serializers.CharField(required=False, help_text="Tên cơ quan như trong danh bạ.")
    agency_code = serializers.CharField(required=False, help_text="Mã định danh QCVN 102 của cơ quan.")
    agency_kind = plain_choice(AgencyKind.choices, required=False)
    unit = serializers.CharField(required=False)
    role = serializers.ChoiceField(choices=Role.choices)
    duration = serializers.DecimalField(max_digits=9, decimal_places=3, coerce_to_string=False)
    actions = serializers.ListField(child=serializers.ChoiceField(choices=Action.choices))
    level = plain_choice(Level.choices, required=False)
    interagency = serializers.BooleanField(required=False)
    note = serializers.CharField(required=False)


class ProcessTimeSerializer(Serializer):
    value = serializers.DecimalField(max_digits=9, decimal_places=3, coerce_to_string=False)
    unit = plain_choice(TimeUnit.choices)


class ProcessDocumentSerializer(Serializer):
    """The process document (the same shape as the YAML/JSON export)."""

    procedure = serializers.CharField(required=False)
    name = serializers.CharField(required=False)
    version = serializers.IntegerField(required=False)
    time = ProcessTimeSerializer(required=False)
    steps = ProcessDocumentStepSerializer(many=True)


class EformSubmissionSerializer(Serializer):
    data = serializers.JSONField(help_text="Dữ liệu người dân điền, theo tên trường của biểu mẫu.")


class EformResultSerializer(Serializer):
    valid = serializers.BooleanField()
    cleaned = serializers.JSONField()


class ImportResultSerializer(Serializer):
    created = serializers.ListField(child=serializers.CharField())
    changed = serializers.ListField(child=serializers.CharField())
    unchanged = serializers.ListField(child=serializers.CharField())


class ImportFileSerializer(Serializer):
    file = serializers.FileField(help_text="Tệp .xlsx theo bố cục CSDL quốc gia về TTHC (docs/catalog.md).")
