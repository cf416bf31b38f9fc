#!/usr/bin/env bash
# Services the tests drive for real, installed from Debian's packages when missing:
#   CUPS with the cups-pdf queue driver (printing tests), poppler-utils (pdftoppm),
#   PostgreSQL (team sync tests: they run initdb/pg_ctl as an unprivileged user themselves),
#   Xvfb with the libraries Qt's xcb platform plugin loads (the real-X11 keyboard test).
# The tests start and stop the services themselves; this only installs them.
set -euo pipefail
need=()
command -v cupsd >/dev/null || need+=(cups)
[ -e /usr/lib/cups/backend/cups-pdf ] || need+=(printer-driver-cups-pdf)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
# A non-English locale source (compiled into a temp folder by the portability test).
[ -e /usr/share/i18n/locales/de_DE ] && command -v localedef >/dev/null || need+=(locales)
for lib in libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
           libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1; do
  dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing test services: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "the tests need these Debian packages: ${need[*]} (run as root, or install them)" >&2
  exit 1
fi
