"""Search finds industry facts, sector names and abbreviations, and says why it matched."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.core.search import Thesaurus, highlight_spans, parse_query
from jcct_desktop.store.reference.search import ReferenceSearch
from jcct_desktop.ui.detail.html import HIT_STYLE
from tests.conftest import REPO
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE
FACT_SHEET = REPO / "db" / "source" / "jcct-2011-fact-sheet.txt"  # the repo's own copy
IPR_SECTORS = ("IPRND", "IPRE", "IPRWG")


def _under(catalog, *codes: str) -> set[str]:
    return {c.id for code in codes
            for c in catalog.commitments_under(catalog.sector("jcct-22", code))}


@pytest.mark.parametrize(("word", "fact", "sector"), [
    ("unlicensed", "2011-SOFT-F1", "SOFT"), ("trillion", "2011-SEIS-F1", "SEIS"),
])
def test_a_word_only_a_fact_holds_finds_the_fact_and_its_sector(reference, word, fact, sector):
    hits = FilterContext(reference.catalog, reference.search).text_hits(word)
    assert hits.facts == (fact,)
    assert set(hits.commitments) == _under(reference.catalog, sector)


@pytest.mark.parametrize("typed", ["IPR", "ipr", "intellectual property"])
def test_abbreviation_and_sector_names_find_every_ipr_sector(reference, typed):
    ctx = FilterContext(reference.catalog, reference.search)
    found = matching_ids(Filter(text=typed), ctx, AS_OF)
    assert found >= _under(reference.catalog, *IPR_SECTORS)
    assert len(found) >= 7  # was 1 ("IPR") and 2 ("intellectual property")


def test_every_synonym_is_ours_and_its_expansion_is_in_the_source(reference):
    synonyms = dict(reference.catalog.synonyms)
    assert {"IPR", "NEV", "SOE", "SFDA", "MOFCOM", "GPA"} <= set(synonyms)
    source = " ".join(FACT_SHEET.read_text(encoding="utf-8").split()).casefold()
    agencies = " ".join(a.name for a in reference.catalog.agencies).casefold()
    absent_in_2011 = {"SOE"}  # kept for officers who type it; the 2011 sheet never says it
    for term, expansions in synonyms.items():
        if term not in absent_in_2011:
            assert all(e.casefold() in source + agencies for e in expansions), term
    toml = (REPO / "db" / "jcct-2011.toml").read_text(encoding="utf-8")
    assert re.search(r"#.*Ours, not the fact sheet's.*\n(#.*\n)*\[\[synonyms\]\]", toml)


def test_phrase_search_agrees_on_both_paths(reference):
    like = ReferenceSearch(reference.search._engine, use_fts=False)
    for phrases in (["unlicensed"], ["IPR", "intellectual property"], ["IT"], ["smart grid"]):
        assert reference.search.doc_ids(phrases) == like.doc_ids(phrases), phrases
    commitments, facts = reference.search.doc_ids(["$1.5 trillion"])
    assert facts == {"2011-SEIS-F1"} and not commitments


def test_a_chinese_name_highlights_its_english_form(reference):
    query = reference.catalog.thesaurus.expand(parse_query("王岐山"))
    text = "headed by Vice Premier Wang Qishan, to lead"
    assert [text[s:e] for s, e in highlight_spans(text, query)] == ["Wang Qishan"]
    assert Thesaurus([("IPR", ["intellectual property"])]).alternatives("ipr") == (
        "ipr", "intellectual property")


def test_window_shows_found_facts_in_their_sector_highlighted(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.clear_filters()
    window.tree.selectionModel().clearCurrentIndex()
    window.set_search_text("unlicensed")
    assert set(window.visible_commitment_ids()) == _under(reference.catalog, "SOFT")
    window.tree.selectionModel().clearCurrentIndex()  # nothing selected: the search summary
    text = window.detail.plain_text()
    assert "4 commitments and 1 fact match “unlicensed”" in text
    assert "Innovation › Software Legalization" in text
    assert "commercial value of unlicensed software" in text
    assert _highlighted("unlicensed", window)


def test_selected_commitment_highlights_sector_and_english_name(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.set_search_text("IPR")
    assert window.select_commitment("2011-OC-1")
    assert _highlighted("Intellectual Property", window)
    window.set_search_text("王岐山")
    assert window.select_commitment("2011-IPRE-1")
    assert _highlighted("Wang Qishan", window)


def test_zero_results_say_so_keep_the_timeline_and_escape_clears(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.clear_filters()
    before = _shown_days(window)
    window.set_search_text("zzqqxx")
    assert window.visible_commitment_ids() == []
    assert "No commitment or fact matches “zzqqxx”" in window.detail.plain_text()
    assert "Select a commitment" not in window.detail.plain_text()
    after = _shown_days(window)  # the same dates (the lane scroll bar may go: pixels vary)
    assert abs(after[0] - before[0]) < 1 and abs(after[1] - before[1]) < 1
    window.filters.search.setFocus()
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Escape)
    assert window.filters.search.text() == ""
    assert len(window.visible_commitment_ids()) == len(reference.catalog.commitments)


def _shown_days(window) -> tuple[float, float]:
    vp = window.timeline.viewport
    return vp.start, vp.start + vp.days_per_px * vp.chart_width


def _highlighted(words: str, window) -> bool:
    """Qt rewrites our style attribute; the highlight colour survives it."""
    colour = re.search(r"background-color:(#\w+)", HIT_STYLE).group(1)
    html = window.detail.browser.toHtml()
    return re.search(colour + r'[^>]*">' + re.escape(words) + "</span>", html, re.I) is not None


def test_a_sector_named_like_its_group_is_named_once(reference):
    from jcct_desktop.ui.detail import overview

    page = overview.search_html(reference.catalog, "trillion", 1, ("2011-SEIS-F1",),
                                parse_query("trillion"))
    assert "Strategic Emerging Industries</b>" in page
    assert "Strategic Emerging Industries › Strategic Emerging Industries" not in page
