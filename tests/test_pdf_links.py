"""Issue 14: the packet shows cross-meeting links both ways, and the issue areas (ours)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from jcct_desktop.core.briefing import BriefingOptions, PlainAnnotations, Scope, build_briefing
from jcct_desktop.core.links_text import link_lines
from jcct_desktop.core.model import Link, Relation
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf import render_packet


def test_links_read_both_ways_in_the_packet(reference, tmp_path) -> None:
    link = Link(source="2011-SOFT-3", target="2011-SOFT-2", relation=Relation.EXTENDS)
    catalog = replace(reference.catalog, links=(link,))
    later, earlier = catalog.commitment("2011-SOFT-3"), catalog.commitment("2011-SOFT-2")
    (forward,) = link_lines(catalog, later)
    (backward,) = link_lines(catalog, earlier)
    assert (forward.verb, forward.other_id) == ("Extends", "2011-SOFT-2")
    assert (backward.verb, backward.other_id) == ("Extended by", "2011-SOFT-3")
    assert forward.where == catalog.meeting(earlier.meeting).label
    options = BriefingOptions(scope=Scope.SECTORS, sectors=(earlier.sector,),
                              as_of=date(2012, 7, 15), include_timeline=False)
    briefing = build_briefing(catalog, options, PlainAnnotations())
    out = tmp_path / "links.pdf"
    render_packet(briefing, out, own_files=OwnFiles(None))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(out).pages))
    assert "ACROSS MEETINGS" in text
    assert "Extends 2011-SOFT-2" in text and "Extended by 2011-SOFT-3" in text
    assert "ISSUE AREAS (OURS)" in text
    for area in later.areas:
        assert area in text
