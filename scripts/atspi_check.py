"""Measure what Orca gets: walk JCCT Desktop's AT-SPI tree and count what is exposed.

Not a test (it needs a display, D-Bus and Debian's python3-pyatspi, which the venv lacks):
run it with the system Python while the app runs with accessibility on, e.g.

    apt-get install -y xvfb python3-pyatspi at-spi2-core
    dbus-run-session -- bash -c '
      /usr/libexec/at-spi-bus-launcher --launch-immediately & sleep 2
      Xvfb :57 -screen 0 1600x1000x24 & sleep 1
      DISPLAY=:57 QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 JCCT_DATA_DIR=$(mktemp -d) \
        .venv/bin/jcct-desktop --as-of 2012-07-15 & sleep 8
      /usr/bin/python3 scripts/atspi_check.py'

It prints the commitment rows that say their standing, container rows with counts, the
timeline's lanes and bars, unnamed focusable controls and each combo box's label.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import pyatspi  # type: ignore[import-not-found]

STANDINGS = ("Met", "Partly met", "Not met", "Superseded", "Overdue", "Due soon", "Open",
             "Upcoming", "No deadline")
ITEM_ROLES = ("table cell", "tree item", "list item", "menu item", "table column header")


def find_app(tries: int = 60) -> Any:  # pyatspi objects are untyped
    for _ in range(tries):
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == "JCCT Desktop":
                return app
        time.sleep(1)
    return None


def walk(node: Any, out: list[Any]) -> list[Any]:
    out.append(node)
    for i in range(min(node.childCount, 5000)):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, out)
    return out


def labels_of(node: Any) -> list[str]:
    return [r.getTarget(0).name for r in node.getRelationSet()
            if r.getRelationType() == pyatspi.RELATION_LABELLED_BY]


def main() -> int:
    app = find_app()
    if app is None:
        print("JCCT Desktop is not on the accessibility bus")
        return 1
    nodes = walk(app, [])
    cells = [n for n in nodes if n.getRoleName() in ("table cell", "tree item")]
    rows = [c for c in cells if " — " in c.name and c.name.split(" — ")[0].count("-") >= 2]
    spoken = [c for c in rows if any(s in c.name for s in STANDINGS)]
    print(f"commitment rows: {len(rows)}, saying their standing: {len(spoken)}")
    counts = [c for c in cells if " commitment" in c.name and c not in rows]
    print(f"container cells with counts: {len(counts)}")
    for chart in (n for n in nodes if n.getRoleName() == "chart"):
        lanes = [chart.getChildAtIndex(i) for i in range(chart.childCount)]
        bars = [lane.getChildAtIndex(j) for lane in lanes for j in range(lane.childCount)]
        print(f"timeline {chart.name!r}: {len(lanes)} lanes, {len(bars)} bars")
    unnamed = []
    for n in nodes:
        state = n.getState()
        if (state.contains(pyatspi.STATE_FOCUSABLE) and state.contains(pyatspi.STATE_SHOWING)
                and n.getRoleName() not in ITEM_ROLES and not (n.name or labels_of(n))):
            unnamed.append(n.getRoleName())
    print(f"unnamed focusable controls: {unnamed}")
    for n in nodes:
        if n.getRoleName() == "combo box":
            print(f"combo box {n.name!r} labelled by {labels_of(n)}")
    return 0 if rows and len(spoken) == len(rows) and not unnamed else 1


if __name__ == "__main__":
    sys.exit(main())
