"""Archive scale (issue 25): the catalog the open gives (texts, wordings and facts read on
first use; the big tables read by rows, read ahead whole, or read ahead in parts) is the
catalog read the straightforward, eager way (tests/reference_plain.py), field by field, on
a 1,000-commitment archive and on the bundled 2011 meeting; and the command line's exports
of it are the same bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core import resources
from jcct_desktop.store.reference import imported_meetings, read_ahead
from jcct_desktop.store.reference.reader import ReferenceData, open_reference
from tests.reference_plain import plain_catalog
from tests.test_reference_open_fast import same

WAYS = ["rows", "ahead whole", "ahead in parts"]


@pytest.fixture(scope="module")
def archive_1k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a1k.sqlite", meetings=10,
                        per_meeting=100)


@pytest.fixture(params=WAYS)
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """How the open reads the big tables, whatever the file's size and the machine's load."""
    monkeypatch.setattr(read_ahead, "worth_it", lambda path: request.param != "rows")
    if request.param == "ahead in parts":
        monkeypatch.setattr(read_ahead, "PART_ROWS", 97)
    yield request.param


@pytest.mark.parametrize("which", ["1k archive", "2011"])
def test_every_field_is_the_eager_reading(archive_1k: Path, way: str, which: str) -> None:
    path = archive_1k if which == "1k archive" else resources.reference_db()
    lazy = open_reference(path).catalog
    eager = plain_catalog(path)
    assert len(lazy.commitments) == (1000 if which == "1k archive" else 40)
    # every field of every meeting, sector, commitment, milestone, fact and figure, read
    # lazily here (the texts on first use) against the values read at once
    assert same(lazy, eager) > (15_000 if which == "1k archive" else 1_500)
    assert lazy == eager and hash(lazy.commitments) == hash(eager.commitments)


EXPORTS = [["json"], ["csv"], ["csv", "--jurisdictions"], ["ics"]]
# on a day with deadlines still open (the archive's run 2000-2003); the archive's milestones
# are none of them counted by province: the jurisdictions' table is the 2011 meeting's
AS_OF = {"1k archive": "2001-06-30", "2011": "2012-06-30"}


@pytest.mark.parametrize("export, which", [
    (export, which) for export in EXPORTS for which in AS_OF
    if which == "2011" or "--jurisdictions" not in export], ids=str)
def test_the_exports_are_the_eager_readings_bytes(
        archive_1k: Path, tmp_path: Path, data_dir: Path, way: str,
        monkeypatch: pytest.MonkeyPatch, export: list[str], which: str) -> None:
    path = archive_1k if which == "1k archive" else resources.reference_db()
    monkeypatch.setenv("JCCT_REFERENCE_DB", str(path))
    as_of = ["--as-of", AS_OF[which]]
    lazy = tmp_path / "lazy.out"
    assert main(["export", *export, *as_of, "-o", str(lazy)]) == 0

    def eagerly(path: Path | None = None) -> ReferenceData:
        data = open_reference(path)
        return ReferenceData(data.path, plain_catalog(data.path), data.search)

    monkeypatch.setattr(imported_meetings, "open_reference", eagerly)
    eager = tmp_path / "eager.out"
    assert main(["export", *export, *as_of, "-o", str(eager)]) == 0
    assert _unstamped(lazy) == _unstamped(eager)
    assert len(lazy.read_bytes()) > (20_000 if which == "1k archive" else 3_000)


def _unstamped(path: Path) -> bytes:
    """The file's bytes but the calendar's time of making (DTSTAMP: now, to the second)."""
    return b"".join(line for line in path.read_bytes().splitlines(keepends=True)
                    if not line.startswith(b"DTSTAMP:"))
