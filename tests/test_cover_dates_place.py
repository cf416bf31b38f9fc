"""Page 1's meeting line and source for a meeting an import brought in with little known:
a one-day meeting read "December 19–19, 2012 ·" (and a trailing dot for the missing place), and
a fact sheet without a title found read "Fact sheet: , December 19, 2012" (found walking an
imported meeting's packet). Dates for people come from ``core.dates``, one module."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pypdf import PdfReader

from jcct_desktop.core.briefing import BriefingOptions, build_briefing
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.dates import long_date_range
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf.render import render_packet

AS_OF = date(2013, 1, 15)


@pytest.mark.parametrize(("start", "end", "words"), [
    (date(2011, 11, 20), date(2011, 11, 21), "November 20–21, 2011"),
    (date(2012, 12, 19), date(2012, 12, 19), "December 19, 2012"),
    (date(2011, 11, 30), date(2011, 12, 1), "November 30, 2011 – December 1, 2011"),
    (date(2011, 12, 31), date(2012, 1, 1), "December 31, 2011 – January 1, 2012"),
    (date(2011, 1, 5), date(2012, 1, 6), "January 5, 2011 – January 6, 2012"),
])
def test_a_meetings_days(start, end, words):
    assert long_date_range(start, end) == words


def _imported_like(catalog: Catalog) -> Catalog:
    """The 2011 meeting as an import with nothing found would have it: one day, no place,
    no fact-sheet title."""
    day = date(2012, 12, 19)
    meetings = tuple(dataclasses.replace(m, start=day, end=day, place="", fact_sheet_title="")
                     for m in catalog.meetings)
    sheets = tuple(dataclasses.replace(f, title="") for f in catalog.fact_sheets)
    return dataclasses.replace(catalog, meetings=meetings, fact_sheets=sheets)


def test_the_2011_cover_is_unchanged(catalog):
    cover = build_briefing(catalog, BriefingOptions(as_of=AS_OF)).cover
    assert cover.dates_place == "November 20–21, 2011 · Chengdu, China"
    assert cover.source.startswith("Fact sheet: ") and ", November 21, 2011" in cover.source


def test_a_one_day_meeting_without_place_or_title_reads_cleanly(catalog, tmp_path):
    briefing = build_briefing(_imported_like(catalog), BriefingOptions(as_of=AS_OF))
    assert briefing.cover.dates_place == "December 19, 2012"
    assert "Fact sheet: ," not in briefing.cover.source
    assert briefing.cover.source.startswith("Fact sheet of ")
    out = tmp_path / "packet.pdf"
    render_packet(briefing, out, own_files=OwnFiles(tmp_path))
    first = " ".join((PdfReader(out).pages[0].extract_text() or "").split())
    assert "December 19, 2012" in first
    assert "19–19" not in first and "Fact sheet: ," not in first and "2012 ·" not in first
