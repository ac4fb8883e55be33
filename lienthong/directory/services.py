"""State changes of the directory: each one validates, writes and leaves an audit record.

Views, API views, admin actions and management commands call these; nothing else writes the models.
"""

import copy
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lienthong.accounts import permissions
from lienthong.core import audit, excel
from lienthong.core.text import fold
from lienthong.directory.models import (
    AdministrativeUnit,
    Agency,
    Gender,
    InternalUnit,
    Official,
    Position,
    Rank,
)
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
        _("Bạn không có quyền quản trị cơ quan này."),
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
    if not creating:
        _check_can_administer(actor, agency)
    old_parent_id = agency.parent_id
    _apply(agency, fields, AGENCY_FIELDS)
    moved = creating or agency.parent_id != old_parent_id
    if moved and actor is not None and not permissions.is_province_admin(actor):
        # Moving an agency needs rights over its new place in the tree, not only over the agency.
        _check_can_administer(actor, agency.parent)
    if agency.parent_id and agency.pk and agency.parent.path.startswith(agency.path or "\0"):
        raise ValidationError(
            {"parent": _("Cơ quan cấp trên không được là chính nó hoặc cơ quan cấp dưới của nó.")}
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
        errors["citizen_id"] = list(exc.error_list)  # keep the codes (citizen_id_format, …) for the API
    if (
        official.internal_unit_id
        and official.agency_id
        and official.internal_unit.agency_id != official.agency_id
    ):
        errors["internal_unit"] = [
            ValidationError(_("Phòng, đơn vị không thuộc cơ quan đã chọn."), code="unit_not_in_agency")
        ]
    try:
        official.full_clean()
    except ValidationError as exc:
        for key, problems in exc.error_dict.items():
            known = {m for e in errors.get(key, []) for m in e.messages}
            errors.setdefault(key, []).extend(e for e in problems if not set(e.messages) <= known)
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
            permissions.is_province_admin(actor),
            _("Chỉ quản trị hệ thống cấp tỉnh được sửa đơn vị hành chính."),
        )
    creating = unit is None
    unit = unit or AdministrativeUnit()
    names = ["code", "name", "codename", "division_type", "parent", "valid_from", "valid_until"]
    before = None if creating else audit.snapshot(unit, names)
    old_parent_id = unit.parent_id
    _apply(unit, fields, names)
    if (
        unit.pk
        and unit.parent_id
        and (unit.parent_id == unit.pk or unit.pk in {a.pk for a in unit.parent.ancestors()})
    ):
        raise ValidationError(
            {
                "parent": ValidationError(
                    _("Đơn vị trực thuộc không được là chính nó hoặc đơn vị cấp dưới của nó."), code="cycle"
                )
            }
        )
    _validate(unit, exclude=["name_folded", "level"])
    unit.save()
    if unit.pk and old_parent_id != unit.parent_id and not creating:
        _relevel_children(unit)
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


def validate_official(official):
    """Raise ``ValidationError`` (by field) for every problem ``save_official`` would refuse."""
    _validate_official(official)


def _save_catalogue_entry(actor, model, obj, fields, names, action):
    if actor is not None:
        permissions.require(
            permissions.is_province_admin(actor), _("Chỉ quản trị hệ thống cấp tỉnh được sửa danh mục này.")
        )
    creating = obj is None
    obj = obj or model()
    before = None if creating else audit.snapshot(obj, names)
    _apply(obj, fields, names)
    _validate(obj)
    obj.save()
    audit.record(
        actor,
        f"{action}.create" if creating else f"{action}.update",
        obj,
        before=before,
        after=audit.snapshot(obj, names),
    )
    return obj


@transaction.atomic
def save_position(actor, position=None, **fields):
    """Create or update a position (chức vụ) of the province's catalogue."""
    names = ["name", "is_leader", "sort_order"]
    return _save_catalogue_entry(actor, Position, position, fields, names, "directory.position")


@transaction.atomic
def save_rank(actor, rank=None, **fields):
    """Create or update a rank (ngạch) of the province's catalogue."""
    return _save_catalogue_entry(actor, Rank, rank, fields, ["code", "name"], "directory.rank")


