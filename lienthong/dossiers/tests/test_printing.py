"""Printed one-stop forms (regulations.md §3): every form's text, its number under TT 03/2025 and
TT 01/2018, the QR code of the receipt, and a PNG of each first page kept as a test artefact."""

import os
import re
import time
from pathlib import Path

import pytest
import segno
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from lienthong.dossiers import selectors
from lienthong.dossiers.printing import FormNotApplicable, UnknownForm, form_number, render_html, render_pdf
from lienthong.dossiers.printing.book import book_rows
from lienthong.dossiers.tests import print_samples
from lienthong.dossiers.tests.printing_utils import (
    first_page_png,
    matrix_modules,
    page_count,
    pdf_text,
    svg_modules,
)

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "forms"
BOTH = ("2025", "2018")


@pytest.fixture
def samples(world):
    return print_samples.build(world)


def _read(samples, key):
    """As the pages and the API read it: through the selector, with steps and history loaded."""
    return selectors.dossier_detail(samples.world.leader, pk=samples.dossiers[key].pk)


def _place(world, day):
    return f"{world.agency.name.removeprefix('UBND xã ')}, ngày {day:02d} tháng 3 năm 2026"


def _assert_lines(text, lines):
    missing = [line for line in lines if line not in text]
    assert not missing, f"missing {missing!r} in:\n{text}"


def _common(world, dossier, day):
    return [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        _place(world, day),
        world.agency.name.upper(),
        f"Mã hồ sơ: {dossier.code}",
    ]


# (form, numbering) → the form number printed at the top; TT 01/2018 has no stop notice.
NUMBERS = {
    ("receipt", "2025"): "Mẫu số 01",
    ("receipt", "2018"): "Mẫu số 01",
    ("supplement_request", "2025"): "Mẫu số 02",
    ("supplement_request", "2018"): "Mẫu số 02",
    ("refusal", "2025"): "Mẫu số 03",
    ("refusal", "2018"): "Mẫu số 03",
    ("apology", "2025"): "Mẫu số 04",
    ("apology", "2018"): "Mẫu số 04",
    ("stop_notice", "2025"): "Mẫu số 05",
    ("stop_notice", "2018"): "",
    ("control_slip", "2025"): "Mẫu số 06",
    ("control_slip", "2018"): "Mẫu số 05",
    ("tracking_book", "2025"): "Mẫu số 07",
    ("tracking_book", "2018"): "Mẫu số 06",
}


@pytest.mark.parametrize(("form", "numbering"), list(NUMBERS))
def test_form_numbers_follow_the_circular_in_force(form, numbering):
    """TT 03/2025/TT-VPCP Phụ lục I [probable] and TT 01/2018/TT-VPCP [confirmed] (regulations.md §3.1)."""
    assert form_number(form, numbering) == NUMBERS[(form, numbering)]


def _numbered(text, form, numbering):
    expected = NUMBERS[(form, numbering)]
    if expected:
        assert expected in text
    else:
        assert "Mẫu số" not in text
    other = {n for (f, v), n in NUMBERS.items() if f == form and v != numbering and n != expected}
    assert not any(n and n in text for n in other)


