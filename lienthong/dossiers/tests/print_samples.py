"""Sample dossiers for every printed form, made through the services at fixed times (March 2026),
so that the rendered forms (tests, docs/forms/*.png) always read the same."""

import datetime
from dataclasses import dataclass, field

import time_machine

from lienthong.dossiers import services
from lienthong.dossiers.models import Channel
from lienthong.workdays.deadlines import TZ

DAY_FROM = datetime.date(2026, 3, 1)
DAY_TO = datetime.date(2026, 3, 31)


def at(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def travel(day, hour, minute=0):
    return time_machine.travel(at(day, hour, minute), tick=False)


@dataclass
class Samples:
    world: object
    dossiers: dict = field(default_factory=dict)


def _components(version):
    by_requirement = {c.requirement: c.pk for c in version.components.all()}
    return [
        {"id": by_requirement["required"], "copy_type": "original", "count": 1},
        {"id": by_requirement["conditional"], "copy_type": "certified_copy", "count": 2},
    ]


def build(world):
    """One dossier per form (and a refusal at receipt), all received by ``world.agency`` in March 2026."""
    agency = world.agency
    agency.address = "Số 1 đường Trần Hưng Đạo, xã Thử Nghiệm"
    agency.phone = "0296 3851 234"
    agency.save()
    s = Samples(world)
    w = world
    with travel(5, 9, 15):  # Thursday
        d = w.receive(components=_components(w.version), sets=2)
    with travel(5, 10, 0):
        d = services.transfer(w.desk, d, assignee=w.specialist)
    with travel(6, 15, 0):
        d = services.approve(w.leader, d)
    with travel(9, 8, 30):
        d = services.return_result(w.desk, d, "counter", "Trần Thị Hồng")
    s.dossiers["receipt"] = s.dossiers["control_slip"] = d

    with travel(5, 9, 30):
        d = w.receive(applicant=_person("Lê Văn Định", "Thôn Đông, xã Thử Nghiệm"))
    with travel(5, 10, 5):
        d = services.transfer(w.desk, d, assignee=w.specialist)
    with travel(6, 14, 0):
        d = services.request_supplement(
            w.specialist,
            d,
            ["Bản sao Giấy khai sinh có chứng thực", "Tờ khai ghi đủ địa chỉ thường trú"],
            "Tờ khai còn thiếu địa chỉ thường trú; chưa có giấy khai sinh",
        )
    s.dossiers["supplement_request"] = d

    with travel(5, 9, 45):
        d = w.receive(applicant=_person("Phạm Thị Ngọc Ánh", "Ấp Mỹ Phước, xã Thử Nghiệm"))
    with travel(5, 10, 10):
        d = services.transfer(w.desk, d, assignee=w.specialist)
    with travel(9, 16, 0):  # Monday; the appointment is on Thursday 12/03
        d = services.apologise(
            w.leader, d, at(16, 16, 0), "Cần xác minh thông tin cư trú tại địa phương khác"
        )
    s.dossiers["apology"] = d

    with travel(5, 10, 30):
        d = w.receive(applicant=_person("Đỗ Quốc Việt", "Tổ 5, xã Thử Nghiệm"))
    with travel(6, 10, 0):
        d = services.stop(w.desk, d, "Người nộp có đơn đề nghị dừng giải quyết hồ sơ")
    s.dossiers["stop_notice"] = d

    with travel(5, 14, 0):
        d = w.receive(applicant=_person("Vũ Thị Huyền Trang", "Ấp 7, xã Thử Nghiệm"))
    with travel(5, 14, 20):
        d = services.transfer(w.desk, d, assignee=w.specialist)
    with travel(10, 11, 0):
        d = services.refuse(w.leader, d, "Người yêu cầu không đủ điều kiện theo Điều 22 Luật Hộ tịch")
    s.dossiers["refusal"] = d

    with travel(5, 15, 0):
        s.dossiers["refusal_at_receipt"] = w.receive(
            applicant=_person("Hoàng Minh Khôi", "Ấp 2, xã Thử Nghiệm"),
            outcome="refuse_at_receipt",
            reasons="Thủ tục không thuộc thẩm quyền của UBND xã",
            channel=Channel.COUNTER,
        )
    return s


def _person(name, address):
    from lienthong.dossiers.tests.factories import applicant

    return applicant(name=name, address=address)
