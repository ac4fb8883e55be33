"""Render a form to HTML (Django template) and to PDF (WeasyPrint), always in Vietnamese."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lienthong.dossiers.printing import context as forms
from lienthong.dossiers.printing import formatting as fmt
from lienthong.dossiers.printing.book import HEADERS
from lienthong.dossiers.printing.registry import FORMS, numbering


class UnknownForm(LookupError):
    pass


def _spec(form_id, dossier):
    spec = FORMS.get(form_id)
    if spec is None or (dossier is not None) != spec.per_dossier:
        raise UnknownForm(form_id)
    return spec


def _book_context(spec, used, agency, date_from, date_to, rows, at=None):
    top, unit = fmt.header_lines(agency, desk=True)
    return {
        "spec": spec,
        "title": spec.title_in(used),
        "form_number": f"Mẫu số {spec.number(used)}" if spec.number(used) else "",
        "header_top": top,
        "header_unit": unit,
        "place_date": f"{fmt.place(agency)}, {fmt.long_date(at or timezone.now())}",
        "agency": agency,
        "date_from": fmt.day(date_from),
        "date_to": fmt.day(date_to),
        "headers": HEADERS,
        "rows": rows,
        "centred": (0, 3),
        # Landscape A4 less margins: 262 mm.
        "widths": (9, 26, 30, 11, 22, 26, 20, 18, 18, 18, 18, 18, 12, 16),
    }


def form_context(form_id, dossier=None, *, numbering_value=None, **extra):
    """The template context of ``form_id`` (raises ``UnknownForm``, or ``FormNotApplicable`` 409)."""
    spec = _spec(form_id, dossier)
    used = numbering(numbering_value)
    if spec.per_dossier:
        context = forms.BUILDERS[form_id](spec, used, dossier)
    else:
        context = _book_context(spec, used, **extra)
        extra = {}
    return {**context, **extra, "numbering": used}


def render_html(form_id, dossier=None, *, numbering=None, **extra):
    with translation.override("vi"), timezone.override(settings.TIME_ZONE):
        context = form_context(form_id, dossier, numbering_value=numbering, **extra)
        return render_to_string(FORMS[form_id].template, context)


def render_pdf(form_id, dossier=None, *, numbering=None, **extra):
    """The form as PDF bytes. ``dossier`` for per-dossier forms (best read with
    ``selectors.dossier_detail``, which loads its steps and history); for the tracking book pass
    ``agency``, ``date_from``, ``date_to`` and ``rows`` (``book.book_rows``)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_html(form_id, dossier, numbering=numbering, **extra)
    # Nothing is fetched: the stylesheet and the QR code are inline; no file or network access.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
