"""Copy and cite one commitment: Ctrl+C and the context menu of tree rows and timeline bars.

Copy citation, Copy quote, Export this commitment as PDF…, Print this commitment…, Open its
sector. The words come from ``core.citation``; the standing's phrase from
``core.standing_words`` (the window's book).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from jcct_desktop.core.citation import citation, quote
from jcct_desktop.core.standing_words import phrase

if TYPE_CHECKING:
    from jcct_desktop.ui.main_window import MainWindow


def citation_text(window: MainWindow, commitment_id: str) -> str:
    c = window.catalog.commitment(commitment_id)
    as_of = window.as_of()
    return citation(window.catalog, c, as_of, phrase(window.standings.of(c.id)))


def copy_citation(window: MainWindow, commitment_id: str) -> None:
    QGuiApplication.clipboard().setText(citation_text(window, commitment_id))
    window.statusBar().showMessage(f"Copied the citation of {commitment_id}", 4000)


def copy_quote(window: MainWindow, commitment_id: str) -> None:
    QGuiApplication.clipboard().setText(quote(window.catalog.commitment(commitment_id)))
    window.statusBar().showMessage(f"Copied the quote of {commitment_id}", 4000)


def open_sector(window: MainWindow, commitment_id: str) -> None:
    """Select the commitment's sector row: the detail pane shows the sector's overview."""
    c = window.catalog.commitment(commitment_id)
    key = f"{c.meeting}/{c.sector}"
    if not window.tree.select_node(key):
        window.clear_filters()
        window.tree.select_node(key)
    window.tree.setFocus(Qt.FocusReason.OtherFocusReason)


def copy_focused(window: MainWindow) -> None:
    """Ctrl+C: selected text in the detail pane as text; otherwise the current citation."""
    browser = window.detail.browser
    focus = QApplication.focusWidget()
    in_browser = focus is not None and (focus is browser or browser.isAncestorOf(focus))
    if in_browser and browser.textCursor().hasSelection():
        browser.copy()
        return
    cid = window.selected_commitment_id()
    if cid:
        copy_citation(window, cid)


def commitment_menu(window: MainWindow, commitment_id: str, parent: QWidget) -> QMenu:
    menu = QMenu(parent)
    menu.setObjectName("commitmentMenu")
    entries = (
        ("Copy &citation", lambda: copy_citation(window, commitment_id)),
        ("Copy &quote", lambda: copy_quote(window, commitment_id)),
        (None, None),
        ("&Export this commitment as PDF…", lambda: window.export_packet(only=commitment_id)),
        ("&Print this commitment…", lambda: window.print_packet(only=commitment_id)),
        (None, None),
        ("Open its &sector", lambda: open_sector(window, commitment_id)),
    )
    for text, slot in entries:
        if text is None:
            menu.addSeparator()
        else:
            menu.addAction(text).triggered.connect(lambda _c=False, s=slot: s())
    return menu


def show_menu(window: MainWindow, commitment_id: str, parent: QWidget, at: QPoint) -> QMenu:
    """Select the commitment (so the other panes agree), then pop its menu at ``at``."""
    window.select_commitment(commitment_id)
    menu = commitment_menu(window, commitment_id, parent)
    menu.popup(at)
    return menu


def install(window: MainWindow) -> None:
    """Context menus on tree rows and timeline bars."""
    window.tree.menuRequested.connect(lambda cid, at: show_menu(window, cid, window.tree, at))
    window.timeline.contextRequested.connect(
        lambda cid, at: show_menu(window, cid, window.timeline, at))
