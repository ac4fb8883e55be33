"""Internal process definitions: they must add up to the procedure's time; YAML/JSON round trips."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lienthong.catalog import process, selectors, services
from lienthong.catalog.models import ProcedureVersion
from lienthong.catalog.tests.factories import commune_steps, make_procedure
from lienthong.directory.models import AgencyKind

pytestmark = pytest.mark.django_db


def _steps_of(version):
    return [
        (
            s.name,
            s.agency_id,
            s.agency_kind,
            s.unit_name,
            s.role,
            s.duration,
            s.actions,
            s.level,
            s.is_interagency,
        )
        for s in version.process_steps.all()
    ]


def test_steps_that_fall_short_of_the_processing_time_are_refused(place):
    """NĐ 61/2018 Art. 15–20: each step's share of the time is fixed; together they are the limit."""
    version = make_procedure()
    steps = commune_steps("3")
    steps[1]["duration"] = Decimal("1")
    with pytest.raises(ValidationError) as exc:
        services.set_process(place.admin, version.procedure, steps)
    assert exc.value.message_dict["process"] == [
        "Tổng thời gian các bước (2,5 ngày làm việc) phải bằng đúng thời hạn giải quyết của thủ tục "
        "(3 ngày làm việc); còn thiếu 0,5 ngày làm việc."
    ]
    assert ProcedureVersion.objects.filter(procedure=version.procedure).count() == 1


def test_steps_that_exceed_the_processing_time_are_refused(place):
    with pytest.raises(ValidationError) as exc:
        make_procedure(process=commune_steps("4"))
    assert "vượt quá 1 ngày làm việc" in exc.value.message_dict["process"][0]
    assert not ProcedureVersion.objects.exists()


def test_changing_the_time_without_the_process_is_refused(place):
    version = make_procedure()
    with pytest.raises(ValidationError) as exc:
        services.change_procedure(place.admin, version.procedure, time_value=Decimal(5))
    assert "còn thiếu 2 ngày làm việc" in exc.value.message_dict["process"][0]


def test_same_day_shares_are_fractions_of_the_day(place):
    steps = commune_steps("1")
    for step, share in zip(steps, ("0.125", "0.375", "0.25", "0.25"), strict=True):
        step["duration"] = Decimal(share)
    version = make_procedure(time_value=1, time_unit="within_day", process=steps)
    assert sum(s.duration for s in version.process_steps.all()) == 1
    steps[3]["duration"] = Decimal("0.375")
    with pytest.raises(ValidationError) as exc:
        services.set_process(place.admin, version.procedure, steps)
    assert "(trong ngày = 1 ngày); vượt quá 0,125 ngày" in exc.value.message_dict["process"][0]


def test_steps_must_be_well_formed(place):
    steps = commune_steps("3")
    steps[0]["actions"] = ["process"]  # the desk must receive
    steps[1]["role"] = "director"
    steps[2]["actions"] = ["approve", "fly"]
    steps[3]["agency_kind"] = ""
    with pytest.raises(ValidationError) as exc:
        make_procedure(process=steps)
    messages = exc.value.message_dict["process"]
    assert any(m.startswith("Bước 2: vai trò “director” không hợp lệ") for m in messages)
    assert any(m.startswith("Bước 3: thao tác không hợp lệ: fly") for m in messages)
    assert "Bước 4: cần chọn cơ quan hoặc loại cơ quan thực hiện bước." in messages


def test_the_desk_receives_first_and_returns_last(place):
    steps = commune_steps("3")
    steps[0]["actions"] = ["process"]
    steps[3]["actions"] = ["collect_fee"]
    with pytest.raises(ValidationError) as exc:
        make_procedure(process=steps)
    messages = " ".join(exc.value.message_dict["process"])
    assert "Bước 1 phải có thao tác “Tiếp nhận hồ sơ”" in messages


def test_inter_agency_steps_name_another_agency(place):
    """regulations.md §2.3: vertical liên thông, commune → province department and back."""
    steps = commune_steps("3")
    steps[1] = {
        "name": "Thẩm định tại Sở",
        "agency": place.justice,
        "unit_name": "Phòng Hành chính tư pháp",
        "role": "specialist",
        "duration": Decimal("1.5"),
        "actions": ["process"],
        "level": "province",
        "is_interagency": True,
    }
    version = make_procedure(process=steps, procedure_type="interconnected")
    step = version.process_steps.get(position=2)
    assert (step.agency, step.is_interagency, step.level) == (place.justice, True, "province")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_yaml_and_json_round_trip(place, fmt):
    steps = commune_steps("3")
    steps[1] = {
        "name": "Thẩm định tại Sở",
        "agency": place.justice,
        "role": "specialist",
        "duration": Decimal("1.5"),
        "actions": ["process", "consult"],
        "level": "province",
        "is_interagency": True,
        "note": "Liên thông dọc",
    }
    source = make_procedure(national_code="1.004873", process=steps)
    text = process.dump(process.export_document(source), fmt)
    assert "Sở Tư pháp tỉnh Vĩnh Long" in text and "000.00.03.H61" in text
    target = make_procedure(national_code="1.001022", process=commune_steps("3"))
    updated = services.import_process(
        place.admin, target.procedure, text.replace("1.004873", "1.001022"), fmt
    )
    assert updated.number == 2
    assert _steps_of(updated) == _steps_of(source)
    again = process.dump(process.export_document(updated), fmt)
    assert (
        again.replace("1.001022", "1.004873")
        .replace("version: 2", "version: 1")
        .replace('"version": 2', '"version": 1')
        == text
    )


def test_import_refuses_bad_documents_with_a_clear_message(place):
    version = make_procedure(national_code="1.004873")
    cases = [
        ("steps: [\n  - name: x\n   role", "yaml", "Tệp YAML sai cú pháp ở dòng"),
        ('{"steps": [', "json", "Tệp JSON sai cú pháp ở dòng 1"),
        ("name: thiếu bước", "yaml", "Tệp phải có danh sách “steps”"),
        (
            "steps:\n  - {name: A, agency: Sở Không Có, role: specialist, duration: 3, actions: [receive, return_result]}",
            "yaml",
            "Bước 1: không tìm thấy cơ quan “Sở Không Có”",
        ),
        ("procedure: '1.001193'\nsteps: []", "yaml", "không phải 1.004873"),
        (
            "time: {value: 5, unit: working_days}\nsteps:\n  - {name: A, agency_kind: ubnd_xa, role: specialist, "
            "duration: 5, actions: [receive, return_result]}",
            "yaml",
            "khác thời hạn giải quyết",
        ),
        (
            "steps:\n  - {name: A, agency_kind: ubnd_xa, role: specialist, duration: 3, actions: [receive, return_result], "
            "color: red}",
            "yaml",
            "khóa không hợp lệ: color",
        ),
    ]
    for text, fmt, fragment in cases:
        with pytest.raises(ValidationError) as exc:
            services.import_process(place.admin, version.procedure, text, fmt)
        assert fragment in " ".join(exc.value.message_dict["process"]), text
    assert selectors.get_procedure("1.004873").versions.count() == 1


def test_import_by_agency_kind_needs_no_directory(place):
    version = make_procedure(national_code="1.004873")
    text = (
        "steps:\n"
        f"  - {{name: Nhận và trả, agency_kind: {AgencyKind.COMMUNE_PEOPLES_COMMITTEE}, role: one_stop_officer, "
        "duration: 3, actions: [receive, process, return_result]}\n"
    )
    updated = services.import_process(place.admin, version.procedure, text)
    assert [s.name for s in updated.process_steps.all()] == ["Nhận và trả"]
