"""State changes of the catalogue: each one checks the rules, writes, and leaves an audit record.

Published versions are never edited. ``change_procedure`` edits the draft when the latest version
is one, and otherwise makes the next version (regulations.md §1, versioning rule). Only province
IT administrators (or system commands, ``actor=None``) change the catalogue.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.accounts import permissions
from lienthong.catalog import eforms, process, specs
from lienthong.catalog.models import (
    CountingMode,
    DossierComponent,
    Fee,
    FeeKind,
    Field,
    OnlineCategory,
    Procedure,
    ProcedureType,
    ProcedureVersion,
    ProcessStep,
    PublicationState,
    Requirement,
    ResultType,
    TimeUnit,
)
from lienthong.catalog.validators import check_code_characters, clean_code, national_code_warning
from lienthong.core import audit
from lienthong.core.text import fold
from lienthong.directory.models import AgencyKind

FIELD_FIELDS = ["code", "name", "sort_order", "is_active"]


def require_catalog_admin(actor):
    if actor is None:  # system commands: load_catalog, imports run by the platform
        return
    permissions.require(
        permissions.is_province_admin(actor),
        _("Chỉ quản trị hệ thống cấp tỉnh được sửa danh mục thủ tục hành chính."),
    )


# --- fields (lĩnh vực) ------------------------------------------------------------------------


@transaction.atomic
def save_field(actor, field=None, **values):
    require_catalog_admin(actor)
    unknown = set(values) - set(FIELD_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    creating = field is None
    field = field or Field()
    before = None if creating else audit.snapshot(field, FIELD_FIELDS)
    for name, value in values.items():
        setattr(field, name, value.strip() if isinstance(value, str) else value)
    errors = {}
    if not field.code:
        errors["code"] = [_("Cần nhập mã lĩnh vực.")]
    elif Field.objects.filter(code=field.code).exclude(pk=field.pk).exists():
        errors["code"] = [_("Mã lĩnh vực “%(c)s” đã có.") % {"c": field.code}]
    if not field.name:
        errors["name"] = [_("Cần nhập tên lĩnh vực.")]
    if errors:
        raise ValidationError(errors)
    field.full_clean(exclude=["name_folded"])
    field.name_folded = fold(field.name)
    field.save()
    if not creating:
        _refresh_search_of_field(field)
    audit.record(
        actor,
        "catalog.field.create" if creating else "catalog.field.update",
        field,
        before=before,
        after=audit.snapshot(field, FIELD_FIELDS),
    )
    return field


def _refresh_search_of_field(field):
    versions = list(ProcedureVersion.objects.filter(field=field).select_related("procedure"))
    for version in versions:
        version.field = field
        version.search_folded = _search_text(version.procedure, version.name, field, version.keywords)
    ProcedureVersion.objects.bulk_update(versions, ["search_folded"])


def _search_text(procedure, name, field, keywords):
    parts = [name, procedure.national_code, procedure.local_code, field.code, field.name, keywords]
    return fold(" ".join(part for part in parts if part))


# --- codes ------------------------------------------------------------------------------------


def _check_codes(procedure, national_code, local_code):
    errors = {}
    for name, value in (("national_code", national_code), ("local_code", local_code)):
        try:
            check_code_characters(value, name)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if not national_code and not local_code:
        errors["national_code"] = [_("Cần có mã thủ tục quốc gia hoặc mã nội bộ của tỉnh.")]
    others = Procedure.objects.exclude(pk=procedure.pk) if procedure.pk else Procedure.objects.all()
    if national_code and others.filter(national_code=national_code).exists():
        errors["national_code"] = [_("Mã thủ tục %(c)s đã có trong danh mục.") % {"c": national_code}]
    if local_code and others.filter(local_code=local_code).exists():
        errors["local_code"] = [_("Mã nội bộ %(c)s đã có trong danh mục.") % {"c": local_code}]
    if errors:
        raise ValidationError(errors)
    return [w for w in [national_code_warning(national_code)] if w]


@transaction.atomic
def update_codes(actor, procedure, national_code, local_code=""):
    """Correct a procedure's codes (e.g. once the national code is known). Returns warnings."""
    require_catalog_admin(actor)
    national_code, local_code = clean_code(national_code), clean_code(local_code)
    before = audit.snapshot(procedure, ["national_code", "local_code"])
    warnings = _check_codes(procedure, national_code, local_code)
    procedure.national_code, procedure.local_code = national_code, local_code
    procedure.code_is_standard = not warnings
    procedure.save()
    for version in procedure.versions.select_related("field"):
        version.search_folded = _search_text(procedure, version.name, version.field, version.keywords)
        version.save(update_fields=["search_folded"])
    audit.record(
        actor,
        "catalog.procedure.codes",
        procedure,
        before=before,
        after=audit.snapshot(procedure, ["national_code", "local_code"]),
        note="; ".join(warnings),
    )
    return warnings


