"""The detail text as a document a screen reader can follow: named, caret-navigable, and its
links said aloud as Tab reaches them.

Qt selects a link on Tab without any signal (no highlighted, selectionChanged nor
cursorPositionChanged), and exposes no link children to AT-SPI, so a blind officer heard
nothing: the browser announces the link itself.
"""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from jcct_desktop.ui import announce
from jcct_desktop.ui.detail.html import LINK_SCHEME


class DetailBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailBrowser")
        self.setAccessibleName("Commitment text")
        # the caret moves with the arrow keys (read line by line); Tab reaches each link
        # and Enter follows it
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)

    def focusNextPrevChild(self, forward: bool) -> bool:
        moved = super().focusNextPrevChild(forward)
        if moved and self.hasFocus():
            self.announce_link()
        return moved

    def link_at_cursor(self) -> tuple[str, str] | None:
        """(words, target) of the link the cursor has selected, if it has one selected."""
        cursor = self.textCursor()
        chosen = cursor.selectedText()
        if not chosen:
            return None
        inside = QTextCursor(cursor)
        inside.setPosition(cursor.selectionStart() + 1)  # the format of its first character
        href = inside.charFormat().anchorHref()
        if not href:
            return None
        url = QUrl(href)
        return chosen, unquote(url.path()) if url.scheme() == LINK_SCHEME else href

    def announce_link(self) -> None:
        found = self.link_at_cursor()
        if found is not None:
            words, target = found
            announce.polite(self, f"Link: {words}" + ("" if target == words else f", {target}"))
