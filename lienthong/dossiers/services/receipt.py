"""Receipt at the one-stop desk: accept with a code and an appointment, refuse, or redirect."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
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
    CopyType,
    Dossier,
    DossierFile,
    FilePurpose,
    State,
)
from lienthong.dossiers.services.common import (
    catalog_steps,
    open_step,
    record,
    set_state,
)
from lienthong.dossiers.services.files import check_uploads, store, written_files
from lienthong.payments import services as payments
from lienthong.workdays.deadlines import TZ

TAX_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$")
MAX_COPIES = 99
MAX_SETS = 50


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


def clean_components(version, submitted, must_be_complete, default_copy_type=CopyType.ORIGINAL):
    """``submitted``: the version's components handed in, as ids or as dicts ``{"id", "copy_type",
    "count"}``. Returns dicts sorted by id (the first entry of a repeated id counts). With
    ``must_be_complete``, every required component must be there."""
    components = {c.pk: c for c in version.components.all()}
    entries, errors = {}, []
    for value in submitted:
        entry = _entry(value, default_copy_type)
        if entry is None or entry["id"] not in components:
            raise ValidationError({"components": _("Thành phần hồ sơ không thuộc thủ tục này.")})
        if entry["copy_type"] not in CopyType.values:
            errors.append(_("Hình thức nộp của thành phần hồ sơ không hợp lệ."))
        elif not isinstance(entry["count"], int) or not 1 <= entry["count"] <= MAX_COPIES:
            errors.append(_("Số bản của mỗi thành phần từ 1 đến %(max)s.") % {"max": MAX_COPIES})
        entries.setdefault(entry["id"], entry)
    if errors:
        raise ValidationError({"components": errors[0]})
    missing = [
        c.name for c in components.values() if c.requirement == Requirement.REQUIRED and c.pk not in entries
    ]
    if must_be_complete and missing:
        raise ValidationError(
            {
                "components": _("Còn thiếu thành phần hồ sơ bắt buộc: %(names)s.")
                % {"names": "; ".join(missing)}
            }
        )
    return [entries[pk] for pk in sorted(entries)]


def _entry(value, default_copy_type):
    if isinstance(value, dict):
        number = _as_id(value.get("id"))
        copy_type = value.get("copy_type") or default_copy_type
        count = value.get("count", 1)
    else:
        number, copy_type, count = _as_id(value), default_copy_type, 1
    return None if number is None else {"id": number, "copy_type": copy_type, "count": count}


def _as_id(value):
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def submitted_components(dossier):
    """``Dossier.components`` as dicts; rows saved before copy types were kept hold bare ids."""
    default = CopyType.ELECTRONIC if dossier.channel == Channel.ONLINE else CopyType.ORIGINAL
    return [e for e in (_entry(v, default) for v in dossier.components or []) if e is not None]


def merge_components(current, added):
    """``added`` entries replace those of the same component in ``current`` (both lists of dicts)."""
    merged = {e["id"]: e for e in current}
    merged.update({e["id"]: e for e in added})
    return [merged[pk] for pk in sorted(merged)]


def _clean_files(version, files, entries, channel, must_be_complete):
    """Check every file (type, size, content) before anything is written; every required component
    of an online submission must come with a file. Returns ``[(component, copy_type, [(upload,
    checked)])]`` and the entries completed with the components that came as files only."""
    components = {c.pk: c for c in version.components.all()}
    default = _default_copy_type(channel)
    by_id = {e["id"]: e for e in entries}
    cleaned = []
    for key, uploads in (files or {}).items():
        number = _as_id(key)
        if number not in components:
            raise ValidationError({"files": _("Tệp gửi kèm thành phần hồ sơ không thuộc thủ tục này.")})
        uploads = [u for u in (uploads if isinstance(uploads, list | tuple) else [uploads]) if u is not None]
        if not uploads:
            continue
        entry = by_id.setdefault(number, {"id": number, "copy_type": default, "count": 1})
        cleaned.append(
            (components[number], entry["copy_type"], check_uploads(uploads, f"component_{number}"))
        )
    with_files = {component.pk for component, _copy, _uploads in cleaned}
    if channel == Channel.ONLINE and must_be_complete:
        missing = [
            c.name
            for c in components.values()
            if c.requirement == Requirement.REQUIRED and c.pk not in with_files
        ]
        if missing:
            raise ValidationError(
                {
                    "files": _("Hồ sơ trực tuyến phải kèm tệp của thành phần bắt buộc: %(names)s.")
                    % {"names": "; ".join(missing)}
                }
            )
    return cleaned, [by_id[pk] for pk in sorted(by_id)]


def _default_copy_type(channel):
    return CopyType.ELECTRONIC if channel == Channel.ONLINE else CopyType.ORIGINAL


def store_component_files(dossier, cleaned, written, actor, now, purpose=FilePurpose.COMPONENT):
    digitised = dossier.channel == Channel.COUNTER
    for component, copy_type, uploads in cleaned:
        for upload, checked in uploads:
            store(
                dossier,
                upload,
                checked,
                written,
                actor=actor,
                purpose=purpose,
                now=now,
                component=component,
                copy_type=copy_type,
                digitised=digitised,
            )


class SupplementParts:
    """What a supplement brings (components, files), checked on creation, before anything is
    written; ``apply`` runs inside the action's transaction, and using the object as a context
    manager around that transaction deletes the stored files if it fails."""

    def __init__(self, dossier, components=(), files=None):
        version = dossier.procedure_version
        default = _default_copy_type(dossier.channel)
        entries = clean_components(version, list(components or ()), False, default)
        self.cleaned, self.entries = _clean_files(version, files, entries, dossier.channel, False)
        self._files = written_files()

    def __enter__(self):
        self.written = self._files.__enter__()
        return self

    def __exit__(self, *exc):
        return self._files.__exit__(*exc)

    def apply(self, dossier, actor, now):
        if self.entries:
            dossier.components = merge_components(submitted_components(dossier), self.entries)
        if self.cleaned:
            DossierFile.objects.filter(
                dossier=dossier,
                component__in=[component for component, _c, _u in self.cleaned],
                purpose__in=(FilePurpose.COMPONENT, FilePurpose.SUPPLEMENT),
                replaced_at__isnull=True,
            ).update(replaced_at=now)
        store_component_files(dossier, self.cleaned, self.written, actor, now, FilePurpose.SUPPLEMENT)


def _collect(errors, check, *args):
    """Run ``check``; keep its field errors (with their codes) in ``errors`` instead of raising."""
    try:
        return check(*args)
    except ValidationError as exc:
        found = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
        for field, items in found.items():
            errors.setdefault(field, []).extend(items)
        return None


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
    files=None,
    sets=1,
    out_of_area=False,
):
    """Receive a dossier at ``agency``'s desk: accept (code + appointment), refuse with reasons, or
    redirect to the competent agency (NĐ 61/2018 Art. 15 [probable], now NĐ 118/2025).

    ``components``: ids, or dicts ``{"id", "copy_type", "count"}``. ``files``: ``{component id:
    [UploadedFile, ...]}``, all checked before anything is written, stored as the component's files
    (scanned at the desk when the channel is the counter). ``out_of_area``: received regardless of
    the administrative boundary, only for procedures listed for it (regulations.md §1 [probable]).
    Bad input saves nothing: no dossier, no file, no code number, and the idempotency key stays free.
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
    # Every finding at once, so the desk fixes the whole form in one go.
    errors = {}
    fields = _collect(errors, _clean_applicant, applicant)
    complete = outcome == "accept"
    prefetch_related_objects([version], "components")  # read by the three checks below: one query

    def components_and_files():
        submitted = clean_components(version, list(components), False, _default_copy_type(channel))
        cleaned, submitted = _clean_files(version, files, submitted, channel, complete)
        return cleaned, clean_components(version, submitted, complete)

    cleaned, submitted = _collect(errors, components_and_files) or ([], [])
    if isinstance(sets, bool) or not isinstance(sets, int) or not 1 <= sets <= MAX_SETS:
        errors["sets"] = [_("Số bộ hồ sơ từ 1 đến %(max)s.") % {"max": MAX_SETS}]
    if out_of_area and not version.accepts_out_of_area:
        errors["out_of_area"] = [
            _(
                "Thủ tục này không thuộc danh mục được tiếp nhận không phụ thuộc địa giới hành chính; "
                "hướng dẫn người nộp đến cơ quan có thẩm quyền."
            )
        ]
    reasons = (reasons or "").strip()
    if outcome == "refuse_at_receipt" and not reasons:
        errors["reasons"] = [_("Nêu rõ lý do từ chối tiếp nhận.")]
    if outcome == "redirect" and (redirect_to is None or redirect_to.pk == agency.pk):
        errors["redirect_to"] = [_("Chọn cơ quan có thẩm quyền mà người nộp cần đến.")]
    if errors:
        raise ValidationError(errors)
    try:
        with written_files() as written, transaction.atomic():
            dossier = Dossier(
                procedure_version=version,
                receiving_agency=agency,
                handling_agency=agency,
                channel=channel,
                applicant_user=applicant_user,
                eform_data=eform_data or {},
                components=submitted,
                sets=sets,
                out_of_area=bool(out_of_area),
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
                payments.charges_at_receipt(dossier, actor)
            store_component_files(dossier, cleaned, written, actor, now)
            data = {"code": dossier.code, "files": sum(len(u) for _c, _t, u in cleaned)}
            if out_of_area:
                data["out_of_area"] = True
            record(actor, dossier, outcome, State.NEW, now, reasons, data)
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
