"""Names the app gives (sector and group names the fact sheet has no heading for) are marked
as ours in the packet, as the window's detail pane marks them: "(sector name ours)"."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
from jcct_desktop.pdf import packet_bytes

OURS = "(sector name ours)"


@pytest.fixture(scope="module")
def packet_text(catalog) -> str:
    options = BriefingOptions(as_of=date(2012, 3, 1), deterministic=True)
    data, _ = packet_bytes(build_briefing(catalog, options))
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))


def test_sections_know_whose_group_name_it_is(catalog):
    options = BriefingOptions(scope=Scope.SECTORS, sectors=("NEV", "OC"),
                              as_of=date(2012, 3, 1))
    by_title = {s.title: s for s in build_briefing(catalog, options).sections}
    nev = by_title["New Energy Vehicles (NEVs)"]
    assert nev.group == "Innovation" and nev.group_inferred  # "Innovation" is ours
    assert not nev.heading_inferred  # the fact sheet heads the NEV passage itself
    oc = by_title["Online Counterfeiting"]
    assert oc.group == "Intellectual Property Rights Working Group" and not oc.group_inferred


def test_an_inferred_group_name_is_marked_ours(packet_text):
    assert f"INNOVATION {OURS}" in packet_text
    assert f"MEDICAL DEVICES {OURS}" in packet_text


def test_a_group_name_from_the_fact_sheet_is_not_marked(packet_text):
    assert "INTELLECTUAL PROPERTY RIGHTS WORKING GROUP" in packet_text
    assert f"INTELLECTUAL PROPERTY RIGHTS WORKING GROUP {OURS}" not in packet_text


def test_an_inferred_sector_name_says_so_in_the_same_words(packet_text):
    # "Smart Grid" has no heading of its own in the fact sheet
    assert f"Smart Grid {OURS} The fact sheet gives this passage no heading" in packet_text
    assert "Section name is ours" not in packet_text
