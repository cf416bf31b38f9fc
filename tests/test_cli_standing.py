"""`export json/csv --as-of`: each commitment and milestone carries its standing, computed from a
real notes database seeded through `notes import`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main

SEED = {
    "format": "jcct-desktop-annotations",
    "version": 1,
    "exported": "2012-08-01T08:00:00+00:00",
    "annotations": [
        {"commitment": "2011-II-1", "notes": [], "tags": [], "starred": True,
         "follow_up": "2012-06-01", "history": [],
         "assessment": {"status": "fulfilled", "evidence": "State Council notice 2011/12",
                        "changed": "2011-12-20T09:00:00+00:00"}},
        {"commitment": "2011-SOFT-2", "notes": [], "tags": [], "starred": False,
         "follow_up": None, "history": [],
         "assessment": {"status": "in_progress", "evidence": "Provincial audits under way",
                        "changed": "2012-05-10T09:00:00+00:00"}},
    ],
}


@pytest.fixture
def seeded(tmp_path: Path, data_dir: Path) -> Path:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(SEED), encoding="utf-8")
    assert main(["notes", "import", str(seed)]) == 0
    return data_dir


def _json(tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / "data.json"
    assert main(["export", "json", "-o", str(out), *extra]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    return {c["id"]: c for c in data["commitments"]}


def test_json_carries_the_standing_of_commitments_and_milestones(tmp_path, seeded):
    by_id = _json(tmp_path, "--as-of", "2012-07-01")
    ii = by_id["2011-II-1"]
    assert ii["standing"] == {"as_of": "2012-07-01", "value": "met", "since": "2011-12-20"}
    assert ii["milestones"][0]["standing"]["value"] == "met"
    assert ii["status"] == "fulfilled"
    # a follow-up date is today's plan, not known on 2012-07-01 (as in the packet); said so
    assert ii["follow_up"] is None and ii["left_out"]["follow_up"] is True
    assert ii["assessments"] == [{
        "view": "us", "status": "fulfilled", "evidence": "State Council notice 2011/12",
        "source": "", "effective": "2011-12-20", "milestone": None, "jurisdiction": None}]
    soft = by_id["2011-SOFT-2"]  # in progress: the deadline decides, and mid-2012 has passed
    assert soft["standing"] == {"as_of": "2012-07-01", "value": "overdue", "since": "2012-07-01"}
    assert [m["standing"]["value"] for m in soft["milestones"]] == ["overdue", "upcoming"]
    assert [m["standing"]["since"] for m in soft["milestones"]] == ["2012-07-01", None]
    assert by_id["2011-NEV-1"]["standing"]["value"] == "no_deadline"
    assert by_id["2011-NEV-1"]["assessments"] == []


def test_an_earlier_as_of_uses_only_what_was_known_then(tmp_path, seeded):
    by_id = _json(tmp_path, "--as-of", "2011-12-10")
    assert by_id["2011-II-1"]["standing"] == {"as_of": "2011-12-10", "value": "overdue",
                                              "since": "2011-12-02"}
    assert by_id["2011-II-1"]["assessments"] == []  # not yet in force
    # the status is the assessment in force then, never one effective later (issue 20)
    assert by_id["2011-II-1"]["status"] == "not_assessed"
    assert by_id["2011-II-1"]["left_out"]["assessments"] == 1


def test_every_value_written_is_a_documented_one(tmp_path, seeded):
    allowed = {"met", "partly_met", "not_met", "superseded", "overdue", "due_soon", "open",
               "upcoming", "no_deadline"}
    for as_of in ("2011-11-01", "2012-06-15", "2014-01-01"):
        for c in _json(tmp_path, "--as-of", as_of).values():
            assert c["standing"]["value"] in allowed and c["standing"]["as_of"] == as_of
            assert all(m["standing"]["value"] in allowed for m in c["milestones"])


def test_csv_has_a_standing_column(tmp_path, seeded):
    out = tmp_path / "data.csv"
    assert main(["export", "csv", "--as-of", "2012-07-01", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    by_id = {r["id"]: r for r in rows}
    assert by_id["2011-II-1"]["standing"] == "met"
    assert by_id["2011-SOFT-2"]["standing"] == "overdue"
    assert by_id["2011-NEV-1"]["standing"] == "no_deadline"


def test_a_bad_as_of_is_one_line_and_exit_code_2(tmp_path, data_dir, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "json", "--as-of", "2012-13-45"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1  # no usage block: the one line says why (there is no month 13)
    assert "'2012-13-45' is not a date: there is no month 13" in err[0]
