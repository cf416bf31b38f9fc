"""Local annotations: assessments, notes, tags, follow-ups, stars and their history.

Plain Python (never imports Qt). Every edit goes through :class:`AnnotationService`.
"""

from jcct_desktop.core.annotations.model import (
    EVENTS,
    Annotation,
    Assessment,
    Change,
    HistoryEntry,
    Note,
)
from jcct_desktop.core.annotations.notifier import Notifier
from jcct_desktop.core.annotations.service import AnnotationService

__all__ = [
    "EVENTS",
    "Annotation",
    "AnnotationService",
    "Assessment",
    "Change",
    "HistoryEntry",
    "Note",
    "Notifier",
]
