"""Dossier files: receipt with files and component detail, supplements, attachments and results;
bad input and failures leave nothing behind (no row, no stored file, no code number)."""

import pytest
from django.core.exceptions import ValidationError

from lienthong.accounts.roles import Role
from lienthong.catalog.models import ProcedureVersion
from lienthong.core.api.errors import Conflict, Forbidden
from lienthong.core.tests.samples import image_bytes, pdf_bytes, upload
from lienthong.dossiers import services
from lienthong.dossiers.models import (
    Channel,
    DailyCounter,
    Dossier,
    DossierEvent,
    DossierFile,
    State,
)
from lienthong.dossiers.services import files as file_services
from lienthong.dossiers.services import receipt as receipt_services
from lienthong.dossiers.tests import factories as f
from lienthong.dossiers.tests.helpers import dossier_in

EXE = b"MZ\x90\x00" + b"\x00" * 300


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(media):
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def required(world):
    return f.required_ids(world.version)[0]


def optional(world):
    return next(c.pk for c in world.version.components.all() if c.requirement != "required")


def assert_nothing_saved(media):
    assert Dossier.objects.count() == 0
    assert DossierFile.objects.count() == 0
    assert DossierEvent.objects.count() == 0
    assert not DailyCounter.objects.filter(last_value__gt=0).exists()
    assert stored(media) == []


# --- receipt ----------------------------------------------------------------------------------


def test_components_keep_copy_type_and_count(world):
    """TT 03/2025 receipt form [probable]: each component is listed with its form (original, certified
    copy, copy) and the number of copies handed in."""
    pk = required(world)
    dossier = world.receive(components=[{"id": pk, "copy_type": "certified_copy", "count": 2}], sets=2)
    dossier.refresh_from_db()
    assert dossier.components == [{"id": pk, "copy_type": "certified_copy", "count": 2}]
    assert dossier.sets == 2


def test_a_list_of_ids_still_works(world):
    dossier = world.receive(components=[required(world), required(world)])
    dossier.refresh_from_db()
    assert dossier.components == [{"id": required(world), "copy_type": "original", "count": 1}]


def test_counter_files_are_stored_as_scanned_components(world, media):
    pk = required(world)
    dossier = world.receive(
        components=[{"id": pk, "copy_type": "original"}],
        files={pk: [upload("Tờ khai.pdf"), upload("trang 2.png", image_bytes())]},
    )
    rows = list(DossierFile.objects.filter(dossier=dossier).order_by("id"))
    assert [(r.original_name, r.purpose, r.copy_type, r.digitised, r.component_id) for r in rows] == [
        ("Tờ khai.pdf", "component", "original", True, pk),
        ("trang 2.png", "component", "original", True, pk),
    ]
    assert rows[0].content_type == "application/pdf" and len(rows[0].sha256) == 64
    assert rows[0].uploaded_by == world.desk
    assert len(stored(media)) == 2
    assert dossier.events.get().data["files"] == 2


def test_a_file_alone_counts_as_the_component_handed_in(world):
    pk = required(world)
    dossier = world.receive(components=[], files={str(pk): [upload()]})
    dossier.refresh_from_db()
    assert dossier.components == [{"id": pk, "copy_type": "original", "count": 1}]


def test_online_files_are_not_marked_as_scanned(world):
    pk = required(world)
    dossier = world.receive(channel=Channel.ONLINE, files={pk: [upload()]})
    row = DossierFile.objects.get(dossier=dossier)
    assert (row.digitised, row.copy_type) == (False, "electronic")


def test_online_receipt_needs_a_file_for_every_required_component(world, media):
    """NĐ 45/2020 [probable]: an online dossier is made of electronic files; a required component
    without its file is incomplete."""
    with pytest.raises(ValidationError) as exc:
        world.receive(channel=Channel.ONLINE, files={optional(world): [upload()]})
    assert "Tờ khai theo mẫu" in exc.value.message_dict["files"][0]
    assert_nothing_saved(media)


