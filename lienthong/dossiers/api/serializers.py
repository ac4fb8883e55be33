"""Input and output shapes of the dossier API. Rules live in ``dossiers.services``; these only parse."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lienthong.core.api.serializers import Serializer
from lienthong.directory.models import Agency
from lienthong.dossiers import selectors
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.api.files import ComponentEntryField, ComponentEntrySerializer, DossierFileSerializer
from lienthong.dossiers.models import Channel, DeliveryMethod, Rating, Satisfaction, State
from lienthong.dossiers.services.receipt import submitted_components
from lienthong.payments import selectors as payments
from lienthong.payments.api.serializers import ChargeInputSerializer, ChargesSerializer

_AGENCIES = Agency.objects.all()
_USERS = get_user_model().objects.all()
_STATE_LABELS = dict(State.choices)


class ApplicantSerializer(Serializer):
    # A plain integer: a choice field here would collide with other "kind" enums in the schema.
    kind = serializers.IntegerField(min_value=1, max_value=2, help_text="1 công dân, 2 tổ chức.")
    name = serializers.CharField(max_length=255)
    id_number = serializers.CharField(max_length=20, help_text="Số định danh cá nhân hoặc mã số thuế.")
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    representative_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    representative_id_number = serializers.CharField(max_length=20, required=False, allow_blank=True)


class ReceiptSerializer(Serializer):
    procedure = serializers.CharField(max_length=60, help_text="Mã thủ tục (procedure code).")
    agency = serializers.PrimaryKeyRelatedField(
        queryset=_AGENCIES, help_text="Cơ quan tiếp nhận (receiving agency id)."
    )
    channel = serializers.ChoiceField(
        Channel.choices, help_text="Kênh nộp: 1 trực tiếp, 2 trực tuyến, 3 bưu chính."
    )
    applicant = ApplicantSerializer()
    eform_data = serializers.DictField(required=False, default=dict)
    components = serializers.ListField(
        child=ComponentEntryField(),
        required=False,
        default=list,
        help_text="Mã thành phần, hoặc {id, copy_type, count} (hình thức nộp, số bản).",
    )
    sets = serializers.IntegerField(required=False, default=1, help_text="Số bộ hồ sơ.")
    out_of_area = serializers.BooleanField(
        required=False, default=False, help_text="Tiếp nhận không phụ thuộc địa giới hành chính."
    )
    outcome = serializers.ChoiceField(
        ["accept", "refuse_at_receipt", "redirect"], required=False, default="accept"
    )
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    redirect_to = serializers.PrimaryKeyRelatedField(queryset=_AGENCIES, required=False, allow_null=True)


class ListQuerySerializer(Serializer):
    state = serializers.ChoiceField(State.choices, required=False)
    queue = serializers.ChoiceField(["mine", "unit", "agency"], required=False)
    q = serializers.CharField(max_length=100, required=False, allow_blank=True)


class _Versioned(Serializer):
    expected_version = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="Phiên bản đã đọc; khác thì trả 409."
    )


class AssignSerializer(_Versioned):
    assignee = serializers.PrimaryKeyRelatedField(queryset=_USERS)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TransferSerializer(_Versioned):
    to_agency = serializers.PrimaryKeyRelatedField(queryset=_AGENCIES, required=False, allow_null=True)
    assignee = serializers.PrimaryKeyRelatedField(queryset=_USERS, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SupplementRequestSerializer(_Versioned):
    items = serializers.ListField(child=serializers.CharField(max_length=500), allow_empty=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SupplementReceiptSerializer(_Versioned):
    components = serializers.ListField(child=ComponentEntryField(), required=False, default=list)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ApologySerializer(_Versioned):
    new_appointment_at = serializers.DateTimeField()
    reason = serializers.CharField()


class ReasonsSerializer(_Versioned):
    reasons = serializers.CharField(required=False, allow_blank=True, default="")


class NoteSerializer(_Versioned):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnSerializer(_Versioned):
    delivery_method = serializers.ChoiceField(DeliveryMethod.choices)
    received_by = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ObligationRequestSerializer(_Versioned):
    charges = ChargeInputSerializer(many=True, required=False, default=list)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RateSerializer(Serializer):
    level = serializers.ChoiceField(Satisfaction.choices)
    comment = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Bắt buộc khi không hài lòng.",
    )
    source = serializers.ChoiceField(
        Rating.Source.choices,
        required=False,
        help_text="Mặc định: portal cho người nộp, counter cho cán bộ Một cửa.",
    )


class RatingSerializer(serializers.Serializer):
    level = serializers.ChoiceField(Satisfaction.choices)
    level_label = serializers.CharField(source="get_level_display")
    comment = serializers.CharField()
    source = serializers.ChoiceField(Rating.Source.choices)
    rated_at = serializers.DateTimeField()


class DossierAgencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class DossierListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(allow_null=True)
    state = serializers.ChoiceField(State.choices)
    # Not source="get_state_display": DRF inspects that method's signature and Django hashes the
    # lazy choice labels on every call (a third of a 25-row page's serialisation time).
    state_label = serializers.SerializerMethodField()
    national_status = serializers.IntegerField()
    procedure_code = serializers.CharField(source="procedure_version.procedure.code")
    procedure_name = serializers.CharField(source="procedure_version.name")
    applicant_name = serializers.CharField()
    channel = serializers.ChoiceField(Channel.choices)
    receiving_agency = DossierAgencySerializer()
    handling_agency = DossierAgencySerializer()
    received_at = serializers.DateTimeField(allow_null=True)
    appointment_at = serializers.DateTimeField(allow_null=True)
    timeliness = serializers.CharField()
    assignee_id = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField()

    def get_state_label(self, dossier) -> str:
        return str(_STATE_LABELS.get(dossier.state, dossier.state))


class DossierStatusSerializer(serializers.Serializer):
    """Where a dossier stands, from the row of ``selectors.dossier_status``."""

    code = serializers.CharField()
    state = serializers.ChoiceField(State.choices)
    state_label = serializers.SerializerMethodField()
    national_status = serializers.IntegerField()
    procedure_code = serializers.CharField()
    procedure_name = serializers.CharField(source="procedure_version__name")
    handling_agency = serializers.SerializerMethodField()
    received_at = serializers.DateTimeField(allow_null=True)
    appointment_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)

    def get_state_label(self, row) -> str:
        return str(_STATE_LABELS.get(row["state"], row["state"]))

    @extend_schema_field(DossierAgencySerializer)
    def get_handling_agency(self, row):
        return {k: row[f"handling_agency__{k}"] for k in ("id", "code", "name")}


class DossierStepSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    name = serializers.CharField()
    agency = DossierAgencySerializer()
    role = serializers.CharField()
    assignee_id = serializers.IntegerField(allow_null=True)
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    result = serializers.CharField()


class DossierEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(allow_null=True)
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    note = serializers.CharField()
    data = serializers.DictField()


class DossierDetailSerializer(DossierListSerializer):
    applicant_kind = serializers.IntegerField(help_text="1 công dân, 2 tổ chức.")
    applicant_id_number = serializers.CharField()
    applicant_address = serializers.CharField()
    applicant_phone = serializers.CharField()
    applicant_email = serializers.CharField()
    representative_name = serializers.CharField()
    eform_data = serializers.DictField()
    components = serializers.SerializerMethodField()
    sets = serializers.IntegerField()
    out_of_area = serializers.BooleanField()
    files = serializers.SerializerMethodField()
    supplement_count = serializers.IntegerField()
    apology_count = serializers.IntegerField()
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    delivery_method = serializers.CharField()
    result_received_by = serializers.CharField()
    outcome_note = serializers.CharField()
    allowed_actions = serializers.SerializerMethodField()
    steps = DossierStepSerializer(many=True, source="steps.all")
    history = DossierEventSerializer(many=True, source="events.all")
    charges = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()

    @extend_schema_field(ComponentEntrySerializer(many=True))
    def get_components(self, dossier):
        return submitted_components(dossier)

    @extend_schema_field(DossierFileSerializer(many=True))
    def get_files(self, dossier):
        """Current files, in one query."""
        return DossierFileSerializer(selectors.current_files(dossier), many=True).data

    @extend_schema_field(ChargesSerializer)
    def get_charges(self, dossier):
        return ChargesSerializer(payments.summary(dossier.charges.all())).data

    @extend_schema_field(RatingSerializer(allow_null=True))
    def get_rating(self, dossier):
        try:
            return RatingSerializer(dossier.rating).data
        except ObjectDoesNotExist:
            return None

    def get_allowed_actions(self, dossier) -> list[str]:
        """Actions the state allows; the caller's role is checked when acting."""
        return tr.allowed_actions(dossier.state)
