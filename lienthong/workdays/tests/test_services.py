"""Calendar changes go through services: rights, validation, audit, and a fresh cached calendar."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command

from lienthong.core.api.errors import Forbidden
from lienthong.core.models import AuditRecord
from lienthong.workdays import official_days, selectors, services
from lienthong.workdays.models import CalendarOverride, OverrideKind, WorkCalendar
from lienthong.workdays.tests.conftest import at

D = datetime.date
pytestmark = pytest.mark.django_db

PROVINCIAL_DAY_OFF = {
    "date": D(2026, 3, 10),
    "kind": OverrideKind.DAY_OFF,
    "name": "Nghỉ kỷ niệm ngày thành lập tỉnh",
    "document_number": "15",
    "document_notation": "QĐ-UBND",
    "document_date": D(2026, 2, 20),
    "document_issuer": "Ủy ban nhân dân tỉnh Vĩnh Long",
}


def test_shipped_calendar_holds_the_2026_and_2027_days():
    """Migration 0002 loads the Government's decided (and expected) days into the province's calendar."""
    row = selectors.calendar_row()
    assert row is not None and row.province_code == "86"
    assert row.overrides.count() == len(official_days.OFFICIAL_DAYS)
    assert row.hours.count() == 1
    assert selectors.current_calendar().due_at(at(2027, 2, 3), 3) == at(2027, 2, 15, 17, 30)


def test_create_override_is_audited_and_refreshes_the_calendar(province_admin):
    """An extra day off decided by the province (with its document) applies at once and is audited."""
    assert selectors.current_calendar().is_working_day(D(2026, 3, 10))
    override = services.create_override(province_admin, **PROVINCIAL_DAY_OFF)
    assert override.created_by == province_admin
    record = AuditRecord.objects.get(action="workdays.override.create")
    assert record.actor == province_admin
    assert record.after["date"] == "2026-03-10"
    assert not selectors.current_calendar().is_working_day(D(2026, 3, 10))
    assert override.document_reference == "15/QĐ-UBND ngày 20/02/2026 của Ủy ban nhân dân tỉnh Vĩnh Long"


def test_update_and_delete_are_audited_with_before_and_after(province_admin):
    override = services.create_override(province_admin, **PROVINCIAL_DAY_OFF)
    services.update_override(province_admin, override, date=D(2026, 3, 11))
    update = AuditRecord.objects.get(action="workdays.override.update")
    assert (update.before["date"], update.after["date"]) == ("2026-03-10", "2026-03-11")
    calendar = selectors.current_calendar()
    assert calendar.is_working_day(D(2026, 3, 10)) and not calendar.is_working_day(D(2026, 3, 11))
    services.delete_override(province_admin, override)
    assert (
        AuditRecord.objects.get(action="workdays.override.delete").before["name"]
        == PROVINCIAL_DAY_OFF["name"]
    )
    assert selectors.current_calendar().is_working_day(D(2026, 3, 11))


def test_only_province_it_admins_change_the_calendar(official):
    with pytest.raises(Forbidden):
        services.create_override(official, **PROVINCIAL_DAY_OFF)
    assert not CalendarOverride.objects.filter(date=D(2026, 3, 10)).exists()


def test_make_up_day_on_a_plain_weekday_is_refused(province_admin):
    """A make-up working day (làm bù) must fall on a day off; nothing is saved otherwise."""
    data = {**PROVINCIAL_DAY_OFF, "kind": OverrideKind.WORKING_DAY}
    with pytest.raises(ValidationError) as exc:
        services.create_override(province_admin, **data)
    assert "vốn là ngày làm việc" in exc.value.message_dict["kind"][0]
    assert not CalendarOverride.objects.filter(date=D(2026, 3, 10)).exists()
    assert not AuditRecord.objects.filter(action__startswith="workdays.override").exists()


def test_one_override_per_date_and_a_document_or_provisional(province_admin):
    with pytest.raises(ValidationError) as exc:
        services.create_override(province_admin, **{**PROVINCIAL_DAY_OFF, "date": D(2026, 9, 1)})
    assert "đã có điều chỉnh" in exc.value.message_dict["date"][0]
    with pytest.raises(ValidationError) as exc:
        services.create_override(province_admin, **{**PROVINCIAL_DAY_OFF, "document_issuer": ""})
    assert "dự kiến" in exc.value.message_dict["document_issuer"][0]
    provisional = {**PROVINCIAL_DAY_OFF, "document_issuer": "", "provisional": True}
    assert services.create_override(province_admin, **provisional).provisional


def test_working_hours_versions_are_validated_and_audited(province_admin):
    calendar = selectors.calendar_row()
    with pytest.raises(ValidationError):
        services.save_working_hours(
            province_admin, calendar, valid_from=D(2026, 6, 1), morning_start=datetime.time(12)
        )
    services.save_working_hours(
        province_admin,
        calendar,
        valid_from=D(2026, 6, 1),
        afternoon_end=datetime.time(17),
        cutoff=datetime.time(16),
    )
    assert AuditRecord.objects.filter(action="workdays.hours.create").count() == 1
    cal = selectors.current_calendar()
    assert cal.due_at(at(2026, 6, 1, 15, 30), 0) == at(2026, 6, 1, 17)
    assert cal.due_at(at(2026, 5, 4, 15, 30), 0) == at(2026, 5, 5, 17, 30)


def test_culture_day_can_be_switched_off_per_province(province_admin):
    """24 Nov from 2026 is probable law; a province can switch it off until the instrument is confirmed."""
    assert not selectors.current_calendar().is_working_day(D(2026, 11, 24))
    services.update_calendar(province_admin, selectors.calendar_row(), observe_culture_day=False)
    assert selectors.current_calendar().is_working_day(D(2026, 11, 24))
    assert AuditRecord.objects.filter(action="workdays.calendar.update").exists()


def test_a_change_made_by_another_node_is_seen():
    """The revision token lives in the database: a change written elsewhere rebuilds this node's copy."""
    first = selectors.current_calendar()
    assert selectors.current_calendar() is first  # unchanged revision: no rebuild
    calendar = selectors.calendar_row()
    CalendarOverride.objects.create(calendar=calendar, **{**PROVINCIAL_DAY_OFF, "date": D(2026, 3, 12)})
    WorkCalendar.objects.filter(pk=calendar.pk).update(revision="another-node-wrote-this")
    second = selectors.current_calendar()
    assert second is not first and not second.is_working_day(D(2026, 3, 12))