# --- validation of a spec ---------------------------------------------------------------------


def _choice(errors, spec, name, choices, allow_blank=False):
    value = spec.get(name)
    if (allow_blank and not value) or value in choices:
        return
    errors.setdefault(name, []).append(_("Giá trị “%(v)s” không hợp lệ.") % {"v": value})


def _validate(spec):
    errors = {}

    def add(key, message):
        errors.setdefault(key, []).append(message)

    if not spec["name"]:
        add("name", _("Cần nhập tên thủ tục."))
    elif len(spec["name"]) > 500:
        add("name", _("Tên thủ tục dài tối đa 500 ký tự."))
    if not isinstance(spec["field"], Field):
        add("field", _("Cần chọn lĩnh vực."))
    _choice(errors, spec, "procedure_type", ProcedureType.values)
    _choice(errors, spec, "result_type", ResultType.values)
    _choice(errors, spec, "competent_agency_kind", AgencyKind.values, allow_blank=True)
    _choice(errors, spec, "implementing_agency_kind", AgencyKind.values, allow_blank=True)
    if not (spec["level_province"] or spec["level_commune"] or spec["level_district"]):
        add("levels", _("Cần chọn ít nhất một cấp thực hiện."))
    if not (spec["channel_in_person"] or spec["channel_online"] or spec["channel_post"]):
        add("channels", _("Cần chọn ít nhất một cách thức nộp hồ sơ."))
    if spec["competent_agency"] is not None and spec["competent_agency_kind"]:
        add("competent_agency", _("Chỉ chọn một trong hai: cơ quan có thẩm quyền cụ thể hoặc theo loại."))
    _validate_time(spec, add)
    _validate_online(spec, add)
    if (
        spec["effective_from"]
        and spec["effective_until"]
        and spec["effective_until"] < spec["effective_from"]
    ):
        add("effective_until", _("Ngày hết hiệu lực không được trước ngày có hiệu lực."))
    for key, limit in (("receiving_place", 500), ("keywords", 500), ("instrument", 300)):
        if len(spec[key]) > limit:
            add(key, _("Dài tối đa %(n)s ký tự.") % {"n": limit})
    _validate_legal(spec["legal_basis"], add)
    _validate_fees(spec["fees"], add)
    _validate_components(spec["components"], add)
    try:
        eforms.validate_definition(spec["eform"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if spec["process"] and "time_value" not in errors:
        try:
            process.check_steps(spec["process"], spec["time_value"], spec["time_unit"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


def _validate_time(spec, add):
    if spec["time_unit"] not in TimeUnit.values:
        add("time_unit", _("Đơn vị thời hạn “%(v)s” không hợp lệ.") % {"v": spec["time_unit"]})
        return
    value = spec["time_value"]
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        add("time_value", _("Thời hạn giải quyết phải là số lớn hơn 0."))
    elif value != value.quantize(Decimal("0.001")) or value >= Decimal("1000000"):
        add("time_value", _("Thời hạn giải quyết có tối đa 3 chữ số thập phân."))
    if spec["counting_mode"] not in CountingMode.values:
        add("counting_mode", _("Cách tính thời hạn “%(v)s” không hợp lệ.") % {"v": spec["counting_mode"]})
    elif spec["time_unit"] == TimeUnit.WORKING_HOURS and spec["counting_mode"] != CountingMode.HOUR:
        add("counting_mode", _("Thời hạn tính bằng giờ làm việc phải dùng cách tính theo giờ."))
    elif spec["time_unit"] == TimeUnit.CALENDAR_DAYS and spec["counting_mode"] != CountingMode.DAY:
        add("counting_mode", _("Thời hạn tính theo ngày lịch dùng cách tính theo ngày."))
    if spec["cutoff_hour"] is not None and not isinstance(spec["cutoff_hour"], datetime.time):
        add("cutoff_hour", _("Giờ chốt nhận hồ sơ không hợp lệ (dạng 15:00)."))


def _validate_online(spec, add):
    _choice_ok = spec["online_category"] in OnlineCategory.values
    if not _choice_ok:
        add("online_category", _("Mức độ “%(v)s” không hợp lệ.") % {"v": spec["online_category"]})
        return
    level = spec["legacy_online_level"]
    if level is not None and (isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4):
        add("legacy_online_level", _("Mức độ cũ phải từ 1 đến 4."))
    online = spec["online_category"] != OnlineCategory.NONE
    if online and not spec["channel_online"]:
        add(
            "channels", _("Dịch vụ công trực tuyến (toàn trình hoặc một phần) phải cho nộp hồ sơ trực tuyến.")
        )
    if spec["online_payment"] and not online:
        add("online_payment", _("Chỉ dịch vụ công trực tuyến mới thanh toán trực tuyến được."))


def _validate_legal(documents, add):
    if len(documents) > 50:
        add("legal_basis", _("Tối đa 50 văn bản căn cứ."))
    for index, doc in enumerate(documents, start=1):
        if doc.get("_invalid") or not doc["title"]:
            add("legal_basis", _("Văn bản %(n)s: cần trích yếu (tên văn bản).") % {"n": index})
        elif doc["issued_on"]:
            try:
                datetime.date.fromisoformat(doc["issued_on"])
            except ValueError:
                add("legal_basis", _("Văn bản %(n)s: ngày ban hành phải có dạng YYYY-MM-DD.") % {"n": index})


def _validate_fees(fees, add):
    for index, fee in enumerate(fees, start=1):
        prefix = _("Phí, lệ phí %(n)s: ") % {"n": index}
        if fee["kind"] not in FeeKind.values:
            add("fees", prefix + _("loại “%(v)s” không hợp lệ.") % {"v": fee["kind"]})
        amount = fee["amount"]
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int) or amount < 0):
            add("fees", prefix + _("mức thu phải là số nguyên không âm (đồng)."))
        if amount is None and not fee["description"]:
            add("fees", prefix + _("không ghi mức thu thì phải mô tả cách tính."))
        if len(fee["description"]) > 500:
            add("fees", prefix + _("mô tả dài tối đa 500 ký tự."))


def _validate_components(components, add):
    for index, item in enumerate(components, start=1):
        prefix = _("Thành phần hồ sơ %(n)s: ") % {"n": index}
        if not item["name"]:
            add("components", prefix + _("cần tên giấy tờ."))
        for key, label in (("originals", _("số bản chính")), ("copies", _("số bản sao"))):
            value = item[key]
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 99:
                add("components", prefix + _("%(l)s phải là số nguyên từ 0 đến 99.") % {"l": label})
        if item["requirement"] not in Requirement.values:
            add("components", prefix + _("yêu cầu “%(v)s” không hợp lệ.") % {"v": item["requirement"]})
        elif item["requirement"] == Requirement.CONDITIONAL and not item["condition"]:
            add("components", prefix + _("giấy tờ nộp theo trường hợp phải ghi rõ trường hợp nào."))
        if len(item["form_name"]) > 255:
            add("components", prefix + _("tên mẫu dài tối đa 255 ký tự."))


def _prepare(spec):
    spec = specs.normalise(spec)
    _validate(spec)
    return spec


# --- writing ----------------------------------------------------------------------------------


def _write(version, spec):
    for name in specs.SCALAR_FIELDS:
        setattr(version, name, spec[name])
    version.eform = spec["eform"]
    version.name_folded = fold(spec["name"])
    version.search_folded = _search_text(version.procedure, spec["name"], spec["field"], spec["keywords"])
    version.full_clean(exclude=["procedure", "field", "competent_agency", "search_folded", "name_folded"])
    version.save()
    version.implementing_agencies.set(spec["implementing_agencies"])
    version.coordinating_agencies.set(spec["coordinating_agencies"])
    version.fees.all().delete()
    Fee.objects.bulk_create(Fee(version=version, position=i, **fee) for i, fee in enumerate(spec["fees"], 1))
    version.components.all().delete()
    for position, item in enumerate(spec["components"], start=1):
        DossierComponent.objects.create(version=version, position=position, **item)
    version.process_steps.all().delete()
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, position=i, **step) for i, step in enumerate(spec["process"], 1)
    )


