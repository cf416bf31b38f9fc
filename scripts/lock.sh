#!/usr/bin/env bash
# Re-pin requirements/lock.txt: install the project with its development and build extras
# into a fresh virtual environment (no constraints), then record exactly what got installed.
#   bash scripts/lock.sh        (then commit requirements/lock.txt and THIRD-PARTY-NOTICES.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$PY" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test,build]"
{
  sed -n '1,/^# Regenerate/p' requirements/lock.txt
  "$tmp/venv/bin/python" -m pip freeze --all --exclude-editable \
    | grep -v -i -e '^-e' -e '^jcct' -e '^pip==' -e '^wheel==' | LC_ALL=C sort -f
} > "$tmp/lock.txt"
mv "$tmp/lock.txt" requirements/lock.txt
echo "requirements/lock.txt: $(grep -c '==' requirements/lock.txt) pins"
# the notices name the versions the lock pins: regenerate them from the same environment
"$tmp/venv/bin/python" scripts/notices.py
