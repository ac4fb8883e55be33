"""The demo catalogue (``manage.py load_catalog``): at least 40 real procedures, loaded idempotently."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from lienthong.catalog import selectors
from lienthong.catalog.demo import PROCEDURES
from lienthong.catalog.models import Procedure, ProcedureVersion, PublicationState
from lienthong.directory.models import AgencyKind
from lienthong.directory.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _load():
    out = StringIO()
    call_command("load_catalog", stdout=out)
    return out.getvalue()


def test_the_demo_catalogue_loads_without_the_demo_province_and_twice_changes_nothing():
    output = _load()
    assert f"{len(PROCEDURES)} thêm mới" in output
    assert "Chưa có trong danh bạ" in output  # loaded anyway, without those agencies
    assert len(PROCEDURES) >= 40
    versions = selectors.search_procedures()
    assert versions.count() == len(PROCEDURES)
    assert set(versions.values_list("state", flat=True)) == {PublicationState.PUBLISHED}
    again = _load()
    assert f"0 thêm mới, 0 có phiên bản mới, {len(PROCEDURES)} không đổi" in again
    assert ProcedureVersion.objects.count() == len(PROCEDURES)


def test_demo_entries_are_complete_and_their_processes_add_up():
    """regulations.md §4.2 shape for national codes; every process sums to the published time."""
    _load()
    codes = Procedure.objects.exclude(national_code="").values_list("national_code", flat=True)
    assert all(re.match(r"^\d\.\d{6}$", code) for code in codes)
    for version in selectors.current_versions().prefetch_related("process_steps", "components"):
        steps = list(version.process_steps.all())
        assert steps, version.name
        assert sum(step.duration for step in steps) == version.time_value, version.name
        assert version.components.all(), version.name
        assert version.legal_basis or version.field.code == "GN", version.name
    assert selectors.version_for(None, selectors.get_procedure("1.001193")).eform["fields"]


def test_demo_agencies_are_linked_when_the_province_is_loaded():
    finance = AgencyFactory(name="Sở Tài chính tỉnh Vĩnh Long", short_name="Sở Tài chính")
    centre = AgencyFactory(
        name="Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long", kind=AgencyKind.SERVICE_CENTRE
    )
    output = _load()
    assert "Sở Tài chính" not in output.split("Chưa có trong danh bạ")[-1]
    version = selectors.version_for(None, selectors.get_procedure("2.001610"))
    assert version.competent_agency == finance
    assert list(version.implementing_agencies.all()) == [finance]
    first, second = version.process_steps.all()[:2]
    assert (first.agency, second.agency, second.is_interagency) == (centre, finance, True)
    commune = selectors.version_for(None, selectors.get_procedure("1.001193"))
    assert commune.implementing_agency_kind == AgencyKind.COMMUNE_PEOPLES_COMMITTEE


def test_a_missing_agency_is_named_as_a_unit_of_its_kind():
    _load()
    version = selectors.version_for(None, selectors.get_procedure("VLG-LLTP-01"))
    assert version.competent_agency is None
    step = version.process_steps.get(position=2)
    assert (step.agency, step.agency_kind) == (None, AgencyKind.CENTRAL_BRANCH)
    assert step.unit_name == "Công an tỉnh Vĩnh Long — Phòng Hồ sơ nghiệp vụ"
