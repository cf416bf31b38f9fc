"""The detail pane: hostile data never becomes markup; milestones follow the as-of date."""

from __future__ import annotations

from datetime import date

from jcct_desktop.core.search import parse_query
from jcct_desktop.ui.detail import DetailPane, commitment_html
from jcct_desktop.ui.detail.html import marked
from tests.ui_support import HOSTILE, ListSearch, hostile_catalog


def test_hostile_text_shows_as_text_in_the_pane(qtbot):
    catalog = hostile_catalog()
    pane = DetailPane(catalog)
    qtbot.addWidget(pane)
    pane.show_commitment("2099-S-1", date(2099, 1, 1), parse_query("Title"))
    text = pane.plain_text()
    for piece in (f"Title {HOSTILE}", f"Text {HOSTILE}", f"label {HOSTILE}",
                  f"wording {HOSTILE}", f"Fact {HOSTILE}", f"Agency {HOSTILE}",
                  f"Sector {HOSTILE}", f"Other {HOSTILE}", f"Sheet {HOSTILE}"):
        assert piece in text, piece
    assert "<script>" not in pane.browser.toHtml()


def test_html_escapes_every_piece_and_highlights_safely():
    catalog = hostile_catalog()
    page = commitment_html(catalog, catalog.commitment("2099-S-1"), date(2099, 1, 1),
                           parse_query("<b>"))
    assert "<script>" not in page and "<b>&amp;" not in page
    assert marked("a<b>c", parse_query("b")) == (
        'a&lt;<span style="background-color:#ffe58a; color:#1b1b1b;">b</span>&gt;c')


def test_milestone_state_follows_the_as_of_date(qtbot):
    catalog = hostile_catalog()
    pane = DetailPane(catalog)
    qtbot.addWidget(pane)
    pane.show_commitment("2099-S-1", date(2099, 6, 20))
    assert "Due soon — 10 days left" in pane.plain_text()
    pane.show_commitment("2099-S-1", date(2099, 7, 10))
    assert "Overdue — closed 10 days ago" in pane.plain_text()


def test_window_on_a_hostile_catalog_keeps_text_plain(qtbot, tmp_path):
    from jcct_desktop.ui.main_window import MainWindow
    from tests.ui_support import temp_settings

    catalog = hostile_catalog()
    # Built by hand, not by make_window: over a hand-made catalog, not the reference data.
    window = MainWindow(catalog, ListSearch(catalog), settings=temp_settings(tmp_path),
                        as_of=date(2099, 1, 1))
    qtbot.addWidget(window)
    assert window.select_commitment("2099-S-1")
    assert f"Title {HOSTILE}" in window.detail.plain_text()
    tip = window.timeline.tooltip_for(window.timeline.layout_data.marks)
    assert "<script>" not in tip and "&lt;script&gt;" in tip
    window.set_search_text("<b>")
    assert window.visible_commitment_ids() == ["2099-S-1", "2099-S-2"]
