"""The command-line packet carries the officer's annotations from the per-user database."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService

NOTE = '王岐山 <b>&amp; "quotes"'


@pytest.fixture
def annotated(data_dir: Path) -> Path:
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="2011-SOFT-2", text=f"{NOTE}\nsecond line zebrafinch")
    service.set_starred(commitment_id="2011-SOFT-2", starred=True)
    service.set_starred(commitment_id="2011-II-1", starred=True)
    service.record_assessment(
        commitment_id="2011-II-1",
        status="fulfilled",
        evidence="Provincial notices withdrawn, Dec 2011",
    )
    service.close()
    return data_dir


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_notes_and_assessments_print(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    assert (
        main(["--data-dir", str(annotated), "export", "pdf", "-o", str(out), "--deterministic"])
        == 0
    )
    text = _text(out)
    assert NOTE in text
    assert "Provincial notices withdrawn, Dec 2011" in text
    assert "Fulfilled" in text


def test_starred_scope_uses_the_stars(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "starred.pdf"
    assert main(["--data-dir", str(annotated), "export", "pdf", "-o", str(out), "--starred"]) == 0
    text = _text(out)
    assert "2011-SOFT-2" in text and "2011-II-1" in text
    assert "2011-NEV-1" not in text


def test_query_finds_words_in_notes(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "query.pdf"
    assert (
        main(
            ["--data-dir", str(annotated), "export", "pdf", "-o", str(out), "--query", "zebrafinch"]
        )
        == 0
    )
    text = _text(out)
    assert "2011-SOFT-2" in text and "2011-NEV-1" not in text


def test_no_notes_option_leaves_them_out(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "nonotes.pdf"
    assert main(["--data-dir", str(annotated), "export", "pdf", "-o", str(out), "--no-notes"]) == 0
    assert "zebrafinch" not in _text(out)


def test_starred_with_no_notes_at_all_is_a_clear_error(tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.pdf"
    code = main(
        ["--data-dir", str(tmp_path / "none"), "export", "pdf", "-o", str(out), "--starred"]
    )
    assert code == 2 and not out.exists()
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "none").exists()
