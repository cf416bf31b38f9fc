#!/usr/bin/env bash
# Build the one-folder app from build.spec, then run the frozen executable headless with no
# Python on its PATH (and, as root, every Python installation hidden) and verify its outputs;
# then pack the folder as dist/jcct-desktop-<version>-linux-<arch>.tar.gz and build the sdist
# and wheel into dist/.
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

folder_bytes="$(du -sb "$DIST/jcct-desktop" | cut -f1)"
folder_files="$(find "$DIST/jcct-desktop" -type f | wc -l)"
echo "== bundle size: $(du -sh "$DIST/jcct-desktop" | cut -f1) ($folder_bytes bytes, $folder_files files)"

echo "== checking the frozen app"
"$VENV_BIN/python" scripts/check_frozen.py "$APP"

# What an officer receives: the checked folder as one archive (launcher, README and notices
# inside), and the Python packages for pipx.
version="$("$VENV_BIN/python" -c 'import jcct_desktop; print(jcct_desktop.__version__)')"
archive="$DIST/jcct-desktop-$version-linux-$(uname -m).tar.gz"
tar -C "$DIST" -czf "$archive" jcct-desktop
archive_bytes="$(stat -c %s "$archive")"
echo "== archive: $archive ($archive_bytes bytes)"
rm -f "$DIST"/jcct_desktop-*.tar.gz "$DIST"/jcct_desktop-*.whl
"$VENV_BIN/python" -m build --no-isolation --outdir "$DIST" . > "$WORK/python-build.log" 2>&1 \
  || { tail -20 "$WORK/python-build.log" >&2; echo "python -m build failed" >&2; exit 1; }
echo "== packages: $(cd "$DIST" && ls jcct_desktop-*.tar.gz jcct_desktop-*.whl | tr '\n' ' ')"

# docs/building.md quotes these figures: rewrite its measured row from this build
if [ "$build" = 1 ]; then
  "$VENV_BIN/python" scripts/record_build_size.py "$folder_bytes" "$folder_files" "$archive_bytes"
fi
echo "== whole check took $((SECONDS - started)) s"