def _latest(procedure):
    return procedure.versions.order_by("-number").first()


def _lock(procedure):
    return Procedure.objects.select_for_update().get(pk=procedure.pk)


@transaction.atomic
def create_procedure(actor, national_code="", local_code="", publish=False, effective_from=None, **spec):
    """A new procedure with its first version (a draft unless ``publish``). Returns ``(version, warnings)``."""
    require_catalog_admin(actor)
    national_code, local_code = clean_code(national_code), clean_code(local_code)
    procedure = Procedure(national_code=national_code, local_code=local_code)
    errors = {}
    try:
        warnings = _check_codes(procedure, national_code, local_code)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        warnings = []
    unknown = set(specs.expand_shortcuts(spec)) - set(specs.ALL_KEYS)
    if unknown:
        raise ValueError(f"Unknown procedure fields: {sorted(unknown)}")
    try:
        full = _prepare({**specs.DEFAULTS, **specs.expand_shortcuts(spec)})
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    procedure.code_is_standard = not warnings
    procedure.save()
    version = ProcedureVersion(procedure=procedure, number=1)
    _write(version, full)
    audit.record(
        actor, "catalog.procedure.create", version, after=specs.plain(full), note="; ".join(warnings)
    )
    if publish:
        version = publish_version(actor, version, effective_from=effective_from)
    return version, warnings


