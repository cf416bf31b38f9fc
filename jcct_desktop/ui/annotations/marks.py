"""What the tree and the timeline show of annotations: a star, the assessment, the
follow-up, a draft.

A plain snapshot (sets and dicts) taken from the service on the GUI thread, so item models and
painters never query the database themselves (no SQL in a model).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from jcct_desktop.core import dates, palette
from jcct_desktop.core.annotations.assessments import current
from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    assessment_records,
)
from jcct_desktop.core.standing_words import follow_up_phrase

STAR = "★"
DRAFT = "✎"  # a note is being written here and not yet added
STAR_COLOUR = palette.STAR  # dark amber: reads as "marked", 4.5:1 on a selected row too
# a badge takes the colour of the standing its assessment sets (in progress: open's blue),
# all 3:1 or more against the tree (core.palette); a rounded square, not a standing's shape
ASSESSMENT_COLOURS: dict[Assessment, str] = palette.ASSESSMENT_COLOURS


class MarkSource(Protocol):
    """What the marks read of the notes (the annotation service provides it)."""

    def all(self) -> list[Annotation]: ...
    def draft_ids(self) -> set[str]: ...


@dataclass(frozen=True)
class AnnotationMarks:
    starred: frozenset[str] = frozenset()
    statuses: Mapping[str, Assessment] = field(default_factory=dict)
    follow_ups: Mapping[str, date] = field(default_factory=dict)
    drafts: frozenset[str] = frozenset()
    # our current assessment's words where it concerns one milestone only (never read as
    # the commitment's): "Fulfilled (milestone: Provincial …)"
    words: Mapping[str, str] = field(default_factory=dict)
    records: Mapping[str, tuple[AssessmentRecord, ...]] = field(default_factory=dict)
    as_of: date | None = None  # None: every assessment recorded, whatever its date

    @classmethod
    def of(cls, service: MarkSource) -> AnnotationMarks:
        """A fresh snapshot from an AnnotationService."""
        return cls.of_annotations(service.all(), service.draft_ids())

    @classmethod
    def of_annotations(
        cls, annotations: Iterable[Annotation], drafts: Iterable[str] = (),
        as_of: date | None = None,
    ) -> AnnotationMarks:
        """From annotations already read (the window reads them once for every view)."""
        starred: set[str] = set()
        follow_ups: dict[str, date] = {}
        records: dict[str, tuple[AssessmentRecord, ...]] = {}
        for a in annotations:
            if a.starred:
                starred.add(a.commitment_id)
            if a.follow_up is not None:
                follow_ups[a.commitment_id] = a.follow_up
            mine = assessment_records(a)
            if mine:
                records[a.commitment_id] = mine
        return cls(frozenset(starred), {}, follow_ups, frozenset(drafts),
                   records=records).at(as_of)

    def at(self, as_of: date | None) -> AnnotationMarks:
        """The same marks with the assessments in force on ``as_of``: the tree's badges and
        tooltips follow the window's As-of date like its standings."""
        statuses: dict[str, Assessment] = {}
        words: dict[str, str] = {}
        for cid, mine in self.records.items():
            now = current(mine, as_of)
            if now.status is not Assessment.NOT_ASSESSED:
                statuses[cid] = now.status
                if now.milestone is not None:
                    words[cid] = now.words
        return replace(self, statuses=statuses, words=words, as_of=as_of)

    def status_words(self, commitment_id: str) -> str:
        """"Fulfilled", or "Fulfilled (milestone: …)" for one milestone's assessment."""
        return self.words.get(commitment_id) or self.status(commitment_id).label

    def follow_up(self, commitment_id: str) -> date | None:
        return self.follow_ups.get(commitment_id)

    def follow_ups_due(self, as_of: date, ids: Iterable[str] | None = None) -> int:
        """How many follow-up dates fall on or before ``as_of`` (among ``ids``)."""
        chosen = self.follow_ups if ids is None else ids
        return sum(1 for i in chosen if (d := self.follow_ups.get(i)) is not None and d <= as_of)

    def has_draft(self, commitment_id: str) -> bool:
        return commitment_id in self.drafts

    def text(self, commitment_id: str) -> str | None:
        """The tree's marks column: ★ starred, ✎ an unsaved note draft."""
        marks = (STAR if self.is_starred(commitment_id) else "") + (
            DRAFT if self.has_draft(commitment_id) else "")
        return marks or None

    def is_starred(self, commitment_id: str) -> bool:
        return commitment_id in self.starred

    def status(self, commitment_id: str) -> Assessment:
        return self.statuses.get(commitment_id, Assessment.NOT_ASSESSED)

    def lines(self, commitment_id: str, as_of: date | None = None) -> list[str]:
        """Tooltip lines, e.g. ["Assessment: Fulfilled", "Follow up by 1 Mar 2012 — due",
        "★ Starred: in my briefing"]."""
        out = []
        status = self.status(commitment_id)
        if status is not Assessment.NOT_ASSESSED:
            out.append(f"Assessment: {self.status_words(commitment_id)}")
        when = self.follow_up(commitment_id)
        if when is not None:
            out.append(follow_up_phrase(when, as_of or dates.today()))
        if self.is_starred(commitment_id):
            out.append(f"{STAR} Starred: in my briefing")
        if self.has_draft(commitment_id):
            out.append(f"{DRAFT} Unsaved note draft")
        return out

    def changed_ids(self, other: AnnotationMarks) -> set[str]:
        """Ids whose star, assessment, follow-up or draft differs between two snapshots."""
        ids = set(self.starred ^ other.starred) | set(self.drafts ^ other.drafts)
        ids |= {cid for cid in set(self.follow_ups) | set(other.follow_ups)
                if self.follow_up(cid) != other.follow_up(cid)}
        for cid in set(self.statuses) | set(other.statuses):
            if (self.status(cid) is not other.status(cid)
                    or self.status_words(cid) != other.status_words(cid)):
                ids.add(cid)
        return ids


