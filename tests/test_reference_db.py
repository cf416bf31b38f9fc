import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jcct_desktop.store.reference.build import SourceError, build
from jcct_desktop.store.reference.reader import ReferenceDataError, open_reference

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "db" / "jcct-2011.toml"
BUNDLED = REPO / "db" / "jcct.sqlite"


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_build_is_byte_identical(tmp_path: Path) -> None:
    a = build([SOURCE], tmp_path / "a.sqlite")
    b = build([SOURCE], tmp_path / "b.sqlite")
    assert a.read_bytes() == b.read_bytes()


def test_committed_database_matches_its_source(tmp_path: Path) -> None:
    rebuilt = build([SOURCE], tmp_path / "jcct.sqlite")
    assert _dump(rebuilt) == _dump(BUNDLED), (
        "db/jcct.sqlite is stale: run `python -m jcct_desktop.store.reference.build`"
    )


def test_bundled_database_uses_rollback_journal() -> None:
    conn = sqlite3.connect(f"{BUNDLED.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_use_never_writes_the_reference(tmp_path: Path) -> None:
    copy = tmp_path / "jcct.sqlite"
    shutil.copy(BUNDLED, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    data = open_reference(copy)
    data.search.search("software")
    data.search.search("王岐山")
    assert data.sha256 == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jcct.sqlite"]  # no journal left


def test_opens_from_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "jcct.sqlite")
    os.chmod(folder / "jcct.sqlite", 0o444)
    os.chmod(folder, 0o555)
    try:
        data = open_reference(folder / "jcct.sqlite")
        assert len(data.catalog.commitments) == 40
        with pytest.raises(sqlite3.OperationalError):
            conn = sqlite3.connect(f"{(folder / 'jcct.sqlite').as_uri()}?mode=ro", uri=True)
            conn.execute("CREATE TABLE x(y)")
    finally:
        os.chmod(folder, 0o755)


def test_missing_and_corrupt_databases_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="missing"):
        open_reference(tmp_path / "nope.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ReferenceDataError, match=r"cannot be read|schema"):
        open_reference(bad)
    truncated = tmp_path / "trunc.sqlite"
    truncated.write_bytes(BUNDLED.read_bytes()[:5000])
    with pytest.raises(ReferenceDataError):
        open_reference(truncated)


def test_bad_source_names_the_entry(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace(
        'when = "by December 1, 2011"', 'when = "by Decembruary 1, 2011"'
    )
    src = tmp_path / "bad.toml"
    src.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="2011-II-1"):
        build([src], tmp_path / "out.sqlite")
    assert not (tmp_path / "out.sqlite").exists()


def test_catalog_shape(catalog) -> None:
    assert len(catalog.commitments) == 40 and len(catalog.facts) == 18
    meeting = catalog.meetings[0]
    assert (meeting.number, meeting.place) == (22, "Chengdu, China")
    groups = catalog.groups("jcct-22")
    assert groups[0].name == "Innovation" and groups[0].heading_inferred
    assert [s.code for s in catalog.subsectors(groups[0])][:2] == ["NEV", "II"]
    assert [c.position for c in catalog.commitments] == sorted(
        c.position for c in catalog.commitments
    )
    cloud = catalog.sector("jcct-22", "CLOUD")
    assert catalog.group_of(cloud).name == "Working groups and dialogues"
    assert dict(meeting.glossary)["Wang Qishan"] == "王岐山"


def test_core_imports_without_qt() -> None:
    # Block PySide6 entirely: the core and the stores must still import and work.
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import jcct_desktop.core.catalog, jcct_desktop.core.filtering\n"
        "import jcct_desktop.core.standing, jcct_desktop.core.standing_words\n"
        "import jcct_desktop.core.data_export, jcct_desktop.store.reference.reader\n"
        "from jcct_desktop.store.reference.reader import open_reference\n"
        "print(len(open_reference().catalog.commitments))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "40"


def test_import_contracts() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed in this environment")
    out = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
