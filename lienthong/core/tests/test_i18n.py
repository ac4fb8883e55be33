"""The English translation: complete, compiled, and chosen by the visitor (Vietnamese by default).

The .po and .mo are both committed, so a deployment needs no gettext tools; these tests catch a
catalog left half translated, a fuzzy entry, or a .mo compiled from an older .po.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lienthong.accounts.roles import Role
from lienthong.directory.models import AgencyKind

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
def test_login_page_in_english_from_accept_language(client):
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
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
