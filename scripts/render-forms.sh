#!/usr/bin/env bash
# Render every printed one-stop form from the sample dossiers of the test suite into docs/forms/*.png
# (first page, TT 03/2025/TT-VPCP numbering), the pictures shown in docs/forms/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh fonts-liberation2 fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0
RENDER_FORMS_TO="$PWD/docs/forms" .venv/bin/pytest -q \
  lienthong/dossiers/tests/test_printing.py -k test_every_form_renders_to_a_png_kept_as_test_artefact
ls -1 docs/forms/*.png
