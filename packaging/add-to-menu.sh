#!/bin/sh
# Add JCCT Desktop to your applications menu (for you only), pointing at this folder.
#   ./add-to-menu.sh            add (or update, after moving the folder)
#   ./add-to-menu.sh --remove   take it out again
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
entry="$apps/jcct-desktop.desktop"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$entry"
  echo "removed $entry"
  exit 0
fi
mkdir -p "$apps"
icon="$here/_internal/resources/icons/app.svg"
cat > "$entry" <<DESKTOP
[Desktop Entry]
Type=Application
Name=JCCT Desktop
Comment=Offline briefing on U.S.-China JCCT commitments
Exec="$here/jcct-desktop"
Icon=$icon
Terminal=false
Categories=Office;
DESKTOP
chmod 644 "$entry"
echo "added $entry (JCCT Desktop in your applications menu)"
