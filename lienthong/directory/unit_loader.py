"""Bulk loading of administrative units: the 2025 units from `vietnam-provinces`, or any file of units.

A unit is identified by ``(code, valid_from)``: loading the same data twice changes nothing, changed
names are updated, and a commune merged on 1 Jul 2025 can keep its row beside a new unit that reuses
its code. One run is one transaction and leaves one summary audit record (3,000+ rows would drown
the trail otherwise). Nothing is written when any row is wrong.
"""

import csv
import datetime
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from lienthong.core import audit
from lienthong.core.text import fold
from lienthong.directory.models import AdministrativeUnit, DivisionType

REFORM_DATE = datetime.date(2025, 7, 1)  # Resolution 202/2025/QH15: 34 provinces, two-level local government
FILE_COLUMNS = (
    "code",
    "name",
    "division_type",
    "parent_code",
    "valid_from",
    "valid_until",
    "successor_codes",
    "codename",
)
REQUIRED_COLUMNS = ("code", "name", "division_type")
BATCH_SIZE = 500
MAX_REPORTED_ERRORS = 50

_CODE_RE = re.compile(r"^[0-9A-Za-z.-]{1,10}$")
_CODENAME_RE = re.compile(r"^[-a-zA-Z0-9_]*$")
_SPLIT_RE = re.compile(r"[;,\s]+")
_COMPARED = ("name", "name_folded", "codename", "division_type", "parent_id", "level", "valid_until")
_COMPARED_FIELDS = ["name", "name_folded", "codename", "division_type", "parent", "level", "valid_until"]


# Folded Vietnamese names of division types (and the code values, "_" read as a space) → DivisionType.
DIVISION_ALIASES = {
    "tinh": DivisionType.PROVINCE,
    "thanh pho trung uong": DivisionType.CENTRAL_CITY,  # vietnam-provinces' spelling
    "thanh pho truc thuoc trung uong": DivisionType.CENTRAL_CITY,
    "huyen": DivisionType.DISTRICT,
    "quan": DivisionType.URBAN_DISTRICT,
    "thi xa": DivisionType.TOWN,
    "thanh pho thuoc tinh": DivisionType.PROVINCIAL_CITY,
    "thanh pho truc thuoc tinh": DivisionType.PROVINCIAL_CITY,
    "xa": DivisionType.COMMUNE,
    "phuong": DivisionType.WARD,
    "thi tran": DivisionType.TOWNSHIP,
    "dac khu": DivisionType.SPECIAL_ZONE,
}


def division_type_of(text):
    """The DivisionType value for a Vietnamese name or code value (any case, with or without diacritics)."""
    found = DIVISION_ALIASES.get(fold(text or "").replace("_", " "))
    return found.value if found else None


class UnitFileError(Exception):
    """The source holds rows that cannot be loaded; ``errors`` lists them in Vietnamese."""

    def __init__(self, errors):
        self.errors = list(errors)
        shown = self.errors[:MAX_REPORTED_ERRORS]
        more = len(self.errors) - len(shown)
        text = "\n".join(shown) + (f"\n… và {more} lỗi khác." if more > 0 else "")
        super().__init__(text)


@dataclass
class UnitRow:
    code: str
    name: str
    division_type: str
    parent_code: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    successor_codes: tuple | None = None  # None: keep the unit's successors as they are
    codename: str = ""
    where: str = ""  # "dòng 5", for error messages

    @property
    def key(self):
        return (self.code, self.valid_from)

    @property
    def reference_day(self):
        """The day on which the unit surely existed: its parent must be valid then too."""
        return self.valid_until or self.valid_from or datetime.date.today()


