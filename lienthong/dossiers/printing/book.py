"""The tracking book (Sổ theo dõi hồ sơ, regulations.md §3.2): per receiving agency and period.

Its lines are numbered through the calendar year of the agency's receipts, so the line printed on a
receipt is the line of the book whatever period is exported.
"""

import datetime

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import (
    active_roles,
    administered_agency_paths,
    can_administer_agency,
    is_province_admin,
    require,
)
from lienthong.directory.models import Agency
from lienthong.dossiers import selectors
from lienthong.dossiers.models import Dossier, DossierStep, State, Timeliness
from lienthong.dossiers.printing import formatting as fmt
from lienthong.workdays.deadlines import TZ

HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày, giờ nhận hồ sơ",
    "Ngày, giờ hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Ngày, giờ trả kết quả",
    "Ký nhận",
    "Ghi chú",
)


def _start_of(day):
    return datetime.datetime.combine(day, datetime.time(0), TZ)


def book_line(dossier):
    """(year, line) of an accepted dossier in its receiving agency's book."""
    received = dossier.received_at.astimezone(TZ)
    earlier = Dossier.objects.filter(
        Q(received_at__lt=dossier.received_at) | Q(received_at=dossier.received_at, pk__lt=dossier.pk),
        receiving_agency_id=dossier.receiving_agency_id,
        received_at__gte=_start_of(datetime.date(received.year, 1, 1)),
    )
    return received.year, earlier.count() + 1


def book_agencies(user):
    """The agencies whose book ``user`` may open: where they hold a role; administrators: those with a
    one-stop desk they administer."""
    found = {a.agency_id: a.agency for a in active_roles(user)}
    if is_province_admin(user):
        found.update({a.pk: a for a in Agency.objects.filter(has_one_stop_desk=True)})
    else:
        for path in administered_agency_paths(user):
            found.update(
                {a.pk: a for a in Agency.objects.filter(has_one_stop_desk=True, path__startswith=path)}
            )
    return sorted(found.values(), key=lambda a: a.name)


def may_open_book(user, agency):
    """Officers holding a role in the agency, its administrators and province administrators."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(a.agency_id == agency.pk for a in active_roles(user)) or can_administer_agency(user, agency)


def book_dossiers(user, agency, date_from, date_to):
    """The dossiers ``agency`` received from ``date_from`` to ``date_to`` (inclusive) in book order,
    with what the columns need loaded in a fixed number of queries."""
    require(may_open_book(user, agency), _("Bạn không được xem sổ theo dõi hồ sơ của cơ quan này."))
    visible = selectors.dossiers_visible_to(user) if not can_administer_agency(user, agency) else None
    rows = Dossier.objects.filter(
        receiving_agency=agency,
        received_at__gte=_start_of(date_from),
        received_at__lt=_start_of(date_to + datetime.timedelta(days=1)),
    )
    if visible is not None:
        rows = rows.filter(pk__in=visible.values("pk"))
    return (
        rows.select_related(
            "receiving_agency", "procedure_version__procedure", "procedure_version__competent_agency"
        )
        .prefetch_related(
            Prefetch(
                "steps", DossierStep.objects.select_related("agency").order_by("id"), to_attr="book_steps"
            )
        )
        .order_by("received_at", "pk")
    )


def _first_line(agency, date_from):
    """Line number of the first dossier of the period: continues the year's numbering."""
    year_start = _start_of(datetime.date(date_from.year, 1, 1))
    before = Dossier.objects.filter(
        receiving_agency=agency, received_at__gte=year_start, received_at__lt=_start_of(date_from)
    )
    return before.count() + 1


def _lead(dossier):
    version = dossier.procedure_version
    if version.competent_agency_id:
        return version.competent_agency.name
    others = [s.agency for s in dossier.book_steps if s.agency_id != dossier.receiving_agency_id]
    return (others[-1] if others else dossier.receiving_agency).name


def _note(dossier):
    if dossier.state in (State.REFUSED, State.STOPPED, State.WITHDRAWN):
        label = str(State(dossier.state).label)
        return f"{label}: {dossier.outcome_note}" if dossier.outcome_note else label
    if dossier.timeliness:
        return str(Timeliness(dossier.timeliness).label)
    return ""


def book_rows(user, agency, date_from, date_to):
    """The book's lines as lists of text, in the order of ``HEADERS``."""
    dossiers = list(book_dossiers(user, agency, date_from, date_to))
    first = _first_line(agency, date_from) if dossiers else 1
    if date_from.year != date_to.year:
        first = None  # numbering restarts each year: number within the export instead
    lines = []
    for offset, d in enumerate(dossiers):
        handover = next((s.started_at for s in d.book_steps if s.index > 0), None)
        result_back = d.finished_at if d.state in (State.APPROVED, State.RETURNED) else None
        lines.append(
            [
                str((first or 1) + offset),
                d.code or "",
                d.procedure_version.name,
                fmt.count(d.sets or 1),
                d.applicant_name,
                " – ".join(part for part in (d.applicant_address, d.applicant_phone) if part),
                _lead(d),
                fmt.short(d.received_at),
                fmt.short(d.appointment_at),
                fmt.short(handover),
                fmt.short(result_back),
                fmt.short(d.returned_at),
                "",
                _note(d),
            ]
        )
    return lines
