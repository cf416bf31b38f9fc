"""The Word memo with undated milestones (issue 21), through the real CLI and read back with
python-docx and Pillow: each deliverable with "no deadline stated", in the commitment's block,
the deadlines table, the picture's alternative text and the picture itself (a row each)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from jcct_desktop.cli import main
from jcct_desktop.store.annotations.service import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.store.reference.reader import open_reference

CENTRE = ("Complaint Center for Counterfeit Drugs funded and running (hotline, website, data "
          "analysis unit)")


@pytest.fixture
def memo(data_dir: Path, tmp_path: Path) -> Path:
    service = AnnotationService(open_user_db(data_dir), user="alice",
                                clock=lambda: datetime(2012, 3, 1, 12, tzinfo=UTC))
    try:
        service.record_assessment(commitment_id="2011-CD-1", status="fulfilled",
                                  evidence="Hotline and website running.",
                                  effective=date(2012, 2, 1), milestone=CENTRE)
    finally:
        service.close()
    target = tmp_path / "memo.docx"
    assert main(["export", "docx", "-o", str(target), "--as-of", "2012-07-15",
                 "--sector", "CD", "--sector", "SOFT"]) == 0
    return target


def _undated() -> list[tuple[str, str]]:
    catalog = open_reference().catalog
    return [(c.id, m.label) for c in catalog.commitments if c.sector in ("CD", "SOFT")
            for m in c.milestones if m.window is None]


def test_each_undated_deliverable_is_in_the_memo(memo: Path) -> None:
    doc = Document(str(memo))
    text = "\n".join(p.text for p in doc.paragraphs)
    want = _undated()
    assert len(want) == 6  # SOFT-1 4, CD-1 2
    for _cid, label in want:
        assert f"Milestone: {label}" in text, label
    assert f"Milestone: {CENTRE}: Met — since 1 Feb 2012 (no deadline stated)" in text
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    for cid, label in want:
        assert any(r[0] == f"{cid}: {label}" and r[1] == "no deadline stated" for r in rows)
    assert [f"2011-CD-1: {CENTRE}", "no deadline stated", "", "met"] in rows


def test_the_timeline_picture_and_its_words_hold_them(memo: Path) -> None:
    doc = Document(str(memo))
    pictures = {p._inline.docPr.get("title"): p for p in doc.inline_shapes}
    timeline = pictures["Deadline timeline"]
    alt = timeline._inline.docPr.get("descr")
    assert " 6 with no deadline stated: " in alt
    assert f"2011-CD-1 {CENTRE}: met" in alt
    blip = timeline._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(io.BytesIO(doc.part.related_parts[blip].blob))
    dated = alt.split(" milestones: ")[0].rsplit(", ", 1)[1]
    # a row each, dated and undated (34 px a row below the 46 px axis)
    assert image.size[1] == 46 + 34 * (int(dated) + 6) + 10
