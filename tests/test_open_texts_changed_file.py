"""Archive scale (issue 25): what the reference data reads on first use (a commitment's
text, a milestone's wording, the facts; ``store.reference.later_reads``) after its file was
changed: a file moved over it or deleted leaves the opened one readable, so the texts are
the opened file's; a file changed in place (truncated, another database copied over it,
damaged pages) is refused in one line, ``ReferenceDataError``, never another database's
texts nor a traceback; the command line says that line and exits 1."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core import resources
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.store.reference import imported_meetings
from jcct_desktop.store.reference.reader import ReferenceData, ReferenceDataError, open_reference
from tests.reference_plain import plain_catalog
from tests.test_reference_open_fast import same


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=4,
                        per_meeting=100)


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _other_database_over_it(path: Path) -> None:
    """Another database copied over the file itself (its inode kept), as ``cp`` does."""
    shutil.copyfile(resources.reference_db(), path)


def _grown(path: Path) -> None:
    with path.open("ab") as fh:
        fh.write(b"\0" * 4096)


AS_OF = "2001-03-31"  # the archive's meetings run from 2000: deadlines still open


READS: dict[str, Callable[[Catalog], object]] = {
    "a text": lambda c: c.commitments[3].text,
    "a wording": lambda c: c.commitments[3].milestones[0].wording,
    "the facts": lambda c: c.facts,
    "every text": lambda c: [x.text for x in c.commitments],
}


@pytest.mark.parametrize("change", [_truncate, _other_database_over_it, _grown])
@pytest.mark.parametrize("read", list(READS))
def test_a_file_changed_in_place_after_open_is_refused_in_one_line(
        archive: Path, tmp_path: Path, change: Callable[[Path], None], read: str) -> None:
    path = tmp_path / "reference.sqlite"
    shutil.copy(archive, path)
    catalog = open_reference(path).catalog
    change(path)
    with pytest.raises(ReferenceDataError) as caught:
        READS[read](catalog)
    text = str(caught.value)
    assert "\n" not in text and str(path) in text and "changed on disk" in text, text


@pytest.mark.parametrize("gone", ["deleted", "moved away", "replaced"])
def test_a_file_deleted_moved_or_replaced_after_open_still_gives_its_texts(
        archive: Path, tmp_path: Path, gone: str) -> None:
    path = tmp_path / "reference.sqlite"
    shutil.copy(archive, path)
    catalog = open_reference(path).catalog
    if gone == "deleted":
        path.unlink()
    elif gone == "moved away":
        path.rename(tmp_path / "elsewhere.sqlite")
    else:  # another database moved over the path: the opened file is no longer there
        other = tmp_path / "other.sqlite"
        shutil.copy(resources.reference_db(), other)
        os.replace(other, path)
    assert same(catalog, plain_catalog(archive)) > 4000  # every text, wording and fact


def test_damaged_pages_read_later_are_refused_in_one_line(archive: Path,
                                                          tmp_path: Path) -> None:
    """The commitments' pages zeroed after open, the file's size and time put back: SQLite's
    own error, in one line."""
    path = tmp_path / "reference.sqlite"
    shutil.copy(archive, path)
    catalog = open_reference(path).catalog
    with closing(sqlite3.connect(path)) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = [n for (n,) in db.execute(
            "SELECT pageno FROM dbstat WHERE name = 'commitment' AND pagetype = 'leaf'")]
    stamp = path.stat()
    with path.open("r+b") as fh:
        for page in pages:
            fh.seek((page - 1) * size)
            fh.write(b"\xff" * size)
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size
    with pytest.raises(ReferenceDataError) as caught:
        [c.text for c in catalog.commitments]  # read for its effect
    text = str(caught.value)
    assert "\n" not in text and str(path) in text and "cannot be read" in text, text


def _opened_then(change: Callable[[Path], None],
                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's open of the bundled data followed at once by ``change``."""
    opened = imported_meetings.open_reference

    def then_changed(path: Path | None = None) -> ReferenceData:
        data = opened(path)
        change(data.path)
        return data

    monkeypatch.setattr(imported_meetings, "open_reference", then_changed)


@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
def test_an_export_of_a_file_truncated_after_open_says_one_line(
        archive: Path, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    path = tmp_path / "reference.sqlite"
    shutil.copy(archive, path)
    monkeypatch.setenv("JCCT_REFERENCE_DB", str(path))
    _opened_then(_truncate, monkeypatch)
    out = tmp_path / f"out.{fmt}"
    assert main(["export", fmt, "--as-of", AS_OF, "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "changed on disk" in err[0] and str(path) in err[0], err
    assert err[0].startswith("jcct-desktop: ") and not out.exists()


@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
def test_an_export_of_a_file_deleted_after_open_is_the_export_before(
        archive: Path, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        fmt: str) -> None:
    path = tmp_path / "reference.sqlite"
    shutil.copy(archive, path)
    monkeypatch.setenv("JCCT_REFERENCE_DB", str(path))
    before = tmp_path / f"before.{fmt}"
    assert main(["export", fmt, "--as-of", AS_OF, "-o", str(before)]) == 0
    _opened_then(Path.unlink, monkeypatch)
    after = tmp_path / f"after.{fmt}"
    assert main(["export", fmt, "--as-of", AS_OF, "-o", str(after)]) == 0
    assert not path.exists() and after.read_bytes() == before.read_bytes()
    assert len(before.read_bytes()) > 10_000
