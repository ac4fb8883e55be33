"""Rendering of editable message templates: Django template syntax on a locked-down engine.

Templates are edited in a web page, so the engine has no file loader and no tag libraries, and tags
that reach outside the context (include, extends, load, debug…) are refused when a template is saved.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import Lexer, TokenType
from django.utils.translation import gettext as _

_ENGINE = Engine(loaders=[("django.template.loaders.locmem.Loader", {})], libraries={}, autoescape=False)
_FORBIDDEN_TAGS = re.compile(r"{%-?\s*(load|include|extends|debug|ssi|csrf_token|url|static|block)\b")
_VARIABLE = re.compile(r"{{\s*([A-Za-z_]\w*)")
_BOUND = re.compile(r"{%\s*(?:for\s+([\w\s,]+?)\s+in\b|with\s+(.+?)%})")
_SPACES_BEFORE_NEWLINE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def _bound_names(source):
    names = set()
    for loop, with_args in _BOUND.findall(source):
        names.update(n.strip() for n in loop.split(",") if n.strip())
        names.update(part.split("=", 1)[0].strip() for part in with_args.split() if "=" in part)
    return names | {"forloop"}


def check(source, variables):
    """Compile ``source`` and check it uses only ``variables``; the error as a plain message, or None."""
    match = _FORBIDDEN_TAGS.search(source or "")
    if match:
        return _("Không được dùng thẻ {%% %(tag)s %%} trong mẫu thông báo.") % {"tag": match.group(1)}
    try:
        _ENGINE.from_string(source or "")
    except TemplateSyntaxError as exc:
        return _("Cú pháp mẫu không hợp lệ: %(error)s") % {"error": exc}
    # Django leaves an unclosed "{{ x }" as plain text: it would reach the citizen as it is.
    for token in Lexer(source or "").tokenize():
        if token.token_type == TokenType.TEXT and ("{{" in token.contents or "{%" in token.contents):
            return _("Cú pháp mẫu không hợp lệ: có thẻ mở chưa được đóng.")
    unknown = sorted(set(_VARIABLE.findall(source or "")) - set(variables) - _bound_names(source))
    if unknown:
        return _("Biến không có trong sự kiện này: %(names)s.") % {"names": ", ".join(unknown)}
    return None


def validate(fields, variables):
    """``fields``: {field name: template source}; raises ValidationError({field: message})."""
    errors = {name: message for name, source in fields.items() if (message := check(source, variables))}
    if errors:
        raise ValidationError(errors)


def compile_template(source):
    return _ENGINE.from_string(source or "")


def render(template, context):
    """Render a compiled template (or a source string) to tidy plain text."""
    if isinstance(template, str):
        template = compile_template(template)
    text = template.render(Context(context, autoescape=False))
    text = _BLANK_LINES.sub("\n\n", _SPACES_BEFORE_NEWLINE.sub("\n", text))
    return text.strip()


def strip_diacritics(text):
    """Vietnamese without diacritics, keeping case and line breaks (for SMS billed as plain text)."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def one_line(text):
    return " ".join((text or "").split())
