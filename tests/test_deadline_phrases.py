"""Deadlines right or flagged, never guessed (issue 21).

The grammar (core.deadlines) on the event-relative and period-end forms, and the importer's
phrase finder (factsheet_import.dates_found): a phrase is read whole or flagged quoting its
words, never read as a shorter phrase or its bare year; starts and reports are no deadlines.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core.deadlines import (
    DateWindow,
    DeadlineParseError,
    MeetingCalendar,
    Precision,
    parse_window,
)
from jcct_desktop.factsheet_import.dates_found import scan_dates

D = date
MEETING = D(2012, 12, 19)  # the 23rd JCCT
KNOWN = MeetingCalendar("jcct", 23, {("jcct", 22): D(2011, 11, 20), ("jcct", 23): MEETING,
                                     ("jcct", 24): D(2013, 12, 19), ("sed", 5): D(2013, 7, 10)})
ALONE = MeetingCalendar("jcct", 23, {("jcct", 23): MEETING})  # no later meeting held


@pytest.mark.parametrize(("wording", "earliest", "latest", "precision"), [
    ("by the end of the first quarter of 2013", D(2013, 3, 1), D(2013, 3, 31), Precision.MONTH),
    ("by the end of the second half of 2013", D(2013, 12, 1), D(2013, 12, 31), Precision.MONTH),
    ("before the end of 2013", MEETING, D(2013, 12, 31), Precision.BEFORE),
    ("prior to the end of 2013", MEETING, D(2013, 12, 31), Precision.BEFORE),
    ("before the end of this year", MEETING, D(2012, 12, 31), Precision.BEFORE),
    ("by the end of this year", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
    ("by year-end", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
    ("by year-end 2013", D(2013, 12, 1), D(2013, 12, 31), Precision.MONTH),
    ("30 days after the JCCT", MEETING, D(2013, 1, 18), Precision.RELATIVE),
    ("no later than 30 days after the JCCT", MEETING, D(2013, 1, 18), Precision.RELATIVE),
    ("within 60 days of the JCCT", MEETING, D(2013, 2, 17), Precision.RELATIVE),
    ("in the next five years", MEETING, D(2017, 12, 19), Precision.RELATIVE),
    ("by the 24th JCCT", MEETING, D(2013, 12, 19), Precision.RELATIVE),
    ("prior to the 24th JCCT", MEETING, D(2013, 12, 18), Precision.BEFORE),
    ("before the 2013 JCCT", MEETING, D(2013, 12, 18), Precision.BEFORE),
    ("by the next JCCT", MEETING, D(2013, 12, 19), Precision.RELATIVE),
    ("at the 2013 S&ED", D(2013, 7, 10), D(2013, 7, 10), Precision.DAY),
    ("by 2150", D(2150, 1, 1), D(2150, 12, 31), Precision.YEAR),
    ("by June 2999", D(2999, 6, 1), D(2999, 6, 30), Precision.MONTH),
    ("in 1900", D(1900, 1, 1), D(1900, 12, 31), Precision.YEAR),
])  # fmt: skip
def test_event_relative_and_period_end_forms(wording, earliest, latest, precision) -> None:
    assert parse_window(wording, MEETING, None, KNOWN) == DateWindow(earliest, latest, precision)


@pytest.mark.parametrize(("wording", "reason"), [
    ("by the 24th JCCT", "the 24th JCCT's date is not known"),
    ("prior to the 24th JCCT", "the 24th JCCT's date is not known"),
    ("before the 2013 JCCT", "the 2013 JCCT's date is not known"),
    ("by the next JCCT", "the next JCCT's date is not known"),
    ("starting in 2013", "starts, not when it is due"),
    ("beginning in 2013", "starts, not when it is due"),
    ("by fiscal year 2014", r"a fiscal year: whose\? \(the U.S. federal one runs October"),
    ("in FY2014", "a fiscal year: whose"),
    ("by 3000", "not a deadline wording"),
    ("by 1899", "not a deadline wording"),
])  # fmt: skip
def test_what_is_not_known_is_refused_naming_the_wording(wording: str, reason: str) -> None:
    with pytest.raises(DeadlineParseError, match=reason) as info:
        parse_window(wording, MEETING, None, ALONE)
    assert repr(wording) in str(info.value)


def _found(text: str, calendar: MeetingCalendar = ALONE) -> list[tuple[str, str | None]]:
    return [(f.when, f.window and f.window.describe())
            for f in scan_dates(text, MEETING, None, calendar).deadlines]


@pytest.mark.parametrize(("text", "expected"), [
    # a phrase the grammar cannot read whole is flagged whole: never "2013" alone
    ("China will publish it by the start of the second quarter of 2013.",
     [("by the start of the second quarter of 2013", None)]),
    ("China will act before the 2013 JCCT.", [("before the 2013 JCCT", None)]),
    ("China will report prior to the 24th JCCT.", [("prior to the 24th JCCT", None)]),
    ("China will do so by fiscal year 2014.", [("by fiscal year 2014", None)]),
    ("The United States will fund it in FY2014.", [("in FY2014", None)]),
    ("China will do so in the next few years.", [("in the next few years", None)]),
    # read whole
    ("China will publish the rules by the end of the first quarter of 2013.",
     [("by the end of the first quarter of 2013", "2013-03-01 – 2013-03-31")]),
    ("China will act before the end of 2013.",
     [("before the end of 2013", "2012-12-19 – 2013-12-31")]),
    ("China will finish by the end of this year.",
     [("by the end of this year", "2012-12-01 – 2012-12-31")]),
    ("China will finish by year-end.", [("by year-end", "2012-12-01 – 2012-12-31")]),
    ("China will reply no later than 30 days after the JCCT.",
     [("no later than 30 days after the JCCT", "2012-12-19 – 2013-01-18")]),
    ("China will hold talks by mid-2013 and a seminar in 2150.",
     [("by mid-2013", "2013-01-01 – 2013-06-30"), ("in 2150", "2150-01-01 – 2150-12-31")]),
    # starts are not deadlines
    ("Starting in 2013, China will open the market.", []),
    ("China will, beginning 2014, allow it.", []),
    ("From 2013, China will cut the fees.", []),
    # reports of what was done are not deadlines
    ("China held a seminar in October 2012.", []),
    ("In December 2012, China issued the new rules.", []),
    ("Both sides established the working group in 2012.", []),
    # a year describing a noun is no deadline
    ("China will keep the fees at 2013 levels.", []),
    # a mention of this or an earlier meeting is no deadline
    ("Building on the 2010 JCCT commitment, China will act by June 2013.",
     [("by June 2013", "2013-06-01 – 2013-06-30")]),
    ("As agreed at the 22nd JCCT, China will act by June 2013.",
     [("by June 2013", "2013-06-01 – 2013-06-30")]),
])  # fmt: skip
def test_phrases_are_read_whole_or_flagged(text: str, expected: list) -> None:
    assert _found(text) == expected


def test_event_relative_phrases_resolve_from_the_known_meetings() -> None:
    assert _found("China will report prior to the 24th JCCT.", KNOWN) == [
        ("prior to the 24th JCCT", "2012-12-19 – 2013-12-18")]
    assert _found("China will act before the 2013 JCCT.", KNOWN) == [
        ("before the 2013 JCCT", "2012-12-19 – 2013-12-18")]


def test_a_year_naming_a_plan_is_quoted_not_read_as_a_deadline() -> None:
    dates = scan_dates("SFDA is drafting procedures, which will be part of SFDA’s 2013 work "
                       "plan.", MEETING)
    assert dates.deadlines == [] and dates.named_years == ["SFDA’s 2013 work plan"]
    # an event named by its year is due within that year (2011-LEX-2: "the 2012 Legal Exchange")
    [found] = scan_dates("Both will convene the 2013 Legal Exchange in China.", MEETING).deadlines
    assert (found.when, found.window.describe()) == ("2013", "2013-01-01 – 2013-12-31")


SHEET = """24th U.S.-China Joint Commission on Commerce and Trade Fact Sheet

