"""Test helpers for dossiers: agencies, officers with roles, a published procedure, a receipt."""

import datetime
import itertools
from decimal import Decimal

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import OfficialUserFactory, RoleAssignmentFactory, UserFactory
from lienthong.catalog.tests.factories import commune_steps, make_procedure
from lienthong.directory.models import AgencyKind
from lienthong.directory.tests.factories import AgencyFactory, make_citizen_id
from lienthong.dossiers import services
from lienthong.dossiers.models import ApplicantKind, Channel

_communes = itertools.count(10)


def commune(code=None):
    n = next(_communes)
    return AgencyFactory(
        kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
        name=f"UBND xã Thử Nghiệm {n}",
        code=code or f"000.{n % 100:02d}.{22 + n // 100 % 77:02d}.H56",
    )


def officer(agency, *roles):
    user = OfficialUserFactory()
    for role in roles or (Role.ONE_STOP_OFFICER,):
        RoleAssignmentFactory(user=user, agency=agency, role=role)
    return user


def citizen():
    return UserFactory()


def procedure(days="5", steps=None, **spec):
    """A published commune procedure: one required and one conditional component."""
    return make_procedure(
        time_value=Decimal(days),
        effective_from=datetime.date(2026, 1, 1),
        components=[
            {"name": "Tờ khai theo mẫu", "originals": 1, "copies": 0, "requirement": "required"},
            {
                "name": "Giấy ủy quyền (nếu có)",
                "originals": 1,
                "copies": 0,
                "requirement": "conditional",
                "condition": "Khi nộp thay",
            },
        ],
        process=steps if steps is not None else commune_steps(days),
        **spec,
    )


def applicant(**overrides):
    data = {
        "kind": ApplicantKind.PERSON,
        "name": "Trần Thị Hồng",
        "id_number": make_citizen_id(datetime.date(1990, 3, 2), "F"),
        "address": "Ấp 3, xã Thử Nghiệm",
        "phone": "0909123456",
        "email": "hong@example.vn",
    }
    data.update(overrides)
    return data


def required_ids(version):
    return [c.pk for c in version.components.all() if c.requirement == "required"]


def receive(actor, version, agency, **kwargs):
    values = {
        "procedure_code": version.procedure.code,
        "agency": agency,
        "channel": Channel.COUNTER,
        "applicant": applicant(),
        "components": required_ids(version),
    }
    values.update(kwargs)
    return services.receive(actor, **values)
