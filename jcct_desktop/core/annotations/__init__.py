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

__all__ = [
    "EVENTS",
    "Annotation",
    "AnnotationReader",
    "AnnotationStore",
    "Assessment",
    "Change",
    "HistoryEntry",
    "Note",
    "Notifier",
]
