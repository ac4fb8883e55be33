"""A procedure version as a plain "spec" dict: what services write, copy, compare and audit.

Keys are the version's own fields, ``implementing_agencies`` and ``coordinating_agencies`` (lists of
Agency), ``fees``, ``components`` and ``process`` (lists of dicts), and ``eform`` (a dict).
``levels`` and ``channels`` (lists of codes) are accepted as shortcuts for the boolean fields.
"""

import contextlib
import datetime
from decimal import Decimal

from lienthong.catalog.models import (
    Channel,
    CountingMode,
    FeeKind,
    Level,
    OnlineCategory,
    ProcedureType,
    Requirement,
    ResultType,
    TimeUnit,
)
from lienthong.catalog.process import normalise_step

SCALAR_FIELDS = [
    "name",
    "field",
    "procedure_type",
    "level_province",
    "level_commune",
    "level_district",
    "competent_agency",
    "competent_agency_kind",
    "implementing_agency_kind",
    "receiving_place",
    "applicants",
    "channel_in_person",
    "channel_online",
    "channel_post",
    "time_value",
    "time_unit",
    "counting_mode",
    "cutoff_hour",
    "time_note",
    "steps_text",
    "conditions",
    "legal_basis",
    "result_type",
    "result_name",
    "online_category",
    "legacy_online_level",
    "online_payment",
    "accepts_out_of_area",
    "keywords",
    "description",
    "effective_from",
    "effective_until",
    "instrument",
    "change_note",
]
LIST_FIELDS = ["implementing_agencies", "coordinating_agencies", "fees", "components", "process"]
ALL_KEYS = [*SCALAR_FIELDS, *LIST_FIELDS, "eform"]
# Not carried over to the next version: each version states its own publication.
PUBLICATION_FIELDS = ["effective_from", "effective_until", "instrument", "change_note"]

DEFAULTS = {
    "name": "",
    "field": None,
    "procedure_type": ProcedureType.STANDARD,
    "level_province": False,
    "level_commune": False,
    "level_district": False,
    "competent_agency": None,
    "competent_agency_kind": "",
    "implementing_agency_kind": "",
    "receiving_place": "",
    "applicants": "",
    "channel_in_person": True,
    "channel_online": False,
    "channel_post": False,
    "time_value": None,
    "time_unit": TimeUnit.WORKING_DAYS,
    "counting_mode": CountingMode.DAY,
    "cutoff_hour": None,
    "time_note": "",
    "steps_text": "",
    "conditions": "",
    "legal_basis": [],
    "result_type": ResultType.OTHER,
    "result_name": "",
    "online_category": OnlineCategory.NONE,
    "legacy_online_level": None,
    "online_payment": False,
    "accepts_out_of_area": False,
    "keywords": "",
    "description": "",
    "effective_from": None,
    "effective_until": None,
    "instrument": "",
    "change_note": "",
    "implementing_agencies": [],
    "coordinating_agencies": [],
    "fees": [],
    "components": [],
    "process": [],
    "eform": {},
}
_TEXT_FIELDS = {name for name, value in DEFAULTS.items() if value == "" and name in SCALAR_FIELDS}


def expand_shortcuts(changes):
    """Turn ``levels`` / ``channels`` lists into the boolean fields; leave everything else as it is."""
    changes = dict(changes)
    levels = changes.pop("levels", None)
    if levels is not None:
        for level in Level:
            changes[f"level_{level.value}"] = level.value in levels
    channels = changes.pop("channels", None)
    if channels is not None:
        for channel in Channel:
            changes[f"channel_{channel.value}"] = channel.value in channels
    return changes


def normalise(spec):
    """Types and stripped text, so that equal content compares equal."""
    spec = dict(spec)
    for name in _TEXT_FIELDS:
        spec[name] = str(spec.get(name) or "").strip()
    if spec.get("time_value") not in (None, "") and not isinstance(spec["time_value"], Decimal):
        with contextlib.suppress(ArithmeticError):  # a bad value stays as it is and fails validation
            spec["time_value"] = Decimal(str(spec["time_value"]).replace(",", "."))
    if spec.get("time_unit") == TimeUnit.WITHIN_DAY:
        spec["time_value"] = Decimal(1)  # "within the day": step shares are fractions of that day
    spec["fees"] = [normalise_fee(fee) for fee in spec.get("fees") or []]
    spec["components"] = [normalise_component(c) for c in spec.get("components") or []]
    spec["process"] = [normalise_step(step) for step in spec.get("process") or []]
    spec["legal_basis"] = [normalise_legal(doc) for doc in spec.get("legal_basis") or []]
    spec["eform"] = spec.get("eform") or {}
    for name in ("implementing_agencies", "coordinating_agencies"):
        spec[name] = sorted(spec.get(name) or [], key=lambda agency: agency.pk)
    return spec


def normalise_fee(raw):
    amount = raw.get("amount")
    return {
        "kind": raw.get("kind") or FeeKind.LE_PHI,
        "amount": None if amount in (None, "") else amount,
        "description": str(raw.get("description") or "").strip(),
        "conditions": str(raw.get("conditions") or "").strip(),
        "exemptions": str(raw.get("exemptions") or "").strip(),
    }


def normalise_component(raw):
    return {
        "name": str(raw.get("name") or "").strip(),
        "originals": raw.get("originals", 1),
        "copies": raw.get("copies", 0),
        "requirement": raw.get("requirement") or Requirement.REQUIRED,
        "condition": str(raw.get("condition") or "").strip(),
        "form_name": str(raw.get("form_name") or "").strip(),
        "form_template": raw.get("form_template") or "",
    }


def normalise_legal(raw):
    if isinstance(raw, str):
        raw = {"title": raw}
    if not isinstance(raw, dict):
        return {"number": "", "title": "", "issued_on": "", "_invalid": True}
    issued = raw.get("issued_on") or ""
    if isinstance(issued, datetime.date):
        issued = issued.isoformat()
    return {
        "number": str(raw.get("number") or "").strip(),
        "title": str(raw.get("title") or "").strip(),
        "issued_on": str(issued).strip(),
    }


def of_version(version):
    """The spec of a saved version (one query per related list)."""
    spec = {name: getattr(version, name) for name in SCALAR_FIELDS}
    spec["implementing_agencies"] = list(version.implementing_agencies.all())
    spec["coordinating_agencies"] = list(version.coordinating_agencies.all())
    spec["fees"] = [
        {k: getattr(f, k) for k in ("kind", "amount", "description", "conditions", "exemptions")}
        for f in version.fees.all()
    ]
    spec["components"] = [
        {
            **{
                k: getattr(c, k)
                for k in ("name", "originals", "copies", "requirement", "condition", "form_name")
            },
            "form_template": c.form_template.name or "",
        }
        for c in version.components.all()
    ]
    spec["process"] = [
        {
            k: getattr(s, k)
            for k in (
                "name",
                "agency",
                "agency_kind",
                "unit_name",
                "role",
                "duration",
                "actions",
                "level",
                "is_interagency",
                "note",
            )
        }
        for s in version.process_steps.select_related("agency")
    ]
    spec["eform"] = version.eform or {}
    return normalise(spec)


def _plain(value):
    if hasattr(value, "_meta"):  # a model instance: its id and name
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "read"):  # an uploaded file not saved yet
        return value.name
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def plain(spec):
    """The spec as JSON-ready data (agencies and fields as ``{"id", "name"}``): for audit and comparison."""
    return {key: _plain(spec.get(key)) for key in ALL_KEYS}
