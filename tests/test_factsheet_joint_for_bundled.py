"""A joint fact sheet imported for the bundled 22nd JCCT (issue 21): drafted as a second sheet,
saved by ``--apply`` as a document of its own, its commitments the bundled meeting's in the
exports, the search, the packet and the window's tree; removed again, the bundled meeting
stays as it was and notes on the removed commitments are kept as orphans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.reference.imported_meetings import DB_NAME, DOCS, open_with_imports
from jcct_desktop.store.reference.reader import open_reference
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

JOINT = Path(__file__).parent / "data" / "jcct-22-joint-synthetic.txt"
JOINT_IDS = ["jcct-22-JCA-1", "jcct-22-JCA-2", "jcct-22-JBEE-1"]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err.strip()


def _draft(capsys, tmp_path: Path, kind: str = "joint") -> tuple[int, str, Path]:
    drafts = tmp_path / f"drafts-{kind}.json"
    code, _, err = _run(capsys, "import", "factsheet", str(JOINT), "--dialogue", "jcct",
                        "--number", "22", "--date", "2011-11-21", "--kind", kind,
                        "-o", str(drafts))  # fmt: skip
    return code, err, drafts


@pytest.fixture
def joint(data_dir: Path, tmp_path: Path, capsys) -> Path:
    code, err, drafts = _draft(capsys, tmp_path)
    assert code == 0 and err.startswith("drafted 3 commitments, 2 facts, 2 sectors")
    code, _, err = _run(capsys, "import", "factsheet", "--apply", str(drafts))
    assert (code, err) == (0, f"saved meeting jcct-22 (3 commitments) into {data_dir / DB_NAME}")
    return drafts


def test_the_joint_sheet_drafts_as_a_second_sheet_of_the_bundled_meeting(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    code, _, path = _draft(capsys, tmp_path)
    drafts = json.loads(path.read_text("utf-8"))
    assert code == 0 and drafts["meeting"]["adds_to"] == "jcct-22"
    assert [s["code"] for s in drafts["sectors"]] == ["JCA", "JBEE"]  # none of the bundled
    assert [c["id"] for c in drafts["commitments"]] == JOINT_IDS
    # the bundled meeting has its U.S. sheet: a second one is refused in one line
    code, err, _ = _draft(capsys, tmp_path, "us")
    assert (code, err) == (2, "jcct-desktop: meeting jcct-22 already has a U.S. fact sheet; "
                              "nothing done")  # fmt: skip


def test_its_commitments_are_the_bundled_meetings_in_the_json_export(
    joint, data_dir: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "all.json"
    assert _run(capsys, "export", "json", "-o", str(out))[0] == 0
    exported = json.loads(out.read_text("utf-8"))
    assert [m["id"] for m in exported["meetings"]] == ["jcct-22"]  # one meeting, not two
    ids = [c["id"] for c in exported["commitments"]]
    assert len(ids) == 43 and ids[-3:] == JOINT_IDS  # after the bundled ones, in sheet order
    by_id = {c["id"]: c for c in exported["commitments"]}
    assert {by_id[i]["meeting"] for i in JOINT_IDS} == {"jcct-22"}
    assert "airspace rules" in by_id["jcct-22-JCA-2"]["source_text"]
    # the bundled meeting's own data come from the bundled database, unchanged
    bundled = open_reference().catalog
    merged = open_with_imports(data_dir).catalog
    assert merged.meeting("jcct-22") == bundled.meeting("jcct-22")
    assert [fs.id for fs in merged.fact_sheets_of("jcct-22")] == ["jcct-22-us", "jcct-22-joint"]
    assert merged.commitment("jcct-22-JCA-2").fact_sheet == "jcct-22-joint"
    code, out_text, _ = _run(capsys, "meetings", "list")
    assert code == 0 and out_text.splitlines() == [
        "jcct-22\t22nd JCCT (2011)\t2011-11-20 – 2011-11-21\t43 commitments\t"
        "bundled + imported joint fact sheet"]


def test_its_commitments_are_searched_and_in_packets(joint, data_dir: Path, tmp_path: Path,
                                                     capsys) -> None:
    ref = open_with_imports(data_dir)
    ctx = FilterContext(ref.catalog, ref.search)
    assert matching_ids(Filter(text="airspace"), ctx, AS_OF) == {"jcct-22-JCA-2"}
    assert matching_ids(Filter(text="aviation"), ctx, AS_OF) == {"jcct-22-JCA-1",
                                                                 "jcct-22-JCA-2"}
    assert matching_ids(Filter(text="JBEE-1"), ctx, AS_OF) == {"jcct-22-JBEE-1"}
    out = tmp_path / "aviation.pdf"
    code, _, err = _run(capsys, "export", "pdf", "--query", "aviation", "-o", str(out),
                        "--deterministic")  # fmt: skip
    assert code == 0 and err.endswith(", 2 commitments)")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "jcct-22-JCA-1" in text and "jcct-22-JCA-2" in text and "2011-NEV-1" not in text


@OFFSCREEN_NOISE
def test_the_window_tree_shows_them_under_the_bundled_meeting(joint, data_dir: Path, qtbot,
                                                              tmp_path) -> None:
    window = build_window(qtbot, open_with_imports(data_dir), tmp_path, as_of=AS_OF,
                          data_dir=data_dir)
    shown = window.visible_commitment_ids()
    assert len(shown) == 43 and shown[-3:] == JOINT_IDS
    window.set_search_text("airspace")
    assert window.visible_commitment_ids() == ["jcct-22-JCA-2"]


def test_removing_it_leaves_the_bundled_meeting_and_keeps_the_notes(
    joint, data_dir: Path, tmp_path: Path, capsys
) -> None:
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="jcct-22-JCA-1", text="safety dialogue venue?")
    service.add_note(commitment_id="2011-NEV-1", text="bundled note")
    service.close()
    code, _, err = _run(capsys, "meetings", "remove", "jcct-22")
    assert code == 0 and "\n" not in err
    assert err.startswith("removed the joint fact sheet imported for jcct-22 (the bundled "
                          "meeting stays) (3 commitments); notes backed up")  # fmt: skip
    assert not (data_dir / DOCS / "jcct-22.json").exists()
    catalog = open_with_imports(data_dir).catalog
    bundled = open_reference().catalog
    assert catalog.meetings == bundled.meetings and catalog.commitments == bundled.commitments
    assert [fs.id for fs in catalog.fact_sheets_of("jcct-22")] == ["jcct-22-us"]
    service = AnnotationService.open(data_dir)
    assert [a.commitment_id for a in service.orphans(catalog.ids)] == ["jcct-22-JCA-1"]
    service.close()
    assert _run(capsys, "meetings", "list")[1].rstrip().endswith("\tbundled")
    # a second remove finds nothing of ours to remove: the bundled meeting itself never goes
    code, _, err = _run(capsys, "meetings", "remove", "jcct-22")
    assert (code, err) == (2, "jcct-desktop: jcct-22 is a bundled meeting; only imported "
                              "meetings can be removed")  # fmt: skip
    # imported again: the same ids, so the note is on its commitment again
    assert _run(capsys, "import", "factsheet", "--apply", str(joint))[0] == 0
    out = tmp_path / "again.json"
    assert _run(capsys, "export", "json", "-o", str(out))[0] == 0
    by_id = {c["id"]: c for c in json.loads(out.read_text("utf-8"))["commitments"]}
    assert [n["text"] for n in by_id["jcct-22-JCA-1"]["notes"]] == ["safety dialogue venue?"]


def test_a_second_joint_sheet_is_refused_and_nothing_changes(
    joint, data_dir: Path, tmp_path: Path, capsys
) -> None:
    saved = (data_dir / DOCS / "jcct-22.json").read_bytes()
    code, err, _ = _draft(capsys, tmp_path)
    assert (code, err) == (2, "jcct-desktop: meeting jcct-22 already has a joint fact sheet; "
                              "nothing done")  # fmt: skip
    code, _, err = _run(capsys, "import", "factsheet", "--apply", str(joint))
    assert (code, err) == (2, "jcct-desktop: fact jcct-22-JCA-F1: the id is already used by "
                              "the 22nd JCCT (2011)")  # fmt: skip
    assert (data_dir / DOCS / "jcct-22.json").read_bytes() == saved


@OFFSCREEN_NOISE
def test_the_window_removes_the_sheet_not_the_bundled_meeting(
    joint, data_dir: Path, qtbot, tmp_path, monkeypatch
) -> None:
    from jcct_desktop.ui.factsheet_import.action import RemoveMeetingAsk

    asked: list[list[str]] = []
    monkeypatch.setattr(RemoveMeetingAsk, "choose",
                        classmethod(lambda cls, w, labels: asked.append(labels) or 0))
    monkeypatch.setattr(RemoveMeetingAsk, "confirm", classmethod(lambda cls, w, text: True))
    window = build_window(qtbot, open_with_imports(data_dir), tmp_path, as_of=AS_OF,
                          data_dir=data_dir)
    window.actions_by_name["remove_meeting"].trigger()
    assert asked == [["The joint fact sheet imported for the 22nd JCCT (2011) (jcct-22)"]]
    assert len(window.visible_commitment_ids()) == 40
    assert "jcct-22-JCA-1" not in window.visible_commitment_ids()
    assert window.statusBar().currentMessage().startswith(
        "Removed the joint fact sheet imported for the 22nd JCCT (2011) (the bundled meeting "
        "stays)")
