import datetime

import pytest
from django.core.exceptions import ValidationError

from lienthong.directory import selectors, services
from lienthong.directory.models import AdministrativeUnit, DivisionType
from lienthong.directory.tests.factories import AgencyFactory

MERGER_EVE = datetime.date(2025, 6, 30)
MERGER_DAY = datetime.date(2025, 7, 1)


def _unit(code, name, division_type, parent=None, **validity):
    return services.save_administrative_unit(
        None, code=code, name=name, division_type=division_type, parent=parent, **validity
    )


@pytest.fixture
def three_levels(db):
    """Vĩnh Long before 1 Jul 2025 (province → district → commune) and the commune that succeeded."""
    province = _unit("86", "Tỉnh Vĩnh Long", DivisionType.PROVINCE)
    district = _unit("855", "Huyện Long Hồ", DivisionType.DISTRICT, province, valid_until=MERGER_EVE)
    old_commune = _unit("29551", "Xã Phước Hậu", DivisionType.COMMUNE, district, valid_until=MERGER_EVE)
    other_old = _unit("29554", "Xã Long Phước", DivisionType.COMMUNE, district, valid_until=MERGER_EVE)
    new_commune = _unit("29554", "Xã Phước Hậu", DivisionType.COMMUNE, province, valid_from=MERGER_DAY)
    for old in (old_commune, other_old):
        old.successors.add(new_commune)
    return province, district, old_commune, other_old, new_commune


def test_two_level_hierarchy_province_to_commune(db):
    """Law 72/2025/QH15 on local government: since 1 Jul 2025 communes sit directly under the province."""
    province = _unit("86", "Tỉnh Vĩnh Long", DivisionType.PROVINCE)
    ward = _unit("29512", "Phường Thanh Đức", DivisionType.WARD, province, valid_from=MERGER_DAY)
    assert (province.level, ward.level) == (1, 2)
    assert ward.ancestors() == [province]
    assert list(selectors.administrative_units(parent=province)) == [ward]
    assert list(selectors.administrative_units(query="thanh duc")) == [ward]


def test_three_level_hierarchy_province_district_commune(three_levels):
    """Before Law 72/2025/QH15 took effect a commune sat under a district under the province (3 levels)."""
    province, district, old_commune, _other, _new = three_levels
    assert (province.level, district.level, old_commune.level) == (1, 2, 3)
    assert old_commune.ancestors() == [province, district]


def test_units_merged_on_1_july_2025_stay_for_historical_records(three_levels):
    """Law 72/2025/QH15 (from 1 Jul 2025): units ended on 30 Jun 2025 remain, valid until then, with successors."""
    province, district, old_commune, other_old, new_commune = three_levels
    today = set(selectors.administrative_units())
    assert new_commune in today and district not in today and old_commune not in today
    on_the_eve = set(selectors.administrative_units(valid_on=MERGER_EVE))
    assert {district, old_commune, other_old} <= on_the_eve and new_commune not in on_the_eve
    everything = set(selectors.administrative_units(include_expired=True))
    assert {province, district, old_commune, other_old, new_commune} <= everything
    assert list(old_commune.successors.all()) == [new_commune]
    assert set(new_commune.predecessors.all()) == {old_commune, other_old}


def test_same_code_may_be_reused_from_a_new_validity_start(three_levels):
    """A commune code may name a unit until 30 Jun 2025 and the merged unit from 1 Jul 2025."""
    assert AdministrativeUnit.objects.filter(code="29554").count() == 2


def test_unit_validity_must_end_after_it_starts(db):
    """A unit cannot end before it begins (validity dates of the 2025 reorganisation)."""
    with pytest.raises(ValidationError):
        _unit("1", "Xã Sai", DivisionType.COMMUNE, valid_from=MERGER_DAY, valid_until=MERGER_EVE)
    assert not AdministrativeUnit.objects.filter(code="1").exists()


def test_agency_subtree_paths_follow_an_agency_that_moves(db):
    """An agency moved under another parent takes its whole subtree along (agency hierarchy)."""
    committee = AgencyFactory(name="UBND tỉnh")
    old_parent = AgencyFactory(name="Sở Thông tin và Truyền thông", parent=committee)
    new_parent = AgencyFactory(name="Sở Khoa học và Công nghệ", parent=committee)
    centre = AgencyFactory(name="Trung tâm Công nghệ thông tin", parent=old_parent)
    team = AgencyFactory(name="Đội ứng cứu sự cố", parent=centre)

    services.save_agency(None, centre, parent=new_parent)

    for agency in (centre, team):
        agency.refresh_from_db()
    assert centre.path == f"{new_parent.path}{centre.pk}/"
    assert team.path == f"{centre.path}{team.pk}/"
    assert set(new_parent.subtree()) == {new_parent, centre, team}
    assert set(old_parent.subtree()) == {old_parent}
    assert team.ancestors() == [committee, new_parent, centre]


def test_agency_cannot_move_under_its_own_subtree(db):
    """An agency under its own descendant would make the hierarchy a loop: refused, nothing changed."""
    parent = AgencyFactory(name="Sở Nội vụ")
    child = AgencyFactory(name="Ban Thi đua - Khen thưởng", parent=parent)
    with pytest.raises(ValidationError) as exc:
        services.save_agency(None, parent, parent=child)
    assert "parent" in exc.value.message_dict
    parent.refresh_from_db()
    assert parent.parent_id is None
