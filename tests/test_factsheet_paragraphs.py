"""Promises in paragraphs (issue 21): joint and S&ED sheets write them as sentences, not
bullets. tests/data/sed-5-synthetic.txt is a sheet we wrote in the style of a later S&ED
economic-track joint fact sheet (we hold no text of one): each sentence form the issue names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.core.model import Dialogue
from jcct_desktop.factsheet_import.drafts import MeetingInfo, build_drafts
from jcct_desktop.factsheet_import.source import read_source

SHEET = Path(__file__).parent / "data" / "sed-5-synthetic.txt"


@pytest.fixture(scope="module")
def drafts() -> dict:
    return build_drafts(read_source(SHEET), MeetingInfo(Dialogue.SED, 5, date(2013, 7, 11)))


class _Openings:
    def __init__(self, drafts: dict) -> None:
        self.drafts = drafts

    def __getitem__(self, opening: str) -> dict:
        [c] = [c for c in self.drafts["commitments"] if c["source_text"].startswith(opening)]
        return c


def _by_opening(drafts: dict) -> _Openings:
    return _Openings(drafts)


@pytest.mark.parametrize(("opening", "party", "when", "unsure"), [
    ("The United States and", "both", [], False),  # reaffirmed
    ("China reiterated that", "China", [], False),
    ("The two sides", "both", [], False),  # pledged
    ("In accord with", "both", ["by the end of 2013"], True),  # "…, it will": party flagged
    ("The United States will", "United States", [], False),
    ("China will open", "China", ["by June 2014"], False),  # its own record, its own deadline
    ("China undertook to", "China", [], False),
    ("China explained that", "China", ["within six months"], False),  # explain … will
])  # fmt: skip
def test_paragraph_promises_become_drafts(drafts, opening, party, when, unsure) -> None:
    c = _by_opening(drafts)[opening]
    assert c["party"] == party
    assert [m["when"] for m in c["milestones"]] == when
    assert ("unsure party" in c["review"]) is unsure
    assert "commitment without a bullet" in c["review"]


def test_two_parties_in_one_paragraph_are_two_records(drafts) -> None:
    us = _by_opening(drafts)["The United States will"]
    china = _by_opening(drafts)["China will open"]
    assert us["source_text"].endswith("civilian high-tech products to China.")
    assert us["span"][1] < china["span"][0]  # the same paragraph, split at the new subject


def test_a_statement_of_fact_stays_a_fact(drafts) -> None:
    assert [f["text"] for f in drafts["facts"]] == ["The U.S. economy grew 2.2 percent in 2012."]
    assert len(drafts["commitments"]) == 8
