"""The notes list: each note's timestamp over its text, wrapped on several lines.

The History list uses the same delegate (``set_up(view, "History")``): any item with a
STAMP_ROLE heading and plain text is drawn this way.

Painted with QTextLayout as plain text (never markup: ``<b>&`` stays those characters). An item
stops at MAX_LINES with an ellipsis; its tooltip holds the whole note, up to TOOLTIP_CHARS, so a
1 MB note can neither freeze a paint nor a tooltip (the editor below always shows all of it).
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from jcct_desktop.core.annotations.model import Note
from jcct_desktop.core.dates import iso_minutes

NOTE_ID = Qt.ItemDataRole.UserRole
STAMP_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_LINES = 6  # a long note stays one glance tall; select it to read it all
LAYOUT_CHARS = 4000  # more than MAX_LINES of any width can show
TOOLTIP_CHARS = 8000
PAD = 6
RULE = QColor("#e6e8eb")  # between notes, so one note's end never reads as the next's start

AnyIndex = QModelIndex | QPersistentModelIndex


def stamp(note: Note) -> str:
    made = iso_minutes(note.created.astimezone())
    if note.updated and note.updated > note.created:
        return f"{made} · edited {iso_minutes(note.updated.astimezone())}"
    return made


def tooltip(note: Note, heading: str | None = None) -> str:
    """Escaped rich text: Qt guesses markup in plain tooltips, so ``<b>`` would turn bold."""
    text = note.text[:TOOLTIP_CHARS]
    more = len(note.text) - len(text)
    body = html.escape(text).replace("\n", "<br>")
    if more:
        body += f"<br>… {more:,} more characters: select the note to read it all."
    return (f"<qt><b>{html.escape(heading or stamp(note))}</b><br>"
            f'<span style="white-space:pre-wrap;">{body}</span></qt>')


def note_item(note: Note, author: str | None = None) -> QListWidgetItem:
    item = QListWidgetItem(note.text[:LAYOUT_CHARS])
    item.setData(NOTE_ID, note.id)
    heading = f"{stamp(note)} · {author}" if author else stamp(note)  # who wrote it
    item.setData(STAMP_ROLE, heading)
    item.setToolTip(tooltip(note, heading))
    return item


def wrap(text: str, font: QFont, width: int, max_lines: int = MAX_LINES) -> list[str]:
    """The lines the text takes at ``width`` (its own line breaks kept), at most max_lines;
    the last one ends in an ellipsis when the text goes on."""
    fm = QFontMetrics(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    lines: list[str] = []
    paragraphs = text[:LAYOUT_CHARS].split("\n")
    for n, paragraph in enumerate(paragraphs):
        utf16 = paragraph.encode("utf-16-le")
        units = len(utf16) // 2
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        while len(lines) < max_lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            # Qt counts UTF-16 units: an emoji is two, so Python's index would cut a word
            start, end = line.textStart(), line.textStart() + line.textLength()
            lines.append(_units(utf16, start, end).rstrip())
            if len(lines) == max_lines and (end < units or n + 1 < len(paragraphs)):
                rest = " ".join(_units(utf16, start, start + 400).split()) + " …"
                lines[-1] = fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        layout.endLayout()
        if len(lines) == max_lines:
            break
    return lines or [""]


def fitted_heading(text: str, font: QFont, width: int) -> str:
    """The heading on one line, ending in "…" when it is wider than the item (it was cut off
    mid-character: "recorded 2026-1"); the item's tooltip holds it whole."""
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


def _units(utf16: bytes, start: int, end: int) -> str:
    """The text from UTF-16 unit ``start`` to ``end`` (QTextLayout's positions)."""
    return utf16[2 * start:2 * end].decode("utf-16-le", "ignore")


class NoteDelegate(QStyledItemDelegate):
    """Timestamp (small, muted) above the wrapped text; the height follows the lines."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # re-measure at once when the width changes (a scroll bar appearing, the splitter):
        # the view's own re-layout waits 100 ms and a stale frame shows notes overlapping
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self.view.doItemsLayout()
        return False

    def _item_width(self) -> int:
        return max(60, self.view.viewport().width() - 2 * self.view.spacing())

    def _text_width(self) -> int:
        return self._item_width() - 2 * PAD

    def _stamp_font(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        small.setWeight(QFont.Weight.DemiBold)
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        font = option.font
        lines = wrap(str(index.data()), font, self._text_width())
        height = (QFontMetrics(self._stamp_font(font)).height()
                  + len(lines) * QFontMetrics(font).lineSpacing() + 2 * PAD + 2)
        return QSize(self._item_width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style draws the background only
        widget = opt.widget
        style = widget.style() if widget else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        role = QPalette.ColorRole
        ink = palette.color(role.HighlightedText if selected else role.Text)
        muted = palette.color(role.HighlightedText if selected else role.PlaceholderText)
        font = opt.font
        small = self._stamp_font(font)
        painter.save()
        painter.setClipRect(rect)
        x, y = rect.left() + PAD, rect.top() + PAD
        painter.setFont(small)
        painter.setPen(muted)
        small_fm = QFontMetrics(small)
        heading = fitted_heading(str(index.data(STAMP_ROLE) or ""), small, self._text_width())
        painter.drawText(QPointF(x, y + small_fm.ascent()), heading)
        y += small_fm.height() + 2
        painter.setFont(font)
        painter.setPen(ink)
        fm = QFontMetrics(font)
        for line in wrap(str(index.data()), font, self._text_width()):
            painter.drawText(QPointF(x, y + fm.ascent()), line)
            y += fm.lineSpacing()
        painter.setPen(RULE)
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())
        painter.restore()


def fit_height(view: QListWidget, most_lines: int = 8, least_lines: int = 3) -> None:
    """Tall enough to read the notes it holds, up to ``most_lines`` lines of text (then it
    scrolls, and the editor below stays in reach at 1024×768), and never a sliver: a list of
    three lines was all 1024×768 showed, and the officer scrolled the whole pane to read."""
    line = view.fontMetrics().lineSpacing()
    content = sum(view.sizeHintForRow(r) + 2 * view.spacing() for r in range(view.count()))
    frame = 2 * view.frameWidth()
    wanted = min(max(content, least_lines * line), most_lines * line) + frame
    view.setMinimumHeight(wanted)


def set_up(view: QListWidget, name: str = "Notes") -> None:
    """Make a QListWidget a list of wrapped items (a heading over plain text) whose heights
    follow its width: the notes, and the history."""
    view.setItemDelegate(NoteDelegate(view))
    view.setResizeMode(QListView.ResizeMode.Adjust)  # re-measure items when the width changes
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setUniformItemSizes(False)
    view.setSpacing(1)
    view.setAccessibleName(name)


class NoteList(QListWidget):
    """The notes list. Tabbing into it does not pick a note: Qt's list makes its first row
    current on a keyboard focus-in, and a current note is opened for editing — swapping the
    draft being written for that note's text. Arrow keys or a click still choose one."""

    def fit(self) -> None:
        fit_height(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # wrapped heights follow width
            self.fit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.currentItem() is not None or event.reason() == Qt.FocusReason.MouseFocusReason:
            super().focusInEvent(event)
            return
        with QSignalBlocker(self), QSignalBlocker(self.selectionModel()):
            super().focusInEvent(event)
            self.setCurrentRow(-1)
        self.viewport().update()
