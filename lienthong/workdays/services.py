"""Changes to the working calendar. Each checks the actor's rights, validates, writes, leaves an
audit record and bumps the calendar's revision so that every web node rebuilds its copy."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.accounts import permissions
from lienthong.core import audit
from lienthong.workdays import deadlines, selectors, statutory
from lienthong.workdays.models import CalendarOverride, OverrideKind, WorkCalendar, WorkingHours, new_revision
from lienthong.workdays.official_days import default_calendar_name

OVERRIDE_FIELDS = [
    "date",
    "kind",
    "name",
    "document_number",
    "document_notation",
    "document_date",
    "document_issuer",
    "provisional",
    "note",
]
CALENDAR_FIELDS = ["name", "observe_culture_day"]
HOURS_FIELDS = [
    "valid_from",
    "morning_start",
    "morning_end",
    "afternoon_start",
    "afternoon_end",
    "cutoff",
    "note",
]


def _require_admin(actor):
    # actor None: the system itself (data loading, management commands).
    if actor is not None:
        permissions.require(
            permissions.is_province_admin(actor), _("Chỉ quản trị hệ thống cấp tỉnh được sửa lịch làm việc.")
        )


def _touch(calendar):
    calendar.revision = new_revision()
    WorkCalendar.objects.filter(pk=calendar.pk).update(revision=calendar.revision, updated_at=timezone.now())
    selectors.forget(calendar.province_code)


@transaction.atomic
def ensure_calendar(actor=None, province_code=None):
    """The province's calendar, created with the default working hours when it does not exist yet."""
    code = province_code or settings.PROVINCE_CODE
    calendar = WorkCalendar.objects.filter(province_code=code).first()
    if calendar is not None:
        return calendar
    _require_admin(actor)
    calendar = WorkCalendar.objects.create(province_code=code, name=default_calendar_name(code))
    WorkingHours.objects.create(calendar=calendar, valid_from=deadlines.DEFAULT_SESSIONS.valid_from)
    audit.record(actor, "workdays.calendar.create", calendar, after=audit.snapshot(calendar, CALENDAR_FIELDS))
    selectors.forget(code)
    return calendar


@transaction.atomic
def update_calendar(actor, calendar, **data):
    _require_admin(actor)
    before = audit.snapshot(calendar, CALENDAR_FIELDS)
    for field in CALENDAR_FIELDS:
        if field in data:
            setattr(calendar, field, data[field])
    calendar.full_clean(exclude=["revision"])
    calendar.save()
    audit.record(
        actor,
        "workdays.calendar.update",
        calendar,
        before=before,
        after=audit.snapshot(calendar, CALENDAR_FIELDS),
    )
    _touch(calendar)
    return calendar


def check_override(calendar, data, instance=None):
    """Raise ``ValidationError`` (field → message) unless ``data`` is a sensible override."""
    errors = {}
    day = data.get("date")
    kind = data.get("kind")
    if isinstance(day, datetime.date):
        if not deadlines.FIRST_YEAR <= day.year <= deadlines.LAST_YEAR:
            errors["date"] = _("Lịch chỉ tính từ năm %(first)s đến năm %(last)s.") % {
                "first": deadlines.FIRST_YEAR,
                "last": deadlines.LAST_YEAR,
            }
        else:
            taken = CalendarOverride.objects.filter(calendar=calendar, date=day)
            if instance is not None and instance.pk:
                taken = taken.exclude(pk=instance.pk)
            if taken.exists():
                errors["date"] = _("Ngày %(day)s đã có điều chỉnh; hãy sửa điều chỉnh đó.") % {
                    "day": f"{day:%d/%m/%Y}"
                }
            elif kind == OverrideKind.WORKING_DAY and _statutory_working(calendar, day):
                errors["kind"] = _(
                    "Ngày %(day)s vốn là ngày làm việc; ngày làm việc bù phải rơi vào ngày nghỉ "
                    "(thứ Bảy, Chủ nhật hoặc ngày lễ)."
                ) % {"day": f"{day:%d/%m/%Y}"}
    if not data.get("provisional") and not (data.get("document_issuer") or "").strip():
        errors["document_issuer"] = _("Nhập cơ quan ban hành văn bản quyết định, hoặc đánh dấu “dự kiến”.")
    document_date = data.get("document_date")
    if isinstance(document_date, datetime.date) and document_date > timezone.localdate():
        errors["document_date"] = _("Ngày ban hành văn bản không được ở tương lai.")
    if errors:
        raise ValidationError(errors)


