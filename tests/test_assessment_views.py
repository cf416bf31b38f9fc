"""Both views side by side, as known on the as-of date: the detail pane and the PDF packet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QUndoStack

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.detail import DetailPane
from tests.ui_support import OFFSCREEN_NOISE

CID = "2011-SOFT-2"
PROVINCIAL = "Provincial software legalization completed (all 31 provincial entities)"


def _seed(service: AnnotationService) -> None:
    service.record_assessment(commitment_id=CID, status="fulfilled", view="china",
                              evidence="All 31 provinces legalized", source="Xinhua <b>&",
                              effective=date(2012, 7, 2), milestone=PROVINCIAL)
    service.record_assessment(commitment_id=CID, status="partially_fulfilled",
                              evidence="Audit found 24 of 31", source="Embassy cable",
                              effective=date(2012, 7, 15), milestone=PROVINCIAL)
    service.record_assessment(commitment_id=CID, status="in_progress", evidence="Recorded today")


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    service = AnnotationService.open(data_dir)
    _seed(service)
    service.close()
    return data_dir


def _pdf_text(data: Path, out: Path, as_of: str) -> str:
    argv = ["--data-dir", str(data), "export", "pdf", "-o", str(out), "--sector", "SOFT",
            "--as-of", as_of, "--deterministic"]
    assert main(argv) == 0
    return " ".join("\n".join(p.extract_text() for p in PdfReader(out).pages).split())


def test_packet_shows_both_views_where_they_disagree(seeded: Path, tmp_path: Path) -> None:
    text = _pdf_text(seeded, tmp_path / "aug.pdf", "2012-08-01")
    assert "Our assessment" in text and "China reports" in text
    assert "All 31 provinces legalized" in text and "Audit found 24 of 31" in text
    assert "Xinhua <b>&" in text and "Embassy cable" in text
    assert "Views differ" in text and "effective 2012-07-02" in text
    assert "Recorded today" not in text  # effective today: not known in August 2012


def test_packet_as_of_before_the_evidence_ignores_it(seeded: Path, tmp_path: Path) -> None:
    text = _pdf_text(seeded, tmp_path / "jan.pdf", "2012-01-15")
    for later in ("All 31 provinces legalized", "Audit found 24 of 31", "Recorded today",
                  "Views differ", "since 2026"):
        assert later not in text
    assert "Not assessed" in text


@OFFSCREEN_NOISE
def test_detail_pane_shows_both_views_and_follows_edits(qtbot, reference, tmp_path) -> None:
    service = AnnotationService.open(tmp_path / "notes")
    pane = DetailPane(reference.catalog, service, QUndoStack())
    qtbot.addWidget(pane)
    pane.show_commitment(CID, date(2012, 8, 1))
    assert "Assessments as of" not in pane.plain_text()
    _seed(service)  # edits arrive through the notifier; the page follows
    qtbot.waitUntil(lambda: "Views differ" in pane.plain_text())
    text = pane.plain_text()
    assert "Our assessment" in text and "China reports" in text
    assert "Partially fulfilled" in text and "Audit found 24 of 31" in text
    assert "Source: Xinhua <b>&" in text  # escaped: shown, never read as markup
    pane.show_commitment(CID, date(2012, 7, 10))  # before our audit: only China's report
    text = pane.plain_text()
    assert "All 31 provinces legalized" in text and "Audit found 24 of 31" not in text
    assert "Views differ" not in text
    pane.show_commitment(CID, date(2012, 1, 15))
    assert "None known on this date" in pane.plain_text()
    service.close()
