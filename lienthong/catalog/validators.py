"""Procedure codes (regulations.md §4.2).

The national code is one digit, a dot and six digits (``1.000894``). Provinces publish local
variants with a suffix (``1.000234.000.00.00.H42``, ``1.012783.H61``): those, and any other shape,
are kept with a warning, never refused, because real catalogues hold them.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NATIONAL_CODE_RE = re.compile(r"^\d\.\d{6}$")
LOCAL_VARIANT_RE = re.compile(r"^\d\.\d{6}[.\-][0-9A-Za-z.\-]+$")
_ALLOWED = re.compile(r"^[0-9A-Za-z.\-_/]+$")


def clean_code(value):
    return (value or "").strip()


def check_code_characters(value, field):
    """Codes go into addresses and file names: letters, digits and . - _ / only."""
    if value and (len(value) > 60 or not _ALLOWED.match(value)):
        raise ValidationError(
            {
                field: _("Mã “%(code)s” chỉ được gồm chữ, số và các dấu . - _ / (tối đa 60 ký tự).")
                % {"code": value}
            }
        )


def national_code_warning(code):
    """A Vietnamese warning when ``code`` is not in the national shape, else ``None``."""
    if not code or NATIONAL_CODE_RE.match(code):
        return None
    if LOCAL_VARIANT_RE.match(code):
        return _("Mã “%(code)s” là biến thể địa phương của mã quốc gia %(base)s; đã lưu kèm cảnh báo.") % {
            "code": code,
            "base": code[:8],
        }
    return _("Mã “%(code)s” không đúng dạng mã thủ tục quốc gia (ví dụ 1.000894); đã lưu kèm cảnh báo.") % {
        "code": code
    }