@pytest.mark.parametrize("numbering", BOTH)
def test_receipt_shows_every_field_of_form_01(samples, numbering):
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả: the fields of regulations.md §3.2, two copies."""
    world, d = samples.world, _read(samples, "receipt")
    with override_settings(DOSSIER_FORMS_NUMBERING=numbering):
        pdf = render_pdf("receipt", d)
    text = pdf_text(pdf)
    _numbered(text, "receipt", numbering)
    assert page_count(pdf) == 2
    _assert_lines(
        text,
        [
            *_common(world, d, 5),
            "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "(Liên 1: Lưu cùng Phiếu kiểm soát quá trình giải quyết hồ sơ)",
            "(Liên 2: Giao người nộp hồ sơ)",
            "Tiếp nhận hồ sơ của: Trần Thị Hồng",
            "Địa chỉ: Ấp 3, xã Thử Nghiệm",
            "Số điện thoại: 0909123456; Thư điện tử: hong@example.vn",
            "Nội dung yêu cầu giải quyết: Cấp Giấy xác nhận tình trạng hôn nhân "
            f"(mã thủ tục {d.procedure_version.procedure.code})",
            "1 Tờ khai theo mẫu Bản chính 01",
            "2 Giấy ủy quyền (nếu có) Bản sao có chứng thực 02",
            "2. Số lượng hồ sơ: 02 (bộ)",
            "3. Thời gian giải quyết hồ sơ theo quy định là: 5 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 05/03/2026",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 30 phút, ngày 12/03/2026",
            "6. Đăng ký nhận kết quả tại: Bộ phận Tiếp nhận và Trả kết quả – "
            f"{world.agency.name}, Số 1 đường Trần Hưng Đạo, xã Thử Nghiệm",
            "Phí, lệ phí: Lệ phí hộ tịch: 5.000 đồng (Chưa nộp)",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 1",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            world.desk.display_name,
            f"http://127.0.0.1:8000/tra-cuu/{d.code}",
        ],
    )


@override_settings(PUBLIC_LOOKUP_URL="https://dichvucong.example.gov.vn/tra-cuu?ma={code}")
def test_receipt_qr_code_encodes_the_public_lookup_address(samples):
    """The QR code on the receipt opens the public lookup page of this dossier (regulations.md §3.2,
    usual local additions); the code is printed under it."""
    d = _read(samples, "receipt")
    html = render_html("receipt", d)
    url = f"https://dichvucong.example.gov.vn/tra-cuu?ma={d.code}"
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert svg_modules(svg) == matrix_modules(segno.make(url, error="m"), border=2)
    assert svg_modules(svg) != matrix_modules(segno.make(url + "0", error="m"), border=2)
    assert url in pdf_text(render_pdf("receipt", d))


@pytest.mark.parametrize("numbering", BOTH)
def test_supplement_request_lists_the_items_and_reason_of_the_request(samples, numbering):
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: every missing item at once, with the reason."""
    world, d = samples.world, _read(samples, "supplement_request")
    with override_settings(DOSSIER_FORMS_NUMBERING=numbering):
        text = pdf_text(render_pdf("supplement_request", d))
    _numbered(text, "supplement_request", numbering)
    _assert_lines(
        text,
        [
            *_common(world, d, 6),
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Số: ……/HDHS",
            "Họ và tên người nộp hoặc tên tổ chức: Lê Văn Định",
            "Địa chỉ: Thôn Đông, xã Thử Nghiệm",
            "1. Bản sao Giấy khai sinh có chứng thực",
            "2. Tờ khai ghi đủ địa chỉ thường trú",
            "Lý do: Tờ khai còn thiếu địa chỉ thường trú; chưa có giấy khai sinh",
            "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)",
            f"liên hệ với {world.specialist.display_name}, số điện thoại 0296 3851 234",
            "NGƯỜI HƯỚNG DẪN",
        ],
    )


@pytest.mark.parametrize("numbering", BOTH)
def test_refusal_during_processing_gives_the_reasons(samples, numbering):
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ, for a refusal by the competent agency."""
    world, d = samples.world, _read(samples, "refusal")
    with override_settings(DOSSIER_FORMS_NUMBERING=numbering):
        text = pdf_text(render_pdf("refusal", d))
    _numbered(text, "refusal", numbering)
    _assert_lines(
        text,
        [
            *_common(world, d, 10),
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "Họ và tên người nộp hoặc tên tổ chức: Vũ Thị Huyền Trang",
            f"Qua xem xét, {world.agency.name} thông báo không giải quyết hồ sơ này với lý do cụ thể như sau:",
            "Người yêu cầu không đủ điều kiện theo Điều 22 Luật Hộ tịch",
            "NGƯỜI NỘP HỒ SƠ",
            world.leader.display_name,
        ],
    )


def test_refusal_at_receipt_has_no_code_and_the_desk_reasons(samples):
    """A dossier refused at the counter gets no code (regulations.md §2.2 step 3) but its slip."""
    world = samples.world
    d = selectors.dossier_detail(world.desk, pk=samples.dossiers["refusal_at_receipt"].pk)
    text = pdf_text(render_pdf("refusal", d))
    assert "Mã hồ sơ" not in text
    _assert_lines(
        text,
        [
            _place(world, 5),
            "Họ và tên người nộp hoặc tên tổ chức: Hoàng Minh Khôi",
            "Qua kiểm tra, đối chiếu hồ sơ, Bộ phận Tiếp nhận và Trả kết quả – "
            f"{world.agency.name} thông báo không tiếp nhận, giải quyết hồ sơ này",
            "Thủ tục không thuộc thẩm quyền của UBND xã",
            world.desk.display_name,
        ],
    )


@pytest.mark.parametrize(
    ("numbering", "title", "promise"),
    [
        (
            "2025",
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "đề nghị gia hạn thời gian giải quyết hồ sơ; thời gian trả kết quả mới là: 16 giờ 00 phút, ngày 16/03/2026",
        ),
        (
            "2018",
            "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
            "sẽ trả kết quả giải quyết hồ sơ cho ông/bà/tổ chức vào: 16 giờ 00 phút, ngày 16/03/2026",
        ),
    ],
)
def test_apology_from_the_agency_at_fault_with_old_and_new_appointment(samples, numbering, title, promise):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (TT 01/2018 Mẫu 04), recast by TT 03/2025 as a
    written apology and request to extend the time [probable]: headed by the agency at fault."""
    world, d = samples.world, _read(samples, "apology")
    with override_settings(DOSSIER_FORMS_NUMBERING=numbering):
        text = pdf_text(render_pdf("apology", d))
    _numbered(text, "apology", numbering)
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" not in text
    _assert_lines(
        text,
        [
            *_common(world, d, 9),
            title,
            "Số: ……/PXL",
            "Kính gửi: Phạm Thị Ngọc Ánh",
            f"Ngày 05/03/2026, {world.agency.name} tiếp nhận giải quyết hồ sơ",
            "Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 30 phút, ngày 12/03/2026.",
            "với lý do: Cần xác minh thông tin cư trú tại địa phương khác",
            promise,
            "THỦ TRƯỞNG CƠ QUAN",
            "(Ký, ghi rõ họ tên và đóng dấu)",
            world.leader.display_name,
        ],
    )


