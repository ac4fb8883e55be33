import pytest

from lienthong.core.text import fold, search_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("Đ", "d"),
        ("đ", "d"),
        ("  Ủy  ban nhân dân\ttỉnh Vĩnh Long ", "uy ban nhan dan tinh vinh long"),
        ("Phường Long Châu", "phuong long chau"),
        ("Sở Tư pháp", "so tu phap"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_strips_vietnamese_diacritics(text, folded):
    """Diacritics-insensitive search (architecture: core text folding): "dang ky khai sinh" finds "Đăng ký khai sinh"."""
    assert fold(text) == folded


def test_fold_treats_composed_and_decomposed_text_alike():
    """Text typed on different keyboards (NFC or NFD Unicode) folds to the same words."""
    import unicodedata

    composed = "Nguyễn Thị Hồng"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed) == "nguyen thi hong"


def test_search_terms_are_folded_words():
    """Each word of a query is folded, for AND-matching against a folded column."""
    assert search_terms("  Đăng KÝ   khai-sinh ") == ["dang", "ky", "khai-sinh"]
    assert search_terms("") == []
