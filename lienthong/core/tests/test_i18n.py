"""The English translation: complete, compiled, and chosen by the visitor (Vietnamese by default).

The .po and .mo are both committed, so a deployment needs no gettext tools; these tests catch a
catalog left half translated, a fuzzy entry, or a .mo compiled from an older .po.
"""

import ast
import datetime
import gettext
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lienthong.accounts import permissions
from lienthong.accounts.roles import Role
from lienthong.catalog import display
from lienthong.core.api.errors import Forbidden
from lienthong.directory.models import AgencyKind
from lienthong.workdays import deadlines, statutory

CATALOG_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def read_po(path):
    """Entries of a .po file as dicts (msgctxt, msgid, msgid_plural, msgstr, msgstr[N], flags).

    A small reader on purpose: polib is not a dependency of the project.
    """
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, field = {"flags": set()}, None
        for line in block.strip().splitlines():
            if line.startswith("#~"):
                entry = None  # obsolete entry, not part of the catalog
                break
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[field] += ast.literal_eval(line)
            else:
                field, _, literal = line.partition(" ")
                entry[field] = ast.literal_eval(literal)
        if entry and "msgid" in entry:
            entries.append(entry)
    return entries


def translations(entry):
    """The (source, translation) pairs of an entry, one per plural form."""
    if "msgid_plural" in entry:
        forms = sorted(k for k in entry if k.startswith("msgstr["))
        return [(entry["msgid"] if k == "msgstr[0]" else entry["msgid_plural"], entry[k]) for k in forms]
    return [(entry["msgid"], entry["msgstr"])]


@pytest.fixture(scope="module")
def po_entries():
    return [e for e in read_po(CATALOG_DIR / "django.po") if e["msgid"]]


def test_po_header_declares_english_utf8_and_two_plural_forms():
    header = next(e for e in read_po(CATALOG_DIR / "django.po") if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"]
    assert "charset=UTF-8" in header["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"]


def test_every_entry_is_translated_and_none_is_fuzzy(po_entries):
    assert len(po_entries) > 400
    untranslated = [e["msgid"] for e in po_entries if any(not t for _, t in translations(e))]
    fuzzy = [e["msgid"] for e in po_entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_the_placeholders_of_the_source(po_entries):
    broken = [
        (source, target)
        for e in po_entries
        for source, target in translations(e)
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target))
    ]
    assert broken == []


