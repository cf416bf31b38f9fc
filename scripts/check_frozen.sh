#!/usr/bin/env bash
# Build the one-folder app from build.spec, then run the frozen executable headless with no
# Python on its PATH (and, as root, every Python installation hidden) and verify its outputs.
#
#   bash scripts/check_frozen.sh              build into dist/jcct-desktop/ and check it
#   bash scripts/check_frozen.sh --no-build   check the existing dist/jcct-desktop/
#
# Exit status is non-zero if the build or any check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV_BIN="$(pwd)/.venv/bin"
DIST="$(pwd)/dist"
WORK="$(pwd)/build/pyinstaller"   # gitignored, like dist/
APP="$DIST/jcct-desktop/jcct-desktop"

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
  esac
done

mkdir -p "$WORK"
started=$SECONDS
if [ "$build" = 1 ]; then
  echo "== building with PyInstaller ($("$VENV_BIN/pyinstaller" --version))"
  build_started=$SECONDS
  # --clean: never reuse a cache from an older tree; the log is long, keep it for failures
  if ! "$VENV_BIN/pyinstaller" --noconfirm --clean --log-level WARN \
      --distpath "$DIST" --workpath "$WORK" build.spec > "$WORK.log" 2>&1; then
    tail -40 "$WORK.log" >&2
    echo "build failed (full log: $WORK.log)" >&2
    exit 1
  fi
  echo "   built in $((SECONDS - build_started)) s (log: $WORK.log)"
fi
[ -x "$APP" ] || { echo "no frozen executable at $APP" >&2; exit 1; }

echo "== bundle size: $(du -sh "$DIST/jcct-desktop" | cut -f1) ($(du -sb "$DIST/jcct-desktop" | cut -f1) bytes)"

echo "== checking the frozen app"
"$VENV_BIN/python" scripts/check_frozen.py "$APP"
echo "== whole check took $((SECONDS - started)) s"
