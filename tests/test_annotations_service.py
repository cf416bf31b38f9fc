"""The annotation service on real SQLite files: operations, history, notifier, queries."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.core.annotations import Assessment, Change
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.annotations import rows as annotation_rows
from jcct_desktop.store.notes.database import DB_NAME, UserDataError

CID = "2011-NEV-1"


def test_file_is_private_wal_and_durable(service: AnnotationService) -> None:
    service.add_note(commitment_id=CID, text="x")
    assert service.db_path.name == DB_NAME
    assert (service.data_dir.stat().st_mode & 0o777) == 0o700
    assert (service.db_path.stat().st_mode & 0o777) == 0o600
    with service.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_assessment_needs_evidence_and_is_recorded(service: AnnotationService) -> None:
    for blank in ("", "   \n"):
        with pytest.raises(ValueError, match="evidence"):
            service.record_assessment(commitment_id=CID, status="fulfilled", evidence=blank)
    assert service.get(CID).status is Assessment.NOT_ASSESSED
    change = service.record_assessment(
        commitment_id=CID, status=Assessment.FULFILLED, evidence="MOFCOM notice"
    )
    got = service.get(CID)
    assert (got.status, got.evidence) == (Assessment.FULFILLED, "MOFCOM notice")
    assert (change.after.status, change.after.evidence) == (Assessment.FULFILLED, "MOFCOM notice")
    (entry,) = got.history
    assert (entry.field, entry.old, entry.new, entry.why) == (
        "status",
        "not_assessed",
        "fulfilled",
        "MOFCOM notice",
    )
    assert entry.who


def test_notes_edit_delete_keep_history(service: AnnotationService) -> None:
    note_id = service.add_note(commitment_id=CID, text="first\nsecond line").note_id
    service.edit_note(note_id=note_id, text="edited")
    deleted = service.delete_note(note_id=note_id)
    assert service.get(CID).notes == ()
    whys = [(h.why, h.old, h.new) for h in service.get(CID).history]
    assert whys == [
        ("added", "", "first\nsecond line"),
        ("edited", "first\nsecond line", "edited"),
        ("deleted", "edited", ""),
    ]
    service.restore_note(commitment_id=CID, note=deleted.before)
    (note,) = service.get(CID).notes
    assert (note.id, note.text, note.created) == (note_id, "edited", deleted.before.created)
    # AUTOINCREMENT: a new note never reuses a deleted id
    service.delete_note(note_id=note_id)
    assert service.add_note(commitment_id=CID, text="n").note_id > note_id
    with pytest.raises(ValueError):
        service.add_note(commitment_id=CID, text="  ")


def test_tags_follow_up_star_and_queries(service: AnnotationService) -> None:
    service.set_tags(commitment_id=CID, tags=["IPR", " ipr ", "汽车", ""])
    service.set_tags(commitment_id="2011-IPR-2", tags=["ipr", "Autos"])
    service.set_follow_up(commitment_id=CID, follow_up=date(2012, 6, 30))
    service.set_starred(commitment_id=CID, starred=True)
    service.record_assessment(commitment_id="2011-IPR-2", status="in_progress", evidence="e")
    assert service.get(CID).tags == ("IPR", "汽车")
    assert service.get(CID).follow_up == date(2012, 6, 30)
    assert service.all_tags() == ["Autos", "IPR", "汽车"]
    assert service.ids_by_tag("IPR") == {CID, "2011-IPR-2"}
    assert service.starred_ids() == {CID}
    assert service.statuses() == {"2011-IPR-2": Assessment.IN_PROGRESS}
    service.set_follow_up(commitment_id=CID, follow_up=None)
    assert service.get(CID).follow_up is None
    fields = [h.field for h in service.get(CID).history]
    assert fields == ["tags", "follow_up", "starred", "follow_up"]


def test_search_notes_is_case_insensitive_substring(service: AnnotationService) -> None:
    service.add_note(commitment_id="A", text="Talks on U.S.-China autos; don't forget")
    service.add_note(commitment_id="B", text="新能源汽车补贴 ÉCOLE")
    service.set_tags(commitment_id="C", tags=["Beef"])
    service.record_assessment(commitment_id="D", status="fulfilled", evidence="Notice 50%")
    assert service.search_notes("u.s.-CHINA") == {"A"}
    assert service.search_notes("don't") == {"A"}
    assert service.search_notes("汽") == {"B"}
    assert service.search_notes("école") == {"B"}
    assert service.search_notes("beef") == {"C"}
    assert service.search_notes("50%") == {"D"}
    assert service.search_notes("   ") == set()


def test_orphans_are_kept_and_listed(service: AnnotationService) -> None:
    service.add_note(commitment_id="2011-GONE-1", text="kept")
    service.add_note(commitment_id=CID, text="known")
    orphans = service.orphans({CID})
    assert [a.commitment_id for a in orphans] == ["2011-GONE-1"]
    assert orphans[0].notes[0].text == "kept"


def test_notifier_after_commit_never_after_rollback(service: AnnotationService) -> None:
    seen: list[tuple[str, list[str]]] = []
    other = AnnotationService.open(service.data_dir)

    def on_change(change: Change) -> None:  # another connection already sees the edit
        seen.append((change.event, [n.text for n in other.get(CID).notes]))

    service.notifier.subscribe(on_change, ["notes_changed"])
    service.add_note(commitment_id=CID, text="committed")
    assert seen == [("notes_changed", ["committed"])]

    def failing(session):
        annotation_rows.annotation_row(session, "2011-X-1")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        service.run(failing)
    with pytest.raises(KeyError):
        service.delete_note(note_id=999)
    assert len(seen) == 1
    assert service.get("2011-X-1").is_empty
    with pytest.raises(ValueError):
        service.notifier.subscribe(on_change, ["no_such_event"])
    other.close()


def test_no_event_for_a_no_op(service: AnnotationService) -> None:
    service.set_starred(commitment_id=CID, starred=True)
    events: list[Change] = []
    service.notifier.subscribe(events.append)
    service.set_starred(commitment_id=CID, starred=True)
    service.set_tags(commitment_id=CID, tags=[])
    assert events == []
    assert len(service.get(CID).history) == 1


def test_two_services_on_one_file_keep_both_edits(tmp_path: Path) -> None:
    a = AnnotationService.open(tmp_path)
    b = AnnotationService.open(tmp_path)

    def write(svc: AnnotationService, tag: str) -> None:
        for i in range(40):
            svc.add_note(commitment_id=f"C-{i % 5}", text=f"{tag}-{i}")

    threads = [threading.Thread(target=write, args=(s, t)) for s, t in ((a, "a"), (b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    texts = {n.text for ann in a.all() for n in ann.notes}
    assert texts == {f"{t}-{i}" for t in "ab" for i in range(40)}
    a.close()
    b.close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_unusable_data_folder_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserDataError, match="Cannot create the data folder"):
        AnnotationService.open(blocker / "data")
    with pytest.raises(UserDataError, match="not a folder"):
        AnnotationService.open(blocker)
    weird = tmp_path / "d"
    (weird / DB_NAME).mkdir(parents=True)  # the database path is taken by a folder
    with pytest.raises(UserDataError, match="Cannot open"):
        AnnotationService.open(weird)


def test_read_only_folder_is_refused_before_writing(tmp_path: Path, monkeypatch) -> None:
    # Tests run as root (which ignores modes), so pretend the way a normal user would see it.
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, **kw: False if m & os.W_OK else real_access(p, m)
    )
    with pytest.raises(UserDataError, match="not writable"):
        AnnotationService.open(tmp_path)
    assert not (tmp_path / DB_NAME).exists()


def test_core_never_imports_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import jcct_desktop.core.annotations, jcct_desktop.core.annotations.exchange\n"
        "import jcct_desktop.store.notes.backups, jcct_desktop.cli.notes\n"
        "assert not any(m.startswith('PySide6.') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_stale_tag_list_never_removes_tags_added_elsewhere(tmp_path) -> None:
    one = AnnotationService.open(tmp_path)
    two = AnnotationService.open(tmp_path)
    one.set_tags(commitment_id="A", tags=["autos"])
    two.change_tags(commitment_id="A", add=["imported"])  # another window or an import
    one.change_tags(commitment_id="A", add=["ipr"], remove=[])  # panel still shows ["autos"]
    assert one.get("A").tags == ("autos", "imported", "ipr")
    one.change_tags(commitment_id="A", remove=["autos"])
    assert two.get("A").tags == ("imported", "ipr")
    one.close()
    two.close()
