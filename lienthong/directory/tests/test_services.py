import datetime

import pytest
from django.core.exceptions import ValidationError

from lienthong.core.api.errors import Forbidden
from lienthong.core.models import AuditRecord
from lienthong.directory import services
from lienthong.directory.models import Agency, Gender, Official, Position, Rank
from lienthong.directory.tests.factories import InternalUnitFactory, OfficialFactory, make_citizen_id


def _records(action):
    return list(AuditRecord.objects.filter(action=action))


def _official_fields(agency, **overrides):
    birth = datetime.date(1990, 3, 4)
    fields = {
        "full_name": "  Nguyễn   Thị Hoa ",
        "date_of_birth": birth,
        "gender": Gender.FEMALE,
        "citizen_id": make_citizen_id(birth, Gender.FEMALE),
        "agency": agency,
    }
    fields.update(overrides)
    return fields


def test_creating_an_agency_writes_an_audit_record(province, province_admin):
    """Every state change leaves an audit record (issue 2: audit trail written by services)."""
    agency, warnings = services.save_agency(
        province_admin,
        name="Sở Xây dựng",
        kind="so_ban_nganh",
        parent=province.committee,
        code="000.00.13.H61",
    )
    assert warnings == []
    [record] = _records("directory.agency.create")
    assert record.actor == province_admin
    assert record.object_id == str(agency.pk)
    assert record.before is None
    assert record.after["code"] == "000.00.13.H61"


def test_updating_an_agency_records_before_and_after(province, home_affairs_admin):
    """The audit record keeps the state before and after the change."""
    services.save_agency(
        home_affairs_admin, Agency.objects.get(pk=province.home_affairs.pk), phone="02703822222"
    )
    [record] = _records("directory.agency.update")
    assert record.actor == home_affairs_admin
    assert record.before["phone"] == ""
    assert record.after["phone"] == "02703822222"


def test_malformed_agency_code_is_noted_in_the_audit_record(province, province_admin):
    """QCVN 102:2016: a malformed code is saved with a warning, and the warning is kept in the trail."""
    services.save_agency(
        province_admin, name="Ban Dân tộc", kind="so_ban_nganh", parent=province.committee, code="14.00.W00"
    )
    [record] = _records("directory.agency.create")
    assert "14.00.W00" in record.note


def test_agency_admin_cannot_change_another_agency(province, justice_admin):
    """Role scoping: an administrator of agency B cannot act for agency A; nothing is written."""
    with pytest.raises(Forbidden):
        services.save_agency(justice_admin, Agency.objects.get(pk=province.home_affairs.pk), phone="0270")
    assert Agency.objects.get(pk=province.home_affairs.pk).phone == ""
    assert _records("directory.agency.update") == []


def test_saving_an_official_writes_an_audit_record(province, home_affairs_admin):
    """Officials database changes are audited; the name is stored with single spaces."""
    official = services.save_official(home_affairs_admin, **_official_fields(province.home_affairs))
    assert official.full_name == "Nguyễn Thị Hoa"
    [record] = _records("directory.official.create")
    assert record.actor == home_affairs_admin
    assert record.after["citizen_id"] == official.citizen_id


def test_official_with_a_citizen_id_that_contradicts_the_birth_year_is_refused(province, home_affairs_admin):
    """Circular 59/2021/TT-BCA Art. 7: the citizen ID must agree with the year of birth; nothing saved."""
    fields = _official_fields(province.home_affairs, citizen_id="086185000001")
    with pytest.raises(ValidationError) as exc:
        services.save_official(home_affairs_admin, **fields)
    assert "citizen_id" in exc.value.message_dict
    assert not Official.objects.filter(full_name="Nguyễn Thị Hoa").exists()
    assert _records("directory.official.create") == []


def test_official_unit_must_belong_to_the_official_agency(province, home_affairs_admin):
    """An official's internal unit is a unit of their own agency."""
    fields = _official_fields(province.home_affairs, internal_unit=province.justice_unit)
    with pytest.raises(ValidationError) as exc:
        services.save_official(home_affairs_admin, **fields)
    assert exc.value.message_dict["internal_unit"] == ["Phòng, đơn vị không thuộc cơ quan đã chọn."]


def test_agency_admin_cannot_add_an_official_to_another_agency(province, justice_admin):
    """Role scoping: the administrator of the Department of Justice cannot add Home Affairs staff."""
    with pytest.raises(Forbidden):
        services.save_official(justice_admin, **_official_fields(province.home_affairs))
    assert not Official.objects.filter(full_name="Nguyễn Thị Hoa").exists()


def test_saving_an_internal_unit_writes_an_audit_record(province, home_affairs_admin):
    """Internal units change through the service, with an audit record."""
    unit = services.save_internal_unit(
        home_affairs_admin, agency=province.home_affairs, name="Phòng Tổ chức biên chế"
    )
    [record] = _records("directory.unit.create")
    assert record.object_id == str(unit.pk)


def test_catalogue_entries_are_saved_by_province_admins_with_audit(province, province_admin):
    """Positions and ranks are province-wide catalogues; each change is audited."""
    position = services.save_position(province_admin, name="Phó Giám đốc", is_leader=True)
    rank = services.save_rank(province_admin, code="01.003", name="Chuyên viên")
    services.save_rank(province_admin, rank, name="Chuyên viên (công chức loại A1)")
    assert position.is_leader
    assert Rank.objects.get(code="01.003").name == "Chuyên viên (công chức loại A1)"
    assert len(_records("directory.position.create")) == 1
    assert len(_records("directory.rank.create")) == 1
    [update] = _records("directory.rank.update")
    assert update.before["name"] == "Chuyên viên"


def test_agency_admin_cannot_change_province_catalogues(province, home_affairs_admin):
    """Only the province IT administrator edits the positions catalogue."""
    with pytest.raises(Forbidden):
        services.save_position(home_affairs_admin, name="Giám đốc")
    assert not Position.objects.filter(name="Giám đốc").exists()


def test_validate_official_reports_every_problem_by_field(province):
    """Circular 59/2021/TT-BCA Art. 7 and unit membership, checked without saving."""
    official = OfficialFactory.build(
        agency=province.home_affairs,
        internal_unit=InternalUnitFactory(agency=province.justice),
        citizen_id="12",
    )
    with pytest.raises(ValidationError) as exc:
        services.validate_official(official)
    assert {"citizen_id", "internal_unit"} <= set(exc.value.message_dict)
