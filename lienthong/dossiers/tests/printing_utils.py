"""Reading rendered forms back: PDF text (pypdf), first page as PNG (pypdfium2), QR matrix from SVG."""

import io
import re

from pypdf import PdfReader


def pdf_text(pdf):
    """All pages' text with runs of white space collapsed, so wrapped lines compare as one."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def page_count(pdf):
    return len(PdfReader(io.BytesIO(pdf)).pages)


def first_page_png(pdf, path, scale=1.4):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return image


_SVG_PATH = re.compile(r'<path[^>]*\sd="([^"]+)"')
_MOVE = re.compile(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?")


def svg_modules(svg):
    """The dark modules of a segno SVG path ("M0 0.5h7m1 0h1…"): horizontal runs of unit height."""
    path = _SVG_PATH.search(svg).group(1)
    x = y = 0.0
    dark = set()
    for command, a, b in _MOVE.findall(path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(float(a))):
                dark.add((int(y - 0.5), int(x) + column))
            x += float(a)
    return dark


def matrix_modules(qr, border):
    return {
        (row + border, column + border)
        for row, line in enumerate(qr.matrix)
        for column, value in enumerate(line)
        if value
    }
