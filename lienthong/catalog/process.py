"""Internal process definitions (quy trình nội bộ): the rules a definition must meet, and its
YAML/JSON document form for import and export.

A step is a dict: ``name``, ``agency`` (an Agency or None) or ``agency_kind``, ``unit_name``, ``role``
(``accounts.roles.Role``), ``duration`` (in the procedure's time unit), ``actions`` (``Action``
codes), ``level``, ``is_interagency``, ``note``. The document form names agencies by code and name:

    procedure: "1.001193"
    time: {value: 1, unit: within_day}
    steps:
      - name: Tiếp nhận hồ sơ
        agency_kind: ubnd_xa
        unit: Bộ phận Một cửa
        role: one_stop_officer
        duration: 0.125
        actions: [receive, request_supplement, refuse, transfer]
"""

import json
from decimal import Decimal, InvalidOperation

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lienthong.accounts.roles import Role
from lienthong.catalog import agencies, display
from lienthong.catalog.models import Action, Level, TimeUnit
from lienthong.directory.models import AgencyKind

FORMATS = ("yaml", "json")
_DOC_STEP_KEYS = {
    "name",
    "agency",
    "agency_code",
    "agency_kind",
    "unit",
    "role",
    "duration",
    "actions",
    "level",
    "interagency",
    "note",
}
_MAX_STEPS = 50


def _decimal(value):
    if isinstance(value, bool) or value is None or value == "":
        raise InvalidOperation
    result = Decimal(str(value).strip().replace(",", "."))
    if not result.is_finite():
        raise InvalidOperation
    return result


def check_steps(steps, time_value, time_unit):
    """Raise ``ValidationError({"process": [...]})`` unless the steps are well formed and add up exactly.

    NĐ 61/2018 (Art. 15–20; NĐ 118/2025 carries it over): the dossier is received and its result
    returned through the one-stop desk, so the first step receives and the last one returns.
    """
    errors = []
    if not steps:
        raise ValidationError({"process": [_("Quy trình phải có ít nhất một bước.")]})
    if len(steps) > _MAX_STEPS:
        raise ValidationError({"process": [_("Quy trình có tối đa %(n)s bước.") % {"n": _MAX_STEPS}]})
    total = Decimal(0)
    for number, step in enumerate(steps, start=1):
        errors += [_("Bước %(n)s: %(message)s") % {"n": number, "message": m} for m in _step_errors(step)]
        duration = step.get("duration")
        if isinstance(duration, Decimal) and duration >= 0:
            total += duration
    if not errors:
        if Action.RECEIVE not in steps[0]["actions"]:
            errors.append(
                _("Bước 1 phải có thao tác “Tiếp nhận hồ sơ” (receive): hồ sơ được nhận qua Bộ phận Một cửa.")
            )
        if Action.RETURN_RESULT not in steps[-1]["actions"]:
            errors.append(
                _(
                    "Bước cuối phải có thao tác “Trả kết quả” (return_result): kết quả được trả qua Bộ phận Một cửa."
                )
            )
    if not errors and total != Decimal(time_value):
        gap = Decimal(time_value) - total
        errors.append(
            _(
                "Tổng thời gian các bước (%(total)s) phải bằng đúng thời hạn giải quyết của thủ tục "
                "(%(limit)s); %(direction)s %(gap)s."
            )
            % {
                "total": display.time_amount(total, time_unit),
                "limit": display.duration(time_value, time_unit)
                if time_unit != TimeUnit.WITHIN_DAY
                else _("trong ngày = 1 ngày"),
                "direction": _("còn thiếu") if gap > 0 else _("vượt quá"),
                "gap": display.time_amount(abs(gap), time_unit),
            }
        )
    if errors:
        raise ValidationError({"process": errors})


def _step_errors(step):
    errors = []
    if not str(step.get("name") or "").strip():
        errors.append(_("thiếu tên bước."))
    if step.get("agency") is None and not step.get("agency_kind"):
        errors.append(_("cần chọn cơ quan hoặc loại cơ quan thực hiện bước."))
    if step.get("agency") is not None and step.get("agency_kind"):
        errors.append(_("chỉ chọn một trong hai: cơ quan cụ thể hoặc loại cơ quan."))
    if step.get("agency_kind") and step["agency_kind"] not in AgencyKind.values:
        errors.append(_("loại cơ quan “%(v)s” không hợp lệ.") % {"v": step["agency_kind"]})
    if step.get("role") not in Role.values:
        errors.append(
            _("vai trò “%(v)s” không hợp lệ; dùng một trong: %(all)s.")
            % {"v": step.get("role") or "", "all": ", ".join(Role.values)}
        )
    duration = step.get("duration")
    if not isinstance(duration, Decimal) or duration < 0:
        errors.append(_("thời gian phải là số không âm."))
    elif duration != duration.quantize(Decimal("0.001")):
        errors.append(_("thời gian có tối đa 3 chữ số thập phân."))
    actions = step.get("actions")
    if not isinstance(actions, list) or not actions:
        errors.append(_("cần ít nhất một thao tác được phép."))
    else:
        bad = [str(a) for a in actions if a not in Action.values]
        if bad:
            errors.append(
                _("thao tác không hợp lệ: %(bad)s; dùng một trong: %(all)s.")
                % {"bad": ", ".join(bad), "all": ", ".join(Action.values)}
            )
        if len(set(actions)) != len(actions):
            errors.append(_("thao tác bị lặp lại."))
    if step.get("level") and step["level"] not in Level.values:
        errors.append(_("cấp “%(v)s” không hợp lệ.") % {"v": step["level"]})
    return errors