@transaction.atomic
def change_procedure(actor, procedure, publish=None, effective_from=None, **changes):
    """Apply ``changes``: to the draft if the latest version is one, else as the next version.

    A change of a published procedure is published at once unless ``publish=False`` (it then
    waits as a draft). Changing nothing changes nothing. Returns the version holding the change.
    """
    require_catalog_admin(actor)
    changes = specs.expand_shortcuts(changes)
    unknown = set(changes) - set(specs.ALL_KEYS)
    if unknown:
        raise ValueError(f"Unknown procedure fields: {sorted(unknown)}")
    procedure = _lock(procedure)
    base = _latest(procedure)
    base_spec = specs.of_version(base)
    wanted = _prepare({**base_spec, **changes})
    unchanged = specs.plain(wanted) == specs.plain(base_spec)
    if base.state == PublicationState.DRAFT:
        if not unchanged:
            _write(base, wanted)
            audit.record(
                actor,
                "catalog.version.update",
                base,
                before=specs.plain(base_spec),
                after=specs.plain(wanted),
            )
        return publish_version(actor, base, effective_from=effective_from) if publish else base
    if unchanged:
        return base
    for name in specs.PUBLICATION_FIELDS:
        if name not in changes:
            wanted[name] = specs.DEFAULTS[name]
    version = ProcedureVersion(procedure=procedure, number=base.number + 1)
    _write(version, wanted)
    audit.record(
        actor,
        "catalog.version.create",
        version,
        before=specs.plain(base_spec),
        after=specs.plain(wanted),
        note=_("Phiên bản %(new)s thay cho phiên bản %(old)s.") % {"new": version.number, "old": base.number},
    )
    if publish is None:
        publish = base.state == PublicationState.PUBLISHED
    return publish_version(actor, version, effective_from=effective_from) if publish else version


def preview_change(procedure, **changes):
    """Check ``changes`` against the latest version without writing; raises ``ValidationError``."""
    changes = specs.expand_shortcuts(changes)
    base = _latest(procedure)
    return _prepare({**specs.of_version(base), **changes})


