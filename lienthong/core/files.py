"""Checking an uploaded file before anything keeps it: size, type (name and content must agree), and
that the content really opens. Used wherever the platform accepts a file from outside.

A refusal is a ``ValidationError`` with a Vietnamese message and one of the stable codes
``file_empty``, ``file_too_large``, ``file_type``, ``file_corrupt``; the API shows the code in its
error items.
"""

import hashlib
import os
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# An A4 page scanned at 600 dpi has about 35 million pixels; more is refused before decoding, so a
# small file that would inflate into gigabytes of pixels (a decompression bomb) never gets loaded.
MAX_PIXELS = 50_000_000
_HEAD = 16


@dataclass(frozen=True)
class Kind:
    extensions: tuple
    magic: tuple
    content_type: str
    label: str


KINDS = {
    "pdf": Kind((".pdf",), (b"%PDF-",), "application/pdf", "PDF"),
    "jpeg": Kind((".jpg", ".jpeg"), (b"\xff\xd8\xff",), "image/jpeg", "JPEG"),
    "png": Kind((".png",), (b"\x89PNG\r\n\x1a\n",), "image/png", "PNG"),
}
_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG"}


@dataclass(frozen=True)
class CheckedFile:
    """What the check learnt: the kind and content type read from the content, the real size, and the
    SHA-256 digest (hex) of the bytes checked."""

    kind: str
    content_type: str
    size: int
    sha256: str


def validate_upload(uploaded_file, *, kinds=("pdf", "jpeg", "png"), max_bytes=None, max_pixels=None):
    """Check ``uploaded_file`` (a Django ``File``/``UploadedFile``); return a ``CheckedFile`` or raise
    ``ValidationError``. ``max_bytes`` defaults to ``settings.UPLOAD_MAX_BYTES``. The file is left
    at its start, ready to be stored."""
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    name = display_name(getattr(uploaded_file, "name", "") or "")
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > max_bytes:
        raise _too_large(name, max_bytes)
    size, digest, head = _read(uploaded_file, max_bytes, name)
    if size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng (0 byte).") % {"name": name}, code="file_empty")
    kind = _kind(name, head, kinds)
    uploaded_file.seek(0)
    try:
        if kind == "pdf":
            _check_pdf(uploaded_file, name)
        else:
            _check_image(uploaded_file, name, kind, MAX_PIXELS if max_pixels is None else max_pixels)
    finally:
        uploaded_file.seek(0)
    return CheckedFile(kind=kind, content_type=KINDS[kind].content_type, size=size, sha256=digest)


def display_name(name):
    """The file name without any folder part or control characters (browsers may send a path)."""
    base = os.path.basename(str(name).replace("\\", "/"))
    return "".join(ch for ch in base if ch.isprintable()).strip()[:255] or "tep"


def _read(uploaded_file, max_bytes, name):
    uploaded_file.seek(0)
    digest, size, head = hashlib.sha256(), 0, b""
    chunks = uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else iter(uploaded_file.read, b"")
    for chunk in chunks:
        if len(head) < _HEAD:
            head += chunk[: _HEAD - len(head)]
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(name, max_bytes)
        digest.update(chunk)
    uploaded_file.seek(0)
    return size, digest.hexdigest(), head


def _too_large(name, max_bytes):
    return ValidationError(
        _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(max)s MB).")
        % {"name": name, "max": f"{max_bytes / 1024 / 1024:g}"},
        code="file_too_large",
    )


def _kind(name, head, kinds):
    """The allowed kind that both the extension and the first bytes name; refused otherwise (an
    executable renamed ``.pdf`` has the right extension and the wrong bytes)."""
    extension = os.path.splitext(name)[1].lower()
    for kind in kinds:
        spec = KINDS[kind]
        if extension in spec.extensions and any(head.startswith(m) for m in spec.magic):
            return kind
    allowed = ", ".join(KINDS[k].label for k in kinds)
    raise ValidationError(
        _("Tệp “%(name)s” không đúng định dạng cho phép (%(allowed)s), hoặc đuôi tệp không khớp nội dung.")
        % {"name": name, "allowed": allowed},
        code="file_type",
    )


def _corrupt(name, reason=None):
    message = reason or _("Tệp “%(name)s” bị hỏng hoặc không mở được.")
    return ValidationError(message % {"name": name}, code="file_corrupt")


def _check_pdf(uploaded_file, name):
    from pypdf import PdfReader

    try:
        reader = PdfReader(uploaded_file, strict=False)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception as exc:  # a malformed PDF can fail in many ways inside the parser
        raise _corrupt(name) from exc
    if encrypted:
        raise _corrupt(name, _("Tệp “%(name)s” có mật khẩu hoặc bị mã hóa; hãy gửi bản không đặt mật khẩu."))
    if pages < 1:
        raise _corrupt(name, _("Tệp “%(name)s” không có trang nào."))


def _check_image(uploaded_file, name, kind, max_pixels):
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded_file) as image:
                if image.format != _PILLOW_FORMATS[kind]:
                    raise ValueError(image.format)
                width, height = image.size
                if width * height > max_pixels:
                    raise _too_many_pixels(name)
                image.verify()
            uploaded_file.seek(0)
            with Image.open(uploaded_file) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(name) from exc
    except Exception as exc:  # truncated or malformed image data
        raise _corrupt(name) from exc


def _too_many_pixels(name):
    return ValidationError(
        _("Ảnh “%(name)s” có kích thước điểm ảnh quá lớn; hãy quét lại ở độ phân giải thấp hơn.")
        % {"name": name},
        code="file_too_large",
    )
