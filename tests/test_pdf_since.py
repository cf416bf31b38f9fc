"""``export pdf --since DATE``: a "What changed since …" block right after page 1, read back
from the PDF (pypdf): its heading, each change with its date and author, nothing on page 1."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.store.annotations.service import AnnotationService
from jcct_desktop.store.notes.database import open_user_db


@pytest.fixture
def notes(data_dir: Path) -> Path:
    moments = iter([datetime(2012, 3, 1, 12, tzinfo=UTC)] * 3
                   + [datetime(2012, 7, 10, 12, tzinfo=UTC)] * 10)
    service = AnnotationService(open_user_db(data_dir), user="alice",
                                clock=lambda: next(moments))
    try:
        service.record_assessment(commitment_id="2011-II-1", status="fulfilled",
                                  evidence="All catalogues withdrawn.", view="china",
                                  source="MOFCOM press release", effective=date(2012, 2, 28))
        service.set_starred(commitment_id="2011-II-1", starred=True)
        service.add_note(commitment_id="2011-II-1", text="Raise with the vice premier.")
        service.record_assessment(commitment_id="2011-DC-1", status="not_fulfilled",
                                  evidence="No list published.", effective=date(2012, 7, 1))
    finally:
        service.close()
    return data_dir


def _pages(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]


def _export(tmp_path: Path, *extra: str) -> Path:
    target = tmp_path / "packet.pdf"
    assert main(["export", "pdf", "-o", str(target), "--as-of", "2012-07-15",
                 "--deterministic", *extra]) == 0
    return target


def test_changes_block_follows_page_one(notes, tmp_path) -> None:
    pages = _pages(_export(tmp_path, "--since", "2012-01-15"))
    assert "What changed since" not in pages[0]  # page 1 stays the bottom line
    # the first page after page 1 and the contents (which lists the block first)
    assert "Contents" in pages[1] and "What changed since January 15, 2012" in pages[1]
    block = pages[2]
    assert "What changed since January 15, 2012" in block
    assert "from January 15, 2012 to July 15, 2012" in block
    # China's new claim with its source and author; our shortfall; the note; the star
    assert ("China reports: Fulfilled, effective 2012-02-28 — source: MOFCOM press release"
            in block)
    assert "Our assessment: Not fulfilled, effective 2012-07-01" in block
    assert "Note added: Raise with the vice premier." in block
    assert "2012-03-01" in block and "alice" in block
    # most important first: the shortfall's commitment before the claim's
    assert block.index("2011-DC-1") < block.index("2011-II-1")
    # the block comes before "At a glance"
    text = " ".join(pages)
    assert text.index("What changed since") < text.index("At a glance")


def test_without_since_no_block_and_an_empty_period_says_so(notes, tmp_path) -> None:
    assert "What changed since" not in " ".join(_pages(_export(tmp_path)))
    pages = _pages(_export(tmp_path, "--since", "2012-07-12"))
    assert "Nothing changed from July 12, 2012 to July 15, 2012." in pages[2]


def test_since_after_as_of_is_one_line_and_nothing_written(notes, tmp_path, capsys) -> None:
    target = tmp_path / "packet.pdf"
    assert main(["export", "pdf", "-o", str(target), "--since", "2013-01-01",
                 "--as-of", "2012-01-01"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("jcct-desktop: --since 2013-01-01 is after")
    assert not target.exists()


def test_the_tagged_packet_has_the_block_as_a_table(notes, tmp_path) -> None:
    """--tagged --since: the block is a heading and a table with header cells, after page 1."""
    text = " ".join(_pages(_export(tmp_path, "--tagged", "--since", "2012-01-15")))
    assert "What changed since January 15, 2012" in text
    assert "Commitment Date Change By" in text
    assert "China reports: Fulfilled, effective 2012-02-28" in text
    assert text.index("Bottom line") < text.index("What changed since") < text.index(
        "At a glance")
