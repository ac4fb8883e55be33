"""Finding the directory's agencies that a catalogue entry names (imports, demo data, process files).

Catalogues name agencies by text ("Sở Tư pháp", "UBND cấp xã"); the directory holds full names
("Sở Tư pháp tỉnh Vĩnh Long") and QCVN 102 codes. Reads go through ``directory.selectors``.
"""

from lienthong.core.text import fold
from lienthong.directory import selectors as directory
from lienthong.directory.models import AgencyKind

# Wordings used in published catalogues for "every agency of this kind".
_KIND_SYNONYMS = {
    AgencyKind.COMMUNE_PEOPLES_COMMITTEE: (
        "ubnd cap xa",
        "ubnd xa",
        "ubnd xa, phuong",
        "uy ban nhan dan cap xa",
        "uy ban nhan dan xa",
        "uy ban nhan dan xa, phuong, dac khu",
        "uy ban nhan dan xa, phuong, thi tran",
    ),
    AgencyKind.DISTRICT_PEOPLES_COMMITTEE: ("ubnd cap huyen", "uy ban nhan dan cap huyen"),
    AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE: ("ubnd cap tinh", "uy ban nhan dan cap tinh"),
}


def kind_from_text(text):
    """The agency kind a text names (its label or a catalogue wording), else ``None``."""
    folded = fold(text)
    if not folded:
        return None
    for kind in AgencyKind:
        if folded == fold(str(kind.label)) or folded in _KIND_SYNONYMS.get(kind, ()):
            return kind
    return None


def kind_label(kind):
    return str(AgencyKind(kind).label) if kind else ""


def find_agency(code="", name=""):
    """The one agency with this QCVN 102 code, or whose name (or short name) is ``name``.

    A name also matches a longer directory name that starts with it ("Sở Tư pháp" →
    "Sở Tư pháp tỉnh Vĩnh Long") when exactly one agency does. ``None`` when not found or ambiguous.
    """
    rows = directory.agencies(active_only=False)
    if code:
        hit = rows.filter(code=code.strip()).first()
        if hit is not None:
            return hit
    wanted = fold(name)
    if not wanted:
        return None
    candidates = list(directory.agencies(query=name, active_only=False)[:50])
    exact = [a for a in candidates if wanted in (fold(a.name), fold(a.short_name))]
    if len(exact) == 1:
        return exact[0]
    prefix = [a for a in candidates if fold(a.name).startswith(wanted + " ")]
    return prefix[0] if len(prefix) == 1 and not exact else None