def _statutory_working(calendar, day):
    if day.weekday() >= 5:
        return False
    holidays = statutory.statutory_days_off(calendar.observe_culture_day)
    return day not in holidays


def _save_override(override):
    override.full_clean(exclude=["calendar", "created_by"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            override.save()
    except IntegrityError:  # a concurrent write took the same date
        message = _("Ngày %(day)s đã có điều chỉnh.") % {"day": f"{override.date:%d/%m/%Y}"}
        raise ValidationError({"date": message}) from None


@transaction.atomic
def create_override(actor, calendar=None, **data):
    """Add an extra day off or a make-up working day, with the document that decided it."""
    _require_admin(actor)
    calendar = calendar or ensure_calendar(actor)
    data = {k: v for k, v in data.items() if k in OVERRIDE_FIELDS}
    check_override(calendar, data)
    override = CalendarOverride(
        calendar=calendar, created_by=actor if getattr(actor, "is_authenticated", False) else None, **data
    )
    _save_override(override)
    audit.record(actor, "workdays.override.create", override, after=audit.snapshot(override, OVERRIDE_FIELDS))
    _touch(calendar)
    return override


@transaction.atomic
def update_override(actor, override, **data):
    _require_admin(actor)
    before = audit.snapshot(override, OVERRIDE_FIELDS)
    merged = {**before, **{k: v for k, v in data.items() if k in OVERRIDE_FIELDS}}
    for field in ("date", "document_date"):
        if isinstance(merged[field], str):
            merged[field] = datetime.date.fromisoformat(merged[field])
    check_override(override.calendar, merged, instance=override)
    for field, value in merged.items():
        setattr(override, field, value)
    _save_override(override)
    audit.record(
        actor,
        "workdays.override.update",
        override,
        before=before,
        after=audit.snapshot(override, OVERRIDE_FIELDS),
    )
    _touch(override.calendar)
    return override


@transaction.atomic
def delete_override(actor, override):
    _require_admin(actor)
    before = audit.snapshot(override, OVERRIDE_FIELDS)
    calendar = override.calendar
    audit.record(actor, "workdays.override.delete", override, before=before)
    override.delete()
    _touch(calendar)


@transaction.atomic
def save_working_hours(actor, calendar, instance=None, **fields):
    """Set the sessions and cut-off in force from ``valid_from``: edit ``instance`` (or the version with
    that date), or add a new version."""
    _require_admin(actor)
    hours = instance
    if hours is None and fields.get("valid_from"):
        hours = WorkingHours.objects.filter(calendar=calendar, valid_from=fields["valid_from"]).first()
    before = audit.snapshot(hours, HOURS_FIELDS) if hours else None
    hours = hours or WorkingHours(calendar=calendar)
    for field in HOURS_FIELDS:
        if field in fields:
            setattr(hours, field, fields[field])
    hours.full_clean(exclude=["calendar"], validate_unique=False, validate_constraints=False)
    taken = WorkingHours.objects.filter(calendar=calendar, valid_from=hours.valid_from).exclude(pk=hours.pk)
    if taken.exists():
        raise ValidationError(
            {
                "valid_from": _("Đã có giờ làm việc áp dụng từ ngày %(day)s.")
                % {"day": f"{hours.valid_from:%d/%m/%Y}"}
            }
        )
    hours.save()
    audit.record(
        actor,
        "workdays.hours.update" if before else "workdays.hours.create",
        hours,
        before=before,
        after=audit.snapshot(hours, HOURS_FIELDS),
    )
    _touch(calendar)
    return hours


@transaction.atomic
def delete_working_hours(actor, hours):
    _require_admin(actor)
    calendar = hours.calendar
    audit.record(actor, "workdays.hours.delete", hours, before=audit.snapshot(hours, HOURS_FIELDS))
    hours.delete()
    _touch(calendar)
