"""Satisfaction rating (regulations.md §2.4 [confirmed]): three levels, collected on the portal, at
counter kiosks, by QR code and SMS; feeds Decision 766/QĐ-TTg group 5 (indicator 5.4)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from lienthong.accounts.roles import Role
from lienthong.core.api.errors import Conflict, Forbidden
from lienthong.core.models import AuditRecord
from lienthong.dossiers import selectors, services
from lienthong.dossiers.models import DossierEvent, Rating, State
from lienthong.dossiers.services.rating import RATEABLE, can_rate
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import dossier_in
from lienthong.workdays.deadlines import TZ


@pytest.fixture
def owner():
    return f.citizen()


def _own(world, owner, state=State.RETURNED):
    dossier = dossier_in(world, state)
    dossier.applicant_user = owner
    dossier.save(update_fields=["applicant_user"])
    return dossier


def test_applicant_rates_once_on_the_portal(world, owner):
    """regulations.md §2.4: the applicant rates the handling; history and audit keep it, no state change."""
    dossier = _own(world, owner)
    assert can_rate(owner, dossier)
    rating = services.rate(owner, dossier, "very_satisfied", "Nhanh, chu đáo")
    assert (rating.source, rating.rated_by, rating.level) == ("portal", owner, "very_satisfied")
    event = dossier.events.latest("id")
    assert (event.action, event.from_state, event.to_state) == ("rate", State.RETURNED, State.RETURNED)
    assert AuditRecord.objects.filter(action="dossier.rate", object_id=str(rating.pk)).exists()
    assert not can_rate(owner, dossier)


def test_second_rating_is_409_and_nothing_changes(world, owner):
    """One rating per dossier: a second is refused with ``already_rated``."""
    dossier = _own(world, owner)
    services.rate(owner, dossier, "satisfied")
    with pytest.raises(Conflict) as exc:
        services.rate(world.desk, dossier, "dissatisfied", "Chờ lâu", source="counter")
    assert exc.value.code == "already_rated"
    assert Rating.objects.get(dossier=dossier).level == "satisfied"
    assert DossierEvent.objects.filter(dossier=dossier, action="rate").count() == 1


@pytest.mark.parametrize(
    ("level", "comment", "field"), [("dissatisfied", "  ", "comment"), ("tot", "", "level")]
)
def test_bad_rating_is_refused_and_nothing_saved(world, owner, level, comment, field):
    """regulations.md §2.4: "Không hài lòng" must say why; only the three national levels exist."""
    dossier = _own(world, owner)
    with pytest.raises(ValidationError) as exc:
        services.rate(owner, dossier, level, comment)
    assert field in exc.value.message_dict
    assert not Rating.objects.filter(dossier=dossier).exists()
    assert not DossierEvent.objects.filter(dossier=dossier, action="rate").exists()


@pytest.mark.parametrize("state", sorted(RATEABLE))
def test_every_ended_state_can_be_rated(world, owner, state):
    """Rated once processing has ended for the applicant: returned, refused, stopped, withdrawn."""
    dossier = _own(world, owner, state)
    assert services.rate(owner, dossier, "satisfied").dossier_id == dossier.pk


@pytest.mark.parametrize(
    "state", [State.RECEIVED, State.PROCESSING, State.APPROVED, State.FINANCIAL_OBLIGATION]
)
def test_open_dossier_cannot_be_rated(world, owner, state):
    """Not before the end: the result waiting at the desk (approved) is not yet handed over."""
    dossier = _own(world, owner, state)
    with pytest.raises(Conflict) as exc:
        services.rate(owner, dossier, "satisfied")
    assert exc.value.code == "rating_not_open"


def test_who_may_rate_from_where(world, owner):
    """Portal: the applicant's own account; counter kiosk: the receiving desk; QR/SMS: the platform."""
    dossier = _own(world, owner)
    stranger_desk = f.officer(f.commune(), Role.ONE_STOP_OFFICER)
    forbidden = [
        (f.citizen(), "portal"),
        (world.desk, "portal"),
        (world.specialist, "counter"),
        (world.leader, "counter"),
        (stranger_desk, "counter"),
        (owner, "counter"),
        (None, "portal"),
        (None, "counter"),
        (world.desk, "qr"),
    ]
    for actor, source in forbidden:
        with pytest.raises(Forbidden):
            services.rate(actor, dossier, "satisfied", source=source)
    assert not Rating.objects.exists()
    assert services.rate(world.desk, dossier, "satisfied").source == "counter"
    other = _own(world, owner)
    rating = services.rate(None, other, "dissatisfied", "Không được hướng dẫn", source="sms")
    assert (rating.source, rating.rated_by) == ("sms", None)


def test_rating_counts_per_agency_and_period(world, owner):
    """Decision 766 group 5 needs the ratings per agency and period, by level."""
    with time_machine.travel(datetime.datetime(2026, 11, 17, 9, 0, tzinfo=TZ), tick=False):
        first, second, third = (_own(world, owner) for _ in range(3))
        services.rate(owner, first, "very_satisfied")
        services.rate(owner, second, "dissatisfied", "Chậm")
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=TZ), tick=False):
        services.rate(owner, third, "satisfied")
    start = datetime.datetime(2026, 11, 1, tzinfo=TZ)
    end = datetime.datetime(2026, 12, 1, tzinfo=TZ)
    rows = selectors.rating_counts(world.leader, start, end)
    assert rows == [
        {
            "agency_id": world.agency.pk,
            "total": 2,
            "very_satisfied": 1,
            "satisfied": 0,
            "dissatisfied": 1,
        }
    ]
    assert selectors.rating_counts(f.officer(f.commune(), Role.AGENCY_LEADER), start, end) == []


def _post(user, dossier, body):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api.post(f"/api/v1/dossiers/{dossier.code}/actions/rate/", body, format="json")


def test_rate_through_the_api(world, owner):
    """The generic action endpoint: 200 with the rating in the detail, 409 the second time, 400 for a
    dissatisfied rating without comment, 404 for someone who cannot see the dossier."""
    dossier = _own(world, owner)
    assert _post(f.citizen(), dossier, {"level": "satisfied"}).status_code == 404
    bad = _post(owner, dossier, {"level": "dissatisfied"})
    assert (bad.status_code, bad.json()["code"]) == (400, "validation_error")
    assert "comment" in bad.json()["errors"]
    response = _post(owner, dossier, {"level": "satisfied", "comment": "Tốt"})
    assert response.status_code == 200
    assert response.json()["rating"]["level"] == "satisfied"
    again = _post(owner, dossier, {"level": "satisfied"})
    assert (again.status_code, again.json()["code"]) == (409, "already_rated")
    assert _post(None, dossier, {"level": "satisfied"}).status_code == 403


def test_desk_records_a_counter_rating_through_the_api(world):
    dossier = dossier_in(world, State.RETURNED)
    assert _post(world.specialist, dossier, {"level": "satisfied", "source": "counter"}).status_code == 403
    response = _post(world.desk, dossier, {"level": "very_satisfied"})
    assert (response.status_code, response.json()["rating"]["source"]) == (200, "counter")
