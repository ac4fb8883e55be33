import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from lienthong.core.models import AuditRecord
from lienthong.directory.models import AdministrativeUnit, DivisionType
from lienthong.directory.unit_loader import REFORM_DATE

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(2025, 6, 30)
LOAD_ACTION = "directory.admin_units.load"

# A small invented three-level structure before 1 Jul 2025 (province → district → commune).
OLD_UNITS = [
    {"code": "86", "name": "Tỉnh Vĩnh Long", "division_type": "tỉnh", "valid_until": "2025-06-30"},
    {
        "code": "901",
        "name": "Huyện Thử Nghiệm",
        "division_type": "Huyện",
        "parent_code": "86",
        "valid_until": "30/06/2025",
    },
    {
        "code": "902",
        "name": "Thị xã Mẫu",
        "division_type": "thi_xa",
        "parent_code": "86",
        "valid_until": "2025-06-30",
    },
    {
        "code": "99001",
        "name": "Xã Thử Một",
        "division_type": "xã",
        "parent_code": "901",
        "valid_until": "2025-06-30",
    },
    {
        "code": "99002",
        "name": "Xã Thử Hai",
        "division_type": "xa",
        "parent_code": "901",
        "valid_until": "2025-06-30",
    },
    {
        "code": "99003",
        "name": "Phường Mẫu",
        "division_type": "phường",
        "parent_code": "902",
        "valid_until": "2025-06-30",
    },
    {
        "code": "99004",
        "name": "Thị trấn Mẫu",
        "division_type": "Thị trấn",
        "parent_code": "902",
        "valid_until": "2025-06-30",
    },
]
NEW_UNITS = [
    {"code": "86", "name": "Tỉnh Vĩnh Long", "division_type": "tinh", "valid_from": "2025-07-01"},
    {
        "code": "99001",
        "name": "Xã Thử Mới",
        "division_type": "xã",
        "parent_code": "86",
        "valid_from": "2025-07-01",
    },
    {
        "code": "99005",
        "name": "Phường Mẫu Mới",
        "division_type": "phường",
        "parent_code": "86",
        "valid_from": "2025-07-01",
    },
]
SUCCESSORS = {"86": "86", "99001": "99001", "99002": "99001", "99003": "99005;99001", "99004": "99005"}


def _write_csv(path, units, successors=None):
    columns = ["code", "name", "division_type", "parent_code", "valid_from", "valid_until", "successor_codes"]
    lines = [",".join(columns)]
    for unit in units:
        row = {
            **unit,
            "successor_codes": (successors or {}).get(unit["code"], "") if unit.get("valid_until") else "",
        }
        lines.append(",".join(row.get(column, "") for column in columns))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _old(code):
    return AdministrativeUnit.objects.get(code=code, valid_until=LAST_DAY)


def test_package_load_gives_34_provinces_and_3321_communes():
    """Resolution 202/2025/QH15: 34 provinces; 3,321 communes, wards and special zones from 1 Jul 2025."""
    call_command("load_units", stdout=io.StringIO())
    units = AdministrativeUnit.objects.filter(valid_from=REFORM_DATE)
    assert units.filter(level=1, parent__isnull=True).count() == 34
    assert units.filter(level=2).count() == 3321
    vinh_long = units.get(code="86")
    assert vinh_long.name == "Tỉnh Vĩnh Long"
    assert vinh_long.division_type == DivisionType.PROVINCE
    assert vinh_long.children.count() == 124
    assert units.filter(division_type=DivisionType.CENTRAL_CITY).count() == 6
    assert units.get(code="01").name == "Thành phố Hà Nội"
    assert units.filter(division_type=DivisionType.SPECIAL_ZONE).count() == 13
    assert units.get(code="29590").name == "Phường Thanh Đức"
    assert all(len(code) == 5 for code in units.filter(level=2).values_list("code", flat=True))
    assert units.get(code="00004").parent.code == "01"  # zero-padded official code
    assert units.filter(name_folded="xa cai nhum", parent=vinh_long).exists()


def test_second_run_changes_nothing_and_leaves_one_audit_record_per_run():
    call_command("load_units", stdout=io.StringIO())
    ids = set(AdministrativeUnit.objects.values_list("pk", flat=True))
    call_command("load_units", stdout=io.StringIO())
    assert set(AdministrativeUnit.objects.values_list("pk", flat=True)) == ids
    records = list(AuditRecord.objects.filter(action=LOAD_ACTION).order_by("id"))
    assert len(records) == 2
    assert records[0].object_type == "directory.administrativeunit"
    assert records[0].after["created"] == 3355
    second = records[1].after
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 3355)
    assert "không đổi 3355" in records[1].note


def test_changed_name_is_updated_on_reload():
    call_command("load_units", stdout=io.StringIO())
    AdministrativeUnit.objects.filter(code="29590").update(name="Phường Cũ", name_folded="phuong cu")
    call_command("load_units", stdout=io.StringIO())
    unit = AdministrativeUnit.objects.get(code="29590")
    assert (unit.name, unit.name_folded) == ("Phường Thanh Đức", "phuong thanh duc")
    assert AuditRecord.objects.filter(action=LOAD_ACTION).order_by("-id").first().after["updated"] == 1


