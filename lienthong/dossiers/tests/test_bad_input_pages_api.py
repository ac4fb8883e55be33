"""Malformed query strings, ids and bodies on every one-stop page and endpoint answer with a clear
4xx, never a 500 (numbers too big for the database, unknown choices, broken cursors and dates)."""

import pytest

BIG = "9" * 30
URLS = [
    "/mot-cua/?queue=agency&sau=2026-11-20T10:00:00+07:00_" + BIG,
    "/mot-cua/?queue=agency&truoc=x_" + BIG,
    "/mot-cua/?procedure=" + BIG,
    "/mot-cua/?procedure=abc&state=zzz&deadline=zz&queue=zz",
    "/mot-cua/?q=" + "a" * 5000,
    "/mot-cua/ho-so/XYZ/",
    "/mot-cua/ho-so/{code}/tep/" + BIG + "/",
    "/mot-cua/ho-so/{code}/in/zzz/",
    "/mot-cua/ho-so/{code}/thao-tac/zzz/",
    "/mot-cua/so-theo-doi/?agency=" + BIG + "&from=2026-13-45&to=x&format=zz",
    "/mot-cua/so-theo-doi/?agency=abc&format=pdf",
    "/mot-cua/tiep-nhan/?agency=" + BIG,
    "/mot-cua/tiep-nhan/?q=" + "đ" * 3000 + "&procedure=" + BIG,
    "/mot-cua/tiep-nhan/ket-qua/" + BIG + "/",
    "/mot-cua/tiep-nhan/ket-qua/" + BIG + "/in/refusal/",
    "/mot-cua/bang-dieu-khien/?scope=" + BIG,
    "/thong-bao/mau/" + BIG + "/",
    "/thong-bao/?page=" + BIG,
    "/api/v1/dossiers/?queue=zz&state=zz&q=" + "x" * 3000,
    "/api/v1/dossiers/{code}/files/" + BIG + "/",
    "/api/v1/dossiers/{code}/charges/",
    "/api/v1/dossiers/{code}/forms/zz/",
    "/api/v1/tracking-book/?agency=" + BIG + "&date_from=zz&format=zz",
    "/api/v1/dossiers/{code}/status/",
]
POSTS = [
    ("/api/v1/dossiers/{code}/charges/" + BIG + "/pay/", {"method": "zz"}),
    ("/api/v1/dossiers/{code}/actions/rate/", {"level": "zz", "comment": "x" * 10000}),
    (
        "/api/v1/dossiers/{code}/actions/request_obligation/",
        {"charges": [{"amount": BIG, "description": "x"}]},
    ),
    ("/api/v1/dossiers/{code}/actions/assign/", {"assignee": BIG}),
    ("/api/v1/dossiers/{code}/actions/transfer/", {"to_agency": BIG, "expected_version": BIG}),
    (
        "/api/v1/dossiers/",
        {"procedure": "x", "agency": BIG, "channel": BIG, "components": [BIG], "sets": BIG},
    ),
    ("/api/v1/dossiers/{code}/files/", {"component": BIG, "purpose": "zz"}),
]
PAGE_POSTS = [
    ("/mot-cua/ho-so/{code}/thao-tac/assign/", {"assignee": BIG, "expected_version": BIG}),
    ("/mot-cua/ho-so/{code}/thao-tac/transfer/", {"to_agency": BIG, "expected_version": "x"}),
    (
        "/mot-cua/ho-so/{code}/thao-tac/apologise/",
        {"new_appointment_at_0": "2026-99-99", "expected_version": "1"},
    ),
    (
        "/mot-cua/ho-so/{code}/thao-tac/request_obligation/",
        {"charges": "abc | " + BIG, "expected_version": "1"},
    ),
    ("/mot-cua/tiep-nhan/", {"agency": BIG, "procedure": BIG, "sets": BIG, "applicant_kind": "9"}),
    ("/thong-bao/mau/" + BIG + "/", {"body": "{{"}),
]


@pytest.mark.parametrize("url", URLS)
def test_get(client, world, url):
    d = world.receive()
    client.force_login(world.desk)
    r = client.get(url.format(code=d.code))
    assert r.status_code < 500, (url, r.status_code)


@pytest.mark.parametrize("url,data", POSTS)
def test_post(client, world, url, data):
    d = world.receive()
    client.force_login(world.leader)
    r = client.post(url.format(code=d.code), data, content_type="application/json")
    assert r.status_code < 500, (url, r.status_code, r.content[:300])


@pytest.mark.parametrize("url,data", PAGE_POSTS)
def test_page_post(client, world, url, data):
    d = world.receive()
    client.force_login(world.desk)
    r = client.post(url.format(code=d.code), data)
    assert r.status_code < 500, (url, r.status_code)