@pytest.mark.parametrize("numbering", BOTH)
def test_stop_notice_gives_reason_and_effective_date(samples, numbering):
    """Thông báo dừng giải quyết hồ sơ (TT 03/2025 Mẫu 05, new [unsure layout]); unnumbered under 2018."""
    world, d = samples.world, _read(samples, "stop_notice")
    with override_settings(DOSSIER_FORMS_NUMBERING=numbering):
        text = pdf_text(render_pdf("stop_notice", d))
    _numbered(text, "stop_notice", numbering)
    _assert_lines(
        text,
        [
            *_common(world, d, 6),
            "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            "Họ và tên người nộp hoặc tên tổ chức: Đỗ Quốc Việt",
            "dừng giải quyết hồ sơ nêu trên kể từ ngày 06 tháng 3 năm 2026 (10 giờ 00 phút, ngày 06/03/2026)",
            "Lý do: Người nộp có đơn đề nghị dừng giải quyết hồ sơ",
        ],
    )


@pytest.mark.parametrize("numbering", BOTH)
def test_control_slip_has_one_row_per_step_with_its_result(samples, numbering):
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: each handover with times, deadline and
    Trước hạn / Đúng hạn / Quá hạn, then the return to the citizen."""
    world, d = samples.world, _read(samples, "control_slip")
    with override_settings(DOSSIER_FORMS_NUMBERING=numbering):
        text = pdf_text(render_pdf("control_slip", d))
    _numbered(text, "control_slip", numbering)
    desk, specialist = world.desk.display_name, world.specialist.display_name
    _assert_lines(
        text,
        [
            *_common(world, d, 5),
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            f"Cơ quan (bộ phận) giải quyết hồ sơ: {world.agency.name}",
            "Người nộp: Trần Thị Hồng; Số điện thoại: 0909123456",
            f"1 Giao: Người nộp hồ sơ (Trần Thị Hồng) Nhận: Tiếp nhận hồ sơ ({desk}) "
            "09:15 05/03/2026 11:30 06/03/2026 10:00 05/03/2026 Trước hạn",
            f"2 Giao: Tiếp nhận hồ sơ ({desk}) Nhận: Thẩm định, xử lý ({specialist}) "
            "10:00 05/03/2026 11:30 11/03/2026 15:00 06/03/2026 Trước hạn",
            "4 Trả kết quả cho: Trần Thị Hồng 08:30 09/03/2026 Trước hạn",
            "Tình trạng hồ sơ: Đã trả kết quả; kết quả giải quyết: Trước hạn",
        ],
    )


@pytest.mark.parametrize("numbering", BOTH)
def test_tracking_book_lists_the_period_in_book_order(samples, numbering):
    """Sổ theo dõi hồ sơ: the columns of regulations.md §3.2, one line per dossier received."""
    world = samples.world
    rows = book_rows(world.desk, world.agency, print_samples.DAY_FROM, print_samples.DAY_TO)
    with override_settings(DOSSIER_FORMS_NUMBERING=numbering):
        pdf = render_pdf(
            "tracking_book",
            agency=world.agency,
            date_from=print_samples.DAY_FROM,
            date_to=print_samples.DAY_TO,
            rows=rows,
            at=print_samples.at(31, 17),
        )
    text = pdf_text(pdf)
    _numbered(text, "tracking_book", numbering)
    code = samples.dossiers["receipt"].code
    assert [r[1] for r in rows] == [
        samples.dossiers[k].code
        for k in ("receipt", "supplement_request", "apology", "stop_notice", "refusal")
    ]
    assert rows[0] == [
        "1",
        code,
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "02",
        "Trần Thị Hồng",
        "Ấp 3, xã Thử Nghiệm – 0909123456",
        world.agency.name,
        "09:15 05/03/2026",
        "17:30 12/03/2026",
        "10:00 05/03/2026",
        "15:00 06/03/2026",
        "08:30 09/03/2026",
        "",
        "Trước hạn",
    ]
    assert rows[3][-1] == "Dừng xử lý: Người nộp có đơn đề nghị dừng giải quyết hồ sơ"
    _assert_lines(
        text,
        [
            "SỔ THEO DÕI HỒ SƠ",
            "Từ ngày 01/03/2026 đến ngày 31/03/2026",
            _place(world, 31),
            "Trần Thị Hồng",
            "Vũ Thị Huyền Trang",
            "Trước hạn",
        ],
    )


def test_book_lines_continue_through_the_year_and_match_the_receipt(samples):
    """The line on the receipt is the line of the book, whatever period is exported."""
    import datetime

    world = samples.world
    later = book_rows(world.desk, world.agency, datetime.date(2026, 3, 5), print_samples.DAY_TO)
    apology = samples.dossiers["apology"]
    line = next(r[0] for r in later if r[1] == apology.code)
    assert line == "3"
    assert "Số thứ tự: 3" in pdf_text(render_pdf("receipt", _read(samples, "apology")))


@pytest.mark.parametrize(
    ("key", "form"),
    [
        ("supplement_request", "apology"),
        ("apology", "supplement_request"),
        ("receipt", "refusal"),
        ("receipt", "stop_notice"),
        ("refusal_at_receipt", "receipt"),
        ("refusal_at_receipt", "control_slip"),
    ],
)
def test_a_form_that_does_not_apply_yet_is_refused(samples, key, form):
    d = selectors.dossier_detail(samples.world.desk, pk=samples.dossiers[key].pk)
    with pytest.raises(FormNotApplicable) as caught:
        render_pdf(form, d)
    assert caught.value.status_code == 409
    assert caught.value.code == "form_not_applicable"


def test_unknown_forms_and_the_book_without_a_dossier(samples):
    d = _read(samples, "receipt")
    with pytest.raises(UnknownForm):
        render_pdf("birth_certificate", d)
    with pytest.raises(UnknownForm):
        render_pdf("tracking_book", d)
    with pytest.raises(UnknownForm):
        render_pdf("receipt")


def test_forms_print_in_vietnamese_whatever_the_interface_language(samples):
    d = _read(samples, "control_slip")
    with translation.override("en"):
        text = pdf_text(render_pdf("control_slip", d))
    assert "Trước hạn" in text
    assert "Đã trả kết quả" in text


def test_every_form_renders_to_a_png_kept_as_test_artefact(samples):
    """First page of every form (TT 03/2025 numbering) → test-artifacts/forms/<form>.png, checked by
    eye once; with RENDER_FORMS_TO=<dir> (scripts/render-forms.sh) also written there (docs/forms/)."""
    world = samples.world
    targets = [ARTIFACTS]
    if os.environ.get("RENDER_FORMS_TO"):
        targets.append(Path(os.environ["RENDER_FORMS_TO"]))
    jobs = {
        key: ("refusal" if key == "refusal_at_receipt" else key, {"dossier": _read(samples, key)})
        for key in samples.dossiers
    }
    rows = book_rows(world.desk, world.agency, print_samples.DAY_FROM, print_samples.DAY_TO)
    book = {
        "agency": world.agency,
        "date_from": print_samples.DAY_FROM,
        "date_to": print_samples.DAY_TO,
        "rows": rows,
        "at": print_samples.at(31, 17),
    }
    jobs["tracking_book"] = ("tracking_book", book)
    render_pdf("stop_notice", jobs["stop_notice"][1]["dossier"])  # warm up fonts before timing
    timings = {}
    for name, (form, kwargs) in jobs.items():
        started = time.perf_counter()
        pdf = render_pdf(form, **kwargs)
        timings[name] = round((time.perf_counter() - started) * 1000)
        for target in targets:
            image = first_page_png(pdf, target / f"{name}.png")
        assert image.width > 800
        # Not blank: dark text covers a fair share of the page.
        assert sum(image.convert("L").histogram()[:128]) > 10_000
    print("ms per form:", timings)
    assert max(timings.values()) < 5000


def test_receipt_reads_components_saved_as_plain_ids(world):
    """Rows saved before copy types were kept hold bare component ids: the catalogue says how many
    originals the procedure asks for."""
    from lienthong.dossiers.models import Dossier
    from lienthong.dossiers.printing.context import components

    d = world.receive()
    required = [c for c in world.version.components.all() if c.requirement == "required"]
    Dossier.objects.filter(pk=d.pk).update(components=[required[0].pk, 999_999])  # a legacy row
    d.refresh_from_db()
    assert components(d) == [{"name": "Tờ khai theo mẫu", "copy_type": "Bản chính", "count": "01"}]
