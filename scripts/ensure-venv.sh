#!/usr/bin/env bash
# Create the virtual environment; on a fresh Debian/Ubuntu, python3-venv may be missing.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}
[ -x "$venv/bin/python" ] && exit 0
if ! "$python" -m venv "$venv" 2>/dev/null; then
  rm -rf "$venv"
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  "$(dirname "$0")/ensure-system-packages.sh" "python${version}-venv" || "$(dirname "$0")/ensure-system-packages.sh" python3-venv
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
