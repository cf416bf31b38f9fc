#!/usr/bin/env bash
# The services some tests start for real, each as the current user in a temporary folder
# (tests/pg_server.py, tests/cups_server.py; never the system's own instances or queues):
#   PostgreSQL (team sync), CUPS with its PDF filters (printing), poppler-utils (pdftoppm),
#   Xvfb with the libraries Qt's xcb platform plugin loads (the real-X11 keyboard test).
# This only installs them: as root from Debian's packages when missing (as CI does); as
# another user it says what to install, or to run ./run tests --no-services without them.
set -euo pipefail
have() { command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ]; }  # sbin is not on every PATH
need=()
have cupsd || need+=(cups)
have lp || need+=(cups-client)
[ -e /usr/lib/cups/filter/pdftopdf ] || need+=(cups-filters)
have pdftoppm || need+=(poppler-utils)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
have xvfb-run || need+=(xvfb xauth)
# A non-English locale source (compiled into a temp folder by the portability test).
[ -e /usr/share/i18n/locales/de_DE ] && have localedef || need+=(locales)
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
  echo "the tests that start services need these Debian packages: ${need[*]}" >&2
  echo "install them (as root: apt-get install ${need[*]}), or run ./run tests --no-services" >&2
  exit 1
fi
