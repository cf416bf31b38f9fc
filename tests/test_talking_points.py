"""Talking points in the notes database: ordered, each edit one transaction with its history
entry and what undo needs; the limits refused with one clear line and nothing written; the v5
notes file upgrades to v6 losing nothing; the exchange file carries them and merges by text."""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jcct_desktop.cli import notes as cli_notes
from jcct_desktop.core.annotations.exchange import (
    ExchangeError,
    export_document,
    export_file,
    import_file,
    parse_document,
)
from jcct_desktop.core.annotations.talking_points import (
    MAX_POINT_CHARS,
    PointAt,
    TalkingPointError,
)
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from tests.notes_file_support import user_version

CID = "2011-SOFT-2"
V5 = Path(__file__).parent / "data" / "annotations-v5.sqlite"
V5_TABLES = ["annotations", "notes", "history", "tags", "assessments", "drafts",
             "team_sync_state", "team_sync_known"]


def _texts(service: AnnotationService, cid: str = CID) -> list[str]:
    return [p.text for p in service.get(cid).talking_points]


def _point_history(service: AnnotationService, cid: str = CID) -> list[tuple[str, str, str]]:
    return [(h.old, h.new, h.why) for h in service.get(cid).history if h.field == "talking_point"]


@pytest.fixture
def service(tmp_path: Path):
    moments = iter(datetime(2012, 5, 1, 9, m, tzinfo=UTC) for m in range(60))
    s = AnnotationService.open(tmp_path / "data")
    s._clock = lambda: next(moments)  # one minute apart: the stored times tell them apart
    s._user = "akim"
    yield s
    s.close()


def test_add_keeps_order_author_and_times(service: AnnotationService) -> None:
    first = service.add_talking_point(commitment_id=CID,
                                      text="  Welcome the audit of 24 provinces ")
    service.add_talking_point(commitment_id=CID, text="Ask when the last 7 will finish")
    service.add_talking_point(commitment_id=CID, text="Thank MIIT", position=0)
    assert _texts(service) == ["Thank MIIT", "Welcome the audit of 24 provinces",
                               "Ask when the last 7 will finish"]
    assert first.event == "talking_points_changed" and first.before is None
    assert isinstance(first.after, PointAt) and first.after.position == 0
    point = service.get(CID).talking_points[1]
    assert point.text == "Welcome the audit of 24 provinces"  # kept trimmed
    assert point.who == "akim"
    assert point.created == datetime(2012, 5, 1, 9, 0, tzinfo=UTC) == point.updated
    assert _point_history(service) == [
        ("", "Welcome the audit of 24 provinces", "added"),
        ("", "Ask when the last 7 will finish", "added"),
        ("", "Thank MIIT", "added")]


def test_edit_move_delete_and_restore_each_logged_with_what_undo_needs(
        service: AnnotationService) -> None:
    ids = [service.add_talking_point(commitment_id=CID, text=t).after.point.id
           for t in ("one", "two", "three")]
    edited = service.edit_talking_point(point_id=ids[1], text="TWO")
    assert (edited.before.point.text, edited.after.point.text) == ("two", "TWO")
    assert edited.after.point.updated > edited.after.point.created
    moved = service.move_talking_point(point_id=ids[2], position=0)
    assert (moved.before.position, moved.after.position) == (2, 0)
    assert _texts(service) == ["three", "one", "TWO"]
    gone = service.delete_talking_point(point_id=ids[0])
    assert gone.after is None and gone.before.position == 1
    assert _texts(service) == ["three", "TWO"]
    service.restore_talking_point(commitment_id=CID, point=gone.before.point,
                                  position=gone.before.position)
    assert _texts(service) == ["three", "one", "TWO"]
    assert service.get(CID).talking_points[1].id == ids[0]  # the very point, its own id
    assert _point_history(service)[3:] == [
        ("two", "TWO", "edited"), ("3. three", "1. three", "moved"), ("one", "", "deleted"),
        ("", "one", "restored")]


def test_a_move_to_where_it_is_or_beyond_the_ends(service: AnnotationService) -> None:
    ids = [service.add_talking_point(commitment_id=CID, text=t).after.point.id
           for t in ("a", "b", "c")]
    same = service.move_talking_point(point_id=ids[0], position=0)
    assert same.before == same.after
    service.move_talking_point(point_id=ids[0], position=99)  # clamped: last
    service.move_talking_point(point_id=ids[2], position=-5)  # clamped: first
    assert _texts(service) == ["c", "b", "a"]
    assert [why for _o, _n, why in _point_history(service)] == ["added"] * 3 + ["moved"] * 2
    positions = sqlite3.connect(service.db_path).execute(
        "SELECT position FROM talking_points ORDER BY position").fetchall()
    assert positions == [(0,), (1,), (2,)]  # always numbered 0, 1, 2… without gaps


