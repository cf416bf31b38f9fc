"""Small pieces of the annotation panel: line formats and the multi-tag completer.

Every user text is shown through plain-text widgets (list items, QPlainTextEdit, labels set to
Qt.PlainText): nothing a user typed is ever read as markup.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core.annotations.model import Assessment, HistoryEntry
from jcct_desktop.core.dates import iso_minutes
from jcct_desktop.ui.annotations.note_list import STAMP_ROLE

PREVIEW = 160  # a 1 MB note is shown in full in the editor, not in a one-line list item


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    return label


def one_line(text: str, limit: int = PREVIEW) -> str:
    flat = " ".join(text[: limit * 4].split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _value(field: str, value: str) -> str:
    if field == "status" and value in {a.value for a in Assessment}:
        return Assessment(value).label
    return one_line(value, 60) if value else "—"


def history_line(entry: HistoryEntry) -> str:
    stamp = iso_minutes(entry.when.astimezone())
    why = f" — {one_line(entry.why, 80)}" if entry.why else ""
    what = f"{_value(entry.field, entry.old)} → {_value(entry.field, entry.new)}"
    return f"{stamp}  {entry.who}: {entry.field.replace('_', '-')} {what}{why}"


def history_item(entry: HistoryEntry) -> QListWidgetItem:
    """For the wrapped list (note_list's delegate): when · who over what changed, then why."""
    what = (f"{entry.field.replace('_', '-')}: {_value(entry.field, entry.old)} → "
            f"{_value(entry.field, entry.new)}")
    text = f"{what}\n{' '.join(entry.why[:4000].split())}" if entry.why.strip() else what
    item = QListWidgetItem(text)
    item.setData(STAMP_ROLE, f"{iso_minutes(entry.when.astimezone())} · {entry.who}")
    item.setToolTip(f"<qt>{html.escape(history_line(entry))}</qt>")  # escaped: never markup
    return item


def parse_tags(text: str) -> list[str]:
    return [t for t in (part.strip() for part in text.split(",")) if t]


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the earlier ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag_model = QStringListModel(self)
        self.setModel(self.tag_model)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._prefix = ""

    def set_tags(self, tags: list[str]) -> None:
        self.tag_model.setStringList(tags)

    def splitPath(self, path: str) -> list[str]:
        head, _, last = path.rpartition(",")
        self._prefix = f"{head}, " if head else ""
        return [last.strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return self._prefix + str(index.data())


def group_box(title: str, layout: QVBoxLayout | QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box


class Quiet:
    """Block the widgets' signals while the panel fills them from the service."""

    def __init__(self, *widgets: QWidget) -> None:
        self.widgets = widgets

    def __enter__(self) -> None:
        for w in self.widgets:
            w.blockSignals(True)

    def __exit__(self, *_: object) -> None:
        for w in self.widgets:
            w.blockSignals(False)


# Qt lays out a paragraph as one block: a single unbroken line of a megabyte takes tens of
# seconds, so such a note is shown as a read-only excerpt and kept exactly as stored.
EDITABLE_LINE = 20_000
EXCERPT = 20_000


def too_long_to_edit(text: str) -> bool:
    return len(text) > EDITABLE_LINE and max(map(len, text.splitlines() or [""])) > EDITABLE_LINE


def excerpt_notice(text: str) -> str:
    return (
        f"This note has a line of more than {EDITABLE_LINE:,} characters "
        f"({len(text):,} characters in all): it is kept exactly as written and shown here "
        f"from its start, read-only. Export notes (File menu) to read it whole."
    )
