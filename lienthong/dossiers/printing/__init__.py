"""Printed one-stop forms (regulations.md §3): PDF with WeasyPrint from Django templates.

``render_pdf(form_id, dossier=None, **context)`` is the entry point; ``registry.FORMS`` lists the
forms and their numbers per legal version (setting ``DOSSIER_FORMS_NUMBERING``).
"""

from lienthong.dossiers.printing.context import FormNotApplicable
from lienthong.dossiers.printing.registry import DOSSIER_FORMS, FORMS, form_number, numbering
from lienthong.dossiers.printing.render import UnknownForm, render_html, render_pdf

__all__ = [
    "DOSSIER_FORMS",
    "FORMS",
    "FormNotApplicable",
    "UnknownForm",
    "form_number",
    "numbering",
    "render_html",
    "render_pdf",
]
