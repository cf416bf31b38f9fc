"""Local annotations: assessments, notes, tags, follow-ups, stars and their history.

Plain Python (never imports Qt or SQL). Every edit goes through the store's
``AnnotationService`` (``jcct_desktop.store.annotations``); the core sees it through the
:class:`AnnotationStore` Protocol.
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
from jcct_desktop.core.annotations.store import AnnotationReader, AnnotationStore

# The name core.briefing types its argument with: the Protocol, not the SQLite class.
AnnotationService = AnnotationStore

__all__ = [
    "EVENTS",
    "Annotation",
    "AnnotationReader",
    "AnnotationService",
    "AnnotationStore",
    "Assessment",
    "Change",
    "HistoryEntry",
    "Note",
    "Notifier",
]