@dataclass
class LoadResult:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successor_links_added: int = 0
    successor_links_removed: int = 0
    by_level: Counter = field(default_factory=Counter)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    def as_dict(self):
        return {
            "source": self.source,
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "successor_links_added": self.successor_links_added,
            "successor_links_removed": self.successor_links_removed,
            "by_level": {str(level): count for level, count in sorted(self.by_level.items())},
        }

    def summary(self):
        levels = ", ".join(f"cấp {level}: {count}" for level, count in sorted(self.by_level.items()))
        return (
            f"Nguồn: {self.source}. {self.total} đơn vị ({levels}); tạo mới {self.created}, "
            f"cập nhật {self.updated}, không đổi {self.unchanged}; liên kết kế thừa: thêm "
            f"{self.successor_links_added}, bỏ {self.successor_links_removed}."
        )


# --- sources -----------------------------------------------------------------------------------


def package_rows():
    """The 34 provinces and 3,321 communes in force since 1 Jul 2025, from `vietnam-provinces`."""
    from vietnam_provinces import Province, Ward

    rows = []
    for province in Province.iter_all():
        name = province.name
        if not name.startswith(("Tỉnh ", "Thành phố ")):
            name = f"Tỉnh {name}"  # the package omits the word for provinces, keeps it for cities
        rows.append(
            UnitRow(
                code=f"{province.code.value:02d}",
                name=name,
                division_type=division_type_of(province.division_type.value),
                codename=province.codename,
                valid_from=REFORM_DATE,
            )
        )
    for ward in Ward.iter_all():
        rows.append(
            UnitRow(
                code=f"{ward.code.value:05d}",
                name=ward.name,
                division_type=division_type_of(ward.division_type.value),
                parent_code=f"{ward.province_code.value:02d}",
                codename=ward.codename,
                valid_from=REFORM_DATE,
            )
        )
    return rows


def package_source():
    import vietnam_provinces

    return f"vietnam-provinces {vietnam_provinces.__version__} (dữ liệu {vietnam_provinces.__data_version__})"


def _parse_date(value, column, where, errors):
    value = (value or "").strip() if isinstance(value, str) else value
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except (TypeError, ValueError):
            continue
    errors.append(f"{where}: {column} “{value}” không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY).")
    return None


def _parse_codes(value):
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part for part in _SPLIT_RE.split(str(value)) if part)


def _text(value):
    return "" if value is None else str(value).strip()


def parse_records(records):
    """Check ``(where, mapping)`` pairs from a file; return ``UnitRow``s or raise ``UnitFileError``."""
    rows, errors = [], []
    for where, record in records:
        unknown = sorted(set(record) - set(FILE_COLUMNS))
        if unknown:
            errors.append(f"{where}: cột không được hỗ trợ: {', '.join(unknown)}.")
            continue
        code, name = _text(record.get("code")), " ".join(_text(record.get("name")).split())
        division = division_type_of(_text(record.get("division_type")))
        codename = _text(record.get("codename"))
        if not _CODE_RE.match(code):
            errors.append(f"{where}: mã (code) “{code}” phải có 1–10 ký tự chữ, số, dấu chấm hoặc gạch.")
        if not name or len(name) > 150:
            errors.append(f"{where}: tên (name) phải có từ 1 đến 150 ký tự.")
        if division is None:
            errors.append(
                f"{where}: loại (division_type) “{_text(record.get('division_type'))}” không hợp lệ; "
                f"dùng một trong: {', '.join(DivisionType.values)}."
            )
        if not _CODENAME_RE.match(codename) or len(codename) > 150:
            errors.append(f"{where}: tên mã (codename) chỉ gồm chữ không dấu, số, gạch dưới, gạch nối.")
        valid_from = _parse_date(record.get("valid_from"), "valid_from", where, errors)
        valid_until = _parse_date(record.get("valid_until"), "valid_until", where, errors)
        if valid_from and valid_until and valid_until < valid_from:
            errors.append(f"{where}: valid_until phải không sớm hơn valid_from.")
        successors = _parse_codes(record.get("successor_codes")) if "successor_codes" in record else None
        if successors and not valid_until:
            errors.append(f"{where}: đơn vị có đơn vị kế thừa (successor_codes) phải có valid_until.")
        rows.append(
            UnitRow(
                code=code,
                name=name,
                division_type=division or "",
                parent_code=_text(record.get("parent_code")),
                valid_from=valid_from,
                valid_until=valid_until,
                successor_codes=successors,
                codename=codename,
                where=where,
            )
        )
    if not rows and not errors:
        errors.append("Tệp không có dòng dữ liệu nào.")
    if errors:
        raise UnitFileError(errors)
    return rows