def test_three_level_file_keeps_merged_units_with_their_successors(tmp_path):
    """Units merged on 1 Jul 2025 (Resolution 202/2025/QH15) stay for historical records, valid until
    30 Jun 2025 and pointing to the units that succeed them."""
    path = _write_csv(tmp_path / "units.csv", OLD_UNITS + NEW_UNITS, SUCCESSORS)
    call_command("load_units", file=str(path), stdout=io.StringIO())

    commune = _old("99003")
    assert commune.level == 3
    assert [unit.code for unit in commune.ancestors()] == ["86", "902"]
    assert commune.ancestors()[0].valid_until == LAST_DAY  # the old province, not the new one
    assert _old("902").division_type == DivisionType.TOWN
    assert _old("99004").division_type == DivisionType.TOWNSHIP
    assert sorted(u.name for u in commune.successors.all()) == ["Phường Mẫu Mới", "Xã Thử Mới"]
    new_commune = AdministrativeUnit.objects.get(code="99001", valid_from=REFORM_DATE)
    assert new_commune.level == 2 and new_commune.parent.valid_from == REFORM_DATE
    assert sorted(p.name for p in new_commune.predecessors.all()) == [
        "Phường Mẫu",
        "Xã Thử Hai",
        "Xã Thử Một",
    ]
    assert set(_old("86").successors.values_list("valid_from", flat=True)) == {REFORM_DATE}
    assert AdministrativeUnit.objects.valid_on(LAST_DAY).count() == 7
    assert AdministrativeUnit.objects.valid_on(REFORM_DATE).count() == 3

    call_command("load_units", file=str(path), stdout=io.StringIO())
    assert AdministrativeUnit.objects.count() == 10
    assert AdministrativeUnit.successors.through.objects.count() == 6
    assert AuditRecord.objects.filter(action=LOAD_ACTION).order_by("-id").first().after["unchanged"] == 10


def test_history_file_attaches_to_the_package_units(tmp_path):
    """Successor codes refer to the units in force the day after ``valid_until``: here the package's."""
    call_command("load_units", stdout=io.StringIO())
    units = [
        {
            "code": "86",
            "name": "Tỉnh Vĩnh Long",
            "division_type": "tỉnh",
            "valid_until": "2025-06-30",
            "successor_codes": ["86"],
        },
        {
            "code": "901",
            "name": "Huyện Thử Nghiệm",
            "division_type": "huyện",
            "parent_code": "86",
            "valid_until": "2025-06-30",
        },
        {
            "code": "99003",
            "name": "Phường Mẫu",
            "division_type": "phường",
            "parent_code": "901",
            "valid_until": "2025-06-30",
            "successor_codes": "29590",
        },
    ]
    path = tmp_path / "lich-su.json"
    path.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    call_command("load_units", file=str(path), stdout=io.StringIO())
    assert [u.name for u in _old("99003").successors.all()] == ["Phường Thanh Đức"]
    assert _old("99003").level == 3
    assert AdministrativeUnit.objects.get(code="86", valid_from=REFORM_DATE).predecessors.get() == _old("86")
    assert AdministrativeUnit.objects.count() == 3355 + 3


def test_file_with_bad_rows_is_refused_whole_and_saves_nothing(tmp_path):
    path = tmp_path / "sai.csv"
    path.write_text(
        "code;name;division_type;parent_code;valid_from;valid_until;successor_codes\n"
        "86;Tỉnh Vĩnh Long;tỉnh;;;2025-06-30;\n"
        "901;Huyện Sai;làng;86;;2025-06-30;\n"
        "99001;Xã Mồ Côi;xã;777;;2025-06-30;\n"
        "99002;Xã Ngày Sai;xã;86;2025-13-01;;\n"
        "99003;Xã Không Hạn;xã;86;;;99009\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("load_units", file=str(path), stdout=io.StringIO())
    message = str(error.value)
    assert "dòng 3: loại (division_type) “làng” không hợp lệ" in message
    assert "dòng 5: valid_from “2025-13-01” không phải ngày hợp lệ" in message
    assert "dòng 6: đơn vị có đơn vị kế thừa (successor_codes) phải có valid_until" in message
    assert not AdministrativeUnit.objects.exists()
    assert not AuditRecord.objects.filter(action=LOAD_ACTION).exists()


def test_unknown_parent_is_refused(tmp_path):
    path = _write_csv(tmp_path / "units.csv", [OLD_UNITS[3]])
    with pytest.raises(
        CommandError, match="dòng 2: không có đơn vị cấp trên mã “901” còn hiệu lực ngày 30/06/2025"
    ):
        call_command("load_units", file=str(path), stdout=io.StringIO())
    assert not AdministrativeUnit.objects.exists()
