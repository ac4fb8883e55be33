"""Procedure versions: a change of a published procedure makes a new version; old ones stay readable."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lienthong.catalog import selectors, services
from lienthong.catalog.models import ProcedureVersion, PublicationState
from lienthong.catalog.tests.factories import commune_steps, make_procedure
from lienthong.core.api.errors import Forbidden
from lienthong.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def test_changing_a_published_procedure_creates_a_new_version_and_keeps_the_old_one(place):
    """regulations.md §1 (versioning rule): a dossier keeps the version it was received under."""
    first = make_procedure(national_code="1.004873")
    second = services.change_procedure(
        place.admin,
        first.procedure,
        time_value=Decimal(5),
        process=commune_steps("5"),
        fees=[{"kind": "le_phi", "amount": 10000, "description": "Lệ phí mới"}],
        instrument="Quyết định số 12/QĐ-UBND",
    )
    first.refresh_from_db()
    assert (second.number, second.state, second.is_current) == (2, PublicationState.PUBLISHED, True)
    assert (first.state, first.is_current) == (PublicationState.SUPERSEDED, False)
    assert first.effective_until == second.effective_from
    old = selectors.version_for(None, first.procedure, 1)
    assert old.time_value == 3
    assert [f.amount for f in old.fees.all()] == [5000]
    assert [f.amount for f in second.fees.all()] == [10000]
    assert sum(step.duration for step in old.process_steps.all()) == 3


def test_a_change_of_nothing_makes_no_version(place):
    version = make_procedure()
    same = services.change_procedure(
        place.admin, version.procedure, name=version.name, time_value=Decimal("3.000")
    )
    assert same.pk == version.pk
    assert ProcedureVersion.objects.filter(procedure=version.procedure).count() == 1


def test_a_draft_is_edited_in_place_and_published_later(place):
    draft = make_procedure(publish=False)
    edited = services.change_procedure(place.admin, draft.procedure, name="Tên đã sửa")
    assert (edited.pk, edited.name, edited.state) == (draft.pk, "Tên đã sửa", PublicationState.DRAFT)
    assert selectors.search_procedures("ten da sua").count() == 0  # drafts are not public
    published = services.publish_version(place.admin, edited, effective_from=datetime.date(2026, 1, 1))
    assert (published.state, published.is_current, published.effective_from) == (
        PublicationState.PUBLISHED,
        True,
        datetime.date(2026, 1, 1),
    )
    assert selectors.search_procedures("ten da sua").count() == 1


def test_a_new_version_can_wait_as_a_draft_while_the_old_one_applies(place):
    version = make_procedure()
    draft = services.change_procedure(place.admin, version.procedure, name="Tên mới", publish=False)
    assert draft.state == PublicationState.DRAFT
    assert selectors.version_for(None, version.procedure).pk == version.pk
    assert selectors.version_for(None, version.procedure, draft.number) is None  # drafts are hidden
    assert selectors.version_for(place.admin, version.procedure, draft.number).pk == draft.pk


def test_withdrawing_stops_the_procedure_but_keeps_its_history(place):
    version = make_procedure(national_code="1.001022")
    services.withdraw_procedure(place.admin, version.procedure, "Bãi bỏ theo Quyết định số 99/QĐ-BTP")
    version.refresh_from_db()
    assert (version.state, version.is_current) == (PublicationState.WITHDRAWN, False)
    assert selectors.search_procedures("1.001022").count() == 0
    assert selectors.version_for(None, version.procedure, 1).pk == version.pk


def test_withdrawing_needs_a_reason(place):
    version = make_procedure()
    with pytest.raises(ValidationError) as exc:
        services.withdraw_procedure(place.admin, version.procedure, "  ")
    assert "lý do" in exc.value.message_dict["reason"][0]


def test_every_change_leaves_an_audit_record(place):
    version = make_procedure(actor=place.admin)
    services.change_procedure(place.admin, version.procedure, name="Tên khác")
    actions = list(
        AuditRecord.objects.filter(actor=place.admin, action__startswith="catalog.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == sorted(
        [
            "catalog.procedure.create",
            "catalog.version.publish",
            "catalog.version.create",
            "catalog.version.publish",
        ]
    )
    change = AuditRecord.objects.get(action="catalog.version.create")
    assert (change.before["name"], change.after["name"]) == (version.name, "Tên khác")


def test_only_province_it_administrators_change_the_catalogue(place):
    version = make_procedure()
    for user in (place.officer, place.agency_admin):
        with pytest.raises(Forbidden):
            services.change_procedure(user, version.procedure, name="Không được")
    assert ProcedureVersion.objects.filter(procedure=version.procedure).count() == 1


def test_a_local_variant_code_is_kept_with_a_warning(place):
    """regulations.md §4.2: local variants append an agency code; kept, never refused."""
    _version, warnings = services.create_procedure(
        place.admin,
        national_code="1.000894.000.00.00.H61",
        name="Đăng ký kết hôn",
        field=place.civil_status,
        levels=["commune"],
        time_value=1,
        time_unit="within_day",
    )
    assert "biến thể địa phương" in warnings[0]
    assert selectors.get_procedure("1.000894.000.00.00.H61").code_is_standard is False


def test_codes_must_exist_and_be_unique(place):
    make_procedure(national_code="1.001193")
    base = {"name": "X", "field": place.civil_status, "levels": ["commune"], "time_value": 1}
    with pytest.raises(ValidationError) as exc:
        services.create_procedure(place.admin, national_code="1.001193", **base)
    assert "đã có trong danh mục" in exc.value.message_dict["national_code"][0]
    with pytest.raises(ValidationError) as exc:
        services.create_procedure(place.admin, **base)
    assert "mã nội bộ" in exc.value.message_dict["national_code"][0]


def test_bad_content_is_refused_with_vietnamese_messages_and_nothing_saved(place):
    with pytest.raises(ValidationError) as exc:
        services.create_procedure(
            place.admin,
            local_code="VL-01",
            name="",
            field=None,
            levels=[],
            time_value=0,
            time_unit="working_hours",
            counting_mode="day",
            online_category="full",
            fees=[{"kind": "le_phi", "amount": -5}],
            components=[{"name": "Giấy tờ", "requirement": "conditional"}],
        )
    errors = exc.value.message_dict
    assert set(errors) >= {
        "name",
        "field",
        "levels",
        "time_value",
        "counting_mode",
        "channels",
        "fees",
        "components",
    }
    assert "giờ làm việc" in errors["counting_mode"][0]
    assert ProcedureVersion.objects.count() == 0


def test_cutoff_for_procedure_reads_the_current_version(place):
    """regulations.md §7.2: the 15:00 cut-off is a parameter per procedure; None = province default."""
    version = make_procedure(national_code="2.000815", cutoff_hour=datetime.time(15, 0))
    assert selectors.cutoff_for_procedure("2.000815") == datetime.time(15, 0)
    services.change_procedure(place.admin, version.procedure, cutoff_hour=datetime.time(16, 30))
    assert selectors.cutoff_for_procedure("2.000815") == datetime.time(16, 30)
    assert selectors.cutoff_for_procedure("9.999999") is None
    make_procedure(national_code="2.000884")
    assert selectors.cutoff_for_procedure("2.000884") is None


def test_version_in_force_follows_the_effective_dates(place):
    version = make_procedure(national_code="1.000656", effective_from=datetime.date(2025, 7, 1))
    services.change_procedure(
        place.admin, version.procedure, name="Đăng ký khai tử", effective_from=datetime.date(2026, 3, 1)
    )
    assert selectors.version_in_force("1.000656", datetime.date(2025, 12, 31)).number == 1
    assert selectors.version_in_force("1.000656", datetime.date(2026, 3, 1)).number == 2
    assert selectors.version_in_force("1.000656", datetime.date(2025, 6, 30)) is None
