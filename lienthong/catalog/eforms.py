"""E-forms: the typed fields an applicant fills for a procedure version, checked on the server.

A definition is ``{"fields": [field, ...]}``; every field has ``name`` (a-z, 0-9, _), ``label``
(Vietnamese), ``type``, optional ``required`` and ``help``, and options per type:

* ``text`` / ``textarea``: ``max_length`` (255 / 4000);
* ``date``: ``min``, ``max`` (ISO date or ``"today"``);
* ``number``: ``min``, ``max``, ``decimals`` (0 = whole numbers);
* ``choice``: ``choices`` (``[[value, label], ...]``), ``multiple``;
* ``citizen_id``: a 12-digit số định danh cá nhân (directory.validators.validate_citizen_id);
* ``address``: province then commune codes of ``directory.AdministrativeUnit`` valid today, plus
  street; ``provinces`` limits the provinces, ``require_street`` (default true);
* ``group``: nested ``fields``; ``repeat`` (default true) makes a list of rows, ``min_items``,
  ``max_items``.

``validate_submission(definition, data)`` returns ``(cleaned, errors)``: errors map a field path
(``nguoi_yeu_cau.ho_ten``, ``con[1].ngay_sinh``, ``noi_cu_tru.commune``) to Vietnamese messages.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lienthong.directory import selectors as directory
from lienthong.directory.validators import validate_citizen_id

TYPES = ("text", "textarea", "date", "number", "choice", "citizen_id", "address", "group")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
_COMMON_KEYS = {"name", "label", "type", "required", "help"}
_TYPE_KEYS = {
    "text": {"max_length"},
    "textarea": {"max_length"},
    "date": {"min", "max"},
    "number": {"min", "max", "decimals"},
    "choice": {"choices", "multiple"},
    "citizen_id": set(),
    "address": {"provinces", "require_street"},
    "group": {"fields", "repeat", "min_items", "max_items"},
}
_DEFAULT_MAX_LENGTH = {"text": 255, "textarea": 4000}
_MAX_DEPTH = 3
MAX_ITEMS = 100


# --- definitions ----------------------------------------------------------------------------


def validate_definition(definition):
    """Raise ``ValidationError({"eform": [...]})`` unless ``definition`` is a well-formed e-form."""
    if definition in (None, {}):
        return
    if not isinstance(definition, dict) or not isinstance(definition.get("fields"), list):
        raise ValidationError({"eform": [_('Biểu mẫu phải có dạng {"fields": [...]}.')]})
    unknown = set(definition) - {"fields", "title"}
    errors = (
        [_("Khóa không hợp lệ ở gốc biểu mẫu: %(k)s.") % {"k": ", ".join(sorted(unknown))}] if unknown else []
    )
    errors += _fields_errors(definition["fields"], "fields", 1)
    if errors:
        raise ValidationError({"eform": errors})


def _fields_errors(fields, path, depth):
    if not fields:
        return [_("%(path)s: cần ít nhất một trường.") % {"path": path}]
    errors, seen = [], set()
    for index, spec in enumerate(fields):
        where = f"{path}[{index}]"
        if not isinstance(spec, dict):
            errors.append(_("%(path)s: mỗi trường phải là một đối tượng.") % {"path": where})
            continue
        name = spec.get("name")
        if not isinstance(name, str) or not _NAME_RE.match(name):
            errors.append(
                _("%(path)s: tên trường “%(v)s” chỉ gồm chữ thường không dấu, số và _.")
                % {"path": where, "v": name}
            )
        elif name in seen:
            errors.append(_("%(path)s: tên trường “%(v)s” bị trùng.") % {"path": where, "v": name})
        seen.add(name)
        if not isinstance(spec.get("label"), str) or not spec["label"].strip():
            errors.append(_("%(path)s: thiếu nhãn (label) tiếng Việt.") % {"path": where})
        kind = spec.get("type")
        if kind not in TYPES:
            errors.append(
                _("%(path)s: kiểu “%(v)s” không hợp lệ; dùng một trong: %(all)s.")
                % {"path": where, "v": kind, "all": ", ".join(TYPES)}
            )
            continue
        unknown = set(spec) - _COMMON_KEYS - _TYPE_KEYS[kind]
        if unknown:
            errors.append(
                _("%(path)s: khóa không dùng được cho kiểu %(t)s: %(k)s.")
                % {"path": where, "t": kind, "k": ", ".join(sorted(unknown))}
            )
        if "required" in spec and not isinstance(spec["required"], bool):
            errors.append(_("%(path)s: “required” phải là true hoặc false.") % {"path": where})
        errors += [f"{where}: {message}" for message in _type_errors(kind, spec)]
        if kind == "group":
            if depth >= _MAX_DEPTH:
                errors.append(
                    _("%(path)s: nhóm lồng nhau tối đa %(n)s cấp.") % {"path": where, "n": _MAX_DEPTH}
                )
            elif isinstance(spec.get("fields"), list):
                errors += _fields_errors(spec["fields"], f"{where}.fields", depth + 1)
            else:
                errors.append(_("%(path)s: nhóm phải có danh sách “fields”.") % {"path": where})
    return errors


def _is_int(value, low, high):
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _type_errors(kind, spec):
    errors = []
    if kind in ("text", "textarea") and "max_length" in spec and not _is_int(spec["max_length"], 1, 10000):
        errors.append(_("“max_length” phải là số nguyên từ 1 đến 10000."))
    if kind == "date":
        for key in ("min", "max"):
            if key in spec and spec[key] != "today" and _parse_date(spec[key]) is None:
                errors.append(_("“%(k)s” phải là ngày dạng YYYY-MM-DD hoặc “today”.") % {"k": key})
    if kind == "number":
        for key in ("min", "max"):
            if key in spec and _number(spec[key]) is None:
                errors.append(_("“%(k)s” phải là một số.") % {"k": key})
        if "decimals" in spec and not _is_int(spec["decimals"], 0, 6):
            errors.append(_("“decimals” phải là số nguyên từ 0 đến 6."))
    if kind == "choice":
        choices = spec.get("choices")
        pairs = (
            isinstance(choices, list)
            and choices
            and all(
                isinstance(c, list | tuple) and len(c) == 2 and all(isinstance(x, str) and x for x in c)
                for c in choices
            )
        )
        if not pairs:
            errors.append(_("“choices” phải là danh sách các cặp [giá trị, nhãn]."))
        elif len({c[0] for c in choices}) != len(choices):
            errors.append(_("giá trị lựa chọn bị trùng."))
        if "multiple" in spec and not isinstance(spec["multiple"], bool):
            errors.append(_("“multiple” phải là true hoặc false."))
    if kind == "address":
        provinces = spec.get("provinces")
        if provinces is not None and not (
            isinstance(provinces, list) and all(isinstance(p, str) for p in provinces)
        ):
            errors.append(_("“provinces” phải là danh sách mã tỉnh."))
        if "require_street" in spec and not isinstance(spec["require_street"], bool):
            errors.append(_("“require_street” phải là true hoặc false."))
    if kind == "group":
        for key in ("min_items", "max_items"):
            if key in spec and not _is_int(spec[key], 0, MAX_ITEMS):
                errors.append(_("“%(k)s” phải là số nguyên từ 0 đến %(n)s.") % {"k": key, "n": MAX_ITEMS})
        bounded = _is_int(spec.get("min_items"), 0, MAX_ITEMS) and _is_int(
            spec.get("max_items"), 0, MAX_ITEMS
        )
        if bounded and spec["min_items"] > spec["max_items"]:
            errors.append(_("“min_items” không được lớn hơn “max_items”."))
    return errors


def fields_of(definition):
    return (definition or {}).get("fields") or []


# --- submissions -----------------------------------------------------------------------------


def _parse_date(value):
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _number(value):
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().replace(" ", "")
    if isinstance(value, str) and "," in text and "." not in text:
        text = text.replace(",", ".")  # Vietnamese decimal comma
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _empty(value):
    if isinstance(value, dict):  # an address left blank
        return all(v in (None, "") for v in value.values())
    return value is None or value == "" or value == []


class _Checker:
    def __init__(self):
        self.errors = {}
        self._provinces = {}
        self._communes = {}

    def add(self, path, message):
        self.errors.setdefault(path, []).append(str(message))

    def fields(self, specs, data, prefix):
        if not isinstance(data, dict):
            self.add(
                prefix.rstrip(".") or "__all__", _("Dữ liệu biểu mẫu phải là một đối tượng (JSON object).")
            )
            return {}
        cleaned = {}
        names = {spec["name"] for spec in specs}
        for key in data:
            if key not in names:
                self.add(f"{prefix}{key}", _("Trường không có trong biểu mẫu."))
        for spec in specs:
            path = f"{prefix}{spec['name']}"
            cleaned[spec["name"]] = self.field(spec, data.get(spec["name"]), path)
        return cleaned

    def field(self, spec, value, path):
        kind = spec["type"]
        if kind == "group":
            return self.group(spec, value, path)
        if _empty(value):
            if spec.get("required"):
                self.add(path, _("Trường này là bắt buộc."))
            return [] if kind == "choice" and spec.get("multiple") else None
        return getattr(self, f"check_{kind}")(spec, value, path)

    def check_text(self, spec, value, path):
        if not isinstance(value, str):
            self.add(path, _("Phải là chuỗi ký tự."))
            return None
        value = value.strip()
        limit = spec.get("max_length", _DEFAULT_MAX_LENGTH[spec["type"]])
        if len(value) > limit:
            self.add(
                path,
                ngettext("Không được dài quá %(n)s ký tự.", "Không được dài quá %(n)s ký tự.", limit)
                % {"n": limit},
            )
        if spec.get("required") and not value:
            self.add(path, _("Trường này là bắt buộc."))
        return value

    check_textarea = check_text

    def check_date(self, spec, value, path):
        day = _parse_date(value)
        if day is None:
            self.add(path, _("Ngày không hợp lệ; ghi theo dạng ngày/tháng/năm (dd/mm/yyyy)."))
            return None
        today = timezone.localdate()
        low = today if spec.get("min") == "today" else _parse_date(spec.get("min"))
        high = today if spec.get("max") == "today" else _parse_date(spec.get("max"))
        if low and day < low:
            self.add(path, _("Ngày không được trước %(d)s.") % {"d": low.strftime("%d/%m/%Y")})
        if high and day > high:
            self.add(path, _("Ngày không được sau %(d)s.") % {"d": high.strftime("%d/%m/%Y")})
        return day.isoformat()

    def check_number(self, spec, value, path):
        number = _number(value)
        if number is None:
            self.add(path, _("Phải là một số."))
            return None
        decimals = spec.get("decimals", 0)
        if number != number.quantize(Decimal(1).scaleb(-decimals)):
            self.add(
                path,
                _("Phải là số nguyên.")
                if decimals == 0
                else ngettext("Tối đa %(n)s chữ số thập phân.", "Tối đa %(n)s chữ số thập phân.", decimals)
                % {"n": decimals},
            )
        low, high = _number(spec.get("min")), _number(spec.get("max"))
        if low is not None and number < low:
            self.add(path, _("Không được nhỏ hơn %(n)s.") % {"n": spec["min"]})
        if high is not None and number > high:
            self.add(path, _("Không được lớn hơn %(n)s.") % {"n": spec["max"]})
        return int(number) if decimals == 0 and number == number.to_integral() else float(number)

    def check_choice(self, spec, value, path):
        allowed = {str(v) for v, _label in spec["choices"]}
        values = value if isinstance(value, list) else [value]
        if not spec.get("multiple") and isinstance(value, list):
            self.add(path, _("Chỉ được chọn một giá trị."))
            return None
        bad = [str(v) for v in values if str(v) not in allowed]
        for v in bad:
            self.add(path, _("“%(v)s” không phải là lựa chọn hợp lệ.") % {"v": v})
        good = [str(v) for v in values if str(v) in allowed]
        return good if spec.get("multiple") else (good[0] if good else None)

    def check_citizen_id(self, spec, value, path):
        number = str(value).strip()
        try:
            validate_citizen_id(number)
        except ValidationError as exc:
            for message in exc.messages:
                self.add(path, message)
            return None
        return number

    def check_address(self, spec, value, path):
        if not isinstance(value, dict):
            self.add(path, _("Địa chỉ phải gồm tỉnh, xã và số nhà, đường (province, commune, street)."))
            return None
        unknown = set(value) - {"province", "commune", "street"}
        for key in sorted(unknown):
            self.add(f"{path}.{key}", _("Trường không có trong biểu mẫu."))
        province_code = str(value.get("province") or "").strip()
        commune_code = str(value.get("commune") or "").strip()
        street = str(value.get("street") or "").strip()
        province = commune = None
        if not province_code:
            self.add(f"{path}.province", _("Cần chọn tỉnh, thành phố."))
        else:
            province = self._province(province_code)
            if province is None:
                self.add(
                    f"{path}.province",
                    _("Không tìm thấy tỉnh, thành phố có mã “%(c)s”.") % {"c": province_code},
                )
            elif spec.get("provinces") and province_code not in spec["provinces"]:
                self.add(
                    f"{path}.province", _("Biểu mẫu này không nhận địa chỉ ở %(p)s.") % {"p": province.name}
                )
                province = None
        if not commune_code:
            self.add(f"{path}.commune", _("Cần chọn xã, phường, đặc khu."))
        elif province is not None:
            commune = self._commune(commune_code)
            if commune is None:
                self.add(
                    f"{path}.commune", _("Không tìm thấy xã, phường có mã “%(c)s”.") % {"c": commune_code}
                )
            elif province.pk not in _ancestor_ids(commune):
                self.add(
                    f"{path}.commune",
                    _("%(c)s không thuộc %(p)s.") % {"c": commune.name, "p": province.name},
                )
                commune = None
        if spec.get("require_street", True) and not street:
            self.add(f"{path}.street", _("Cần ghi số nhà, đường, ấp hoặc khu phố."))
        if len(street) > 255:
            self.add(
                f"{path}.street",
                ngettext("Không được dài quá %(n)s ký tự.", "Không được dài quá %(n)s ký tự.", 255)
                % {"n": 255},
            )
        if province is None or commune is None:
            return None
        return {
            "province": province.code,
            "province_name": province.name,
            "commune": commune.code,
            "commune_name": commune.name,
            "street": street,
            "full": ", ".join(part for part in (street, commune.name, province.name) if part),
        }

    def group(self, spec, value, path):
        if not spec.get("repeat", True):
            if _empty(value):
                value = {}
            return self.fields(spec["fields"], value, f"{path}.")
        if value is None:
            value = []
        if not isinstance(value, list):
            self.add(path, _("Phải là danh sách các dòng."))
            return []
        low = spec.get("min_items", 1 if spec.get("required") else 0)
        high = spec.get("max_items", MAX_ITEMS)
        if len(value) < low:
            self.add(path, ngettext("Cần ít nhất %(n)s dòng.", "Cần ít nhất %(n)s dòng.", low) % {"n": low})
        if len(value) > high:
            self.add(path, ngettext("Tối đa %(n)s dòng.", "Tối đa %(n)s dòng.", high) % {"n": high})
            value = value[:high]
        return [self.fields(spec["fields"], row, f"{path}[{index}].") for index, row in enumerate(value)]

    def _province(self, code):
        if code not in self._provinces:
            self._provinces[code] = directory.administrative_units(level=1).filter(code=code).first()
        return self._provinces[code]

    def _commune(self, code):
        if code not in self._communes:
            rows = directory.administrative_units().filter(code=code, level__gt=1)
            self._communes[code] = rows.select_related("parent__parent").first()
        return self._communes[code]


def _ancestor_ids(unit):
    ids, node, depth = set(), unit.parent, 0
    while node is not None and depth < 5:
        ids.add(node.pk)
        node, depth = node.parent, depth + 1
    return ids


def validate_submission(definition, data):
    """``(cleaned, errors)`` for ``data`` filled in against ``definition``; ``errors`` is ``{}`` when valid."""
    checker = _Checker()
    cleaned = checker.fields(fields_of(definition), data if data is not None else {}, "")
    return cleaned, checker.errors
