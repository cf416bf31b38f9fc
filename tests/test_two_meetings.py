"""Two meetings side by side: the bundled 22nd JCCT and a 23rd JCCT imported in the test.

The 23rd JCCT text (tests/data/jcct-23-fixture.txt) is a fixture written for this test (we
hold no full text of that fact sheet); it uses the forms the issue names: an extension of the
2011 software commitment to state-owned enterprises and an outcome opening "Building on an
existing JCCT commitment".
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.core.model import Relation
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.reference.imported_meetings import imported_docs, open_with_imports
from jcct_desktop.ui.tree.items import TreeSource
from tests.source_checks import not_verbatim, uncovered
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

REPO = Path(__file__).resolve().parents[1]
SHEET_23 = (Path(__file__).parent / "data" / "jcct-23-fixture.txt").read_text("utf-8")


@pytest.fixture
def two(data_dir: Path, tmp_path: Path, capsys) -> dict:
    sheet = tmp_path / "jcct-23.txt"
    sheet.write_text(SHEET_23, "utf-8")
    drafts_path = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(sheet), "--dialogue", "jcct", "--number", "23",
                 "--date", "2012-12-19", "--place", "Washington, D.C.",
                 "-o", str(drafts_path)]) == 0  # fmt: skip
    drafts = json.loads(drafts_path.read_text("utf-8"))
    by_id = {c["id"]: c for c in drafts["commitments"]}
    # The officer's review: resolve the link candidates and name the issue areas.
    soft = by_id["jcct-23-SL-1"]
    soft["links"] = [{"relation": "extends", "target": "2011-SOFT-1", "span": soft["span"]}]
    ipr = by_id["jcct-23-IPR-1"]
    assert [lk["relation"] for lk in ipr["links"]] == ["builds_on", "builds_on"]
    ipr["links"] = [dict(ipr["links"][0], target="2011-OLCP-1")]
    ipr["areas"] = ["Intellectual property rights"]
    drafts_path.write_text(json.dumps(drafts), "utf-8")
    assert main(["import", "factsheet", "--apply", str(drafts_path)]) == 0
    capsys.readouterr()
    return {"drafts": drafts, "data_dir": data_dir}


def test_ids_milestones_and_flags(two) -> None:
    cat = open_with_imports(two["data_dir"]).catalog
    assert [m.id for m in cat.meetings] == ["jcct-22", "jcct-23"]
    assert [m.label for m in cat.meetings] == ["22nd JCCT (2011)", "23rd JCCT (2012)"]
    assert "2011-NEV-1" in cat and "jcct-23-SL-1" in cat
    soft = cat.commitment("jcct-23-SL-1")
    [m] = soft.milestones
    assert (m.when, str(m.window.earliest), str(m.window.latest)) == (
        "within six months", "2012-12-19", "2013-06-19")  # fmt: skip
    # "by the next JCCT": the 24th's date is unknown, so it is saved undated and flagged
    assert cat.commitment("jcct-23-IPR-1").milestones == ()
    [doc] = imported_docs(two["data_dir"])
    flags = [r["flag"] for r in doc["review"] if r["item"] == "jcct-23-IPR-1"]
    assert "undated milestone: 'by the next JCCT'" in flags
    assert cat.commitment("jcct-23-IPR-2").party.value == "both"
    assert cat.fact_sheets_of("jcct-23")[0].kind == "us"


def test_links_read_both_ways(two) -> None:
    cat = open_with_imports(two["data_dir"]).catalog
    [ext] = cat.links_to("2011-SOFT-1")
    assert (ext.source, ext.relation) == ("jcct-23-SL-1", Relation.EXTENDS)
    assert [lk.target for lk in cat.links_from("jcct-23-IPR-1")] == ["2011-OLCP-1"]
    assert cat.commitment("jcct-23-IPR-1").areas == ("Intellectual property rights",)


def test_tree_and_search_show_both_meetings(two) -> None:
    ref = open_with_imports(two["data_dir"])
    root = TreeSource(ref.catalog).build({})
    meetings = [(item.key, item.label) for item in root.children()]
    assert meetings == [("jcct-22", "22nd JCCT (2011)"), ("jcct-23", "23rd JCCT (2012)")]
    assert ref.search.commitment_ids("state-owned") == {"jcct-23-SL-1"}
    found = ref.search.commitment_ids("legalization")
    assert "jcct-23-SL-1" in found and "2011-SOFT-2" in found


def test_meeting_option_and_notes_on_both(two, tmp_path: Path, capsys) -> None:
    service = AnnotationService.open(two["data_dir"])
    service.add_note(commitment_id="2011-SOFT-1", text="audit results published")
    service.add_note(commitment_id="jcct-23-SL-1", text="SOE pilot list due")
    service.close()
    assert main(["export", "json", "--meeting", "jcct-23", "-o", str(tmp_path / "a.json")]) == 0
    data = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert [m["id"] for m in data["meetings"]] == ["jcct-23"]
    assert [c["id"] for c in data["commitments"]] == [
        "jcct-23-SL-1", "jcct-23-IPR-1", "jcct-23-IPR-2"]  # fmt: skip
    assert data["commitments"][0]["notes"][0]["text"] == "SOE pilot list due"
    assert main(["export", "json", "-o", str(tmp_path / "all.json")]) == 0
    everything = json.loads((tmp_path / "all.json").read_text("utf-8"))
    notes = {c["id"]: [n["text"] for n in c["notes"]] for c in everything["commitments"]}
    assert notes["2011-SOFT-1"] == ["audit results published"]
    by_id = {c["id"]: c for c in everything["commitments"]}
    assert by_id["jcct-23-SL-1"]["links"] == [{"relation": "extends", "target": "2011-SOFT-1"}]
    assert by_id["2011-SOFT-1"]["linked_from"] == [
        {"relation": "extends", "source": "jcct-23-SL-1"}
    ]
    assert by_id["2011-SOFT-1"]["areas"] == [
        "Intellectual property rights",
        "Government procurement",
    ]
    assert [m["dialogue"] for m in everything["meetings"]] == ["jcct", "jcct"]
    assert len(everything["commitments"]) == 43
    assert main(["export", "csv", "--meeting", "nope"]) == 2
    assert "unknown meeting 'nope'; known: jcct-22, jcct-23" in capsys.readouterr().err


def test_packets_per_meeting(two, tmp_path: Path) -> None:
    for meeting, present, absent in [
        ("jcct-23", "jcct-23-SL-1", "2011-NEV-1"),
        ("jcct-22", "2011-NEV-1", "jcct-23-SL-1"),
    ]:
        out = tmp_path / f"{meeting}.pdf"
        assert main(["export", "pdf", "-o", str(out), "--meeting", meeting,
                     "--deterministic"]) == 0  # fmt: skip
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
        # the other meeting has no section; a link to it is still named, as not shown
        shown_as_link = text.count(f"{absent} (not in the meetings shown)")
        assert present in text and text.count(absent) == shown_as_link
    ics = tmp_path / "c.ics"
    assert main(["export", "ics", "--meeting", "jcct-23", "--as-of", "2013-01-01",
                 "-o", str(ics)]) == 0  # fmt: skip
    unfolded = ics.read_text("utf-8").replace("\r\n ", "").replace("\n ", "")  # RFC 5545 folding
    assert "UID:jcct-23-SL-1-m0@jcct-desktop" in unfolded


def _bundled_source() -> tuple[dict, str]:
    doc = tomllib.loads((REPO / "db" / "jcct-2011.toml").read_text("utf-8"))
    return doc, (REPO / doc["fact_sheets"][0]["source"]).read_text("utf-8")


def test_verbatim_and_coverage_for_every_source(two) -> None:
    """Each meeting we hold, bundled or imported, against its own fact sheet text."""
    imported = imported_docs(two["data_dir"])[0]
    sources = [_bundled_source(), (imported, two["drafts"]["source"]["text"])]
    for doc, text in sources:
        assert not_verbatim(doc, text) == []
        assert uncovered(doc, text) == []


def test_a_damaged_meetings_database_is_rebuilt_from_the_kept_documents(two) -> None:
    path = two["data_dir"] / "meetings.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    cat = open_with_imports(two["data_dir"]).catalog
    assert "jcct-23-SL-1" in cat and [lk.target for lk in cat.links_from("jcct-23-SL-1")] == [
        "2011-SOFT-1"
    ]
    assert path.read_bytes()[:15] == b"SQLite format 3"


def test_imported_meetings_travel_with_the_notes_backups(two) -> None:
    """Issue 14: the imported meetings are backed up with the notes and come back on restore."""
    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.store.notes import backups, recovery
    from jcct_desktop.store.reference.imported_meetings import DOCS

    data = two["data_dir"]
    assert backups.MEETING_DOCS == DOCS  # the backup copies the folder the importer keeps
    service = AnnotationService.open(data)
    service.add_note(commitment_id="jcct-23-SL-1", text="on the imported meeting")
    copy = backups.backup_now(data, reason="manual")
    kept = backups.meeting_docs_of(copy)
    assert sorted(p.name for p in kept.iterdir()) == ["jcct-23.json"]
    # the meeting is lost from the live folder (a careless clean-up), then the backup restored
    (data / DOCS / "jcct-23.json").unlink()
    (data / "meetings.sqlite").unlink()
    assert "jcct-23-SL-1" not in open_with_imports(two["data_dir"]).catalog
    recovery.restore(copy, service)
    service.close()
    assert (data / DOCS / "jcct-23.json").read_bytes() == (kept / "jcct-23.json").read_bytes()
    catalog = open_with_imports(two["data_dir"]).catalog  # rebuilt from the document brought back
    assert "jcct-23-SL-1" in catalog
    # rotation takes the documents' folder away with its backup
    copy.unlink()
    first = backups.datetime(2000, 1, 1, tzinfo=backups.UTC)
    old = backups.backup_now(data, now=first)
    assert backups.meeting_docs_of(old).is_dir()
    for day in range(1, 31):  # 30 newer days with a copy (issue 19): the oldest then goes
        backups.backup_now(data, now=first + backups.timedelta(days=day))
    backups.rotate(data)
    assert not old.exists() and not backups.meeting_docs_of(old).exists()


@OFFSCREEN_NOISE
def test_a_meeting_imported_while_the_window_is_open_joins_it_at_once(
    data_dir: Path, tmp_path: Path, qtbot, reference, capsys
) -> None:
    """Issue 14: the window shows a newly imported meeting without a restart."""

    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    assert "jcct-23-SL-1" not in window.visible_commitment_ids()
    assert not window.meeting_filter.meeting.isVisible()  # one meeting: nothing to choose
    sheet = tmp_path / "jcct-23.txt"
    sheet.write_text(SHEET_23, "utf-8")
    drafts = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(sheet), "--dialogue", "jcct", "--number", "23",
                 "--date", "2012-12-19", "-o", str(drafts)]) == 0  # fmt: skip
    assert main(["import", "factsheet", "--apply", str(drafts)]) == 0
    combined = open_with_imports(data_dir)
    window.set_reference(combined.catalog, combined.search)  # what File → Import does after
    assert "jcct-23-SL-1" in window.visible_commitment_ids()
    assert window.select_commitment("jcct-23-SL-1")
    assert "jcct-23-SL-1" in window.detail.plain_text()
    assert window.meeting_filter.meeting.isVisible()
    labels = [window.meeting_filter.meeting.itemText(i)
              for i in range(window.meeting_filter.meeting.count())]
    assert any("23rd" in label for label in labels)
    window.meeting_filter.meeting.setCurrentIndex(window.meeting_filter.meeting.findData("jcct-23"))
    qtbot.waitUntil(lambda: "2011-NEV-1" not in window.visible_commitment_ids())
    assert "jcct-23-SL-1" in window.visible_commitment_ids()