def read_file(path):
    """Rows of a CSV (UTF-8, header row; comma, semicolon or tab) or JSON (list of objects) file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnitFileError([f"Không đọc được tệp {path}: {exc}"]) from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UnitFileError([f"Tệp JSON không hợp lệ: {exc}"]) from exc
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise UnitFileError(["Tệp JSON phải là một danh sách các đối tượng."])
        return parse_records((f"mục {i}", item) for i, item in enumerate(data, start=1))
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fieldnames = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in fieldnames]
    if missing:
        raise UnitFileError([f"Tệp CSV thiếu cột: {', '.join(missing)}."])
    reader.fieldnames = fieldnames
    records = []
    try:
        for item in reader:
            item.pop(None, None)  # cells beyond the header
            if any(_text(v) for v in item.values()):  # skip blank lines
                records.append((f"dòng {reader.line_num}", item))
    except csv.Error as exc:
        raise UnitFileError([f"Tệp CSV không hợp lệ (dòng {reader.line_num}): {exc}"]) from exc
    return parse_records(records)


# --- loading -----------------------------------------------------------------------------------


def _valid_on(unit, day):
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_until is None or unit.valid_until >= day
    )


def _existing_units(codes):
    found, codes = [], sorted(codes)
    for start in range(0, len(codes), 2000):  # stay below every backend's parameter limit
        found.extend(AdministrativeUnit.objects.filter(code__in=codes[start : start + 2000]))
    return found


class _Resolver:
    """Finds the unit a code refers to on a given day, among the file's rows and the database."""

    def __init__(self, rows, existing):
        self.by_code = defaultdict(dict)
        for unit in existing:
            self.by_code[unit.code][(unit.code, unit.valid_from)] = unit
        for row in rows:
            self.by_code[row.code][row.key] = row  # a file row replaces the stored unit it updates

    def find(self, code, day, what, where, errors):
        matches = [u for u in self.by_code.get(code, {}).values() if _valid_on(u, day)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            errors.append(f"{where}: không có {what} mã “{code}” còn hiệu lực ngày {day:%d/%m/%Y}.")
        else:
            errors.append(f"{where}: có {len(matches)} {what} mã “{code}” cùng hiệu lực ngày {day:%d/%m/%Y}.")
        return None


def _depths(rows, parents, errors):
    """Depth of each row among the file's rows, so parents are written before their children."""
    depth = {}
    for row in rows:
        chain, node = [], row
        while isinstance(node, UnitRow) and node.key not in depth:
            if node in chain:
                errors.append(f"{row.where}: quan hệ trực thuộc lặp vòng qua mã “{node.code}”.")
                break
            chain.append(node)
            node = parents.get(node.key)
        base = depth.get(node.key, -1) if isinstance(node, UnitRow) else -1
        for offset, item in enumerate(reversed(chain), start=1):
            depth.setdefault(item.key, base + offset)
    return depth


@transaction.atomic
def load(rows, source):
    """Create or update ``rows`` in one transaction; one summary audit record. Returns a ``LoadResult``."""
    errors = []
    seen = {}
    for row in rows:
        if row.key in seen:
            errors.append(f"{row.where}: trùng mã “{row.code}” và ngày hiệu lực với {seen[row.key]}.")
        seen[row.key] = row.where or row.code
    referenced = {r.code for r in rows} | {r.parent_code for r in rows if r.parent_code}
    referenced |= {c for r in rows for c in (r.successor_codes or ())}
    existing = _existing_units(referenced)
    resolver = _Resolver(rows, existing)

    parents, successors = {}, {}
    for row in rows:
        if row.parent_code:
            found = resolver.find(row.parent_code, row.reference_day, "đơn vị cấp trên", row.where, errors)
            if found is not None:
                parents[row.key] = found
        if row.successor_codes is not None:
            day = row.valid_until + datetime.timedelta(days=1) if row.valid_until else None
            targets = [
                resolver.find(c, day, "đơn vị kế thừa", row.where, errors) for c in row.successor_codes
            ]
            successors[row.key] = [t for t in targets if t is not None]
    depth = _depths(rows, parents, errors)
    if errors:
        raise UnitFileError(errors)

    result = LoadResult(source=source)
    stored = {(u.code, u.valid_from): u for u in existing}
    units = {}
    for level_rows in _grouped_by_depth(rows, depth):
        to_create, to_update = [], []
        for row in level_rows:
            parent = parents.get(row.key)
            if isinstance(parent, UnitRow):
                parent = units[parent.key]
            unit = stored.get(row.key)
            before = tuple(getattr(unit, f) for f in _COMPARED) if unit else None
            unit = unit or AdministrativeUnit(code=row.code, valid_from=row.valid_from)
            unit.name, unit.name_folded, unit.codename = row.name, fold(row.name), row.codename
            unit.division_type, unit.valid_until = row.division_type, row.valid_until
            unit.parent, unit.level = parent, (parent.level + 1 if parent else 1)
            units[row.key] = unit
            result.by_level[unit.level] += 1
            if before is None:
                to_create.append(unit)
            elif before != tuple(getattr(unit, f) for f in _COMPARED):
                to_update.append(unit)
            else:
                result.unchanged += 1
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        AdministrativeUnit.objects.bulk_update(to_update, _COMPARED_FIELDS, batch_size=BATCH_SIZE)
        result.created += len(to_create)
        result.updated += len(to_update)

    _link_successors(units, successors, result)
    audit.record(
        None,
        "directory.admin_units.load",
        object_type="directory.administrativeunit",
        object_repr=f"{result.total} đơn vị hành chính",
        note=result.summary(),
        after=result.as_dict(),
    )
    return result


def _grouped_by_depth(rows, depth):
    groups = defaultdict(list)
    for row in rows:
        groups[depth[row.key]].append(row)
    return [groups[d] for d in sorted(groups)]


def _link_successors(units, successors, result):
    """Make each listed unit's successors exactly those given (adds and removes links in bulk)."""
    if not successors:
        return
    through = AdministrativeUnit.successors.through
    wanted = set()
    for key, targets in successors.items():
        for target in targets:
            target_id = units[target.key].pk if isinstance(target, UnitRow) else target.pk
            wanted.add((units[key].pk, target_id))
    sources = [units[key].pk for key in successors]
    current = set()
    for start in range(0, len(sources), 2000):
        current |= set(
            through.objects.filter(from_administrativeunit_id__in=sources[start : start + 2000]).values_list(
                "from_administrativeunit_id", "to_administrativeunit_id"
            )
        )
    missing, extra = wanted - current, current - wanted
    through.objects.bulk_create(
        [through(from_administrativeunit_id=a, to_administrativeunit_id=b) for a, b in sorted(missing)],
        batch_size=BATCH_SIZE,
    )
    for a, b in extra:
        through.objects.filter(from_administrativeunit_id=a, to_administrativeunit_id=b).delete()
    result.successor_links_added, result.successor_links_removed = len(missing), len(extra)


def load_package():
    """Load (or refresh) the 34 provinces and 3,321 communes in force since 1 Jul 2025."""
    return load(package_rows(), package_source())


def load_file(path):
    return load(read_file(path), f"tệp {Path(path).name}")