The U.S. Secretary of Commerce co-chaired the 24th JCCT in Beijing.

Medical Devices

  • China will publish the revised regulation by the end of the first quarter of 2014.
  • China will issue the catalogue prior to the 25th JCCT.
  • China will cut the fees starting in 2014.
  • China will report to the United States no later than 30 days after the JCCT.
  • China will release the draft by the start of the second quarter of 2014.
"""


def test_the_cli_summary_counts_every_unparsed_flag(data_dir: Path, tmp_path: Path,
                                                     capsys) -> None:
    sheet = tmp_path / "jcct-24.txt"
    sheet.write_text(SHEET, "utf-8")
    out = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(sheet), "--dialogue", "jcct", "--number", "24",
                 "--date", "2013-12-20", "-o", str(out)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    drafts = json.loads(out.read_text("utf-8"))
    flags = [flag for c in drafts["commitments"] for m in c["milestones"]
             for flag in m["review"] if flag.startswith("unparsed deadline")]
    assert len(flags) == 2 and "(2 unparsed)" in err and "4 milestones" in err
    by_text = {c["source_text"]: c for c in drafts["commitments"]}
    [quarter] = by_text["China will publish the revised regulation by the end of the first "
                        "quarter of 2014."]["milestones"]
    assert (quarter["earliest"], quarter["latest"]) == ("2014-03-01", "2014-03-31")
    [prior] = by_text["China will issue the catalogue prior to the 25th JCCT."]["milestones"]
    assert prior["earliest"] is None and prior["when"] == "prior to the 25th JCCT"
    assert "the 25th JCCT's date is not known" in prior["review"][0]
    assert by_text["China will cut the fees starting in 2014."]["milestones"] == []


def test_a_synthetic_archive_builds_past_2099(tmp_path: Path) -> None:
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    out = make_archive(tmp_path / "late.sqlite", meetings=12, per_meeting=3, first_year=2098)
    catalog = open_reference(out).catalog
    latest = max(m.window.latest for c in catalog.commitments for m in c.milestones)
    assert latest.year > 2099 and max(m.start.year for m in catalog.meetings) == 2100