def normalise_step(raw):
    """A step dict from services or the API with its values typed (duration as Decimal, lists as lists)."""
    step = {
        "name": str(raw.get("name") or "").strip(),
        "agency": raw.get("agency"),
        "agency_kind": raw.get("agency_kind") or "",
        "unit_name": str(raw.get("unit_name") or "").strip(),
        "role": raw.get("role") or "",
        "actions": list(raw.get("actions") or []),
        "level": raw.get("level") or "",
        "is_interagency": bool(raw.get("is_interagency", False)),
        "note": str(raw.get("note") or "").strip(),
    }
    try:
        step["duration"] = _decimal(raw.get("duration"))
    except (InvalidOperation, ValueError):
        step["duration"] = None
    return step


# --- document form (YAML / JSON) -------------------------------------------------------------


def _plain_number(value):
    value = Decimal(value)
    return int(value) if value == value.to_integral() else float(value.normalize())


def export_document(version, steps=None):
    """The process of ``version`` as a plain dict, ready for YAML or JSON."""
    steps = list(version.process_steps.select_related("agency")) if steps is None else steps
    rows = []
    for step in steps:
        row = {"name": step.name}
        if step.agency_id:
            row["agency"] = step.agency.name
            if step.agency.code:
                row["agency_code"] = step.agency.code
        if step.agency_kind:
            row["agency_kind"] = step.agency_kind
        if step.unit_name:
            row["unit"] = step.unit_name
        row["role"] = step.role
        row["duration"] = _plain_number(step.duration)
        row["actions"] = list(step.actions)
        if step.level:
            row["level"] = step.level
        if step.is_interagency:
            row["interagency"] = True
        if step.note:
            row["note"] = step.note
        rows.append(row)
    return {
        "procedure": version.procedure.code,
        "name": version.name,
        "version": version.number,
        "time": {"value": _plain_number(version.time_value), "unit": version.time_unit},
        "steps": rows,
    }


def dump(document, fmt):
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)


def load(text, fmt):
    """Parse a YAML or JSON document; a syntax error is a ``ValidationError`` saying where."""
    if fmt not in FORMATS:
        raise ValidationError({"process": [_("Định dạng phải là yaml hoặc json.")]})
    try:
        document = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            {
                "process": [
                    _("Tệp JSON sai cú pháp ở dòng %(line)s, cột %(col)s.")
                    % {"line": exc.lineno, "col": exc.colno}
                ]
            }
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (
            _(" ở dòng %(line)s, cột %(col)s") % {"line": mark.line + 1, "col": mark.column + 1}
            if mark
            else ""
        )
        raise ValidationError({"process": [_("Tệp YAML sai cú pháp%(where)s.") % {"where": where}]}) from exc
    return document


def parse_document(document):
    """Steps (typed, agencies resolved) and the declared time of a process document.

    Raises ``ValidationError({"process": [...]})`` for a malformed document or an unknown agency.
    """
    if not isinstance(document, dict) or not isinstance(document.get("steps"), list):
        raise ValidationError({"process": [_("Tệp phải có danh sách “steps” (các bước của quy trình).")]})
    errors, steps = [], []
    for number, raw in enumerate(document["steps"], start=1):
        if not isinstance(raw, dict):
            errors.append(_("Bước %(n)s: phải là một bảng khóa–giá trị.") % {"n": number})
            continue
        unknown = sorted(set(raw) - _DOC_STEP_KEYS)
        if unknown:
            errors.append(
                _("Bước %(n)s: khóa không hợp lệ: %(keys)s.")
                % {"n": number, "keys": ", ".join(map(str, unknown))}
            )
        agency = None
        if raw.get("agency") or raw.get("agency_code"):
            agency = agencies.find_agency(
                code=str(raw.get("agency_code") or ""), name=str(raw.get("agency") or "")
            )
            if agency is None:
                errors.append(
                    _("Bước %(n)s: không tìm thấy cơ quan “%(name)s” trong danh bạ.")
                    % {"n": number, "name": raw.get("agency") or raw.get("agency_code")}
                )
        actions = raw.get("actions")
        step = normalise_step(
            {
                "name": raw.get("name"),
                "agency": agency,
                "agency_kind": raw.get("agency_kind"),
                "unit_name": raw.get("unit"),
                "role": raw.get("role"),
                "duration": raw.get("duration"),
                "actions": actions if isinstance(actions, list) else [],
                "level": raw.get("level"),
                "is_interagency": raw.get("interagency", False),
                "note": raw.get("note"),
            }
        )
        if actions is not None and not isinstance(actions, list):
            errors.append(_("Bước %(n)s: “actions” phải là một danh sách.") % {"n": number})
        steps.append(step)
    declared = _declared_time(document.get("time"), errors)
    if errors:
        raise ValidationError({"process": errors})
    return steps, declared


def _declared_time(time, errors):
    if time is None:
        return None
    try:
        if not isinstance(time, dict) or time.get("unit") not in TimeUnit.values:
            raise InvalidOperation
        return _decimal(time.get("value")), time["unit"]
    except (InvalidOperation, ValueError):
        errors.append(
            _("“time” phải có dạng {value: số, unit: %(units)s}.") % {"units": " | ".join(TimeUnit.values)}
        )
        return None


def check_declared_time(declared, time_value, time_unit):
    """A document that states the time must state the procedure's own time."""
    if declared is None:
        return
    value, unit = declared
    if unit != time_unit or value != Decimal(time_value):
        raise ValidationError(
            {
                "process": [
                    _("Thời hạn ghi trong tệp (%(file)s) khác thời hạn giải quyết của thủ tục (%(own)s).")
                    % {"file": display.duration(value, unit), "own": display.duration(time_value, time_unit)}
                ]
            }
        )
