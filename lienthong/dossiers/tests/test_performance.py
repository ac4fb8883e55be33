"""What the issue-4 throughput targets rest on (docs/benchmarks.md): the compact status lookup, the
unit queue without DISTINCT, lists without the wide columns, and the receipt's query count. The
counts are ceilings so that a regression shows here before it shows in the benchmark."""

import pytest
from rest_framework.test import APIClient

from lienthong.accounts.roles import Role
from lienthong.accounts.tests.factories import RoleAssignmentFactory
from lienthong.directory.tests.factories import InternalUnitFactory
from lienthong.dossiers import selectors, services
from lienthong.dossiers.models import State
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import dossier_in

LIST = "/api/v1/dossiers/"


def _api(user):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.mark.parametrize(
    ("caller", "status"),
    [("anonymous", 403), ("citizen", 404), ("desk", 200), ("other_specialist", 404), ("leader", 200)],
)
def test_status_is_scoped_like_the_detail(world, caller, status):
    dossier = dossier_in(world, State.PROCESSING)
    user = {
        "anonymous": None,
        "citizen": f.citizen(),
        "desk": world.desk,
        "other_specialist": f.officer(f.commune(), Role.SPECIALIST),
        "leader": world.leader,
    }[caller]
    api = _api(user)
    status_response = api.get(f"{LIST}{dossier.code}/status/")
    assert status_response.status_code == status
    assert api.get(f"{LIST}{dossier.code}/").status_code == status


def test_status_says_where_the_dossier_stands_in_two_queries(world, django_assert_max_num_queries):
    dossier = dossier_in(world, State.PROCESSING)
    api = _api(world.desk)
    with django_assert_max_num_queries(2):  # the caller's roles, the dossier
        body = api.get(f"{LIST}{dossier.code}/status/").json()
    assert body["code"] == dossier.code
    assert body["state"] == State.PROCESSING
    assert body["state_label"] == "Đang xử lý"
    assert body["national_status"] == dossier.national_status
    assert body["procedure_code"] == world.version.procedure.code
    assert body["procedure_name"] == world.version.name
    assert body["handling_agency"] == {
        "id": world.agency.pk,
        "code": world.agency.code,
        "name": world.agency.name,
    }
    assert body["appointment_at"] is not None
    assert api.get(f"{LIST}NO-SUCH-CODE/status/").status_code == 404


def test_the_unit_queue_lists_a_dossier_once_when_its_assignee_has_two_roles_in_the_unit(world):
    unit = InternalUnitFactory(agency=world.agency)
    colleague = f.officer(world.agency)
    for role in (Role.SPECIALIST, Role.UNIT_LEADER):
        RoleAssignmentFactory(user=colleague, agency=world.agency, role=role, internal_unit=unit)
    RoleAssignmentFactory(
        user=world.unit_leader, agency=world.agency, role=Role.UNIT_LEADER, internal_unit=unit
    )
    assigned = services.transfer(world.desk, world.receive(), assignee=colleague)
    assert list(selectors.unit_queue(world.unit_leader)) == [assigned]


@pytest.mark.parametrize("queue", ["mine", "unit", "agency"])
def test_list_rows_leave_the_wide_columns_unloaded(world, queue, django_assert_max_num_queries):
    for _ in range(6):
        dossier_in(world, State.PROCESSING)
    api = _api(world.leader)
    with django_assert_max_num_queries(6):
        response = api.get(LIST, {"queue": queue})
    assert response.status_code == 200
    row = selectors.list_rows(selectors.agency_queue(world.leader)).first()
    assert {"eform_data", "components"} <= row.get_deferred_fields()
    assert "procedure_version__steps_text" not in str(row.get_deferred_fields())
    assert "steps_text" in row.procedure_version.get_deferred_fields()


def test_receipt_query_count(world, django_assert_max_num_queries):
    """35 statements on SQLite and PostgreSQL (40 before: the component list is read once, the
    day's counter is locked in one statement instead of four)."""
    api = _api(world.desk)
    world.receive()  # the day's counter row exists, as it does after the first receipt of the day
    body = {
        "procedure": world.version.procedure.code,
        "agency": world.agency.pk,
        "channel": 1,
        "applicant": {**f.applicant(), "kind": 1},
        "components": f.required_ids(world.version),
    }
    with django_assert_max_num_queries(RECEIPT_QUERIES):
        response = api.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="perf-1")
    assert response.status_code == 201


RECEIPT_QUERIES = 35