# The officials workbook: import and export share these columns, so an export re-imports as it is.
OFFICIAL_COLUMNS = {
    "full_name": "Họ và tên",
    "date_of_birth": "Ngày sinh (dd/mm/yyyy)",
    "gender": "Giới tính (Nam/Nữ)",
    "citizen_id": "Số định danh cá nhân",
    "agency": "Mã cơ quan",
    "internal_unit": "Phòng/đơn vị",
    "position": "Chức vụ",
    "rank": "Mã ngạch",
    "email": "Thư điện tử",
    "phone": "Điện thoại",
}
OFFICIAL_REQUIRED_COLUMNS = ["full_name", "gender", "citizen_id", "agency"]
_GENDER_WORDS = {"nam": Gender.MALE, "m": Gender.MALE, "nu": Gender.FEMALE, "f": Gender.FEMALE}
_GENDER_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}


def official_export_row(official, with_personal_data):
    """One row of the officials workbook; personal columns are left empty unless allowed."""
    personal = with_personal_data
    return [
        official.full_name,
        official.date_of_birth if personal else None,
        _GENDER_LABELS.get(official.gender, "") if personal else "",
        official.citizen_id if personal else "",
        official.agency.code or "",
        official.internal_unit.name if official.internal_unit_id else "",
        official.position.name if official.position_id else "",
        official.rank.code if official.rank_id and personal else "",
        official.email,
        official.phone,
    ]


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


