"""The search page's facts come from several meetings: each sector's heading names its
meeting. On an archive the same sector and the same industry fact recur meeting after
meeting, and without it the page read as one sector listed again and again, its facts as
duplicates. Facts of one meeting (the 2011 window) are headed by their sector alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.make_archive import make_archive
from jcct_desktop.core.search import parse_query
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.detail import overview
from jcct_desktop.ui.detail.html import esc


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = make_archive(Path(tmp_path_factory.mktemp("meetings")) / "a.sqlite", 3, 10)
    return open_reference(path)


def test_each_heading_names_its_meeting(archive):
    catalog = archive.catalog
    facts = list(catalog.facts)
    meetings = {f.meeting for f in facts}
    assert len(meetings) > 1
    page = overview.search_html(catalog, "grid", 30, tuple(f.id for f in facts),
                                parse_query("grid"))
    for meeting in meetings:
        assert f" — {esc(catalog.meeting(meeting).label)}</span></p>" in page
    headings = [line for line in page.splitlines() if line.startswith("<p><b>")]
    assert len(headings) == len(set(headings))  # no heading said twice


def test_one_meetings_facts_are_headed_by_their_sector_alone(reference):
    catalog = reference.catalog
    ids = tuple(f.id for f in catalog.facts)
    page = overview.search_html(catalog, "the", 9, ids, parse_query("the"))
    assert catalog.meetings[0].label not in page
    assert " — " not in page.replace("match “the”", "")
