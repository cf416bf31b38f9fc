"""A thin QAbstractItemModel over :mod:`tree.items`: indexes, roles, reset on rebuild."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from jcct_desktop.core import dates
from jcct_desktop.core.dates import short_day
from jcct_desktop.core.standing import Standing, StandingBook
from jcct_desktop.core.standing_words import phrase
from jcct_desktop.ui.annotations.marks import STAR_COLOUR, AnnotationMarks, assessment_icon
from jcct_desktop.ui.graphics import state_icon
from jcct_desktop.ui.tree import spoken
from jcct_desktop.ui.tree.items import NodeKind, TreeItem

if TYPE_CHECKING:
    from jcct_desktop.ui.annotations.feed import AnnotationFeed

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # commitment id, or None for containers
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # NodeKind
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # core.standing.Standing of a commitment
KEY_ROLE = Qt.ItemDataRole.UserRole + 4  # stable key of any node (for expansion state)
STARRED_ROLE = Qt.ItemDataRole.UserRole + 5  # bool, commitments only
ASSESSMENT_ROLE = Qt.ItemDataRole.UserRole + 6  # core.annotations.Assessment, commitments only
CHANGED_ROLE = Qt.ItemDataRole.UserRole + 7  # changes since the Changes view's day, or None
CHANGED_GLYPH = "Δ"  # beside the star and assessment while View → Changes since… is open

AnyIndex = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()  # a shared default: Qt never mutates it
_HEADERS = ("Sector / commitment", "#")  # column 1: a count, or a commitment's star/assessment
_COLUMNS = len(_HEADERS)
_MARKS_TIP = ("Commitments under a node; for a commitment, ★ starred, ✎ an unsaved note draft "
              "and its assessment")


class SectorTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = TreeItem(NodeKind.ROOT, "", "")
        self._retired: TreeItem | None = None  # the tree shown before this one
        self._states: Mapping[str, Standing] = {}
        self._marks = AnnotationMarks()
        self._book = StandingBook(dates.today(), {})
        self._changed = ChangedMarks()

    # -- feeding ------------------------------------------------------------------------
    def set_tree(self, root: TreeItem, states: Mapping[str, Standing]) -> None:
        self.beginResetModel()
        before, self._root = self._root, root
        self._states = states
        self.endResetModel()
        # the tree before the one just replaced is taken apart (``TreeItem.dismantle``): one
        # rebuild late, so that nothing Qt may still hold from the last reset points at it
        retired, self._retired = self._retired, before
        if retired is not None and retired is not root and retired is not before:
            retired.dismantle()

    def set_standings(self, book: StandingBook) -> None:
        """Each commitment's full standing, for tooltips worded when hovered, not per rebuild;
        the assessment badges follow its as-of date too."""
        self._book = book
        if self._marks.as_of != book.as_of:
            self.set_marks(self._marks)

    def follow(self, feed: AnnotationFeed) -> None:
        """Stars, assessments, follow-ups and drafts follow the officer's notes."""
        feed.marksChanged.connect(self.set_marks)

    def set_marks(self, marks: AnnotationMarks) -> None:
        """New stars/assessments: repaint only the rows that changed (no reset, no reselect)."""
        if marks.as_of != self._book.as_of:  # the assessments in force on the As-of date
            marks = marks.at(self._book.as_of)
        changed = marks.changed_ids(self._marks)
        self._marks = marks
        for cid in changed:
            index = self.index_for_id(cid)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(1))

    def set_changed(self, changed: ChangedMarks) -> None:
        """Mark the commitments the Changes view lists (an empty ``ChangedMarks`` clears);
        repaints only the rows whose mark came or went."""
        before, self._changed = self._changed, changed
        for cid in set(before.counts) ^ set(changed.counts) | {
                c for c in changed.counts if before.counts.get(c) != changed.counts[c]}:
            index = self.index_for_id(cid)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(1))

    @property
    def changed(self) -> ChangedMarks:
        return self._changed

    @property
    def marks(self) -> AnnotationMarks:
        return self._marks

    @property
    def root(self) -> TreeItem:
        return self._root

    def item(self, index: AnyIndex) -> TreeItem:
        if index.isValid():
            return index.internalPointer()
        return self._root

    def index_for_item(self, item: TreeItem) -> QModelIndex:
        if item is self._root or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.row, 0, item)

    def index_for_id(self, commitment_id: str) -> QModelIndex:
        leaf = self._root.locate(commitment_id)
        return self.createIndex(leaf.row, 0, leaf) if leaf is not None else QModelIndex()

    # -- structure ----------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = _NO_INDEX) -> QModelIndex:
        # asked once per top-level row on every rebuild: the parent read once, no helpers
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            item = parent.internalPointer()
        else:
            item = self._root
        if not 0 <= column < _COLUMNS:
            return QModelIndex()
        # Expand all asks this of every row (140,000 at 100,000 commitments): the children
        # read without helpers
        kids = item._children
        if kids is None:
            kids = item.children()
        return self.createIndex(row, column, kids[row]) if 0 <= row < len(kids) \
            else QModelIndex()

    def parent(self, index: AnyIndex = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self.item(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: AnyIndex = _NO_INDEX) -> int:
        if not parent.isValid():
            return self._root.child_count()
        if parent.column() != 0:
            return 0
        item = parent.internalPointer()
        kids = item._children  # made: Expand all asks every meeting, group and sector
        return len(kids) if kids is not None else item.child_count()

    def hasChildren(self, parent: AnyIndex = _NO_INDEX) -> bool:
        # asked of every row by Expand all, leaves included: a made node's list read at once
        if parent.isValid():
            item = parent.internalPointer()
            kids = item._children
            if kids is not None:
                return bool(kids) and parent.column() == 0
            return parent.column() == 0 and item.has_children()
        return self._root.has_children()

    def columnCount(self, parent: AnyIndex = _NO_INDEX) -> int:
        return len(_HEADERS)

    # No ``flags``: QAbstractItemModel's own (selectable and enabled, none for an invalid
    # index) is what every row needs, answered in C++. The view asks it twice per top-level
    # row on every rebuild (2,000 calls at 100,000 commitments) and once per painted cell;
    # a Python override took the interpreter lock for each, and converting the flags it
    # returned ran the enum module's Python code once more.

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 1:
            return _MARKS_TIP
        return None

    # -- data ---------------------------------------------------------------------------
    def multiData(self, index: AnyIndex,
                  roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """Every role the item delegate asks for a cell (seven) in one call from C++: Qt's
        own ``multiData`` calls ``data`` once per role, each call taking the interpreter lock
        (and, while a search runs on the worker, waiting for its turn). Each role gets what
        ``data`` gives it."""
        if isinstance(roleDataSpan, QModelRoleData):  # one role, asked from Python
            slots = [roleDataSpan]
        else:  # each item is the C++ span's own: setting it answers the caller
            slots = [roleDataSpan[i] for i in range(roleDataSpan.size())]  # type: ignore[index]
        data = self.data
        for slot in slots:
            value = data(index, slot.role())
            if value is None:  # the caller's slots may hold the last cell's answers
                slot.clearData()
            else:
                slot.setData(value)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index)
        leaf = item.kind is NodeKind.COMMITMENT
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return item.label
            if leaf:
                text, glyph = self._marks.text(item.key), self._changed.glyph(item.key)
                return glyph + (text or "") if glyph else text
            return str(item.count)
        if role == CHANGED_ROLE:
            return self._changed.counts.get(item.key) if leaf else None
        if role == ID_ROLE:
            return item.commitment_id if leaf else None
        if role == KIND_ROLE:
            return item.kind
        if role == KEY_ROLE:
            return item.key
        if role == STATE_ROLE:
            return self._standing(item.key) if leaf else None
        if role == STARRED_ROLE:
            return self._marks.is_starred(item.key) if leaf else None
        if role == ASSESSMENT_ROLE:
            return self._marks.status(item.key) if leaf else None
        if role == Qt.ItemDataRole.DecorationRole:
            if col == 1:
                return assessment_icon(self._marks.status(item.key)) if leaf else None
            return self._decoration(item, leaf)
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and leaf:
            return QColor(STAR_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, leaf)
        if role in (Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.AccessibleDescriptionRole):
            return self._spoken(item, leaf, col, role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _decoration(self, item: TreeItem, leaf: bool) -> Any:
        if leaf:
            return state_icon(self._standing(item.key))
        # containers get a hollow marker only when something inside needs attention
        if item.past:
            return state_icon(Standing.OVERDUE, hollow=True)
        if item.missed:  # a shortfall outranks a pending deadline (core.standing.roll_up)
            return state_icon(Standing.NOT_MET, hollow=True)
        if item.soon:
            return state_icon(Standing.DUE_SOON, hollow=True)
        return None

    def _spoken(self, item: TreeItem, leaf: bool, col: int, name: bool) -> str:
        """The row in words for a screen reader: the icons and glyphs say nothing to one."""
        if not leaf:
            if col == 1:
                return spoken.container_counts(item)
            return spoken.container_text(item) if name else spoken.container_counts(item)
        said = self._changed.words(item.key)
        if col == 1:
            return ", ".join(w for w in (said, spoken.marks_text(
                self._marks, item.key, self._book.as_of)) if w)
        if name:
            return ", ".join(w for w in (spoken.commitment_text(
                item, self._book.of(item.key), self._marks), said) if w)
        return "; ".join([phrase(self._book.of(item.key)),
                          *self._marks.lines(item.key, self._book.as_of),
                          *([said] if said else [])])

    def _standing(self, key: str) -> Standing:
        return self._states.get(key, Standing.NO_DEADLINE)

    def _tooltip(self, item: TreeItem, leaf: bool) -> str:
        if leaf:
            said = self._changed.words(item.key)
            return _rich(f"{item.key} — {item.label}", phrase(self._book.of(item.key)),
                         *self._marks.lines(item.key, self._book.as_of),
                         *([f"{CHANGED_GLYPH} {said}"] if said else []))
        noun = "commitment" if item.count == 1 else "commitments"
        parts = [f"{item.label}: {item.count} {noun}"]
        if item.past:
            parts.append(f"{item.past} overdue")
        if item.missed:
            parts.append(f"{item.missed} not met")
        if item.soon:
            parts.append(f"{item.soon} due soon")
        return _rich(*parts)


@dataclass(frozen=True)
class ChangedMarks:
    """Which commitments changed since ``since`` (how many changes each): set while View →
    Changes since… is open, empty otherwise."""

    counts: Mapping[str, int] = field(default_factory=dict)
    since: date | None = None

    def glyph(self, commitment_id: str) -> str:
        return CHANGED_GLYPH if commitment_id in self.counts else ""

    def words(self, commitment_id: str) -> str:
        """"changed since 15 Jan 2012: 3 changes" (empty when not marked)."""
        n = self.counts.get(commitment_id)
        if not n or self.since is None:
            return ""
        return f"changed since {short_day(self.since)}: {n} change{'s' if n != 1 else ''}"


def _rich(*lines: str) -> str:
    """Tooltips as escaped rich text: Qt would otherwise render a title with tags as markup."""
    return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
