"""Figures beyond money and percentages (issue 21): counts with their unit, ranges, ranks,
multipliers and changes since a year, each quoting its words; guesses flagged, nothing
invented. Every figure of the 2011 sheet's industry facts is found, exactly."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core.model import Dialogue
from jcct_desktop.factsheet_import.drafts import MeetingInfo, build_drafts
from jcct_desktop.factsheet_import.figures_found import read_figures
from jcct_desktop.factsheet_import.source import read_source

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "db" / "source" / "jcct-2011-fact-sheet.txt"
JOINT = Path(__file__).parent / "data" / "jcct-22-joint-synthetic.txt"

# Read off the 2011 source by hand: the opening words of each industry fact, then each figure
# it states as (value, unit, year, its words in the sentence).
BY_HAND: dict[str, list[tuple[float, str, int | None, str]]] = {
    "Open and non-discriminatory": [(29.6e9, "USD", 2010, "$29.6 billion in 2010")],
    "These exports to China have outpaced": [],
    "China plans to manufacture": [
        (1e6, "units", 2015, "one million New Energy Vehicles annually by 2015"),
        (5e6, "units", 2020, "five million"),
    ],
    "In 2009, the commercial value": [(7.5e9, "USD", 2009, "$7.5 billion")],
    "China plans to invest $1.5 trillion": [(1.5e12, "USD", None, "$1.5 trillion")],
    "China is the world’s third largest": [
        (3, "rank", None, "the world’s third largest"),
        (2, "rank", None, "the second largest"),
    ],
    "Based on the estimates": [
        (12e9, "USD", 2009, "over $12 billion in 2009"),
        (18e9, "USD", 2010, "$18 billion by 2010"),
    ],
    "State Grid Corporation": [(100e9, "USD", 2030, "$100 billion")],
    "20 percent of all U.S. exports": [(20, "percent", None, "20 percent")],
    "For a given piece of telecommunications": [
        (30_000, "USD", None, "U.S. $30,000"),
        (35_000, "USD", None, "35,000"),
        (3, "count", None, "three licenses"),
    ],
    "Private-sector experts predict": [
        (457e6, "subscribers", 2010, "457 million in 2010"),
        (609e6, "subscribers", 2015, "609 million in 2015"),
        (126e6, "subscribers", 2010, "126 million in 2010"),
        (462e6, "subscribers", 2015, "462 million in 2015"),
    ],
    "Every $100,000 spent": [
        (100_000, "USD", None, "$100,000"),
        (1, "jobs", None, "one American job"),
    ],
    "Since the initiation of travel": [(13e9, "USD", None, "$13 billion")],
    "Spending by Chinese visitors": [
        (232, "percent", 2016, "232 percent"),
        (16.6e9, "USD", 2016, "$16.6 billion by 2016"),
        (7, "rank", 2010, "the seventh largest"),
        (3, "rank", 2016, "the third in 2016"),
    ],
    "The U.S. auto specialty equipment": [(29e9, "USD", 2010, "an estimated $29 billion in 2010")],
    "Estimates of China’s express delivery": [
        (5e9, "USD", 2010, "$5 billion for 2010"),
        (17, "percent", 2010, "17 percent increase from 2009"),
    ],
    "The United States is a world leader": [],
    "Remanufacturing in the United States": [
        (90, "percent", None, "90 percent"),
        (680_000, "jobs", None, "roughly 680,000 jobs"),
    ],
}


def _drafted_2011() -> list[dict]:
    info = MeetingInfo(Dialogue.JCCT, 22, date(2011, 11, 21), "Chengdu, China")
    return build_drafts(read_source(SOURCE), info)["facts"]


def _as_tuples(figures: list[dict]) -> list[tuple[float, str, int | None, str]]:
    return [(f["value"], f["unit"], f["year"], f["text"]) for f in figures]


def test_every_figure_of_the_2011_industry_facts_is_extracted_exactly() -> None:
    facts = _drafted_2011()
    assert sum(len(v) for v in BY_HAND.values()) == 30
    for opening, expected in BY_HAND.items():
        [fact] = [f for f in facts if f["text"].startswith(opening)]
        assert _as_tuples(fact["figures"]) == expected, opening
        for fig in fact["figures"]:  # the words are the fact's own
            assert fig["text"] in fact["text"]


def test_the_reviewed_data_agrees_with_every_extracted_figure() -> None:
    """The reviewed 2011 data (db/jcct-2011.toml) holds the same numbers, units and years."""
    reviewed = tomllib.loads((REPO / "db" / "jcct-2011.toml").read_text("utf-8"))["facts"]
    assert len(reviewed) == len(BY_HAND)
    for fact in reviewed:
        read = read_figures(fact["text"])
        assert [(f["value"], f["unit"], f["year"]) for f in read.figures] == [
            (f["value"], f["unit"], f.get("year")) for f in fact.get("figures", [])
        ], fact["id"]


def test_guesses_are_flagged_quoting_the_words() -> None:
    facts = _drafted_2011()

    def flags(opening: str) -> list[str]:
        [fact] = [f for f in facts if f["text"].startswith(opening)]
        return [r for r in fact["review"] if "figure" in r or "words before" in r]

    assert flags("China plans to manufacture") == [
        "figures read from the text: check them",
        "unit taken from the words before: 'five million' (units)"]
    assert flags("Spending by") == ["figures read from the text: check them",
                                    "rank read from the words before: 'the third'"]
    assert flags("Estimates of China’s express") == [
        "figures read from the text: check them",
        "year taken from the figure before: '17 percent increase from 2009' (2010)"]
    # figures read with no guess carry only the general check
    assert flags("State Grid Corporation") == ["figures read from the text: check them"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Over 1,200 companies took part in the pilot programs.",
     [(1200, "count", None, "Over 1,200 companies")]),
    ("Its plants made 30 million units in 2012.",
     [(30e6, "units", 2012, "30 million units in 2012")]),
    ("The program saved 6.8 million tons of coal by 2011.",
     [(6.8e6, "tons", 2011, "6.8 million tons")]),  # "of coal by 2011": not right after
    ("More than 300 flights a week connect the two countries.",
     [(300, "count", None, "More than 300 flights a week")]),
    ("Tests cost between 20-30 percent of the price.",
     [(20, "percent", None, "20"), (30, "percent", None, "30 percent")]),
    ("Capacity will reach 10 to 15 million tons.",
     [(10e6, "tons", None, "10"), (15e6, "tons", None, "15 million tons")]),
    ("Passenger traffic doubled from 2005 to 2010.",
     [(2, "times", 2010, "doubled from 2005")]),
    ("Imports saw a three-fold rise.", [(3, "times", None, "three-fold")]),
    ("The market is four times larger than in 2005.",
     [(4, "times", None, "four times larger than in 2005")]),
    ("The industry employed 40,000 people in 2010 and grew 15 percent since 2009.",
     [(40_000, "count", 2010, "40,000 people in 2010"),
      (15, "percent", 2010, "15 percent since 2009")]),
])  # fmt: skip
def test_counts_ranges_and_multipliers(text: str, expected: list) -> None:
    read = read_figures(text)
    assert _as_tuples(read.figures) == expected
    assert all(f["text"] in text for f in read.figures)


def test_a_number_with_no_unit_is_flagged_never_a_figure() -> None:
    read = read_figures("Exports rose to 2,500 in 2012, and the two sides met 3 times.")
    assert read.figures == []
    # "met 3 times" is no multiplier, "the two sides" no count
    assert read.flags == [
        "a number with no unit, not read as a figure: '2,500' (add it if it is one)",
        "a number with no unit, not read as a figure: '3' (add it if it is one)"]
    read = read_figures("Sales grew 15 percent since 2009.")
    assert _as_tuples(read.figures) == [(15, "percent", None, "15 percent since 2009")]
    assert read.flags == ["the year of a change from 2009 is not said: '15 percent since 2009'"]


def test_years_and_ordinal_names_are_not_figures() -> None:
    read = read_figures("In 2011 the 16th such exchange took place under the JCCT.")
    assert read.figures == [] and read.flags == []


def test_the_new_units_are_saved_and_exported(data_dir: Path, tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "joint.json"
    assert main(["import", "factsheet", str(JOINT), "--dialogue", "jcct", "--number", "22",
                 "--date", "2011-11-21", "--kind", "joint", "-o", str(drafts)]) == 0  # fmt: skip
    facts = {f["id"]: f for f in json.loads(drafts.read_text("utf-8"))["facts"]}
    assert _as_tuples(facts["jcct-22-JCA-F1"]["figures"]) == [
        (300, "count", None, "More than 300 flights a week"),
        (2, "times", 2010, "doubled from 2005"),
    ]
    assert _as_tuples(facts["jcct-22-JBEE-F1"]["figures"]) == [
        (1200, "count", None, "Over 1,200 companies"), (6.8e6, "tons", None, "6.8 million tons"),
    ]
    assert main(["import", "factsheet", "--apply", str(drafts)]) == 0
    out = tmp_path / "all.json"
    assert main(["export", "json", "-o", str(out)]) == 0
    exported = {f["id"]: f for f in json.loads(out.read_text("utf-8"))["facts"]}
    saved = exported["jcct-22-JBEE-F1"]["figures"]
    assert [(f["value"], f["unit"], f["text"]) for f in saved] == [
        (1200, "count", "Over 1,200 companies"), (6.8e6, "tons", "6.8 million tons")]
    assert re.search(r"\b1,200\b", exported["jcct-22-JBEE-F1"]["text"])
