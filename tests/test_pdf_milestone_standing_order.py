"""On a packet's sector page each milestone's label comes first and its standing follows it on
the same line, before its wording: read back with pypdf, a standing is never printed above its
milestone (where it read as the previous one's)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.store.annotations.service import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.store.reference.reader import open_reference

AUDITS = "Software audit results published as China’s law requires"


def test_each_milestone_standing_follows_its_label(data_dir: Path, tmp_path: Path) -> None:
    service = AnnotationService(open_user_db(data_dir), user="alice",
                                clock=lambda: datetime(2012, 6, 2, 12, tzinfo=UTC))
    try:
        service.record_assessment(commitment_id="2011-SOFT-1", status="not_fulfilled",
                                  evidence="No audit results published.",
                                  effective=date(2012, 6, 1), milestone=AUDITS)
    finally:
        service.close()
    target = tmp_path / "packet.pdf"
    assert main(["export", "pdf", "-o", str(target), "--as-of", "2012-06-15",
                 "--sector", "SOFT", "--deterministic"]) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(str(target)).pages)
    flat = " ".join(text.split())  # long labels wrap: read the words in order
    (milestones,) = [c.milestones for c in open_reference().catalog.commitments
                     if c.id == "2011-SOFT-1"]
    assert len(milestones) == 4
    at = []
    for m in milestones:
        standing = "✗ Not met — since 1 Jun 2012" if m.label == AUDITS else "· No deadline"
        quoted = " ".join(m.wording.split()[:4])
        # label, then its own standing, then its wording: nothing else between them
        run = f"{m.label} — {standing} “{quoted}"
        assert flat.count(run) == 1, run
        at.append(flat.index(run))
    assert at == sorted(at)  # in the sheet's order
    # the standing was once printed first, reading as the previous milestone's
    assert f"Not met — since 1 Jun 2012 {AUDITS}" not in flat
