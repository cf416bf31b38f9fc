"""`export json|csv --as-of`: what was known that day (status, notes, tags, follow-ups, as the
packet does), what was left out said, a milestone's assessment named, and one CSV row per
milestone with ours and China's view. Real notes database, real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from tests.notes_support import II, PROVINCIAL, SOFT, one_clean_line, record_history, run


@pytest.fixture
def notes(data_dir: Path) -> Path:
    from jcct_desktop.store.annotations import AnnotationService

    service = AnnotationService.open(data_dir)
    record_history(service, "kestrel: written long after 2012", ["software"])
    service.close()
    return data_dir


def _json(tmp_path: Path, data_dir: Path, *extra: str) -> dict:
    out = tmp_path / "d.json"
    assert main(["--data-dir", str(data_dir), "export", "json", "-o", str(out), *extra]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_an_export_as_of_a_past_day_carries_what_was_known_then(tmp_path, notes, capsys):
    data = _json(tmp_path, notes, "--as-of", "2012-01-15")
    soft = {c["id"]: c for c in data["commitments"]}[SOFT]
    # the fulfilment is effective 2012-03-01: not known on 2012-01-15, so not the status
    assert soft["status"] == "not_assessed" and soft["standing"]["value"] == "open"
    assert soft["assessments"] == [] and soft["status_milestone"] is None
    assert soft["notes"] == [] and soft["tags"] == [] and soft["follow_up"] is None
    assert soft["left_out"] == {"notes": 1, "assessments": 2, "follow_up": True,
                                "tags_changed": True}
    assert data["left_out"]["notes"] == 1 and data["left_out"]["assessments"] == 3
    said = capsys.readouterr().err
    assert "as of 2012-01-15: left out 1 note written later; 3 assessments effective later" \
        in said
    assert "1 follow-up date (today's plan)" in said


def test_an_export_as_of_today_has_everything_and_names_the_milestone(tmp_path, notes,
                                                                      capsys):
    data = _json(tmp_path, notes)
    soft = {c["id"]: c for c in data["commitments"]}[SOFT]
    assert soft["status"] == "fulfilled"
    assert soft["status_milestone"] == PROVINCIAL  # the milestone's, not the commitment's
    assert soft["status_effective"] == "2012-03-01"
    assert [n["text"] for n in soft["notes"]] == ["kestrel: written long after 2012"]
    assert soft["tags"] == ["software"] and soft["follow_up"] == "2030-01-01"
    assert not any(soft["left_out"].values())
    assert "left out" not in capsys.readouterr().err


def test_csv_has_follow_up_china_and_effective_columns(tmp_path, notes):
    out = tmp_path / "d.csv"
    assert main(["--data-dir", str(notes), "export", "csv", "-o", str(out),
                 "--as-of", "2012-07-15"]) == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        out.read_bytes().decode("utf-8-sig")))}
    soft, ii = rows[SOFT], rows[II]
    assert (soft["status"], soft["status_milestone"], soft["status_effective"]) == (
        "fulfilled", PROVINCIAL, "2012-03-01")
    assert soft["follow_up"] == ""  # a past day's export has no follow-up: today's plan
    assert "follow-up" in soft["left_out"] and "later notes" in soft["left_out"]
    assert (ii["status"], ii["china_status"], ii["china_effective"], ii["china_source"]) == (
        "not_assessed", "fulfilled", "2012-03-01", "MOFCOM")


def test_csv_one_row_per_milestone(tmp_path, notes):
    out = tmp_path / "m.csv"
    assert main(["--data-dir", str(notes), "export", "csv", "--milestones", "-o", str(out),
                 "--as-of", "2012-07-15"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    soft = [r for r in rows if r["id"] == SOFT]
    assert [r["milestone"] for r in soft] == [
        PROVINCIAL, "Municipal and county software legalization completed"]
    provinces, counties = soft
    assert (provinces["standing"], provinces["our_status"], provinces["our_effective"]) == (
        "met", "fulfilled", "2012-03-01")
    assert (provinces["china_status"], provinces["china_source"]) == (
        "partially_fulfilled", "MOFCOM")
    assert (counties["standing"], counties["our_status"], counties["china_status"]) == (
        "upcoming", "not_assessed", "")
    # every commitment has at least one row; one without milestones has an empty milestone
    assert {r["id"] for r in rows} == {r["id"] for r in csv.DictReader(io.StringIO(
        _plain_csv(tmp_path, notes)))}
    assert any(r["milestone"] == "" for r in rows)


def _plain_csv(tmp_path: Path, data_dir: Path) -> str:
    out = tmp_path / "plain.csv"
    assert main(["--data-dir", str(data_dir), "export", "csv", "-o", str(out)]) == 0
    return out.read_bytes().decode("utf-8-sig")


def test_far_future_as_of_is_a_clean_result_or_message(tmp_path, capsys) -> None:
    code, err = run(capsys, "export", "pdf", "-o", str(tmp_path / "p.pdf"),
                    "--as-of", "9999-12-31")
    assert code == 2 and "out of range" in err
    one_clean_line(err)
    with pytest.raises(SystemExit) as stop:  # argparse: usage line, then the reason
        main(["--as-of", "9999-12-31", "export", "json"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "out of range" in err and "Traceback" not in err