@pytest.mark.parametrize(
    "kwargs, field, code",
    [
        ({"files": "exe"}, "component", "file_type"),
        ({"files": "empty"}, "component", "file_empty"),
        ({"files": "corrupt"}, "component", "file_corrupt"),
        ({"files": "big"}, "component", "file_too_large"),
        ({"files": "unknown"}, "files", "invalid"),
        ({"components": [{"id": 999999}]}, "components", "invalid"),
        ({"components": [{"id": "x"}]}, "components", "invalid"),
        ({"components": "bad_copy"}, "components", "invalid"),
        ({"components": []}, "components", "invalid"),
        ({"procedure_code": "KHONG-CO"}, "procedure", "invalid"),
        ({"sets": 0}, "sets", "invalid"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_the_key(world, media, settings, kwargs, field, code):
    """NĐ 61/2018 Art. 15 [probable]: a dossier that cannot be accepted leaves no trace; the daily
    sequence stays gap-free (regulations.md §4.1) and the idempotency key stays free."""
    settings.UPLOAD_MAX_BYTES = 5000
    pk = required(world)
    good = upload()
    bad = {
        "exe": {pk: [good, upload("to-khai.pdf", EXE)]},
        "empty": {pk: [upload("trong.pdf", b"")]},
        "corrupt": {pk: [upload("hong.pdf", b"%PDF-1.7 not really")]},
        "big": {pk: [upload("lon.pdf", pdf_bytes() + b"%" * 6000)]},
        "unknown": {999999: [good]},
    }
    if "files" in kwargs:
        kwargs = {"files": bad[kwargs["files"]]}
    if kwargs.get("components") == "bad_copy":
        kwargs = {"components": [{"id": pk, "copy_type": "photocopy"}]}
    with pytest.raises(ValidationError) as exc:
        world.receive(idempotency_key="quay-1-0001", **kwargs)
    key = f"component_{pk}" if field == "component" else field
    assert key in exc.value.message_dict
    if code != "invalid":
        assert exc.value.error_dict[key][0].code == code
    assert_nothing_saved(media)
    assert world.receive(idempotency_key="quay-1-0001").code.endswith("-0001")


def test_a_failure_after_files_were_written_removes_them(world, media, monkeypatch):
    """Files reach storage before the transaction commits; a later failure must delete them."""

    def broken(*args, **kwargs):
        raise RuntimeError("history write failed")

    monkeypatch.setattr(receipt_services, "record", broken)
    with pytest.raises(RuntimeError):
        world.receive(files={required(world): [upload(), upload("b.png", image_bytes())]})
    assert_nothing_saved(media)


def test_out_of_area_needs_a_listed_procedure(world, media):
    """regulations.md §1 [probable]: only listed procedures are received regardless of the
    administrative boundary (phi địa giới)."""
    with pytest.raises(ValidationError) as exc:
        world.receive(out_of_area=True)
    assert "địa giới" in exc.value.message_dict["out_of_area"][0]
    assert_nothing_saved(media)
    ProcedureVersion.objects.filter(pk=world.version.pk).update(accepts_out_of_area=True)
    dossier = world.receive(out_of_area=True)
    dossier.refresh_from_db()
    assert dossier.out_of_area is True
    assert dossier.events.get().data["out_of_area"] is True


def test_same_key_twice_keeps_one_set_of_files(world, media):
    pk = required(world)
    first = world.receive(idempotency_key="k-1", files={pk: [upload()]})
    again = world.receive(idempotency_key="k-1", files={pk: [upload()]})
    assert first.pk == again.pk
    assert DossierFile.objects.count() == 1
    assert len(stored(media)) == 1


# --- supplement -------------------------------------------------------------------------------


def test_supplement_files_replace_the_component_files(world, media):
    """NĐ 61/2018 Art. 17 [probable]: the supplemented paper takes the place of the one asked for."""
    pk = required(world)
    d = world.receive(files={pk: [upload("cu.pdf")]})
    d = services.transfer(world.desk, d, assignee=world.specialist)
    d = services.request_supplement(world.specialist, d, ["Tờ khai ký đủ"])
    d = services.receive_supplement(
        world.desk,
        d,
        components=[{"id": optional(world), "copy_type": "copy"}],
        files={pk: [upload("moi.pdf")]},
    )
    old, new = DossierFile.objects.order_by("id")
    assert old.replaced_at is not None and new.replaced_at is None
    assert (new.purpose, new.original_name) == ("supplement", "moi.pdf")
    assert [c["id"] for c in d.components] == sorted([pk, optional(world)])
    assert len(stored(media)) == 2


def test_bad_supplement_file_changes_nothing(world, media):
    d = dossier_in(world, State.SUPPLEMENT_REQUESTED)
    with pytest.raises(ValidationError):
        services.receive_supplement(world.desk, d, files={required(world): [upload("x.pdf", EXE)]})
    d.refresh_from_db()
    assert d.state == State.SUPPLEMENT_REQUESTED
    assert stored(media) == [] and not DossierFile.objects.exists()


# --- attach_file --------------------------------------------------------------------------------


def attach(actor, dossier, purpose="component", component=None, **kwargs):
    return services.attach_file(
        actor,
        dossier,
        uploaded=kwargs.pop("uploaded", None) or upload(),
        component=component,
        copy_type=kwargs.pop("copy_type", "electronic"),
        purpose=purpose,
        **kwargs,
    )


@pytest.mark.parametrize("who", ["desk", "specialist", "unit_leader", "leader"])
def test_desk_and_processors_attach_files(world, who):
    d = dossier_in(world, State.PROCESSING)
    version = Dossier.objects.get(pk=d.pk).version
    row = attach(getattr(world, who), d, component=required(world))
    event = d.events.order_by("-id").first()
    assert (event.action, event.from_state, event.to_state) == ("attach_file", "processing", "processing")
    assert event.data["file"] == row.pk
    assert Dossier.objects.get(pk=d.pk).version == version + 1


def test_officer_of_another_agency_may_not_attach(world, media):
    d = dossier_in(world, State.PROCESSING)
    stranger = f.officer(f.commune(), Role.ONE_STOP_OFFICER, Role.SPECIALIST)
    with pytest.raises(Forbidden):
        attach(stranger, d, component=required(world))
    assert stored(media) == [] and not DossierFile.objects.exists()


def test_applicant_account_only_hands_in_a_requested_supplement(world):
    """NĐ 61/2018 Art. 17 [probable]: the applicant supplements what was asked for, nothing else."""
    citizen = f.citizen()
    d = world.receive(applicant_user=citizen)
    with pytest.raises(Forbidden):
        attach(citizen, d, purpose="supplement", component=required(world))
    d = services.transfer(world.desk, d, assignee=world.specialist)
    d = services.request_supplement(world.specialist, d, ["Tờ khai"])
    with pytest.raises(Forbidden):
        attach(citizen, d, purpose="component", component=required(world))
    row = attach(citizen, d, purpose="supplement", component=required(world))
    assert (row.purpose, row.uploaded_by) == ("supplement", citizen)
    with pytest.raises(Forbidden):
        attach(f.citizen(), d, purpose="supplement", component=required(world))


def test_new_file_replaces_the_component_file_and_keeps_the_old_row(world):
    d = dossier_in(world, State.RECEIVED)
    first = attach(world.desk, d, component=required(world))
    second = attach(world.desk, d, component=required(world))
    other = attach(world.desk, d, component=optional(world))
    first.refresh_from_db()
    assert first.replaced_at is not None
    assert DossierFile.objects.filter(replaced_at__isnull=True).count() == 2
    assert {second.pk, other.pk} == {r.pk for r in DossierFile.objects.filter(replaced_at__isnull=True)}
    assert d.events.order_by("-id")[1].data["replaced"] == 1


@pytest.mark.parametrize("state", [State.RETURNED, State.REFUSED, State.WITHDRAWN, State.APPROVED])
def test_closed_dossier_takes_no_files(world, media, state):
    d = dossier_in(world, state)
    with pytest.raises(Conflict):
        attach(world.desk, d, component=required(world))
    assert stored(media) == []


def test_component_must_belong_to_the_procedure(world):
    d = dossier_in(world, State.RECEIVED)
    foreign = f.procedure("3").components.first()
    with pytest.raises(ValidationError) as exc:
        attach(world.desk, d, component=foreign.pk)
    assert "component" in exc.value.message_dict
    with pytest.raises(ValidationError):
        attach(world.desk, d, component=None)  # a component file needs its component
    with pytest.raises(ValidationError):
        attach(world.desk, d, copy_type="photocopy", component=required(world))
    with pytest.raises(ValidationError):
        attach(world.desk, d, purpose="result", component=None)


def test_other_files_need_no_component(world):
    row = attach(world.desk, dossier_in(world, State.RECEIVED), purpose="other", component=None)
    assert (row.purpose, row.component) == ("other", None)


def test_stale_version_stores_nothing(world, media):
    d = dossier_in(world, State.RECEIVED)
    with pytest.raises(Conflict):
        attach(world.desk, d, component=required(world), expected_version=d.version - 1)
    assert stored(media) == [] and not DossierFile.objects.exists()


def test_failed_attachment_removes_the_stored_file(world, media, monkeypatch):
    d = dossier_in(world, State.RECEIVED)

    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(file_services, "record", broken)
    with pytest.raises(RuntimeError):
        attach(world.desk, d, component=required(world))
    assert stored(media) == [] and not DossierFile.objects.exists()


def test_bad_file_is_refused_with_its_code(world):
    d = dossier_in(world, State.RECEIVED)
    with pytest.raises(ValidationError) as exc:
        attach(world.desk, d, component=required(world), uploaded=upload("a.pdf", EXE))
    assert exc.value.error_dict["file"][0].code == "file_type"


# --- attach_result ----------------------------------------------------------------------------


@pytest.mark.parametrize("state", [State.PROCESSING, State.APPROVED])
@pytest.mark.parametrize("who", ["specialist", "leader"])
def test_processors_attach_the_result(world, state, who):
    d = dossier_in(world, state)
    row = services.attach_result(getattr(world, who), d, upload("Giấy chứng nhận.pdf"), "Bản ký số")
    assert (row.purpose, row.component, row.copy_type) == ("result", None, "electronic")
    event = d.events.order_by("-id").first()
    assert (event.action, event.note, event.to_state) == ("attach_result", "Bản ký số", state)


def test_desk_and_outsiders_do_not_attach_the_result(world, media):
    d = dossier_in(world, State.PROCESSING)
    for actor in (world.desk, f.officer(f.commune(), Role.AGENCY_LEADER), f.citizen()):
        with pytest.raises(Forbidden):
            services.attach_result(actor, d, upload())
    assert stored(media) == []


@pytest.mark.parametrize("state", [State.RECEIVED, State.SUPPLEMENT_REQUESTED, State.RETURNED])
def test_result_only_while_processing_or_approved(world, state):
    with pytest.raises(Conflict):
        services.attach_result(world.leader, dossier_in(world, state), upload())
