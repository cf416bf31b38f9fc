"""Exports with undated milestones (issue 21), through the real CLI: JSON windows null, CSV
cells empty, the calendar leaving them out and saying how many; the window's calendar too."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from jcct_desktop.cli import main
from jcct_desktop.core.calendar_export import milestone_uid
from jcct_desktop.store.reference.reader import open_reference

DISCUSS = "Both sides actively discuss removing the barriers found"


def _undated_by_id() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in open_reference().catalog.commitments:
        for m in c.milestones:
            if m.window is None:
                out.setdefault(c.id, []).append(m.label)
    return out


def test_json_gives_undated_milestones_null_windows(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    assert main(["export", "json", "-o", str(target), "--as-of", "2012-03-01"]) == 0
    commitments = {c["id"]: c for c in json.loads(target.read_text("utf-8"))["commitments"]}
    want = _undated_by_id()
    assert sorted(want) == ["2011-CD-1", "2011-IPRND-1", "2011-SOFT-1"]
    for cid, labels in want.items():
        undated = [m for m in commitments[cid]["milestones"] if m["when"] == ""]
        assert [m["label"] for m in undated] == labels
        for m in undated:
            assert (m["earliest"], m["latest"], m["precision"]) == (None, None, None)
            assert m["standing"]["value"] == "no_deadline" and m["standing"]["since"] is None
    # IPRND-1 keeps its two dated phases first, at their places, then the undated one
    iprnd = commitments["2011-IPRND-1"]["milestones"]
    assert [m["when"] for m in iprnd] == ["in 2012", "in 2013", ""]
    assert iprnd[2]["label"] == DISCUSS


def test_csv_leaves_undated_windows_empty(data_dir: Path, tmp_path: Path) -> None:
    per_milestone = tmp_path / "milestones.csv"
    assert main(["export", "csv", "--milestones", "-o", str(per_milestone),
                 "--as-of", "2012-03-01"]) == 0
    with per_milestone.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    undated = [r for r in rows if r["id"] == "2011-SOFT-1"]
    assert [r["milestone"] for r in undated] == _undated_by_id()["2011-SOFT-1"]
    assert all(r["when"] == r["earliest"] == r["latest"] == "" for r in undated)
    assert {r["standing"] for r in undated} == {"no_deadline"}
    per_commitment = tmp_path / "commitments.csv"
    assert main(["export", "csv", "-o", str(per_commitment), "--as-of", "2012-03-01"]) == 0
    with per_commitment.open(encoding="utf-8-sig", newline="") as fh:
        by_id = {r["id"]: r for r in csv.DictReader(fh)}
    # no deadline among SOFT-1's: no deadline wording, no window
    soft = by_id["2011-SOFT-1"]
    assert soft["deadline_wording"] == soft["earliest"] == soft["latest"] == ""
    # IPRND-1: the dated phases' window only, the undated discussion is no deadline
    iprnd = by_id["2011-IPRND-1"]
    assert (iprnd["earliest"], iprnd["latest"]) == ("2012-01-01", "2013-12-31")
    assert "discuss removal" not in iprnd["deadline_wording"]


def test_the_calendar_leaves_undated_milestones_out_and_says_so(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "deadlines.ics"
    assert main(["export", "ics", "-o", str(target), "--as-of", "2011-12-01"]) == 0
    err = capsys.readouterr().err.strip()
    cal = Calendar.from_ical(target.read_bytes())
    events = [e for e in cal.walk("VEVENT")]
    assert err == (f"wrote {target} ({len(events)} events; 7 undated milestones left out "
                   "(no date to put them on))")
    summaries = " ".join(str(e["SUMMARY"]) + str(e["DESCRIPTION"]) for e in events)
    assert "2011-SOFT-1" not in summaries and "2011-CD-1" not in summaries
    assert DISCUSS not in summaries
    # IPRND-1's dated phases are still events, under their old uids (index 0 and 1)
    uids = {str(e["UID"]) for e in events}
    assert {milestone_uid("2011-IPRND-1", 0), milestone_uid("2011-IPRND-1", 1)} <= uids
    one = tmp_path / "one.ics"
    assert main(["export", "ics", "-o", str(one), "--sector", "NEV",
                 "--as-of", "2011-12-01"]) == 0
    assert "undated" not in capsys.readouterr().err  # none in scope: nothing said


def test_undated_count_is_what_the_window_reports() -> None:
    from jcct_desktop.core.calendar_export import entries, skipped_words, undated_count

    catalog = open_reference().catalog
    chosen = [c for c in catalog.commitments if c.id in ("2011-SOFT-1", "2011-IPRND-1")]
    assert undated_count(chosen) == 5
    assert skipped_words(5) == "; 5 undated milestones left out (no date to put them on)"
    assert skipped_words(1) == "; 1 undated milestone left out (no date to put them on)"
    assert skipped_words(0) == ""
    made = entries(chosen, {}, date(2011, 12, 1), catalog)
    assert len(made) == 2 and all("IPRND-1" in e.uid for e in made)
