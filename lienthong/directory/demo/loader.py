"""Writes the demo province through the directory and accounts services, as the system (actor None).

Idempotent: agencies are found by code (communes' People's Committees by their unit), internal units
by name, officials by citizen ID, accounts by username, and only what differs is written. Demo
passwords are reset to the demo password on every run.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password
from django.db import transaction

from lienthong.accounts import services as account_services
from lienthong.accounts.models import AccountKind, User
from lienthong.accounts.roles import ADMIN_ROLES, Role
from lienthong.core import audit
from lienthong.directory import services, unit_loader
from lienthong.directory.demo import vinh_long as data
from lienthong.directory.demo.people import person
from lienthong.directory.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    InternalUnit,
    Official,
    Position,
    Rank,
)


class DemoError(Exception):
    """The database holds something the demo cannot safely take over."""


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str
    agency: str
    unit: str = ""
    needs_mfa: bool = False


@dataclass
class DemoResult:
    units_loaded: bool = False
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    passwords_reset: int = 0
    accounts: list = field(default_factory=list)


def _changes(obj, fields):
    """The subset of ``fields`` whose value differs from ``obj`` (relations compared by id)."""
    changed = {}
    for name, value in fields.items():
        model_field = obj._meta.get_field(name)
        if model_field.is_relation:
            differs = getattr(obj, model_field.attname) != (value.pk if value is not None else None)
        else:
            differs = getattr(obj, name) != value
        if differs:
            changed[name] = value
    return changed


def _province(result):
    lookup = {"code": data.PROVINCE_CODE, "valid_from": unit_loader.REFORM_DATE}
    province = AdministrativeUnit.objects.filter(**lookup).first()
    if province is None or not province.children.exists():
        unit_loader.load_package()
        result.units_loaded = True
        province = AdministrativeUnit.objects.get(**lookup)
    return province


def _reference_data(result):
    """Positions and ranks (no service writes these catalogues yet: one summary audit record)."""
    positions = {p.name: p for p in Position.objects.filter(name__in=[n for n, _ in data.POSITIONS])}
    new_positions, changed_positions = [], []
    for order, (name, is_leader) in enumerate(data.POSITIONS, start=1):
        position = positions.get(name)
        if position is None:
            position = positions[name] = Position(name=name)
            new_positions.append(position)
        elif (position.is_leader, position.sort_order) == (is_leader, order * 10):
            continue
        else:
            changed_positions.append(position)
        position.is_leader, position.sort_order = is_leader, order * 10
    ranks = {r.code: r for r in Rank.objects.filter(code__in=[c for c, _ in data.RANKS])}
    new_ranks = [Rank(code=code, name=name) for code, name in data.RANKS if code not in ranks]
    changed_ranks = [ranks[c] for c, name in data.RANKS if c in ranks and ranks[c].name != name]
    for rank in changed_ranks:
        rank.name = dict(data.RANKS)[rank.code]
    Position.objects.bulk_create(new_positions)
    Position.objects.bulk_update(changed_positions, ["is_leader", "sort_order"])
    Rank.objects.bulk_create(new_ranks)
    Rank.objects.bulk_update(changed_ranks, ["name"])
    ranks.update({r.code: r for r in new_ranks})
    counts = {
        "positions_created": len(new_positions),
        "positions_updated": len(changed_positions),
        "ranks_created": len(new_ranks),
        "ranks_updated": len(changed_ranks),
    }
    if any(counts.values()):
        audit.record(
            None,
            "directory.reference.load",
            object_type="directory.position",
            object_repr="Chức vụ và ngạch (dữ liệu mẫu)",
            note=f"Chức vụ: tạo {len(new_positions)}, cập nhật {len(changed_positions)}; "
            f"ngạch: tạo {len(new_ranks)}, cập nhật {len(changed_ranks)}.",
            after=counts,
        )
    result.created.update(positions=len(new_positions), ranks=len(new_ranks))
    return positions, ranks


def _save_agency(existing, fields, result):
    if existing is None:
        agency, _ = services.save_agency(None, **fields)
        result.created["agencies"] += 1
        return agency
    changed = _changes(existing, fields)
    if changed:
        existing, _ = services.save_agency(None, existing, **changed)
        result.updated["agencies"] += 1
    return existing


def lower_first(name):
    """ "Xã Cái Nhum" → "xã Cái Nhum", to follow "Ủy ban nhân dân"."""
    return name[:1].lower() + name[1:]


def _agencies(province, result):
    specs = [{**data.AGENCY_DEFAULTS, **spec} for spec in data.AGENCIES]
    by_code = {a.code: a for a in Agency.objects.filter(code__in=[s["code"] for s in specs if s["code"]])}
    # Agencies without an identifier code (central branches) are recognised by name.
    by_name = {
        a.name: a
        for a in Agency.objects.filter(
            code__isnull=True, name__in=[s["name"] for s in specs if not s["code"]]
        )
    }
    agencies = {}
    for order, spec in enumerate(specs, start=1):  # parents are listed before their children
        fields = {
            "name": spec["name"],
            "short_name": spec["short_name"],
            "kind": spec["kind"],
            "parent": agencies[spec["parent"]] if spec["parent"] else None,
            "administrative_unit": province,
            "code": spec["code"],
            "has_one_stop_desk": spec["has_one_stop_desk"],
            "valid_from": unit_loader.REFORM_DATE if spec["key"] == "ubnd" else None,
            "sort_order": order * 10,
        }
        existing = by_code.get(spec["code"]) if spec["code"] else by_name.get(spec["name"])
        agencies[spec["key"]] = _save_agency(existing, fields, result)

    communes = list(province.children.valid_on().order_by("code"))
    by_unit = {
        a.administrative_unit_id: a
        for a in Agency.objects.filter(
            kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE, administrative_unit__in=communes
        )
    }
    for index, commune in enumerate(communes):
        fields = {
            "name": f"Ủy ban nhân dân {lower_first(commune.name)}",
            "short_name": f"UBND {lower_first(commune.name)}",
            "kind": AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
            "parent": agencies["ubnd"],
            "administrative_unit": commune,
            "code": data.commune_agency_code(index),
            "has_one_stop_desk": True,
            "valid_from": unit_loader.REFORM_DATE,
            "sort_order": 1000 + index,
        }
        agencies[f"commune:{commune.code}"] = _save_agency(by_unit.get(commune.pk), fields, result)
    agencies["commune"] = agencies[f"commune:{data.DEMO_COMMUNE_CODE}"]
    return agencies


def _internal_units(agencies, result):
    specs = [
        (spec["key"], name, order) for spec in data.AGENCIES for order, name in enumerate(spec["units"], 1)
    ]
    ids = {agencies[key].pk for key, _, _ in specs}
    existing = {(u.agency_id, u.name): u for u in InternalUnit.objects.filter(agency_id__in=ids)}
    units = {}
    for key, name, order in specs:
        agency = agencies[key]
        unit = existing.get((agency.pk, name))
        if unit is None:
            unit = services.save_internal_unit(None, agency=agency, name=name, sort_order=order * 10)
            result.created["internal_units"] += 1
        elif unit.sort_order != order * 10 or not unit.is_active:
            unit = services.save_internal_unit(None, unit, sort_order=order * 10, is_active=True)
            result.updated["internal_units"] += 1
        units[(key, name)] = unit
    return units


def _official_plan():
    """Who the demo officials are: every account holder, and a head for each agency and unit."""
    plan = [
        {
            "key": spec["username"],
            "agency": spec["agency"],
            "unit": spec.get("unit"),
            "position": spec["position"],
            "rank": spec["rank"],
            "email": f"{spec['username']}@{data.EMAIL_DOMAIN}",
        }
        for spec in data.ACCOUNTS
    ]
    taken = {(p["agency"], p["unit"], p["position"]) for p in plan}
    for spec in ({**data.AGENCY_DEFAULTS, **s} for s in data.AGENCIES):
        slots = [(None, spec["head"], data.HEAD_RANK)]
        slots += [
            (unit, "Chánh Văn phòng" if unit.startswith("Văn phòng") else "Trưởng phòng", data.UNIT_HEAD_RANK)
            for unit in spec["units"]
        ]
        for unit, position, rank in slots:
            if (spec["key"], unit, position) not in taken:
                key = f"{spec['key']}/{unit or ''}/{position}"
                plan.append(
                    {"key": key, "agency": spec["key"], "unit": unit, "position": position, "rank": rank}
                )
    return plan


def _officials(agencies, units, positions, ranks, result):
    plan = _official_plan()
    leaders = {name for name, is_leader in data.POSITIONS if is_leader}
    people = {
        item["key"]: person(
            item["key"], born_between=(1966, 1986) if item["position"] in leaders else (1975, 2001)
        )
        for item in plan
    }
    ids = [p.citizen_id for p in people.values()]
    if len(set(ids)) != len(ids):
        raise DemoError("Hai cán bộ mẫu trùng số định danh cá nhân; hãy đổi khóa sinh dữ liệu mẫu.")
    existing = {o.citizen_id: o for o in Official.objects.filter(citizen_id__in=ids)}
    officials = {}
    for item in plan:
        someone = people[item["key"]]
        fields = {
            "full_name": someone.full_name,
            "date_of_birth": someone.date_of_birth,
            "gender": someone.gender,
            "citizen_id": someone.citizen_id,
            "agency": agencies[item["agency"]],
            "internal_unit": units[(item["agency"], item["unit"])] if item["unit"] else None,
            "position": positions[item["position"]],
            "rank": ranks[item["rank"]],
            "email": item.get("email", ""),
            "is_active": True,
        }
        official = existing.get(someone.citizen_id)
        if official is None:
            official = services.save_official(None, **fields)
            result.created["officials"] += 1
        else:
            changed = _changes(official, fields)
            if changed:
                official = services.save_official(None, official, **changed)
                result.updated["officials"] += 1
        officials[item["key"]] = official
    return officials


def _ensure_password(user, result):
    if not check_password(data.DEMO_PASSWORD, user.password):
        account_services.set_password(None, user, data.DEMO_PASSWORD)
        result.passwords_reset += 1


def _official_accounts(agencies, units, officials, existing, result):
    for spec in data.ACCOUNTS:
        username, official = spec["username"], officials[spec["username"]]
        user = existing.get(username)
        if user is None:
            user = account_services.create_official_account(
                None, official, username, data.DEMO_PASSWORD, email=official.email
            )
            result.created["accounts"] += 1
        elif user.official_id != official.pk:
            raise DemoError(f"Tài khoản “{username}” đã có và không gắn với cán bộ mẫu; không ghi đè.")
        else:
            _ensure_password(user, result)
        agency = agencies[spec["agency"]]
        unit = units[(spec["agency"], spec["unit"])] if spec.get("unit") else None
        account_services.assign_role(
            None, user, spec["role"], agency, unit if spec.get("role_unit") else None
        )
        result.accounts.append(
            DemoAccount(
                username=username,
                password=data.DEMO_PASSWORD,
                role=str(Role(spec["role"]).label),
                agency=agency.short_name or agency.name,
                unit=unit.name if unit else "",
                needs_mfa=spec["role"] in ADMIN_ROLES,
            )
        )


def _public_accounts(existing, result):
    citizen = person(data.CITIZEN["username"])
    specs = [
        (
            AccountKind.CITIZEN,
            data.CITIZEN["username"],
            {"last_name": citizen.full_name, "citizen_id": citizen.citizen_id},
        ),
        (
            AccountKind.BUSINESS,
            data.BUSINESS["username"],
            {"organisation_name": data.BUSINESS["organisation_name"], "tax_code": data.BUSINESS["tax_code"]},
        ),
    ]
    for kind, username, extra in specs:
        user = existing.get(username)
        if user is None:
            email = f"{username}@{data.EMAIL_DOMAIN}"
            account_services.create_account(None, username, data.DEMO_PASSWORD, kind, email=email, **extra)
            result.created["accounts"] += 1
        elif user.kind != kind:
            raise DemoError(f"Tài khoản “{username}” đã có với loại khác; không ghi đè.")
        else:
            _ensure_password(user, result)
        result.accounts.append(DemoAccount(username, data.DEMO_PASSWORD, str(AccountKind(kind).label), "—"))


@transaction.atomic
def load_demo():
    """Load (or refresh) the demo province and its accounts. Returns a ``DemoResult``."""
    result = DemoResult()
    province = _province(result)
    positions, ranks = _reference_data(result)
    agencies = _agencies(province, result)
    units = _internal_units(agencies, result)
    officials = _officials(agencies, units, positions, ranks, result)
    usernames = [s["username"] for s in data.ACCOUNTS] + [data.CITIZEN["username"], data.BUSINESS["username"]]
    existing = {u.username: u for u in User.objects.filter(username__in=usernames)}
    _official_accounts(agencies, units, officials, existing, result)
    _public_accounts(existing, result)
    return result