@pytest.mark.parametrize(("text", "says"), [
    ("", "cannot be empty"),
    ("   ", "cannot be empty"),
    ("x" * (MAX_POINT_CHARS + 1), "at most 1,000 characters; this one has 1,001"),
    ("Raise\x00this", "character 6 is a control character (U+0000)"),
    ("two\nlines", "one line of plain text: character 4 is a control character (U+000A)"),
    ("bell\x07", "U+0007"),
])
def test_refused_with_one_clear_line_and_nothing_written(
        service: AnnotationService, text: str, says: str) -> None:
    service.add_talking_point(commitment_id=CID, text="kept")
    point_id = service.get(CID).talking_points[0].id
    before = service.get(CID)
    for attempt in (lambda: service.add_talking_point(commitment_id=CID, text=text),
                    lambda: service.edit_talking_point(point_id=point_id, text=text)):
        with pytest.raises(TalkingPointError) as refused:
            attempt()
        assert says in str(refused.value) and "\n" not in str(refused.value)
    assert service.get(CID) == before


def test_the_longest_point_allowed_is_kept_whole(service: AnnotationService) -> None:
    text = "长" * MAX_POINT_CHARS
    service.add_talking_point(commitment_id=CID, text=text)
    assert _texts(service) == [text]


def test_unknown_point_ids_raise_and_change_nothing(service: AnnotationService) -> None:
    for attempt in (lambda: service.edit_talking_point(point_id=42, text="x"),
                    lambda: service.move_talking_point(point_id=42, position=0),
                    lambda: service.delete_talking_point(point_id=42)):
        with pytest.raises(KeyError, match="No talking point with id 42"):
            attempt()
    assert service.all() == []


# -- migration ------------------------------------------------------------------------------
def _dump(path: Path, tables: list[str], shape: Path | None = None) -> dict[str, list[tuple]]:
    """Every row of ``tables``, in the columns ``shape`` (a file of an older version) has: a
    later version may add columns (v7: the assessment's jurisdiction), never lose a value."""
    old = sqlite3.connect(shape or path)
    try:
        cols = {t: ", ".join(c[1] for c in old.execute(f"PRAGMA table_info({t})"))
                for t in tables}
    finally:
        old.close()
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT {cols[t]} FROM {t} ORDER BY 1, 2").fetchall()
                for t in tables}
    finally:
        conn.close()


def _columns(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted((c[1], c[2].upper(), c[3], c[5])
                          for c in conn.execute(f"PRAGMA table_info({n})")) for n in names}
    finally:
        conn.close()


def test_v5_fixture_is_really_version_5_without_talking_points() -> None:
    assert user_version(V5) == 5 and LATEST_VERSION >= 6  # v7: provinces (issue 26)
    assert "talking_points" not in _columns(V5)
    assert all(rows for rows in _dump(V5, V5_TABLES).values())  # a row in every table


def test_v5_upgrades_to_v6_losing_nothing(tmp_path: Path) -> None:
    shutil.copy(V5, tmp_path / DB_NAME)
    before = _dump(tmp_path / DB_NAME, V5_TABLES)
    service = AnnotationService.open(tmp_path)
    assert user_version(tmp_path / DB_NAME) == LATEST_VERSION
    assert _dump(tmp_path / DB_NAME, V5_TABLES, shape=V5) == before
    soft = service.get(CID)
    assert soft.tags == ("software",) and soft.talking_points == ()
    assert [n.text for n in soft.notes] == ["中文笔记：软件正版化"]
    service.add_talking_point(commitment_id=CID, text="Press for the 7 provinces left")
    assert _texts(service) == ["Press for the 7 provinces left"]
    service.close()
    fresh = AnnotationService.open(tmp_path / "fresh")
    fresh.close()
    assert _columns(tmp_path / DB_NAME) == _columns(tmp_path / "fresh" / DB_NAME)


# -- exchange -------------------------------------------------------------------------------
def _cli(data_dir: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)  # a folder, as cli.entry.main hands it on
    cli_notes.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["--data-dir", str(data_dir), *argv])
    return args.handler(args)


