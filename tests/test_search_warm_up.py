"""The window reads what its first typed search needs on the search thread, after its first
paint: the per-catalog lookups and the reference rows (``FilterContext.prepare``), so the
first key does not wait for them and the GUI thread never reads them."""

from __future__ import annotations

import threading
from pathlib import Path

from jcct_desktop.core.filtering import FilterContext
from jcct_desktop.store.reference.imported_meetings import open_with_imports
from tests.imported_support import import_jcct_23
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE


def _recording(monkeypatch) -> list[tuple[threading.Thread, FilterContext]]:
    prepared: list[tuple[threading.Thread, FilterContext]] = []
    real = FilterContext.prepare

    def prepare(self: FilterContext) -> None:
        real(self)
        prepared.append((threading.current_thread(), self))

    monkeypatch.setattr(FilterContext, "prepare", prepare)
    return prepared


def test_the_first_paint_warms_the_search_on_its_thread(make_window, qtbot, monkeypatch):
    prepared = _recording(monkeypatch)
    window = make_window()
    qtbot.waitUntil(lambda: len(prepared) == 1, timeout=20_000)
    thread, context = prepared[0]
    assert thread is not threading.main_thread()
    assert context is window.filter_context()
    window.filters.search.setText("so")  # typed: on the worker, over what was read
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=20_000)
    typed = window.visible_commitment_ids()
    window.clear_filters()
    window.set_search_text("so")
    assert typed == window.visible_commitment_ids() and "2011-SOFT-2" in typed


def test_an_imported_meeting_warms_the_new_search(qtbot, data_dir: Path, tmp_path: Path,
                                                  capsys, reference, monkeypatch):
    prepared = _recording(monkeypatch)
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    qtbot.waitUntil(lambda: len(prepared) == 1, timeout=20_000)
    import_jcct_23(data_dir, tmp_path)
    capsys.readouterr()
    both = open_with_imports(data_dir)
    window.set_reference(both.catalog, both.search)
    qtbot.waitUntil(lambda: len(prepared) == 2, timeout=20_000)
    assert prepared[1][1].catalog is both.catalog
    assert prepared[1][0] is not threading.main_thread()
