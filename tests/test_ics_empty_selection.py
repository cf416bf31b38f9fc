"""`export ics --starred` with nothing starred is refused in one line, as the packet's and the
memo's empty scopes are (exit 2, nothing written), rather than writing an empty calendar;
with a star it writes the starred commitment's deadlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService


def test_nothing_starred_is_refused_and_nothing_written(data_dir: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]):
    target = tmp_path / "deadlines.ics"
    code = main(["export", "ics", "--starred", "-o", str(target), "--as-of", "2012-01-01"])
    err = capsys.readouterr().err
    assert code == 2 and not target.exists()
    assert err == ("jcct-desktop: Nothing to put in the calendar: the scope (starred "
                   "commitments) holds no commitments.\n")
    # to stdout too: no empty calendar printed
    assert main(["export", "ics", "--starred", "--sector", "SOFT"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "(starred commitments in SOFT)" in err and err.count("\n") == 1
    # the packet refuses the same selection with the same exit code
    assert main(["export", "pdf", "--starred", "-o", str(tmp_path / "p.pdf")]) == 2
    assert "Nothing to brief" in capsys.readouterr().err


def test_a_starred_commitment_is_written(data_dir: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]):
    service = AnnotationService.open(data_dir)
    try:
        service.set_starred(commitment_id="2011-SOFT-2", starred=True)
    finally:
        service.close()
    target = tmp_path / "deadlines.ics"
    assert main(["export", "ics", "--starred", "-o", str(target), "--as-of", "2011-01-01"]) == 0
    text = target.read_text("utf-8")
    assert "BEGIN:VEVENT" in text and "2011-SOFT-2" in text
    assert "2011-NEV-1" not in text