@cache
def assessment_icon(status: Assessment) -> QIcon:
    """A small rounded square in the assessment's colour with a glyph (✓, ½, …, ✗, –)."""
    icon = QIcon()
    if status is Assessment.NOT_ASSESSED:
        return icon
    for scale in (1, 2):  # crisp on high-DPI screens
        size = 16 * scale
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(scale, scale)
        _draw_badge(p, status)
        p.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon


def _draw_badge(p: QPainter, status: Assessment) -> None:
    colour = QColor(ASSESSMENT_COLOURS[status])
    box = QRectF(2.5, 2.5, 11, 11)
    p.setPen(QPen(colour.darker(120), 1))
    if status is Assessment.PARTIALLY_FULFILLED:  # half filled: half done
        p.setBrush(Qt.GlobalColor.white)
        p.drawRoundedRect(box, 2.5, 2.5)
        path = QPainterPath()
        path.addRoundedRect(box, 2.5, 2.5)
        p.setClipPath(path)
        p.fillRect(QRectF(box.left(), box.center().y(), box.width(), box.height() / 2), colour)
        p.setClipping(False)
        return
    p.setBrush(colour)
    p.drawRoundedRect(box, 2.5, 2.5)
    pen = QPen(Qt.GlobalColor.white, 1.7)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    if status is Assessment.FULFILLED:
        p.drawPolyline(QPolygonF([QPointF(5.2, 8.2), QPointF(7.2, 10.2), QPointF(10.8, 5.8)]))
    elif status is Assessment.NOT_FULFILLED:
        p.drawLine(QPointF(5.6, 5.6), QPointF(10.4, 10.4))
        p.drawLine(QPointF(10.4, 5.6), QPointF(5.6, 10.4))
    elif status is Assessment.IN_PROGRESS:
        for x in (5.5, 8.0, 10.5):
            p.drawPoint(QPointF(x, 8.0))
    else:  # superseded: struck through
        p.drawLine(QPointF(5.2, 8.0), QPointF(10.8, 8.0))
