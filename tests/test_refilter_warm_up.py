"""Issue 25: what the first typed search would wait for is made on the search worker once the
window shows (``ui.refilter.prepare``): each commitment's place in source order and the
timeline's masks, besides the search's own lookups; the results stay those of a plain pass."""

from __future__ import annotations

import pytest

from jcct_desktop.core.filtering import FilterContext
from jcct_desktop.core.source_order import source_order
from jcct_desktop.ui.refilter import prepare
from jcct_desktop.ui.timeline import TimelineSource, build_layout
from tests.test_timeline_scale import assert_same, straightforward


def test_prepare_makes_the_places_and_the_masks(reference) -> None:
    catalog = reference.catalog
    source = TimelineSource(catalog)
    order = source_order(catalog)
    order.__dict__.pop("rows", None)  # as if no search had asked for them yet
    assert source._masks is None
    prepare(FilterContext(catalog, reference.search, None), source)
    assert order.__dict__["rows"] == {cid: k for k, cid in enumerate(order.ids)}
    assert source._masks is not None
    visible = {c.id for c in catalog.commitments[::3]}
    layout = build_layout(source, visible, order.mask(visible))
    assert_same(layout, straightforward(catalog, visible), catalog)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_window_prepares_them_after_its_first_paint(qtbot, reference, tmp_path) -> None:
    from jcct_desktop.ui.main_window import MainWindow
    from tests.ui_support import temp_settings

    window = MainWindow(reference.catalog, reference.search, settings=temp_settings(tmp_path))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    source = window._timeline_source
    qtbot.waitUntil(lambda: source._masks is not None, timeout=10_000)
    assert "rows" in source_order(reference.catalog).__dict__