class _RowRefused(Exception):
    def __init__(self, row, error):
        super().__init__(row)
        self.row, self.error = row, error


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _parse_date(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for pattern in ("%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(_text(value), pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def _parse_citizen_id(value):
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        # Excel turned the number into a number and dropped its leading zeros.
        return f"{int(value):012d}"
    return _text(value).replace(" ", "")


def _parse_phone(value):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"0{_text(value)}"  # Vietnamese numbers start with 0, which Excel drops from numbers
    return _text(value)


class _Lookups:
    """Everything the rows refer to, loaded in a few queries for the whole file."""

    def __init__(self, rows):
        codes = {_text(r[OFFICIAL_COLUMNS["agency"]]) for _, r in rows} - {""}
        ids = {_parse_citizen_id(r[OFFICIAL_COLUMNS["citizen_id"]]) for _, r in rows} - {""}
        self.agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
        self.units = {}
        for unit in InternalUnit.objects.filter(agency__in=self.agencies.values()):
            for name in (unit.name, unit.short_name, unit.code):
                if name:
                    self.units.setdefault((unit.agency_id, fold(name)), unit)
        self.positions = {fold(p.name): p for p in Position.objects.all()}
        self.ranks = {r.code: r for r in Rank.objects.all()}
        self.existing = {
            o.citizen_id: o for o in Official.objects.select_related("agency").filter(citizen_id__in=ids)
        }


def _parse_official_row(values, lookups, fail):
    """The service fields of one row; ``fail(field, message)`` collects what is wrong."""
    column = {name: values[header] for name, header in OFFICIAL_COLUMNS.items()}
    fields = {
        "full_name": _text(column["full_name"]),
        "citizen_id": _parse_citizen_id(column["citizen_id"]),
        "email": _text(column["email"]),
        "phone": _parse_phone(column["phone"]),
    }
    for name in ("full_name", "citizen_id"):
        if not fields[name]:
            fail(name, _("Chưa nhập %(column)s.") % {"column": OFFICIAL_COLUMNS[name]})
    try:
        fields["date_of_birth"] = _parse_date(column["date_of_birth"])
    except ValueError:
        fail("date_of_birth", _("Ngày sinh phải có dạng dd/mm/yyyy, ví dụ 17/05/1985."))
    gender = _GENDER_WORDS.get(fold(_text(column["gender"])))
    if gender is None:
        fail("gender", _("Giới tính phải là “Nam” hoặc “Nữ”."))
    fields["gender"] = gender or ""
    code = _text(column["agency"])
    agency = lookups.agencies.get(code)
    if agency is None:
        fail(
            "agency",
            _("Không có cơ quan mang mã “%(code)s”.") % {"code": code}
            if code
            else _("Chưa nhập mã cơ quan."),
        )
        return fields
    fields["agency"] = agency
    fields["internal_unit"] = None
    fields["position"] = None
    fields["rank"] = None
    unit_name = _text(column["internal_unit"])
    if unit_name:
        fields["internal_unit"] = lookups.units.get((agency.pk, fold(unit_name)))
        if fields["internal_unit"] is None:
            fail(
                "internal_unit",
                _("Cơ quan %(agency)s không có phòng, đơn vị “%(unit)s”.")
                % {"agency": code, "unit": unit_name},
            )
    position_name = _text(column["position"])
    if position_name:
        fields["position"] = lookups.positions.get(fold(position_name))
        if fields["position"] is None:
            fail(
                "position", _("Chức vụ “%(name)s” chưa có trong danh mục chức vụ.") % {"name": position_name}
            )
    rank_code = _text(column["rank"])
    if rank_code:
        fields["rank"] = lookups.ranks.get(rank_code)
        if fields["rank"] is None:
            fail("rank", _("Mã ngạch “%(code)s” chưa có trong danh mục ngạch.") % {"code": rank_code})
    return fields


def _check_official_row(actor, number, values, lookups, seen, report):
    """Validate one row as ``save_official`` would; returns ``(existing, fields, changed)`` or ``None``."""
    failed = set()

    def fail(name, message):
        if name not in failed:
            failed.add(name)
            report.errors.append(RowError(number, OFFICIAL_COLUMNS.get(name, ""), str(message)))

    fields = _parse_official_row(values, lookups, fail)
    citizen_id = fields["citizen_id"]
    if citizen_id in seen:
        fail("citizen_id", _("Số định danh trùng với dòng %(row)s.") % {"row": seen[citizen_id]})
    elif citizen_id:
        seen[citizen_id] = number
    agency = fields.get("agency")
    if actor is not None and agency is not None and not permissions.can_administer_agency(actor, agency):
        fail("agency", _("Bạn không có quyền quản trị cơ quan “%(code)s”.") % {"code": agency.code})
    existing = lookups.existing.get(citizen_id)
    if (
        existing is not None
        and actor is not None
        and not permissions.can_administer_agency(actor, existing.agency)
    ):
        fail("citizen_id", _("Số định danh này thuộc cán bộ của cơ quan mà bạn không quản trị."))
    candidate = copy.copy(existing) if existing is not None else Official()
    _apply(candidate, {k: v for k, v in fields.items() if k not in failed}, OFFICIAL_FIELDS)
    try:
        _validate_official(candidate)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            fail(name if name in OFFICIAL_COLUMNS else "", messages[0])
    if failed:
        return None
    changed = existing is None or audit.snapshot(candidate, OFFICIAL_FIELDS) != audit.snapshot(
        existing, OFFICIAL_FIELDS
    )
    return existing, fields, changed


def import_officials(actor, uploaded_file):
    """Import officials from an .xlsx in the ``OFFICIAL_COLUMNS`` layout: all rows or none.

    A row whose citizen ID is already in the database updates that official. Every row is checked
    first (format, agency and unit, rights, duplicates); if any row is wrong nothing is saved and the
    report lists row, column and message. Otherwise every row is saved through ``save_official`` in
    one transaction, so each official gets its audit record. Problems with the file itself raise
    ``ValidationError``.
    """
    headers = list(OFFICIAL_COLUMNS.values())
    required = [OFFICIAL_COLUMNS[name] for name in OFFICIAL_REQUIRED_COLUMNS]
    rows = list(excel.read_rows(uploaded_file, headers, required=required))
    if not rows:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào."), code="empty_file")
    report, lookups, seen = ImportReport(), _Lookups(rows), {}
    checked = [(n, _check_official_row(actor, n, values, lookups, seen, report)) for n, values in rows]
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for number, (existing, fields, changed) in checked:
                if not changed:
                    report.unchanged += 1
                    continue
                official = Official.objects.select_for_update().get(pk=existing.pk) if existing else None
                try:
                    save_official(actor, official, **fields)
                except ValidationError as exc:
                    raise _RowRefused(number, exc) from exc
                if existing:
                    report.updated += 1
                else:
                    report.created += 1
            audit.record(
                actor,
                "directory.official.import",
                object_type="directory.official",
                object_repr=getattr(uploaded_file, "name", "")[:255],
                after={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
            )
    except _RowRefused as refused:  # changed by someone else between the check and the save
        messages = (
            refused.error.message_dict
            if hasattr(refused.error, "error_dict")
            else {"": refused.error.messages}
        )
        report = ImportReport()
        for name, texts in messages.items():
            report.errors.append(RowError(refused.row, OFFICIAL_COLUMNS.get(name, ""), texts[0]))
    return report


def _relevel_children(unit):
    """Keep ``level`` (depth) right below a unit that moved in the hierarchy."""
    for child in unit.children.all():
        child.save()
        _relevel_children(child)