def test_notes_export_and_import_carry_them_in_order_with_authors(
        tmp_path: Path, service: AnnotationService) -> None:
    for text in ("Welcome the audit", "Ask about the 7 provinces left", "Offer a workshop"):
        service.add_talking_point(commitment_id=CID, text=text)
    service.close()
    out = tmp_path / "notes.json"
    assert _cli(tmp_path / "data", "notes", "export", str(out)) == 0
    soft = next(a for a in json.loads(out.read_text("utf-8"))["annotations"]
                if a["commitment"] == CID)
    assert [p["text"] for p in soft["talking_points"]] == [
        "Welcome the audit", "Ask about the 7 provinces left", "Offer a workshop"]
    assert soft["talking_points"][0] == {"text": "Welcome the audit",
                                         "created": "2012-05-01T09:00:00.000000+00:00",
                                         "updated": "2012-05-01T09:00:00.000000+00:00",
                                         "who": "akim"}
    assert _cli(tmp_path / "other", "notes", "import", str(out)) == 0
    other = AnnotationService.open(tmp_path / "other")
    points = other.get(CID).talking_points
    assert [(p.text, p.who) for p in points] == [(p["text"], "akim")
                                                for p in soft["talking_points"]]
    assert _cli(tmp_path / "other", "notes", "import", str(out)) == 0  # again: no duplicates
    assert other.get(CID).talking_points == points
    other.close()


def test_import_unions_by_text_keeping_both_orders(tmp_path: Path,
                                                   service: AnnotationService) -> None:
    for text in ("Thank MIIT", "Ask about the 7 provinces left"):
        service.add_talking_point(commitment_id=CID, text=text)
    stamp = "2012-06-01T10:00:00+00:00"
    doc = {"format": "jcct-desktop-annotations", "version": 2, "annotations": [
        {"commitment": CID, "talking_points": [
            {"text": "Offer a workshop", "created": stamp, "updated": stamp, "who": "mlee"},
            {"text": "Ask about the 7 provinces left ", "created": stamp, "who": "mlee"},
            {"text": "Name the auditors", "created": stamp}]}]}
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(doc), "utf-8")
    import_file(service, path)
    assert _texts(service) == ["Thank MIIT", "Ask about the 7 provinces left",
                               "Offer a workshop", "Name the auditors"]
    whos = [p.who for p in service.get(CID).talking_points]
    assert whos == ["akim", "akim", "mlee", "imported"]
    assert service.merge_annotations(parse_document(path.read_text("utf-8"))).commitment_ids \
        == frozenset()  # importing it again changes nothing


def test_older_files_without_talking_points_still_import(tmp_path: Path,
                                                        service: AnnotationService) -> None:
    service.add_talking_point(commitment_id=CID, text="Mine")
    doc = {"format": "jcct-desktop-annotations", "version": 2, "annotations": [
        {"commitment": CID, "tags": ["ipr"], "notes": [], "history": []}]}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), "utf-8")
    import_file(service, path)
    assert service.get(CID).tags == ("ipr",) and _texts(service) == ["Mine"]
    assert "talking_points" not in export_document(service, version=1)["annotations"][0]


@pytest.mark.parametrize(("point", "where", "says"), [
    ({"text": "a\x00b", "created": "2012-06-01T10:00:00+00:00"},
     "annotations[0].talking_points[1].text", "NUL character (U+0000)"),
    ({"text": "x" * 1001, "created": "2012-06-01T10:00:00+00:00"},
     "annotations[0].talking_points[1].text", "at most 1,000 characters"),
    ({"text": "fine"}, "annotations[0].talking_points[1].created", "ISO date-time"),
    ("just text", "annotations[0].talking_points[1]", "expected an object"),
])
def test_a_bad_point_in_a_file_names_where_and_imports_nothing(
        tmp_path: Path, service: AnnotationService, point: object, where: str,
        says: str) -> None:
    good = {"text": "good", "created": "2012-06-01T10:00:00+00:00"}
    doc = {"format": "jcct-desktop-annotations", "version": 2, "annotations": [
        {"commitment": CID, "tags": ["new"], "talking_points": [good, point]}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(ExchangeError) as refused:
        import_file(service, path)
    assert refused.value.where == where and says in refused.value.message
    assert service.all() == []
    assert _cli(tmp_path / "data", "notes", "import", str(path)) == 2


def test_exported_file_round_trips_through_the_parser(service: AnnotationService,
                                                      tmp_path: Path) -> None:
    service.add_talking_point(commitment_id=CID, text="民主 — “quotes” & <tags>")
    export_file(service, tmp_path / "x.json", own_files=OwnFiles(None))
    parsed = parse_document((tmp_path / "x.json").read_bytes())
    assert [p.text for p in parsed[0].talking_points] == ["民主 — “quotes” & <tags>"]


def test_search_finds_words_of_talking_points(service: AnnotationService) -> None:
    service.add_talking_point(commitment_id=CID, text="Ask about the Zebrafinch audit")
    assert service.search_notes("zebrafinch") == {CID}
    service.delete_talking_point(point_id=service.get(CID).talking_points[0].id)
    assert service.search_notes("zebrafinch") == set()
