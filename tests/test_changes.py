"""What changed between two dates (core.changes and ``jcct-desktop changes``), from notes written
through the real service on a real notes database, and the bundled 2011 data."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.cli.changes import CSV_COLUMNS
from jcct_desktop.core.changes import ChangesRangeError, Importance, Kind, changes_between
from jcct_desktop.store.annotations.service import AnnotationService
from jcct_desktop.store.notes.database import open_user_db

SOFT2_PROVINCES = "Provincial software legalization completed (all 31 provincial entities)"


class Moment:
    """The service's clock, moved by the test between edits."""

    def __init__(self, day: date) -> None:
        self.at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)

    def on(self, day: date) -> None:
        self.at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    """Notes an officer (and a colleague, by name) wrote between December 2011 and August 2012."""
    clock = Moment(date(2011, 12, 10))
    service = AnnotationService(open_user_db(data_dir), user="alice", clock=clock)
    try:
        service.add_note(commitment_id="2011-TELEQ-1", text="Asked MIIT about the portal.")
        clock.on(date(2012, 3, 1))
        service.record_assessment(commitment_id="2011-II-1", status="fulfilled",
                                  evidence="MOFCOM says all catalogues are gone.",
                                  view="china", source="MOFCOM press release",
                                  effective=date(2012, 2, 28))
        service.change_tags(commitment_id="2011-II-1", add=["provinces"], remove=[])
        service.set_starred(commitment_id="2011-II-1", starred=True)
        clock.on(date(2012, 7, 10))
        service.record_assessment(commitment_id="2011-SOFT-2", status="partially_fulfilled",
                                  evidence="24 of 31 provinces certified.",
                                  milestone=SOFT2_PROVINCES, effective=date(2012, 7, 1))
        service.set_follow_up(commitment_id="2011-SOFT-2", follow_up=date(2012, 7, 12))
        clock.on(date(2012, 8, 20))  # after the period: never reported
        service.add_note(commitment_id="2011-CLOUD-1", text="Seminar held in Beijing.")
    finally:
        service.close()
    return data_dir


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_standings_that_moved_come_first_with_the_day_they_moved(catalog) -> None:
    report = changes_between(catalog.commitments, [], date(2011, 11, 1), date(2012, 1, 15))
    first = report.commitments[0]
    assert first.commitment.id == "2011-II-1"  # the one deadline that passed in the period
    moved = first.items[0]
    assert (moved.kind, moved.day, moved.importance) == (
        Kind.STANDING, date(2011, 12, 2), Importance.SHORTFALL)
    assert (moved.old, moved.new) == ("due_soon", "overdue")
    # Standings are compared from the first day to the last: within one day nothing moved.
    assert changes_between(catalog.commitments, [], date(2011, 12, 2), date(2011, 12, 2)
                           ).count == 0
    # A period the wrong way round is refused.
    with pytest.raises(ChangesRangeError, match="is after"):
        changes_between(catalog.commitments, [], date(2012, 1, 2), date(2012, 1, 1))


def test_the_cli_lists_every_kind_of_change_most_important_first(seeded, capsys) -> None:
    code, out, err = _run(capsys, "changes", "--since", "2012-01-15", "--until", "2012-07-15",
                          "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["since"], doc["until"]) == ("2012-01-15", "2012-07-15")
    by_id = {c["id"]: c for c in doc["commitments"]}
    soft2 = [(i["kind"], i["date"]) for i in by_id["2011-SOFT-2"]["changes"]]
    assert soft2[0][0] == "standing"
    assert ("assessment", "2012-07-10") in soft2
    assert ("follow_up_set", "2012-07-10") in soft2 and ("follow_up_due", "2012-07-12") in soft2
    recorded = next(i for i in by_id["2011-SOFT-2"]["changes"] if i["kind"] == "assessment")
    assert recorded["author"] == "alice"
    assert "Partially fulfilled (" + SOFT2_PROVINCES + ")" in recorded["summary"]
    ii1 = by_id["2011-II-1"]["changes"]
    assert ii1[0]["kind"] == "china_report" and "MOFCOM press release" in ii1[0]["summary"]
    assert {i["kind"] for i in ii1} == {"china_report", "tags", "starred"}
    # II-1 was already overdue on 15 January: its standing did not move in the period.
    # The note of December and the one of August lie outside it.
    kinds = [i["kind"] for c in doc["commitments"] for i in c["changes"]]
    assert "note_added" not in kinds
    order = [c["id"] for c in doc["commitments"]]
    assert order.index("2011-DC-1") < order.index("2011-II-1")  # a shortfall before a claim
    assert doc["count"] == sum(len(c["changes"]) for c in doc["commitments"])


def test_text_and_csv_say_the_same(seeded, capsys) -> None:
    code, text, _ = _run(capsys, "changes", "--since", "2011-12-01", "--until", "2012-03-01")
    assert code == 0
    assert text.splitlines()[0].startswith("Changes from 2011-12-01 to 2012-03-01: ")
    assert "2011-TELEQ-1 — " in text
    assert "2011-12-10  Note added: Asked MIIT about the portal. (by alice)" in text
    code, out, _ = _run(capsys, "changes", "--since", "2011-12-01", "--until", "2012-03-01",
                        "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert any(r[0] == "2011-TELEQ-1" and r[4] == "2011-12-10" and r[5] == "note_added"
               and r[8] == "alice" for r in rows[1:])
    assert len(rows) - 1 == int(text.splitlines()[0].split(": ")[1].split()[0])


def test_until_defaults_to_as_of_and_scope_options_narrow(seeded, capsys) -> None:
    code, out, _ = _run(capsys, "--as-of", "2012-03-01", "changes", "--since", "2012-02-01",
                        "--format", "json")
    assert code == 0 and json.loads(out)["until"] == "2012-03-01"
    code, out, _ = _run(capsys, "changes", "--since", "2011-11-01", "--until", "2012-07-15",
                        "--sector", "SOFT", "--format", "json")
    assert code == 0
    assert {c["sector"] for c in json.loads(out)["commitments"]} == {"SOFT"}


def test_bad_input_is_one_line_and_exit_2(seeded, capsys) -> None:
    code, _, err = _run(capsys, "changes", "--since", "2012-07-15", "--until", "2012-01-01")
    assert code == 2 and err.count("\n") == 1 and "is after" in err
    code, _, err = _run(capsys, "changes", "--since", "2011-11-01", "--sector", "Nowhere")
    assert code == 2 and err.startswith("jcct-desktop: unknown sector 'Nowhere'")
    with pytest.raises(SystemExit) as exited:
        main(["changes", "--since", "2012-02-30"])
    assert exited.value.code == 2
    assert "29 days" in capsys.readouterr().err


def test_written_to_a_file(seeded, tmp_path: Path, capsys) -> None:
    target = tmp_path / "changes.json"
    code, _, err = _run(capsys, "changes", "--since", "2011-11-01", "--until", "2012-07-15",
                        "--format", "json", "-o", str(target))
    assert code == 0 and err.startswith("wrote ")
    assert json.loads(target.read_text(encoding="utf-8"))["count"] > 10