@pytest.mark.django_db(transaction=True)
def test_shared_cache_holds_the_committed_revision(province_admin, monkeypatch):
    """Outside transactions the token is read from the shared cache (at most once a second); a
    committed change drops it, and a change made on another node is seen after the recheck delay."""
    calendar = services.ensure_calendar(None)
    first = selectors.current_calendar()
    key = selectors._cache_key(calendar.province_code)
    assert cache.get(key) == WorkCalendar.objects.get(pk=calendar.pk).revision
    services.create_override(province_admin, calendar, **PROVINCIAL_DAY_OFF)
    assert cache.get(key) is None
    second = selectors.current_calendar()
    assert second is not first and not second.is_working_day(D(2026, 3, 10))
    # Another node deletes the override: it bumps the revision in the database and drops the cache key.
    CalendarOverride.objects.filter(date=D(2026, 3, 10)).delete()
    WorkCalendar.objects.filter(pk=calendar.pk).update(revision="written-by-another-node")
    cache.delete(key)
    assert selectors.current_calendar() is second  # within the recheck delay
    monkeypatch.setattr(selectors, "RECHECK_SECONDS", 0)
    assert selectors.current_calendar().is_working_day(D(2026, 3, 10))


def test_procedure_cutoff_comes_from_the_catalogue(monkeypatch):
    """Regulations §7.2: the cut-off hour is a parameter per procedure; unknown codes use the calendar's."""
    from lienthong.catalog import selectors as catalog_selectors

    monkeypatch.setattr(catalog_selectors, "cutoff_for_procedure", lambda code: datetime.time(11))
    result = selectors.compute_due(at(2026, 4, 20, 11, 15), 1, "working_days", procedure="1.000894")
    assert (result["cutoff_source"], result["due"]) == ("procedure", at(2026, 4, 22, 17, 30))

    def broken(code):
        raise RuntimeError("catalogue not ready")

    monkeypatch.setattr(catalog_selectors, "cutoff_for_procedure", broken)
    assert selectors.cutoff_for_procedure("1.000894") is None
    result = selectors.compute_due(at(2026, 4, 20, 11, 15), 1, "working_days", procedure="1.000894")
    assert (result["cutoff_source"], result["due"]) == ("calendar", at(2026, 4, 21, 17, 30))


def test_load_calendar_command_adds_only_missing_days():
    """`manage.py load_calendar` is safe to rerun; it restores a missing day through the services."""
    CalendarOverride.objects.filter(date=D(2026, 8, 22)).delete()
    call_command("load_calendar")
    assert CalendarOverride.objects.filter(date=D(2026, 8, 22), kind=OverrideKind.WORKING_DAY).exists()
    assert AuditRecord.objects.filter(action="workdays.override.create").count() == 1
    call_command("load_calendar")
    assert AuditRecord.objects.filter(action="workdays.override.create").count() == 1
