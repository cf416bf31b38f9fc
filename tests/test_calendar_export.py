"""Deadlines to a calendar: `export ics` and File → Export deadlines to calendar…, parsed back
with icalendar: open milestones on their latest day, follow-ups, stable UIDs, a private file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from jcct_desktop import cli
from jcct_desktop.store.annotations import AnnotationService
from tests.ui_support import OFFSCREEN_NOISE

SOFT = "2011-SOFT-2"
PROVINCIAL = "Provincial software legalization completed (all 31 provincial entities)"


def _events(path: Path) -> dict[str, dict]:
    cal = Calendar.from_ical(path.read_bytes())
    return {
        str(e["UID"]): {"day": e.decoded("DTSTART"), "end": e.decoded("DTEND"),
                        "summary": str(e["SUMMARY"]), "description": str(e["DESCRIPTION"]),
                        "sequence": int(e["SEQUENCE"]), "status": str(e["STATUS"])}
        for e in cal.walk("VEVENT")
    }


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # cli.main exports --data-dir to the environment: put it back after the test
    monkeypatch.setenv("JCCT_DATA_DIR", str(tmp_path / "notes"))
    service = AnnotationService.open(tmp_path / "notes")
    service.record_assessment(commitment_id=SOFT, status="fulfilled", evidence="audit",
                              effective=date(2012, 3, 1), milestone=PROVINCIAL)
    service.record_assessment(commitment_id=SOFT, status="fulfilled", view="china",
                              evidence="China says all done", effective=date(2012, 1, 2))
    service.set_follow_up(commitment_id=SOFT, follow_up=date(2012, 2, 1))
    service.set_starred(commitment_id=SOFT, starred=True)
    service.close()
    return tmp_path / "notes"


def _export(notes: Path, out: Path, *extra: str) -> int:
    return cli.main(["--data-dir", str(notes), "export", "ics", "-o", str(out), *extra])


def test_open_milestones_and_follow_ups_parse_back(notes: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.ics"
    assert _export(notes, out, "--as-of", "2012-04-01") == 0
    assert out.stat().st_mode & 0o777 == 0o600
    events = _events(out)
    # the provincial milestone is met (ours, effective 2012-03-01): sent as cancelled, so a
    # calendar that had it drops it; the municipal one is open
    provincial = events[f"{SOFT}-m0@jcct-desktop"]
    assert provincial["status"] == "CANCELLED" and provincial["sequence"] == 1
    municipal = events[f"{SOFT}-m1@jcct-desktop"]
    assert municipal["status"] == "CONFIRMED"
    assert municipal["day"] == date(2013, 12, 31) and municipal["end"] == date(2014, 1, 1)
    assert SOFT in municipal["description"] and "“" in municipal["description"]
    follow = events[f"{SOFT}-follow-up@jcct-desktop"]
    assert follow["day"] == date(2012, 2, 1) and follow["summary"].endswith("— follow up")
    # a window closed before the as-of date is not "open"; 2011-II-1 closed on 2011-12-01
    assert "2011-II-1-m0@jcct-desktop" not in events


def test_as_of_before_the_assessment_keeps_the_milestone_open(notes: Path, tmp_path: Path):
    out = tmp_path / "early.ics"
    assert _export(notes, out, "--as-of", "2012-01-15") == 0  # China's report never settles
    events = _events(out)
    assert events[f"{SOFT}-m0@jcct-desktop"]["day"] == date(2012, 6, 30)
    again = tmp_path / "again.ics"
    assert _export(notes, again, "--as-of", "2012-01-15") == 0
    assert set(_events(again)) == set(events)  # stable UIDs: a re-import updates


def test_starred_and_sector_scopes(notes: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.ics"
    assert _export(notes, out, "--as-of", "2012-01-15", "--starred") == 0
    assert {u.split("-m")[0].split("-follow")[0] for u in _events(out)} == {SOFT}
    assert _export(notes, out, "--as-of", "2012-01-15", "--sector", "NEV") == 0
    assert all(uid.startswith("2011-NEV") for uid in _events(out))
    capsys.readouterr()
    assert _export(notes, out, "--sector", "Nowhere") == 2
    err = capsys.readouterr().err
    assert "unknown sector 'Nowhere'" in err and err.count("\n") == 1


@OFFSCREEN_NOISE
def test_file_menu_exports_the_commitments_shown(qtbot, make_window, notes, tmp_path,
                                                 monkeypatch):
    from jcct_desktop.ui import calendar_action

    service = AnnotationService.open(notes)
    window = make_window(annotations=service, as_of=date(2012, 1, 15))
    out = tmp_path / "menu.ics"
    monkeypatch.setattr(calendar_action.CalendarFileChooser, "ask_save",
                        classmethod(lambda cls, parent: out))
    window.set_search_text("software")
    qtbot.waitUntil(lambda: SOFT in window.visible_commitment_ids()
                    and len(window.visible_commitment_ids()) < 10)
    action = window.actions_by_name["export_ics"]
    assert action.text() == "Export deadlines to &calendar…"
    action.trigger()
    events = _events(out)
    assert f"{SOFT}-m0@jcct-desktop" in events and f"{SOFT}-follow-up@jcct-desktop" in events
    assert all(u.split("-m")[0].split("-follow")[0] in window.visible_commitment_ids()
               for u in events)
    assert out.stat().st_mode & 0o777 == 0o600
    window.close()
    service.close()


def test_events_stand_alone_and_their_sequence_rises_when_they_change(notes: Path,
                                                                     tmp_path: Path) -> None:
    before = tmp_path / "before.ics"
    assert _export(notes, before, "--as-of", "2012-04-01") == 0
    events = _events(before)
    municipal = events[f"{SOFT}-m1@jcct-desktop"]
    # a title that says which dialogue, which year and whose commitment, in any calendar
    assert municipal["summary"] == (
        "JCCT 2011 · China: Government software legalization: provinces by mid-2012, "
        "municipalities and counties by 2013 — deadline: Municipal and county software "
        "legalization completed")
    assert municipal["description"].startswith(f"{SOFT} — Government software legalization")
    assert "Citation: 2011-SOFT-2, 22nd JCCT fact sheet, Nov 21 2011" in municipal["description"]
    assert f"Our assessment: Fulfilled (milestone: {PROVINCIAL})" in municipal["description"]
    # a new assessment changes the events: their SEQUENCE rises, so a re-import updates them
    service = AnnotationService.open(notes)
    service.record_assessment(commitment_id=SOFT, status="in_progress", evidence="counties",
                              effective=date(2012, 3, 15))
    service.set_follow_up(commitment_id=SOFT, follow_up=date(2012, 5, 1))
    service.close()
    after = tmp_path / "after.ics"
    assert _export(notes, after, "--as-of", "2012-04-01") == 0
    later = _events(after)
    for uid in (f"{SOFT}-m1@jcct-desktop", f"{SOFT}-follow-up@jcct-desktop"):
        assert later[uid]["sequence"] > events[uid]["sequence"], uid
    assert "Our assessment: In progress" in later[f"{SOFT}-m1@jcct-desktop"]["description"]
    unchanged = "2011-CLOUD-1-m0@jcct-desktop"
    assert later[unchanged]["sequence"] == events[unchanged]["sequence"] == 0
    assert later[unchanged]["summary"].startswith("JCCT 2011 · ")
