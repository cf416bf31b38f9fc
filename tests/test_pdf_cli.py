"""``jcct-desktop export pdf`` through cli.main: files, exit codes, one-line errors."""

from __future__ import annotations

from pypdf import PdfReader

from jcct_desktop.cli import main


def test_export_pdf_sectors_a4_and_global_as_of(tmp_path, capsys):
    out = tmp_path / "p.pdf"
    rc = main(["--as-of", "2012-03-01", "export", "pdf", "-o", str(out), "--sector", "NEV",
               "--sector", "smart grid", "--paper", "a4", "--no-timeline", "--marking", "TEST"])
    assert rc == 0, capsys.readouterr().err
    reader = PdfReader(out)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "2011-NEV-1" in text and "2011-SG-1" in text and "2011-II-1" not in text
    assert "Historical briefing as of March 1, 2012" in text and "TEST" in text
    assert round(float(reader.pages[0].mediabox.width)) == 595


def test_export_pdf_query_and_local_as_of_deterministic(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        assert main(["export", "pdf", "-o", str(out), "--query", "software",
                     "--as-of", "2012-03-01", "--deterministic", "--no-notes"]) == 0
    assert a.read_bytes() == b.read_bytes()
    reader = PdfReader(a)
    assert "2011-SOFT" in reader.pages[1].extract_text()  # the summary, right after page 1
    assert len(reader.pages) <= 8  # a small packet: a few pages, no contents page
    assert "Contents" not in "".join(p.extract_text() for p in reader.pages)


def test_unknown_sector_points_to_the_list(tmp_path, capsys):
    rc = main(["export", "pdf", "-o", str(tmp_path / "x.pdf"), "--sector", "Bogus"])
    err = capsys.readouterr().err
    assert rc == 2
    # not every sector on one line any more: where to find them (cli.sectors tests the rest)
    assert err.count("\n") == 1 and "unknown sector 'Bogus'" in err
    assert "'jcct-desktop sectors' lists them all" in err and len(err) < 200
    assert not (tmp_path / "x.pdf").exists()


def test_empty_scope_and_bad_date_exit_2(tmp_path, capsys):
    assert main(["export", "pdf", "-o", str(tmp_path / "x.pdf"), "--starred"]) == 2
    assert "Nothing to brief" in capsys.readouterr().err
    assert main(["export", "pdf", "-o", str(tmp_path / "x.pdf"), "--as-of", "2012-13-01"]) == 2
    assert "'2012-13-01' is not a date: there is no month 13" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unwritable_path_exit_1(tmp_path, capsys):
    rc = main(["export", "pdf", "-o", str(tmp_path / "missing" / "x.pdf"), "--sector", "NEV"])
    err = capsys.readouterr().err
    assert rc == 1 and "Cannot write" in err and "Traceback" not in err
