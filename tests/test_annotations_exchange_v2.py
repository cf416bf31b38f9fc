"""Exchange format version 2: every assessment travels; v1 files still import and can still be
written; bad assessments name the commitment and import nothing."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.cli import notes as cli_notes
from jcct_desktop.core.annotations import Assessment
from jcct_desktop.core.annotations.exchange import (
    ExchangeError,
    export_document,
    export_file,
    import_file,
    parse_document,
)
from jcct_desktop.core.annotations.model import View
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.backups import list_backups

CID = "2011-SOFT-2"
PROVINCIAL = "Provincial software legalization completed (all 31 provincial entities)"


def _seed(service: AnnotationService) -> None:
    service.record_assessment(commitment_id=CID, status="fulfilled", view="china",
                              evidence="All provinces done", source="Xinhua",
                              effective=date(2012, 7, 2), milestone=PROVINCIAL)
    service.record_assessment(commitment_id=CID, status="partially_fulfilled",
                              evidence="Audit: 24 of 31", effective=date(2012, 7, 15),
                              milestone=PROVINCIAL)
    service.record_assessment(commitment_id="2011-NEV-1", status="in_progress", evidence="draft")


def _cli(data_dir: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)  # a folder, as cli.entry.main hands it on
    cli_notes.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["--data-dir", str(data_dir), *argv])
    return args.handler(args)


def test_v2_round_trip_keeps_every_record_and_is_idempotent(tmp_path: Path) -> None:
    src = AnnotationService.open(tmp_path / "a")
    _seed(src)
    export_file(src, tmp_path / "out.json", own_files=OwnFiles(None))
    doc = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert doc["version"] == 2
    soft = next(a for a in doc["annotations"] if a["commitment"] == CID)
    assert "assessment" not in soft
    china = soft["assessments"][0]
    assert {k: china[k] for k in ("view", "status", "source", "effective", "milestone")} == {
        "view": "china", "status": "fulfilled", "source": "Xinhua", "effective": "2012-07-02",
        "milestone": PROVINCIAL}
    assert set(china) >= {"view", "status", "evidence", "source", "effective", "milestone",
                          "recorded"}
    dst = AnnotationService.open(tmp_path / "b")
    import_file(dst, tmp_path / "out.json")
    assert dst.get(CID).assessments == src.get(CID).assessments
    assert dst.get(CID).status is Assessment.PARTIALLY_FULFILLED
    before = dst.all()
    assert import_file(dst, tmp_path / "out.json").commitment_ids == frozenset()
    assert dst.all() == before
    src.close()
    dst.close()


def test_format_version_1_for_colleagues_on_the_old_app(tmp_path: Path) -> None:
    src = AnnotationService.open(tmp_path / "a")
    _seed(src)
    out = tmp_path / "v1.json"
    assert _cli(tmp_path / "a", "notes", "export", str(out), "--format-version", "1") == 0
    doc = json.loads(out.read_text("utf-8"))
    assert doc["version"] == 1
    soft = next(a for a in doc["annotations"] if a["commitment"] == CID)
    assert "assessments" not in soft
    assert soft["assessment"]["status"] == "partially_fulfilled"  # our current one only
    # and a v1 file reads as ours, whole commitment, effective on the date of "changed"
    (a,) = [x for x in parse_document(out.read_bytes()) if x.commitment_id == CID]
    dst = AnnotationService.open(tmp_path / "b")
    dst.merge_annotations([a])
    (record,) = dst.get(CID).assessments
    assert (record.view, record.milestone) == (View.US, None)
    assert record.effective == src.get(CID).status_changed.date()
    src.close()
    dst.close()


def _v2(*records: dict, cid: str = CID) -> bytes:
    base = {"view": "us", "status": "fulfilled", "evidence": "e", "source": "",
            "effective": "2012-07-02", "milestone": None,
            "recorded": "2012-07-03T00:00:00+00:00"}
    doc = {"format": "jcct-desktop-annotations", "version": 2,
           "annotations": [{"commitment": "2011-NEV-1", "notes": [
               {"text": "valid and first", "created": "2012-01-01T00:00:00+00:00"}]},
               {"commitment": cid, "assessments": [{**base, **r} for r in records]}]}
    return json.dumps(doc).encode()


BAD = [
    ({"effective": "2999-01-01"}, "after today"),
    ({"view": "them"}, "unknown view"),
    ({"evidence": "  "}, "needs its evidence"),
    ({"milestone": "Nationwide completion"}, "has no milestone 'Nationwide completion'"),
    ({"effective": "mid-2012"}, "ISO date"),
]


@pytest.mark.parametrize(("record", "message"), BAD)
def test_bad_assessment_names_the_commitment_and_imports_nothing(
    tmp_path: Path, capsys, record: dict, message: str
) -> None:
    service = AnnotationService.open(tmp_path)
    service.add_note(commitment_id="A", text="keep me")
    before = export_document(service)["annotations"]
    service.close()
    path = tmp_path / "bad.json"
    path.write_bytes(_v2(record))
    assert _cli(tmp_path, "notes", "import", str(path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and CID in err and message in err
    assert "nothing was imported" in err and "Traceback" not in err
    service = AnnotationService.open(tmp_path)
    assert export_document(service)["annotations"] == before
    assert list_backups(tmp_path) == []  # refused before any backup was made
    service.close()


def test_milestones_of_unknown_commitments_are_kept_unchecked(tmp_path: Path) -> None:
    path = tmp_path / "orphan.json"
    path.write_bytes(_v2({"milestone": "Any label"}, cid="2099-GONE-1"))
    assert _cli(tmp_path, "notes", "import", str(path)) == 0
    service = AnnotationService.open(tmp_path)
    assert service.get("2099-GONE-1").assessments[0].milestone == "Any label"
    service.close()


def test_a_future_effective_date_is_refused_by_the_parser_too() -> None:
    with pytest.raises(ExchangeError, match="after today"):
        parse_document(_v2({"effective": "2012-07-02"}), today=date(2012, 7, 1))


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_file_menu_import_checks_milestones_before_any_backup(
    qtbot, reference, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QWidget

    from jcct_desktop.core.annotations.exchange import catalog_labels
    from jcct_desktop.ui.annotations import backup_actions

    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(backup_actions.Notice, "show",
                        classmethod(lambda c, p, title, text, **k: shown.append((title, text))))
    path = tmp_path / "bad.json"
    path.write_bytes(_v2({"milestone": "Nationwide completion"}))
    monkeypatch.setattr(backup_actions.FileChooser, "ask_open", classmethod(lambda c, p: path))
    monkeypatch.setattr(backup_actions.ImportPreviewDialog, "ask",
                        classmethod(lambda c, p, preview, source: True))
    service = AnnotationService.open(tmp_path / "data")
    labels = catalog_labels(reference.catalog)
    assert not backup_actions.import_annotations(parent, service, labels_of=labels)
    assert shown[-1][0] == "Nothing imported" and CID in shown[-1][1]
    assert list_backups(service.data_dir) == [] and service.all() == []
    path.write_bytes(_v2({"milestone": PROVINCIAL}))
    assert backup_actions.import_annotations(parent, service, labels_of=labels)
    assert service.get(CID).assessments[0].milestone == PROVINCIAL
    service.close()
