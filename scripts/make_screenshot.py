"""Make docs/screenshot.png: the window on realistic notes (a developer tool, not shipped).

    .venv/bin/python scripts/make_screenshot.py [OUT]

Seeds a private notes folder through the annotation service (assessments from both views with
evidence and dates, a note naming 王岐山, tags, a star, a follow-up), then runs the app's own
``--screenshot`` hook on it, as of mid-2012, with the software-legalization commitment open.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jcct_desktop.store.annotations import AnnotationService  # noqa: E402


def seed(folder: Path) -> None:
    s = AnnotationService.open(folder)
    try:
        s.record_assessment(commitment_id="2011-II-1", status="fulfilled",
                            evidence="All 31 provinces withdrew their catalogues (MOFCOM notice)",
                            source="MOFCOM notice, Nov 2011", effective=date(2011, 12, 20))
        s.record_assessment(commitment_id="2011-SOFT-2", status="partially_fulfilled",
                            evidence="Audits found unlicensed software in 9 provinces",
                            source="USTR Special 301", effective=date(2012, 6, 28),
                            milestone=_first_label(s, "2011-SOFT-2"))
        s.record_assessment(commitment_id="2011-SOFT-2", status="fulfilled",
                            evidence="Provincial legalization reported complete",
                            source="State Council press briefing", effective=date(2012, 7, 2),
                            milestone=_first_label(s, "2011-SOFT-2"), view="china")
        s.add_note(commitment_id="2011-SOFT-2",
                   text="Raise with 王岐山's office before the 23rd JCCT: ask for the list of "
                        "provinces audited and the audit method.")
        s.add_note(commitment_id="2011-SOFT-2", text="Industry (BSA) says rates fell 2 points.")
        s.set_tags(commitment_id="2011-SOFT-2", tags=["software", "IPR", "follow-up"])
        s.set_starred(commitment_id="2011-SOFT-2", starred=True)
        s.set_follow_up(commitment_id="2011-SOFT-2", follow_up=date(2012, 9, 1))
    finally:
        s.close()


def _first_label(service: AnnotationService, cid: str) -> str:
    from jcct_desktop.store.reference.reader import open_reference

    return open_reference().catalog.commitment(cid).milestones[0].label


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshot.png"
    with tempfile.TemporaryDirectory(prefix="jcct-shot-") as tmp:
        data = Path(tmp) / "notes"
        seed(data)
        screen = Path(tmp) / "screen.json"  # a 1600x1000 desktop: the window at its own size
        screen.write_text('{"screens": [{"name": "desktop", "x": 0, "y": 0, '
                          '"width": 1600, "height": 1000}]}', encoding="utf-8")
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", HOME=tmp)
        return subprocess.run(
            [sys.executable, "-m", "jcct_desktop", "--data-dir", str(data), "--as-of",
             "2012-07-15", "--select", "2011-SOFT-2", "--screenshot", str(out)],
            env=env, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
