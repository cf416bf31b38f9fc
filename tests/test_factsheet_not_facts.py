"""Boilerplate and a third party's words are not facts (issue 21): left out of the facts, listed
in the drafts' ``not_facts`` with why, never saved or printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.core.model import Dialogue
from jcct_desktop.factsheet_import.drafts import MeetingInfo, build_drafts
from jcct_desktop.factsheet_import.not_facts import why_not_a_fact
from jcct_desktop.factsheet_import.source import read_source

SHEET = "\n".join([
    "24th U.S.-China Joint Commission on Commerce and Trade Fact Sheet", "",
    "U.S. officials co-chaired the 24th JCCT in Beijing on December 19-20, 2013.", "",
    "Medical Devices", "",
    "China’s medical device market reached $30 billion in 2012. According to Xinhua, China "
    "will double it by 2020.", "",
    "  • China will publish the revised regulation by mid-2014.", "",
    "For more information, visit www.commerce.gov.", "",
    "###", "",
])  # fmt: skip


@pytest.mark.parametrize(("sentence", "why"), [
    ("For more information, visit www.commerce.gov.", "page boilerplate"),
    ("###", "page boilerplate"),
    ("According to Xinhua, China will double it by 2020.", "a third party's words"),
    ("The market will grow 20 percent, Reuters reported.", "a third party's words"),
    ("According to press reports, the rules are delayed.", "a third party's words"),
    ("China’s medical device market reached $30 billion in 2012.", ""),
    ("According to industry estimates, the market grew 17 percent.", ""),  # the sheet's own
])  # fmt: skip
def test_what_is_not_a_fact(sentence: str, why: str) -> None:
    assert why_not_a_fact(sentence).startswith(why) and (why or why_not_a_fact(sentence) == "")


def test_they_are_left_out_of_the_facts_and_listed(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.txt"
    sheet.write_text(SHEET, "utf-8")
    drafts = build_drafts(read_source(sheet), MeetingInfo(Dialogue.JCCT, 24, date(2013, 12, 20)))
    assert [f["text"] for f in drafts["facts"]] == [
        "China’s medical device market reached $30 billion in 2012."]
    assert [(n["text"], n["why"]) for n in drafts["not_facts"]] == [
        ("According to Xinhua, China will double it by 2020.",
         "a third party's words, not a fact of the sheet"),
        ("For more information, visit www.commerce.gov.", "page boilerplate, not a fact"),
        ("###", "page boilerplate, not a fact"),
    ]  # fmt: skip
    source = drafts["source"]["text"]
    assert all(source[a:b] == n["text"] for n in drafts["not_facts"] for a, b in [n["span"]])
