"""Load the demo catalogue through the services (``manage.py load_catalog``).

Idempotent: a procedure already in the catalogue is passed to ``change_procedure``, which changes
nothing when the content is the same. Agencies come from the demo province (``load_demo``); when one
is missing the procedure still loads: without that agency, and its process steps name the agency as
a unit under the kind of agency it is.
"""

from dataclasses import dataclass, field

from lienthong.catalog import agencies, selectors, services
from lienthong.catalog.demo import FIELDS, PROCEDURES
from lienthong.catalog.demo.business import FINANCE
from lienthong.catalog.demo.common import COMMUNE
from lienthong.directory.models import AgencyKind

CENTRE = "centre"
# Kind of each named agency, used when the directory does not hold it.
_FALLBACK_KIND = {
    "Công an tỉnh Vĩnh Long": AgencyKind.CENTRAL_BRANCH,
    "Công an xã, phường, đặc khu": AgencyKind.CENTRAL_BRANCH,
    "Văn phòng Đăng ký đất đai tỉnh Vĩnh Long": AgencyKind.PUBLIC_SERVICE_UNIT,
    FINANCE: AgencyKind.DEPARTMENT,
}


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    missing_agencies: set = field(default_factory=set)


class _Agencies:
    def __init__(self, report):
        self.report, self._cache = report, {}

    def find(self, name):
        if name not in self._cache:
            if name == CENTRE:
                found = agencies.find_agency(name="Trung tâm Phục vụ hành chính công")
            else:
                found = agencies.find_agency(name=name)
            if found is None:
                self.report.missing_agencies.add(
                    "Trung tâm Phục vụ hành chính công" if name == CENTRE else name
                )
            self._cache[name] = found
        return self._cache[name]

    def step(self, raw):
        step = {key: value for key, value in raw.items() if key != "at"}
        at = raw["at"]
        if at == COMMUNE:
            step["agency_kind"] = AgencyKind.COMMUNE_PEOPLES_COMMITTEE
            return step
        agency = self.find(at)
        if agency is not None:
            step["agency"] = agency
            return step
        kind = AgencyKind.SERVICE_CENTRE if at == CENTRE else _FALLBACK_KIND.get(at, AgencyKind.DEPARTMENT)
        label = "Trung tâm Phục vụ hành chính công" if at == CENTRE else at
        step["agency_kind"] = kind
        step["unit_name"] = f"{label} — {step['unit_name']}" if step["unit_name"] else label
        return step


def _spec(entry, found, fields_by_code):
    spec = {
        key: entry[key]
        for key in (
            "name",
            "levels",
            "channels",
            "applicants",
            "receiving_place",
            "time_note",
            "steps_text",
            "conditions",
            "legal_basis",
            "fees",
            "components",
            "cutoff_hour",
            "procedure_type",
            "online_payment",
        )
        if key in entry
    }
    spec["field"] = fields_by_code[entry["field"]]
    spec["time_value"], spec["time_unit"] = entry["time"]
    spec["counting_mode"] = "hour" if spec["time_unit"] == "working_hours" else "day"
    spec["result_type"], spec["result_name"] = entry["result"]
    spec["online_category"] = entry.get("online", "none")
    spec["legacy_online_level"] = entry.get("legacy_level")
    spec["eform"] = entry.get("eform", {})
    competent = entry.get("competent")
    if competent == COMMUNE:
        spec["competent_agency_kind"] = AgencyKind.COMMUNE_PEOPLES_COMMITTEE
    elif competent:
        spec["competent_agency"] = found.find(competent)
    implementing = entry.get("implementing")
    if implementing == COMMUNE:
        spec["implementing_agency_kind"] = AgencyKind.COMMUNE_PEOPLES_COMMITTEE
    elif implementing:
        spec["implementing_agencies"] = [
            a for a in (found.find(name) for name in implementing) if a is not None
        ]
    spec["process"] = [found.step(step) for step in entry.get("process", [])]
    return spec


def load(actor=None):
    """Create or update the demo fields and procedures; returns a ``LoadReport``."""
    report = LoadReport()
    fields_by_code = {}
    for order, (code, name) in enumerate(FIELDS, start=1):
        current = selectors.fields(active_only=False).filter(code=code).first()
        if current is None or (current.name, current.sort_order) != (name, order):
            current = services.save_field(
                actor, current, code=code, name=name, sort_order=order, is_active=True
            )
        fields_by_code[code] = current
    found = _Agencies(report)
    for entry in PROCEDURES:
        spec = _spec(entry, found, fields_by_code)
        code = entry.get("national_code") or entry.get("local_code")
        procedure = selectors.get_procedure(code)
        if procedure is None:
            services.create_procedure(
                actor,
                national_code=entry.get("national_code", ""),
                local_code=entry.get("local_code", ""),
                publish=True,
                **spec,
            )
            report.created.append(code)
            continue
        latest = procedure.versions.order_by("-number").first()
        version = services.change_procedure(actor, procedure, publish=True, **spec)
        (
            report.unchanged
            if version.pk == latest.pk and version.number == latest.number
            else report.changed
        ).append(code)
    return report
