"""The meeting reviewed like its commitments (issue 21): its ordinal name, days, co-chairs and
participants read from the participants passage, the figures of its facts, all in the drafts,
editable, and kept on save."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core.model import Dialogue
from jcct_desktop.factsheet_import.drafts import MeetingInfo, build_drafts
from jcct_desktop.factsheet_import.figures_found import read_figures
from jcct_desktop.factsheet_import.meeting_found import meeting_name, ordinal
from jcct_desktop.factsheet_import.source import read_source
from jcct_desktop.store.reference.imported_meetings import open_with_imports
from tests.imported_support import SHEET_23

REPO = Path(__file__).resolve().parents[1]
DATA = tomllib.loads((REPO / "db" / "jcct-2011.toml").read_text("utf-8"))


def test_our_source_gives_back_the_reviewed_meeting() -> None:
    drafts = build_drafts(read_source(REPO / "db" / "source" / "jcct-2011-fact-sheet.txt"),
                          MeetingInfo(Dialogue.JCCT, 22, date(2011, 11, 21)))  # fmt: skip
    m, reviewed = drafts["meeting"], DATA["meeting"]
    assert m["name"] == reviewed["name"] == meeting_name(Dialogue.JCCT, 22)
    assert (m["start"], m["end"]) == (str(reviewed["start"]), str(reviewed["end"]))
    assert m["co_chairs"] == reviewed["co_chairs"]
    assert m["participant_names"] == reviewed["participants"]
    assert m["fact_sheet_title"] == reviewed["fact_sheet_title"]
    [innov] = [f for f in drafts["facts"] if f["text"].startswith("Open and non-discriminatory")]
    assert innov["figures"] == [{"value": 29.6e9, "unit": "USD", "year": 2010,
                                 "text": "$29.6 billion in 2010"}]  # fmt: skip
    assert "figures read from the text: check them" in innov["review"]


@pytest.mark.parametrize(("n", "word"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                         (11, "11th"), (12, "12th"), (13, "13th"), (22, "22nd"),
                                         (23, "23rd"), (101, "101st"), (111, "111th")])
def test_ordinals(n: int, word: str) -> None:
    assert ordinal(n) == word


def test_figures_of_money_and_percentages() -> None:
    read = read_figures("Spending is expected to grow 232 percent to $16.6 billion by 2016.")
    assert read.figures == [
        {"value": 232.0, "unit": "percent", "year": 2016, "text": "232 percent"},
        {"value": 16.6e9, "unit": "USD", "year": 2016, "text": "$16.6 billion by 2016"},
    ]


def test_a_passage_disagreeing_with_the_given_date_is_flagged() -> None:
    drafts = build_drafts(read_source(SHEET_23), MeetingInfo(Dialogue.JCCT, 23, date(2012, 12, 20)))
    m = drafts["meeting"]
    assert (m["start"], m["end"]) == ("2012-12-20", "2012-12-20")
    assert ("meeting dates: the passage says 'December 18-19, 2012', the given date is "
            "2012-12-20") in m["review"]


SHEET = "\n".join([
    "24th U.S.-China Joint Commission on Commerce and Trade Fact Sheet", "",
    "U.S. Commerce Secretary Penny Pritzker and U.S. Trade Representative Michael Froman, "
    "together with Chinese Vice Premier Wang Yang, co-chaired the 24th JCCT in Beijing on "
    "December 19-20, 2013.", "",
    "Medical Devices", "",
    "China’s medical device market reached $30 billion in 2012.", "",
    "  • China will publish the revised regulation by mid-2014.", "",
])  # fmt: skip


def test_the_reviewed_meeting_and_figures_are_saved(data_dir: Path, tmp_path: Path,
                                                    capsys) -> None:
    sheet = tmp_path / "jcct-24.txt"
    sheet.write_text(SHEET, "utf-8")
    out = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(sheet), "--dialogue", "jcct", "--number", "24",
                 "--date", "2013-12-20", "-o", str(out)]) == 0  # fmt: skip
    drafts = json.loads(out.read_text("utf-8"))
    m = drafts["meeting"]
    assert m["name"] == "24th U.S.-China Joint Commission on Commerce and Trade"
    assert (m["start"], m["end"]) == ("2013-12-19", "2013-12-20")
    assert m["co_chairs"] == ["U.S. Commerce Secretary Penny Pritzker",
                              "U.S. Trade Representative Michael Froman",
                              "Chinese Vice Premier Wang Yang"]  # fmt: skip
    [fact] = drafts["facts"]
    assert fact["figures"] == [{"value": 30e9, "unit": "USD", "year": 2012,
                                "text": "$30 billion in 2012"}]  # fmt: skip
    # the officer's review: a co-chair's name corrected, the figure's year corrected
    m["co_chairs"][2] = "Chinese Vice Premier Wang Yang (汪洋)"
    fact["figures"][0]["year"] = 2013
    out.write_text(json.dumps(drafts), "utf-8")
    assert main(["import", "factsheet", "--apply", str(out)]) == 0
    catalog = open_with_imports(data_dir).catalog
    meeting = next(x for x in catalog.meetings if x.id == "jcct-24")
    assert meeting.co_chairs[2] == "Chinese Vice Premier Wang Yang (汪洋)"
    assert (meeting.start, meeting.end) == (date(2013, 12, 19), date(2013, 12, 20))
    [figure] = catalog.fact(fact["id"]).figures
    assert (figure.value, figure.unit, figure.year) == (30e9, "USD", 2013)


def test_a_bad_figure_is_refused_naming_it(data_dir: Path, tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "jcct-24.txt"
    sheet.write_text(SHEET, "utf-8")
    out = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(sheet), "--dialogue", "jcct", "--number", "24",
                 "--date", "2013-12-20", "-o", str(out)]) == 0  # fmt: skip
    drafts = json.loads(out.read_text("utf-8"))
    drafts["facts"][0]["figures"][0]["unit"] = "dollars"
    out.write_text(json.dumps(drafts), "utf-8")
    capsys.readouterr()
    assert main(["import", "factsheet", "--apply", str(out)]) == 2
    assert capsys.readouterr().err == (
        "jcct-desktop: fact jcct-24-MD-F1 figure 1: unknown unit 'dollars' (one of USD, "
        "percent, units, subscribers, jobs, tons, rank, count, times)\n")
