"""The detail pane frees each search page it replaces: a page made on the search worker and
swapped in (``DetailPane.show_prepared``) is the browser's child, which Qt does not delete
when another document replaces it, so every typed key used to leave one behind."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from jcct_desktop.ui.main_window import MainWindow
from tests.ui_support import type_in_background

# the offscreen platform's note when the status bar's counts change the window's size hints
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _documents(window: MainWindow) -> list[QTextDocument]:
    return window.detail.browser.findChildren(QTextDocument)


def test_each_swapped_page_replaces_the_last_one(qtbot, window: MainWindow) -> None:
    swapped: list[QTextDocument] = []
    swap = window.detail.show_prepared

    def counted(document: QTextDocument) -> None:
        swapped.append(document)
        swap(document)

    window.detail.show_prepared = counted  # type: ignore[method-assign]
    for text in ("s", "so", "sof", "soft", "software", "smart g", "IPR"):
        type_in_background(qtbot, window, text)
        documents = _documents(window)
        assert documents == [window.detail.browser.document()]  # one, the one shown
        assert f"“{text}”" in window.detail.plain_text()
    assert len(swapped) == 7  # every page came from the worker and was freed in turn


def test_a_commitment_shown_in_a_swapped_page_then_another_search(qtbot,
                                                                   window: MainWindow) -> None:
    """The pane sets a commitment into the swapped document (its own from then on); the next
    search's page replaces that document, which is freed too."""
    type_in_background(qtbot, window, "software")
    window.select_commitment("2011-SOFT-1")
    assert "2011-SOFT-1" in window.detail.plain_text()
    assert len(_documents(window)) == 1
    type_in_background(qtbot, window, "smart grid")  # the selection is no longer shown
    assert window.selected_commitment_id() is None
    assert "“smart grid”" in window.detail.plain_text()
    assert _documents(window) == [window.detail.browser.document()]
