"""Copy and cite one commitment: Ctrl+C and the context menu of tree rows and timeline bars.

Copy citation, Copy quote, Export this commitment as PDF…, Print this commitment…, Open its
sector. The words come from ``core.citation``; the standing's phrase from
``core.standing_words`` (the window's book). What this asks of the window is spelled out as
Protocols (:class:`CitationWords`, :class:`CitingHost`); the main window is one such host.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QStatusBar, QWidget

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.citation import citation, quote
from jcct_desktop.core.standing import StandingBook
from jcct_desktop.core.standing_words import phrase
from jcct_desktop.ui.detail import DetailPane
from jcct_desktop.ui.timeline import TimelineWidget
from jcct_desktop.ui.tree import SectorTreeView


class CitationWords(Protocol):
    """Where a citation's words come from: the catalog, the standings and the as-of date."""

    @property
    def catalog(self) -> Catalog: ...
    @property
    def standings(self) -> StandingBook: ...
    def as_of(self) -> date: ...


class CitingHost(CitationWords, Protocol):
    """What the copy actions and the commitment menu ask of the window."""

    @property
    def tree(self) -> SectorTreeView: ...
    @property
    def timeline(self) -> TimelineWidget: ...
    @property
    def detail(self) -> DetailPane: ...
    def statusBar(self) -> QStatusBar: ...
    def clear_filters(self) -> None: ...
    def selected_commitment_id(self) -> str | None: ...
    def select_commitment(self, commitment_id: str) -> bool: ...
    def export_packet(self, only: str | None = None) -> None: ...
    def print_packet(self, only: str | None = None) -> None: ...


def citation_text(words: CitationWords, commitment_id: str) -> str:
    c = words.catalog.commitment(commitment_id)
    return citation(words.catalog, c, words.as_of(), phrase(words.standings.of(c.id)))


class Citing:
    """The copy actions and the commitment menu over one host."""

    def __init__(self, host: CitingHost) -> None:
        self.host = host

    def install(self) -> None:
        """Context menus on tree rows and timeline bars."""
        tree, timeline = self.host.tree, self.host.timeline
        tree.menuRequested.connect(lambda cid, at: self.show_menu(cid, tree, at))
        timeline.contextRequested.connect(lambda cid, at: self.show_menu(cid, timeline, at))

    def copy_citation(self, commitment_id: str) -> None:
        QGuiApplication.clipboard().setText(citation_text(self.host, commitment_id))
        self.host.statusBar().showMessage(f"Copied the citation of {commitment_id}", 4000)

    def copy_quote(self, commitment_id: str) -> None:
        QGuiApplication.clipboard().setText(quote(self.host.catalog.commitment(commitment_id)))
        self.host.statusBar().showMessage(f"Copied the quote of {commitment_id}", 4000)

    def open_sector(self, commitment_id: str) -> None:
        """Select the commitment's sector row: the detail pane shows the sector's overview."""
        c = self.host.catalog.commitment(commitment_id)
        key = f"{c.meeting}/{c.sector}"
        tree = self.host.tree
        if not tree.select_node(key):
            self.host.clear_filters()
            tree.select_node(key)
        tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def copy_focused(self) -> None:
        """Ctrl+C: selected text in the detail pane as text; otherwise the current citation."""
        browser = self.host.detail.browser
        focus = QApplication.focusWidget()
        in_browser = focus is not None and (focus is browser or browser.isAncestorOf(focus))
        if in_browser and browser.textCursor().hasSelection():
            browser.copy()
            return
        cid = self.host.selected_commitment_id()
        if cid:
            self.copy_citation(cid)

    def menu(self, commitment_id: str, parent: QWidget) -> QMenu:
        host = self.host
        menu = QMenu(parent)
        menu.setObjectName("commitmentMenu")
        entries = (
            ("Copy &citation", lambda: self.copy_citation(commitment_id)),
            ("Copy &quote", lambda: self.copy_quote(commitment_id)),
            (None, None),
            ("&Export this commitment as PDF…", lambda: host.export_packet(only=commitment_id)),
            ("&Print this commitment…", lambda: host.print_packet(only=commitment_id)),
            (None, None),
            ("Open its &sector", lambda: self.open_sector(commitment_id)),
        )
        for text, slot in entries:
            if text is None:
                menu.addSeparator()
            else:
                menu.addAction(text).triggered.connect(lambda _c=False, s=slot: s())
        return menu

    def show_menu(self, commitment_id: str, parent: QWidget, at: QPoint) -> QMenu:
        """Select the commitment (so the other panes agree), then pop its menu at ``at``."""
        self.host.select_commitment(commitment_id)
        menu = self.menu(commitment_id, parent)
        menu.popup(at)
        return menu
