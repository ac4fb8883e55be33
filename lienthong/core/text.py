"""Vietnamese text folding for diacritics-insensitive search ("dang ky khai sinh" finds "Đăng ký khai sinh")."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower-case, strip diacritics (đ → d) and collapse spaces; the same on every database."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def search_terms(query):
    """Folded words of a search query, for AND-matching against a folded column."""
    return [word for word in fold(query).split(" ") if word]