@transaction.atomic
def publish_version(actor, version, effective_from=None, instrument=None):
    """Publish a draft: it becomes the current version and the previous current one is superseded."""
    require_catalog_admin(actor)
    procedure = _lock(version.procedure)
    version = ProcedureVersion.objects.get(pk=version.pk)
    if version.state != PublicationState.DRAFT:
        raise ValidationError({"state": [_("Chỉ phiên bản dự thảo mới được công bố.")]})
    spec = specs.of_version(version)
    if instrument is not None:
        spec["instrument"] = instrument
    spec["effective_from"] = effective_from or spec["effective_from"] or timezone.localdate()
    spec = _prepare(spec)
    previous = procedure.versions.filter(is_current=True).first()
    if previous is not None:
        previous.state = PublicationState.SUPERSEDED
        previous.is_current = False
        day_before = spec["effective_from"] - datetime.timedelta(days=1)
        if previous.effective_from and day_before < previous.effective_from:
            day_before = previous.effective_from  # replaced on its first day: it applied that day only
        if previous.effective_until is None or previous.effective_until > day_before:
            previous.effective_until = day_before
        previous.save(update_fields=["state", "is_current", "effective_until", "updated_at"])
    version.effective_from = spec["effective_from"]
    version.instrument = spec["instrument"]
    version.state = PublicationState.PUBLISHED
    version.is_current = True
    version.published_at = timezone.now()
    version.save(
        update_fields=["effective_from", "instrument", "state", "is_current", "published_at", "updated_at"]
    )
    audit.record(
        actor,
        "catalog.version.publish",
        version,
        before={"state": PublicationState.DRAFT, "current_version": previous.number if previous else None},
        after={
            "state": version.state,
            "effective_from": version.effective_from,
            "instrument": version.instrument,
        },
    )
    return version


@transaction.atomic
def withdraw_procedure(actor, procedure, reason, effective_until=None):
    """Bãi bỏ: the current version stops applying; it stays readable with its history."""
    require_catalog_admin(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Cần ghi lý do hoặc văn bản bãi bỏ thủ tục.")]})
    procedure = _lock(procedure)
    version = procedure.versions.filter(is_current=True).first()
    if version is None:
        raise ValidationError({"state": [_("Thủ tục không có phiên bản đang áp dụng để bãi bỏ.")]})
    until = effective_until or timezone.localdate()
    if version.effective_from and until < version.effective_from:
        raise ValidationError({"effective_until": [_("Ngày bãi bỏ không được trước ngày có hiệu lực.")]})
    version.state = PublicationState.WITHDRAWN
    version.is_current = False
    version.effective_until = until
    version.change_note = reason
    version.save(update_fields=["state", "is_current", "effective_until", "change_note", "updated_at"])
    audit.record(
        actor,
        "catalog.procedure.withdraw",
        version,
        before={"state": PublicationState.PUBLISHED},
        after={"state": version.state, "effective_until": until},
        note=reason,
    )
    return version


@transaction.atomic
def discard_draft(actor, version):
    require_catalog_admin(actor)
    if version.state != PublicationState.DRAFT:
        raise ValidationError({"state": [_("Chỉ xóa được phiên bản dự thảo.")]})
    procedure = version.procedure
    before = specs.plain(specs.of_version(version))
    audit.record(actor, "catalog.version.discard", version, before=before)
    version.delete()
    if not procedure.versions.exists():
        procedure.delete()


# --- process definitions ----------------------------------------------------------------------


def set_process(actor, procedure, steps, publish=None):
    """Replace the internal process (a new version if the procedure is published)."""
    return change_procedure(actor, procedure, publish=publish, process=steps)


def import_process(actor, procedure, text, fmt="yaml", publish=None):
    """Read a YAML or JSON process document and set it as the procedure's process."""
    return import_process_document(actor, procedure, process.load(text, fmt), publish=publish)


def import_process_document(actor, procedure, document, publish=None):
    """Set the process described by a parsed document (agencies named by code or name)."""
    require_catalog_admin(actor)
    steps, declared = process.parse_document(document)
    code = document.get("procedure") if isinstance(document, dict) else None
    if code and str(code) not in (procedure.national_code, procedure.local_code):
        raise ValidationError(
            {
                "process": [
                    _("Tệp là quy trình của thủ tục %(a)s, không phải %(b)s.")
                    % {"a": code, "b": procedure.code}
                ]
            }
        )
    base = _latest(procedure)
    process.check_declared_time(declared, base.time_value, base.time_unit)
    return set_process(actor, procedure, steps, publish=publish)


def set_eform(actor, procedure, definition, publish=None):
    return change_procedure(actor, procedure, publish=publish, eform=definition)
