"""The one-item-per-line text form of fees, dossier components and legal basis, parts separated by
`` | ``: the cells of the Excel layout and the text boxes of the admin use it.

* fees: ``Lệ phí | 8.000 | mô tả | trường hợp áp dụng | miễn, giảm`` ("Không" for none);
* components: ``Tên giấy tờ | bản chính | bản sao | trường hợp phải nộp | mẫu đơn, tờ khai``;
* legal basis: ``Số ký hiệu | Trích yếu | Ngày ban hành (dd/mm/yyyy)``.

Parsers return ``(items, errors)``; errors are Vietnamese messages naming the item number.
"""

import datetime
import re

from django.utils.translation import gettext as _

from lienthong.catalog.models import FeeKind, Requirement
from lienthong.core.text import fold

SEP = " | "
NONE_WORDS = {"khong", "khong co", "mien phi", "khong thu", "-"}
_FEE_KINDS = {"le phi": FeeKind.LE_PHI, "phi": FeeKind.PHI}


def _split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _parts(line, count):
    parts = [part.strip() for part in line.split("|")]
    return parts + [""] * (count - len(parts))


def join(items):
    return "\n".join(SEP.join(str(part) for part in item).rstrip(" |") for item in items)


def amount_text(amount):
    return f"{amount:,}".replace(",", ".") if amount is not None else ""


def parse_amount(text):
    digits = re.sub(r"(?i)\s*(đồng|đ|vnđ|vnd)\s*$", "", text or "").replace(".", "").replace(",", "")
    digits = digits.replace(" ", "")
    if not digits:
        return None
    if not digits.isdigit():
        raise ValueError(text)
    return int(digits)


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def format_fees(fees):
    return join(
        (f.get_kind_display(), amount_text(f.amount), f.description, f.conditions, f.exemptions) for f in fees
    )


def parse_fees(text):
    if not (text or "").strip() or fold(text) in NONE_WORDS:
        return [], []
    fees, errors = [], []
    for number, line in enumerate(_split_lines(text), start=1):
        kind, amount, description, conditions, exemptions = _parts(line, 5)[:5]
        kind_value = _FEE_KINDS.get(fold(kind))
        if kind_value is None:
            errors.append(_("Mục %(n)s: loại phải là “Lệ phí” hoặc “Phí”.") % {"n": number})
            continue
        try:
            value = parse_amount(amount)
        except ValueError:
            errors.append(_("Mục %(n)s: mức thu “%(v)s” không phải số tiền.") % {"n": number, "v": amount})
            continue
        fees.append(
            {
                "kind": kind_value,
                "amount": value,
                "description": description,
                "conditions": conditions,
                "exemptions": exemptions,
            }
        )
    return fees, errors


def format_components(components):
    return join((c.name, c.originals, c.copies, c.condition, c.form_name) for c in components)


def parse_components(text):
    items, errors = [], []
    for number, line in enumerate(_split_lines(text), start=1):
        name, originals, copies, condition, form_name = _parts(line, 5)[:5]
        try:
            originals_value = int(originals) if originals else 1
            copies_value = int(copies) if copies else 0
        except ValueError:
            errors.append(_("Mục %(n)s: số bản chính, bản sao phải là số nguyên.") % {"n": number})
            continue
        items.append(
            {
                "name": name,
                "originals": originals_value,
                "copies": copies_value,
                "requirement": Requirement.CONDITIONAL if condition else Requirement.REQUIRED,
                "condition": condition,
                "form_name": form_name,
            }
        )
    return items, errors


def format_legal(documents):
    rows = []
    for doc in documents:
        issued = doc.get("issued_on") or ""
        if issued:
            issued = datetime.date.fromisoformat(issued).strftime("%d/%m/%Y")
        rows.append((doc.get("number", ""), doc.get("title", ""), issued))
    return join(rows)


def parse_legal(text):
    documents, errors = [], []
    for number, line in enumerate(_split_lines(text), start=1):
        if "|" not in line:
            documents.append({"number": "", "title": line, "issued_on": ""})
            continue
        doc_number, title, issued = _parts(line, 3)[:3]
        issued_on = ""
        if issued:
            try:
                issued_on = parse_date(issued).isoformat()
            except ValueError:
                errors.append(_("Mục %(n)s: ngày ban hành phải có dạng dd/mm/yyyy.") % {"n": number})
        documents.append({"number": doc_number, "title": title, "issued_on": issued_on})
    return documents, errors
