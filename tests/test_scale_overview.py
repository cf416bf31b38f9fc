"""Archive scale: the search page lists a bounded number of facts and says how many it left
out, so a short word on a 100,000-commitment archive never sets tens of thousands as HTML."""

from __future__ import annotations

from jcct_desktop.core.search import parse_query
from jcct_desktop.ui.detail import overview
from jcct_desktop.ui.detail.html import esc


def test_the_search_page_lists_the_first_facts_and_says_how_many_more(reference, monkeypatch):
    facts = list(reference.catalog.facts)
    assert len(facts) > 5  # the 2011 fact sheet's own facts
    monkeypatch.setattr(overview, "FACTS_LISTED", 3)
    ids = tuple(f.id for f in facts)
    page = overview.search_html(reference.catalog, "the", 9, ids, None)
    assert page.count("<li>") == 3
    assert f"The first 3 of {len(facts):,} facts are listed" in page
    assert esc(facts[0].text) in page and esc(facts[2].text) in page  # the first, in order
    assert esc(facts[-1].text) not in page


def test_a_search_page_under_the_limit_lists_every_fact_and_adds_nothing(reference):
    facts = reference.catalog.facts
    ids = tuple(f.id for f in facts)
    assert len(ids) <= overview.FACTS_LISTED
    page = overview.search_html(reference.catalog, "the", 9, ids, parse_query("the"))
    assert page.count("<li>") == len(ids)
    assert "are listed" not in page
