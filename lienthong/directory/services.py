"""State changes of the directory: each one validates, writes and leaves an audit record.

Views, API views, admin actions and management commands call these; nothing else writes the models.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from lienthong.accounts import permissions
from lienthong.core import audit
from lienthong.directory.models import AdministrativeUnit, Agency, InternalUnit, Official
from lienthong.directory.validators import agency_code_warning, validate_citizen_id

AGENCY_FIELDS = [
    "name",
    "short_name",
    "kind",
    "parent",
    "administrative_unit",
    "code",
    "code_qd20",
    "address",
    "phone",
    "email",
    "website",
    "has_one_stop_desk",
    "is_active",
    "valid_from",
    "valid_until",
    "sort_order",
]
UNIT_FIELDS = ["agency", "name", "short_name", "code", "is_active", "sort_order"]
OFFICIAL_FIELDS = [
    "full_name",
    "date_of_birth",
    "gender",
    "citizen_id",
    "agency",
    "internal_unit",
    "position",
    "rank",
    "email",
    "phone",
    "is_active",
]


def _check_can_administer(actor, agency):
    if actor is None:  # system actions (management commands, migrations of data)
        return
    permissions.require(
        agency is not None and permissions.can_administer_agency(actor, agency),
        "Bạn không có quyền quản trị cơ quan này.",
    )


def _apply(obj, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, value)


def _validate(obj, exclude=()):
    obj.full_clean(exclude=list(exclude), validate_unique=True)


@transaction.atomic
def save_agency(actor, agency=None, **fields):
    """Create or update an agency. Returns ``(agency, warnings)``: a malformed code is kept, with a warning."""
    creating = agency is None
    agency = agency or Agency()
    before = None if creating else audit.snapshot(agency, AGENCY_FIELDS)
    if creating:
        if actor is not None and not permissions.is_province_admin(actor):
            _check_can_administer(actor, fields.get("parent"))
    else:
        _check_can_administer(actor, agency)
    _apply(agency, fields, AGENCY_FIELDS)
    if agency.parent_id and agency.pk and agency.parent.path.startswith(agency.path or "\0"):
        raise ValidationError(
            {"parent": "Cơ quan cấp trên không được là chính nó hoặc cơ quan cấp dưới của nó."}
        )
    _validate(agency, exclude=["path"])
    agency.save()
    warnings = [w for w in [agency_code_warning(agency.code)] if w]
    audit.record(
        actor,
        "directory.agency.create" if creating else "directory.agency.update",
        agency,
        before=before,
        after=audit.snapshot(agency, AGENCY_FIELDS),
        note="; ".join(str(w) for w in warnings),
    )
    return agency, warnings


@transaction.atomic
def save_internal_unit(actor, unit=None, **fields):
    creating = unit is None
    unit = unit or InternalUnit()
    before = None if creating else audit.snapshot(unit, UNIT_FIELDS)
    _apply(unit, fields, UNIT_FIELDS)
    _check_can_administer(actor, unit.agency if unit.agency_id else None)
    _validate(unit)
    unit.save()
    audit.record(
        actor,
        "directory.unit.create" if creating else "directory.unit.update",
        unit,
        before=before,
        after=audit.snapshot(unit, UNIT_FIELDS),
    )
    return unit


def _validate_official(official):
    errors = {}
    try:
        validate_citizen_id(official.citizen_id, official.date_of_birth, official.gender)
    except ValidationError as exc:
        errors["citizen_id"] = exc.messages
    if (
        official.internal_unit_id
        and official.agency_id
        and official.internal_unit.agency_id != official.agency_id
    ):
        errors["internal_unit"] = ["Phòng, đơn vị không thuộc cơ quan đã chọn."]
    try:
        official.full_clean()
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(m for m in messages if m not in errors.get(key, []))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_official(actor, official=None, **fields):
    """Create or update an official's record in the officials database."""
    creating = official is None
    official = official or Official()
    before = None if creating else audit.snapshot(official, OFFICIAL_FIELDS)
    if not creating:
        _check_can_administer(actor, official.agency)
    _apply(official, fields, OFFICIAL_FIELDS)
    official.full_name = " ".join((official.full_name or "").split())
    _check_can_administer(actor, official.agency if official.agency_id else None)
    _validate_official(official)
    official.save()
    audit.record(
        actor,
        "directory.official.create" if creating else "directory.official.update",
        official,
        before=before,
        after=audit.snapshot(official, OFFICIAL_FIELDS),
    )
    return official


@transaction.atomic
def save_administrative_unit(actor, unit=None, successors=None, **fields):
    """Create or update an administrative unit (province IT administrators and system commands only)."""
    if actor is not None:
        permissions.require(
            permissions.is_province_admin(actor), "Chỉ quản trị hệ thống cấp tỉnh được sửa đơn vị hành chính."
        )
    creating = unit is None
    unit = unit or AdministrativeUnit()
    names = ["code", "name", "codename", "division_type", "parent", "valid_from", "valid_until"]
    before = None if creating else audit.snapshot(unit, names)
    _apply(unit, fields, names)
    _validate(unit, exclude=["name_folded", "level"])
    unit.save()
    if successors is not None:
        unit.successors.set(successors)
    audit.record(
        actor,
        "directory.admin_unit.create" if creating else "directory.admin_unit.update",
        unit,
        before=before,
        after=audit.snapshot(unit, names),
    )
    return unit
