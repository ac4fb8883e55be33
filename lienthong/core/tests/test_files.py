"""Upload validation: size, type by name and content together, and content that really opens."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from lienthong.core.files import display_name, validate_upload
from lienthong.core.tests.samples import image_bytes, noisy_png, pdf_bytes, upload

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def refused(file, **kwargs):
    with pytest.raises(ValidationError) as exc:
        validate_upload(file, **kwargs)
    return exc.value


def test_pdf_is_accepted_with_size_and_digest():
    content = pdf_bytes(pages=2)
    checked = validate_upload(upload("Tờ khai.pdf", content))
    assert (checked.kind, checked.content_type, checked.size) == ("pdf", "application/pdf", len(content))
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    "name, fmt, kind",
    [("anh.png", "PNG", "png"), ("scan.JPG", "JPEG", "jpeg"), ("scan.jpeg", "JPEG", "jpeg")],
)
def test_images_are_accepted(name, fmt, kind):
    checked = validate_upload(upload(name, image_bytes(fmt)))
    assert (checked.kind, checked.content_type) == (kind, f"image/{kind}")


def test_file_is_left_at_its_start_for_storing():
    file = upload()
    validate_upload(file)
    assert file.read(5) == b"%PDF-"


def test_empty_file_is_refused():
    assert refused(upload("trong.pdf", b"")).code == "file_empty"


def test_oversize_file_is_refused_before_reading_it(settings):
    settings.UPLOAD_MAX_BYTES = 100
    error = refused(upload("lon.pdf", pdf_bytes()))
    assert error.code == "file_too_large"
    assert "vượt quá dung lượng" in error.messages[0]


def test_max_bytes_argument_overrides_the_setting():
    assert refused(upload(), max_bytes=10).code == "file_too_large"


def test_renamed_executable_is_refused():
    """An .exe renamed .pdf has the right name and the wrong first bytes."""
    error = refused(upload("to-khai.pdf", EXE))
    assert error.code == "file_type"
    assert "to-khai.pdf" in error.messages[0]


@pytest.mark.parametrize(
    "name, content",
    [
        ("anh.pdf", image_bytes("PNG")),  # PNG bytes named .pdf
        ("to-khai.png", pdf_bytes()),  # PDF bytes named .png
        ("to-khai.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("to-khai", pdf_bytes()),  # no extension
        ("anh.gif", b"GIF89a" + b"\x00" * 100),
    ],
)
def test_name_and_content_must_name_the_same_allowed_kind(name, content):
    assert refused(upload(name, content)).code == "file_type"


def test_kinds_narrow_what_is_allowed():
    error = refused(upload("anh.png", image_bytes("PNG")), kinds=("pdf",))
    assert error.code == "file_type"
    assert "PDF" in error.messages[0]


def test_truncated_pdf_is_corrupt():
    assert refused(upload("hong.pdf", b"%PDF-1.7\n garbage that is not a pdf")).code == "file_corrupt"


def test_encrypted_pdf_is_refused():
    error = refused(upload("mat-khau.pdf", pdf_bytes(password="bimat")))
    assert error.code == "file_corrupt"
    assert "mật khẩu" in error.messages[0]


def test_truncated_png_is_corrupt():
    content = noisy_png()
    assert refused(upload("cat.png", content[: len(content) // 2])).code == "file_corrupt"


def test_jpeg_header_with_garbage_is_corrupt():
    assert refused(upload("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 300)).code == "file_corrupt"


def test_decompression_bomb_is_refused_before_decoding():
    """A small PNG that would inflate into 64 million pixels."""
    content = image_bytes("PNG", size=(8000, 8000), mode="1")
    assert len(content) < 200_000
    error = refused(upload("bom.png", content))
    assert error.code == "file_too_large"
    assert "điểm ảnh" in error.messages[0]


def test_pixel_limit_is_an_argument():
    assert refused(upload("anh.png", image_bytes("PNG", size=(20, 20))), max_pixels=100).code == (
        "file_too_large"
    )


def test_display_name_drops_folders_and_control_characters():
    assert display_name("C:\\Users\\an\\Giấy khai sinh.pdf") == "Giấy khai sinh.pdf"
    assert display_name("../../etc/passwd\x00.pdf") == "passwd.pdf"
    assert display_name("") == "tep"
