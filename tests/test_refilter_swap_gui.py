"""Issue 25: a typed search computed on the search worker and swapped into the real window
(``MainWindow._apply_refilter``: the shown ids read from the refilter's mask, the detail
page made on the worker as a document and swapped in) shows exactly what the same filter
applied at once on the GUI thread shows: the tree, the timeline, the counts, the spoken
count and the detail page."""

from __future__ import annotations

from typing import Any

import pytest

from jcct_desktop.ui.detail.html import LINK_SCHEME
from jcct_desktop.ui.main_window import MainWindow
from tests.test_tree_fast_build import _shape
from tests.ui_support import type_in_background

# the offscreen platform's note when the status bar's counts change the window's size hints
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _seen(window: MainWindow) -> dict[str, Any]:
    """Everything the window shows of a filter's result."""
    layout = window.timeline.layout_data
    browser = window.detail.browser
    return {
        "shown": window.visible_commitment_ids(),
        "tree": _shape(window.tree.tree_model().root),
        "lanes": [[(m.commitment_id, m.index) for m in lane] for lane in layout.by_lane],
        "bands": [(b.label, b.first_lane, b.lane_count) for b in layout.bands],
        "span": layout.span,
        "counts": window.counts.text(),
        "detail html": browser.toHtml(),
        "detail text": browser.toPlainText(),
        "margin": browser.document().documentMargin(),
        "font": browser.document().defaultFont().toString(),
        "selected": window.selected_commitment_id(),
    }


@pytest.mark.parametrize("text", ["software", "s", "smart g", "IPR", "zzqq-no-match"])
def test_the_worker_result_shows_as_the_synchronous_one(qtbot, window: MainWindow,
                                                        text: str) -> None:
    made: list[object] = []
    swap = window.detail.show_prepared

    def counted(document: Any) -> None:
        made.append(document)
        swap(document)

    window.detail.show_prepared = counted  # type: ignore[method-assign]
    type_in_background(qtbot, window, text)
    from_worker = _seen(window)
    assert from_worker["selected"] is None
    shown, everything = len(from_worker["shown"]), len(window.catalog.commitments)
    assert (shown == 0) if text == "zzqq-no-match" else (0 < shown <= everything)
    assert shown < everything or text == "s"  # "s" finds every commitment of 2011
    assert len(made) == 1  # the page came made from the worker, not parsed here
    window._refilter()  # the same filter, at once on the GUI thread (its page parsed here)
    assert len(made) == 1
    at_once = _seen(window)
    assert from_worker == at_once
    assert from_worker["margin"] == 14


def test_a_selected_commitment_still_shown_stays_selected(qtbot, window: MainWindow) -> None:
    """No page is made for a result that keeps the selection: its commitment stays shown."""
    window.select_commitment("2011-SOFT-1")
    assert window.selected_commitment_id() == "2011-SOFT-1"
    made: list[object] = []
    window.detail.show_prepared = made.append  # type: ignore[method-assign, assignment]
    type_in_background(qtbot, window, "software")
    assert window.selected_commitment_id() == "2011-SOFT-1"
    assert window.detail.commitment_id == "2011-SOFT-1"
    assert made == [] and window._prepared_page is None
    assert "2011-SOFT-1" in window.detail.plain_text()


def test_the_swapped_page_keeps_its_links(qtbot, window: MainWindow) -> None:
    """The document made on the worker is the pane's own from then on: a commitment shown
    afterwards is set into it as before, with its links."""
    type_in_background(qtbot, window, "software")
    assert "match" in window.detail.plain_text()
    document = window.detail.browser.document()
    assert document.parent() is window.detail.browser
    window.select_commitment("2011-SOFT-1")
    assert window.detail.commitment_id == "2011-SOFT-1"
    assert window.detail.browser.document().documentMargin() == 14
    assert "2011-SOFT-1" in window.detail.plain_text()
    assert f'href="{LINK_SCHEME}:2011-SOFT-2"' in window.detail.browser.toHtml()
