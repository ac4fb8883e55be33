"""Factories for the catalogue. Procedures are made through the services, as everything else is."""

import itertools
from decimal import Decimal

import factory

from lienthong.catalog import services
from lienthong.catalog.models import Field
from lienthong.core.text import fold
from lienthong.directory.models import AgencyKind

_codes = itertools.count(900001)


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LV{n:03d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực thử nghiệm {n}")
    name_folded = factory.LazyAttribute(lambda o: fold(o.name))


def commune_steps(total="3"):
    """A commune process whose shares add up to ``total`` working days."""
    total = Decimal(total)
    kind = AgencyKind.COMMUNE_PEOPLES_COMMITTEE
    return [
        {
            "name": "Tiếp nhận hồ sơ",
            "agency_kind": kind,
            "unit_name": "Bộ phận Một cửa",
            "role": "one_stop_officer",
            "duration": Decimal("0.5"),
            "actions": ["receive", "request_supplement", "refuse", "transfer"],
        },
        {
            "name": "Thẩm định, xử lý",
            "agency_kind": kind,
            "role": "specialist",
            "duration": total - Decimal("1.5"),
            "actions": ["process", "verify", "review"],
        },
        {
            "name": "Ký duyệt",
            "agency_kind": kind,
            "role": "agency_leader",
            "duration": Decimal("0.5"),
            "actions": ["approve", "sign", "refuse"],
        },
        {
            "name": "Trả kết quả",
            "agency_kind": kind,
            "unit_name": "Bộ phận Một cửa",
            "role": "one_stop_officer",
            "duration": Decimal("0.5"),
            "actions": ["collect_fee", "return_result"],
        },
    ]


def make_procedure(national_code=None, publish=True, actor=None, **spec):
    """A procedure with its first version (published unless told otherwise)."""
    values = {
        "name": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "field": FieldFactory(code="HT", name="Hộ tịch"),
        "levels": ["commune"],
        "time_value": Decimal(3),
        "implementing_agency_kind": AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
        "fees": [{"kind": "le_phi", "amount": 5000, "description": "Lệ phí hộ tịch"}],
        "components": [
            {"name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "originals": 1, "copies": 0}
        ],
        "process": commune_steps("3"),
    }
    values.update(spec)
    code = national_code if national_code is not None else f"1.{next(_codes)}"
    version, _warnings = services.create_procedure(actor, national_code=code, publish=publish, **values)
    return version
