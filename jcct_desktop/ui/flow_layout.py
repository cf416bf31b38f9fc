"""A layout that places widgets left to right and wraps to a new row when the width runs out.

The filter row uses it: a toolbar hides what does not fit behind », where an officer on a
small or scaled screen never finds "Any tag"; a flow row grows a second line instead.
Items with an expanding horizontal policy (a spacer) take the rest of their row.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    # -- QLayout's item protocol ------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes ---------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- placing -------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _rows(self, width: int) -> list[list[QLayoutItem]]:
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = item.sizeHint().width()
            if rows[-1] and used + self._spacing + w > width:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + w
            rows[-1].append(item)
        return rows

    def _place(self, rect: QRect, apply: bool) -> int:
        m: QMargins = self.contentsMargins()
        inner = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = inner.y()
        for row in self._rows(inner.width()):
            if not row:
                continue
            height = max(i.sizeHint().height() for i in row)
            if apply:
                self._place_row(row, inner, y, height)
            y += height + self._spacing
        return y - self._spacing - rect.y() + m.bottom() if y > inner.y() else m.top() + m.bottom()

    def _place_row(self, row: list[QLayoutItem], inner: QRect, y: int, height: int) -> None:
        widths = [i.sizeHint().width() for i in row]
        spare = inner.width() - sum(widths) - self._spacing * (len(row) - 1)
        growing = [n for n, i in enumerate(row) if _expands(i)]
        if growing and spare > 0:
            widths[growing[-1]] += spare  # a spacer pushes what follows it to the right
        x = inner.x()
        for item, w in zip(row, widths, strict=True):
            h = item.sizeHint().height()
            item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
            x += w + self._spacing


def _expands(item: QLayoutItem) -> bool:
    widget = item.widget()
    return widget is not None and (
        widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding)
