"""Small real files for upload tests, made on the fly (nothing binary is kept in the repository)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(pages=1, password=None):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt="PNG", size=(40, 30), mode="RGB"):
    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 1).save(out, format=fmt)
    return out.getvalue()


def noisy_png(size=(200, 200)):
    """A PNG that does not compress away, so that cutting it leaves truncated pixel data."""
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise(size, 50).save(out, format="PNG")
    return out.getvalue()


def upload(name="to-khai.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type=content_type)
