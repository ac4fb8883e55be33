"""The e-form as an HTML form that works without JavaScript.

Field names are field paths (``ho_ten``, ``cha.ho_ten``, ``con[1].ngay_sinh``, ``noi_cu_tru.commune``);
a repeating group carries its row count in ``<path>.__count``. "Add a row", "remove a row" and
"update the commune list" are submit buttons that re-render the form instead of checking it.
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lienthong.catalog.eforms import MAX_ITEMS, fields_of
from lienthong.directory import selectors as directory

TYPE_LABELS = {
    "text": gettext_lazy("Văn bản ngắn"),
    "textarea": gettext_lazy("Văn bản dài"),
    "date": gettext_lazy("Ngày"),
    "number": gettext_lazy("Số"),
    "choice": gettext_lazy("Lựa chọn"),
    "citizen_id": gettext_lazy("Số định danh cá nhân (12 số)"),
    "address": gettext_lazy("Địa chỉ: tỉnh, xã, số nhà"),
    "group": gettext_lazy("Nhóm thông tin"),
}
_TOKEN = re.compile(r"([a-z][a-z0-9_]*)|\[(\d+)\]")


def html_id(path):
    return "f-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def _max_rows(spec):
    return min(spec.get("max_items", MAX_ITEMS), MAX_ITEMS)


# --- reading the POST -------------------------------------------------------------------------


def data_from_post(definition, post):
    return _read(fields_of(definition), post, "")


def _read(specs, post, prefix):
    data = {}
    for spec in specs:
        path, kind = prefix + spec["name"], spec["type"]
        if kind == "group" and spec.get("repeat", True):
            raw = post.get(f"{path}.__count", "0")
            count = min(int(raw), _max_rows(spec)) if raw.isdigit() else 0
            data[spec["name"]] = [_read(spec["fields"], post, f"{path}[{i}].") for i in range(count)]
        elif kind == "group":
            data[spec["name"]] = _read(spec["fields"], post, f"{path}.")
        elif kind == "address":
            value = {key: post.get(f"{path}.{key}", "").strip() for key in ("province", "commune", "street")}
            data[spec["name"]] = value if any(value.values()) else None
        elif kind == "choice" and spec.get("multiple"):
            data[spec["name"]] = post.getlist(path)
        else:
            data[spec["name"]] = post.get(path, "")
    return data


def _locate(definition, data, path):
    """The (spec, container, key) a path names in ``data``, or ``None``."""
    specs, node, spec = fields_of(definition), data, None
    tokens = _TOKEN.findall(path)
    for index, (name, number) in enumerate(tokens):
        last = index == len(tokens) - 1
        if name:
            spec = next((s for s in specs if s["name"] == name), None)
            if spec is None or not isinstance(node, dict):
                return None
            if last:
                return spec, node, name
            node, specs = node.get(name), spec.get("fields", [])
        else:
            if not isinstance(node, list) or int(number) >= len(node):
                return None
            if last:
                return spec, node, int(number)
            node = node[int(number)]
    return None


def apply_row_action(definition, data, post):
    """Carry out "add a row" (``_add=<group path>``) or "remove a row" (``_remove=<row path>``)."""
    if post.get("_add"):
        found = _locate(definition, data, post["_add"])
        if found and found[0]["type"] == "group" and isinstance(found[1].get(found[2]), list):
            rows = found[1][found[2]]
            if len(rows) < _max_rows(found[0]):
                rows.append({})
    if post.get("_remove"):
        found = _locate(definition, data, post["_remove"])
        if found and isinstance(found[1], list):
            found[1].pop(found[2])
    return data


def _blank(value):
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    return value in (None, "")


def drop_blank_rows(definition, data):
    """Rows of repeating groups left entirely empty are not rows: drop them before checking."""
    return _drop(fields_of(definition), data)


def _drop(specs, data):
    for spec in specs:
        value = data.get(spec["name"]) if isinstance(data, dict) else None
        if spec["type"] == "group" and spec.get("repeat", True) and isinstance(value, list):
            data[spec["name"]] = [_drop(spec["fields"], row) for row in value if not _blank(row)]
        elif spec["type"] == "group" and isinstance(value, dict):
            _drop(spec["fields"], value)
    return data


# --- rendering ----------------------------------------------------------------------------------


class _Builder:
    def __init__(self, errors):
        self.errors = errors
        self.summary = []
        self._communes = {}
        self._provinces = None

    def items(self, specs, data, prefix, trail=""):
        return [
            self.item(spec, (data or {}).get(spec["name"]), prefix + spec["name"], trail) for spec in specs
        ]

    def item(self, spec, value, path, trail):
        label = f"{trail}{spec['label']}"
        item = {
            "type": spec["type"],
            "name": path,
            "id": html_id(path),
            "label": spec["label"],
            "required": bool(spec.get("required")),
            "help": spec.get("help", ""),
            "errors": self._errors(path, label),
        }
        kind = spec["type"]
        if kind == "group":
            item.update(self.group(spec, value, path, label))
        elif kind == "address":
            item.update(self.address(spec, value or {}, path, label))
        elif kind == "choice":
            chosen = value if isinstance(value, list) else [value]
            item["multiple"] = bool(spec.get("multiple"))
            item["choices"] = [(v, text, v in chosen) for v, text in spec["choices"]]
        else:
            item["value"] = "" if value is None else value
        return item

    def group(self, spec, value, path, label):
        if not spec.get("repeat", True):
            return {"repeat": False, "items": self.items(spec["fields"], value, f"{path}.", f"{label} — ")}
        rows = value if isinstance(value, list) else []
        if not isinstance(value, list):  # first display: the rows the group needs at least
            rows = [{}] * max(spec.get("min_items", 0), 1 if spec.get("required") else 0)
        built = []
        for index, row in enumerate(rows):
            row_label = _("%(label)s — dòng %(n)s") % {"label": label, "n": index + 1}
            built.append(
                {
                    "legend": _("Dòng %(n)s") % {"n": index + 1},
                    "items": self.items(spec["fields"], row, f"{path}[{index}].", f"{row_label} — "),
                    "remove": f"{path}[{index}]",
                }
            )
        return {
            "repeat": True,
            "rows": built,
            "count": len(rows),
            "can_add": len(rows) < _max_rows(spec),
            "can_remove": len(rows) > spec.get("min_items", 0),
        }

    def address(self, spec, value, path, label):
        provinces = self.provinces(spec.get("provinces"))
        codes = {code for code, _name in provinces}
        province = value.get("province") or (
            settings.PROVINCE_CODE if settings.PROVINCE_CODE in codes else ""
        )
        parts = {}
        for key, part_label in (
            ("province", _("Tỉnh, thành phố")),
            ("commune", _("Xã, phường, đặc khu")),
            ("street", _("Số nhà, đường, ấp, khu phố")),
        ):
            sub = f"{path}.{key}"
            parts[key] = {
                "name": sub,
                "id": html_id(sub),
                "label": part_label,
                "errors": self._errors(sub, f"{label} — {part_label}"),
                "value": value.get(key, "") if key != "province" else province,
            }
        parts["province"]["choices"] = provinces
        parts["commune"]["choices"] = self.communes(province) if province in codes else []
        return {"parts": parts, "require_street": spec.get("require_street", True)}

    def provinces(self, allowed):
        if self._provinces is None:
            rows = directory.administrative_units(level=1).order_by("name")
            self._provinces = [(unit.code, unit.name) for unit in rows]
        return [(c, n) for c, n in self._provinces if not allowed or c in allowed]

    def communes(self, province_code):
        if province_code not in self._communes:
            province = directory.administrative_units(level=1).filter(code=province_code).first()
            rows = directory.administrative_units(parent=province).order_by("name") if province else []
            self._communes[province_code] = [(unit.code, unit.name) for unit in rows]
        return self._communes[province_code]

    def _errors(self, path, label):
        messages = self.errors.get(path, [])
        for message in messages:
            self.summary.append({"label": label, "message": message, "id": html_id(path)})
        return messages


def render_form(definition, data, errors):
    """``(items, error_summary)`` for the template."""
    builder = _Builder(errors)
    items = builder.items(fields_of(definition), data, "")
    return items, builder.summary


# --- describing ---------------------------------------------------------------------------------


def describe(definition, depth=0):
    """The fields as rows of a table for the procedure page: depth, label, type, required, notes."""
    rows = []
    for spec in fields_of(definition):
        notes = []
        if spec["type"] == "choice":
            notes.append(", ".join(text for _value, text in spec["choices"]))
        if spec["type"] == "group" and spec.get("repeat", True):
            notes.append(_("lặp lại được (nhiều dòng)"))
        if spec.get("help"):
            notes.append(spec["help"])
        rows.append(
            {
                "depth": depth,
                "label": spec["label"],
                "type": TYPE_LABELS[spec["type"]],
                "required": bool(spec.get("required")),
                "notes": "; ".join(notes),
            }
        )
        if spec["type"] == "group":
            rows += describe({"fields": spec["fields"]}, depth + 1)
    return rows


def describe_cleaned(definition, cleaned, depth=0):
    """Checked values as ``(depth, label, text)`` rows, to show back to the applicant."""
    rows = []
    for spec in fields_of(definition):
        value = (cleaned or {}).get(spec["name"])
        if spec["type"] == "group" and spec.get("repeat", True):
            count = len(value or [])
            rows.append((depth, spec["label"], ngettext("%(n)s dòng", "%(n)s dòng", count) % {"n": count}))
            for index, row in enumerate(value or []):
                rows.append((depth + 1, _("Dòng %(n)s") % {"n": index + 1}, ""))
                rows += describe_cleaned({"fields": spec["fields"]}, row, depth + 2)
        elif spec["type"] == "group":
            rows.append((depth, spec["label"], ""))
            rows += describe_cleaned({"fields": spec["fields"]}, value, depth + 1)
        elif spec["type"] == "address":
            rows.append((depth, spec["label"], value["full"] if value else ""))
        elif spec["type"] == "choice":
            labels = dict(spec["choices"])
            chosen = value if isinstance(value, list) else [value] if value else []
            rows.append((depth, spec["label"], ", ".join(labels.get(v, v) for v in chosen)))
        else:
            rows.append((depth, spec["label"], "" if value is None else str(value)))
    return rows
