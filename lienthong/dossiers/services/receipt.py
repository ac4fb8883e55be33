"""Receipt at the one-stop desk: accept with a code and an appointment, refuse, or redirect."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import can_act_for_agency, require
from lienthong.catalog import selectors as catalog
from lienthong.catalog.models.choices import Requirement
from lienthong.directory.validators import validate_citizen_id
from lienthong.dossiers import codes
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.deadlines import appointment_for
from lienthong.dossiers.models import (
    ApplicantKind,
    Channel,
    Dossier,
    State,
)
from lienthong.dossiers.services.common import (
    catalog_steps,
    open_step,
    record,
    set_state,
)
from lienthong.workdays.deadlines import TZ

TAX_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$")


def _clean_applicant(data):
    errors = {}
    kind = data.get("kind")
    name = (data.get("name") or "").strip()
    number = (data.get("id_number") or "").strip()
    if kind not in ApplicantKind.values:
        errors["applicant_kind"] = _("Chọn loại đối tượng: công dân hoặc tổ chức.")
    if not name:
        errors["applicant_name"] = _("Nhập tên người nộp hoặc tên tổ chức.")
    if kind == ApplicantKind.PERSON:
        try:
            validate_citizen_id(number)
        except ValidationError as exc:
            errors["applicant_id_number"] = exc.messages[0]
    elif kind == ApplicantKind.ORGANISATION and not TAX_CODE_RE.match(number):
        errors["applicant_id_number"] = _("Mã số thuế gồm 10 chữ số hoặc 10 chữ số, gạch ngang và 3 chữ số.")
    email = (data.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["applicant_email"] = _("Địa chỉ thư điện tử không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    return {
        "applicant_kind": kind,
        "applicant_name": name,
        "applicant_id_number": number,
        "applicant_address": (data.get("address") or "").strip(),
        "applicant_phone": (data.get("phone") or "").strip(),
        "applicant_email": email,
        "representative_name": (data.get("representative_name") or "").strip(),
        "representative_id_number": (data.get("representative_id_number") or "").strip(),
    }


def clean_components(version, submitted, must_be_complete):
    """``submitted``: ids of the version's components handed in. All required ones must be there."""
    components = {c.pk: c for c in version.components.all()}
    ids = []
    for value in submitted:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            ids.append(None)
    unknown = [v for v, i in zip(submitted, ids, strict=True) if i not in components]
    if unknown:
        raise ValidationError({"components": _("Thành phần hồ sơ không thuộc thủ tục này.")})
    missing = [
        c.name for c in components.values() if c.requirement == Requirement.REQUIRED and c.pk not in ids
    ]
    if must_be_complete and missing:
        raise ValidationError(
            {
                "components": _("Còn thiếu thành phần hồ sơ bắt buộc: %(names)s.")
                % {"names": "; ".join(missing)}
            }
        )
    return sorted(set(ids))


def receive(
    actor,
    *,
    procedure_code,
    agency,
    channel,
    applicant,
    components=(),
    eform_data=None,
    outcome="accept",
    reasons="",
    redirect_to=None,
    applicant_user=None,
    idempotency_key=None,
    code_scheme=None,
):
    """Receive a dossier at ``agency``'s desk: accept (code + appointment), refuse with reasons, or
    redirect to the competent agency (NĐ 61/2018 Art. 15 [probable], now NĐ 118/2025).

    The same ``idempotency_key`` returns the dossier already made with it.
    """
    existing = _replayed(actor, idempotency_key)
    if existing is not None:
        return existing
    if outcome not in tr.TRANSITIONS[State.NEW]:
        raise ValidationError({"outcome": _("Kết quả tiếp nhận không hợp lệ.")})
    edge = tr.TRANSITIONS[State.NEW][outcome]
    require(
        can_act_for_agency(actor, agency, edge.roles),
        _("Bạn không có quyền tiếp nhận hồ sơ tại cơ quan này."),
    )
    now = timezone.now()
    version = catalog.version_in_force(procedure_code, now.astimezone(TZ).date())
    if version is None:
        raise ValidationError({"procedure": _("Không tìm thấy thủ tục đang có hiệu lực với mã này.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Kênh nộp hồ sơ không hợp lệ.")})
    fields = _clean_applicant(applicant)
    submitted = clean_components(version, list(components), must_be_complete=outcome == "accept")
    reasons = (reasons or "").strip()
    if outcome == "refuse_at_receipt" and not reasons:
        raise ValidationError({"reasons": _("Nêu rõ lý do từ chối tiếp nhận.")})
    if outcome == "redirect" and (redirect_to is None or redirect_to.pk == agency.pk):
        raise ValidationError({"redirect_to": _("Chọn cơ quan có thẩm quyền mà người nộp cần đến.")})
    try:
        with transaction.atomic():
            dossier = Dossier(
                procedure_version=version,
                receiving_agency=agency,
                handling_agency=agency,
                channel=channel,
                applicant_user=applicant_user,
                eform_data=eform_data or {},
                components=submitted,
                idempotency_key=idempotency_key or None,
                outcome_note=reasons,
                redirected_to=redirect_to if outcome == "redirect" else None,
                **fields,
            )
            if outcome == "accept":
                scheme = code_scheme or codes.DEFAULT_SCHEME
                dossier.code = scheme.next_code(agency, now)
                dossier.code_scheme = scheme.name
                dossier.received_at = now
                dossier.appointment_at = dossier.first_appointment_at = appointment_for(version, now)
            else:
                dossier.finished_at = now
            set_state(dossier, edge.target)
            dossier.save()
            if outcome == "accept":
                _open_first_step(dossier, version, actor, now)
            record(actor, dossier, outcome, State.NEW, now, reasons, {"code": dossier.code})
    except IntegrityError:
        existing = _replayed(actor, idempotency_key)
        if existing is not None:
            return existing
        raise
    return dossier


def _replayed(actor, idempotency_key):
    """The dossier already made with this key; only for someone who may act at its desk."""
    if not idempotency_key:
        return None
    existing = Dossier.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        require(can_act_for_agency(actor, existing.receiving_agency_id), code="idempotency_key_in_use")
    return existing


def _open_first_step(dossier, version, actor, at):
    steps = catalog_steps(version)
    if not steps:
        return
    first = steps[0]
    step = open_step(dossier, 0, first.name, dossier.receiving_agency, first.role, first.duration, at, actor)
    dossier.step_index, dossier.assignee = step.index, actor
    dossier.save(update_fields=["step_index", "assignee"])