def test_compiled_catalog_matches_the_po(po_entries):
    """Every entry of the .po reads back the same from the committed .mo (it was recompiled)."""
    with (CATALOG_DIR / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    stale = []
    for e in po_entries:
        context = e.get("msgctxt")
        if "msgid_plural" in e:
            for n, key in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                got = (
                    catalog.npgettext(context, e["msgid"], e["msgid_plural"], n)
                    if context
                    else catalog.ngettext(e["msgid"], e["msgid_plural"], n)
                )
                if got != e[key]:
                    stale.append(e["msgid"])
        else:
            got = catalog.pgettext(context, e["msgid"]) if context else catalog.gettext(e["msgid"])
            if got != e["msgstr"]:
                stale.append(e["msgid"])
    assert stale == []


def test_role_and_agency_kind_labels_in_english():
    with translation.override("en"):
        assert str(Role.ONE_STOP_OFFICER.label) == "One-stop officer"
        assert str(Role.SPECIALIST.label) == "Specialist"
        assert str(Role.CLERK.label) == "Clerk"
        assert str(Role.AGENCY_LEADER.label) == "Agency leader"
        assert str(AgencyKind.DEPARTMENT.label) == "Department"
        assert str(AgencyKind.COMMUNE_PEOPLES_COMMITTEE.label) == "Commune/ward People's Committee"
    with translation.override("vi"):
        assert str(Role.ONE_STOP_OFFICER.label) == "Cán bộ một cửa"
        assert str(AgencyKind.DEPARTMENT.label) == "Sở, ban, ngành"


@pytest.mark.django_db
def test_login_page_is_vietnamese_by_default(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="vi">' in html
    assert "<title>Đăng nhập" in html
    assert "Tên đăng nhập" in html
    assert "Quên mật khẩu?" in html


@pytest.mark.django_db
def test_pages_stay_vietnamese_for_an_english_browser(client):
    """A phone set to English still gets the government's pages in Vietnamese until its user picks English."""
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="vi">' in html
    assert "<title>Đăng nhập" in html


@pytest.mark.django_db
def test_login_page_in_english_once_chosen(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in html
    assert "<title>Log in" in html
    assert "Username" in html
    assert "Forgotten your password?" in html
    assert "Skip to main content" in html


@pytest.mark.django_db
def test_language_cookie_selects_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("accounts:login")).content.decode()
    assert "<title>Log in" in html
    assert "Đăng nhập" not in html


@pytest.mark.django_db
def test_footer_language_switcher_sets_english_then_back_to_vietnamese(client):
    login = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "<title>Log in" in client.get(login).content.decode()

    client.post(reverse("set_language"), {"language": "vi", "next": login})
    assert "<title>Đăng nhập" in client.get(login).content.decode()


def test_service_errors_follow_the_active_language():
    """Messages raised deep in services (a refused permission, a date off the calendar) are translated
    when raised, so the form, admin or API shows them in the visitor's language."""
    calendar = deadlines.Calendar()
    for language, refusal, out_of_range in [
        ("vi", "Bạn không có quyền thực hiện thao tác này.", "Ngày nằm ngoài phạm vi của lịch (2000–2100)."),
        (
            "en",
            "You do not have permission to perform this action.",
            "The date is outside the calendar's range (2000–2100).",
        ),
    ]:
        with translation.override(language):
            with pytest.raises(Forbidden) as refused:
                permissions.require(False)
            with pytest.raises(deadlines.DeadlineError) as bad_day:
                calendar.is_working_day(datetime.date(1999, 12, 31))
        assert refused.value.message == refusal
        assert str(bad_day.value) == out_of_range


def test_durations_and_day_names_use_plural_forms_and_our_own_names():
    """English needs "1 working day" but "3 working days"; Vietnamese has one form. Only the names
    written in our code are translated: the holidays package's other names are its data."""
    with translation.override("en"):
        assert display.duration(Decimal(1), "working_days") == "1 working day"
        assert display.duration(Decimal(3), "working_days") == "3 working days"
        assert display.duration(Decimal("0.5"), "working_hours") == "0,5 working hours"
        assert statutory.label("Quốc khánh (nghỉ bù)") == "National Day (compensatory day off)"
        assert statutory.label("Ngày làm việc bù cho ngày nghỉ 04/05/2024") == (
            "Make-up working day for the day off on 04/05/2024"
        )
        assert statutory.label("Tết Nguyên Đán") == "Tết Nguyên Đán"
    assert display.duration(Decimal(1), "working_days") == "1 ngày làm việc"
    assert display.duration(Decimal(3), "working_days") == "3 ngày làm việc"
    assert statutory.label("Quốc khánh (nghỉ bù)") == "Quốc khánh (nghỉ bù)"


@pytest.mark.django_db
def test_calendar_page_in_english_names_weekdays_and_holidays(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/lich-lam-viec/2026/").content.decode()
    assert html.count('<th scope="col"><abbr title="Monday">Mon</abbr></th>') == 12
    assert (
        "<strong>Monday 27/04/2026</strong>: Hung Kings&#x27; Commemoration Day (compensatory day off)"
        in html
    )
    assert "12729/VPCP-KGVX dated 25/12/2025 issued by Văn phòng Chính phủ" in html
    assert "Thứ Hai" not in html


@pytest.mark.django_db
def test_api_keeps_stable_values_and_translates_messages(client):
    """The day API's ``weekday`` and ``name`` stay the same Vietnamese values in every language (other
    systems match on them); error messages follow Accept-Language."""
    day = client.get("/api/v1/workdays/days/2026-04-27/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (day["weekday"], day["name"]) == ("Thứ Hai", "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)")
    bad = client.get("/api/v1/workdays/days/2026-13-01/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert bad["errors"]["day"][0]["message"] == "Invalid date; use the form YYYY-MM-DD."
    bad = client.get("/api/v1/workdays/days/2026-13-01/").json()
    assert bad["errors"]["day"][0]["message"] == "Ngày không hợp lệ; dùng dạng YYYY-MM-DD."
