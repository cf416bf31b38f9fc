#!/usr/bin/env bash
# Services the tests drive for real, installed from Debian's packages when missing:
#   CUPS with the cups-pdf queue driver (printing tests), poppler-utils (pdftoppm),
#   PostgreSQL (team sync tests: they run initdb/pg_ctl as an unprivileged user themselves).
# The tests start and stop the services themselves; this only installs them.
set -euo pipefail
need=()
command -v cupsd >/dev/null || need+=(cups)
[ -e /usr/lib/cups/backend/cups-pdf ] || need+=(printer-driver-cups-pdf)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
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
