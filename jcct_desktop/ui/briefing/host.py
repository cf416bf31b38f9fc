"""What the briefing dialog asks of the window that opens it (the main window, or a test's)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QSettings

from jcct_desktop.core.annotations.model import Annotation
from jcct_desktop.core.annotations.store import AnnotationReader
from jcct_desktop.core.briefing import PlainAnnotations
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import Filter
from jcct_desktop.core.own_files import OwnFiles


class BriefingHost(Protocol):
    catalog: Catalog
    settings: QSettings  # the run's one settings object (it follows --data-dir)
    own_files: OwnFiles  # the run's own files, which no save or print to a file may replace

    def as_of(self) -> date: ...
    def current_filter(self) -> Filter: ...
    def visible_commitment_ids(self) -> list[str]: ...
    def selected_commitment_id(self) -> str | None: ...


@runtime_checkable
class HasNotes(Protocol):
    """A host that holds the officer's notes: a snapshot of them, or None when none are open."""

    def briefing_annotations(self) -> PlainAnnotations | None: ...


@runtime_checkable
class HasHistory(Protocol):
    """A host whose notes keep their history: what "Changes since" is worked out from."""

    def stored_annotations(self) -> list[Annotation]: ...


# opens, on the thread that calls it, a reader of the notes over a connection of its own
WorkerNotes = Callable[[], AbstractContextManager[AnnotationReader]]


@runtime_checkable
class ReadsNotesOnWorker(Protocol):
    """A host whose notes a packet's worker reads itself (``ui.briefing.notes_on_worker``):
    how to open a reader, or None when no notes are open."""

    def notes_for_worker(self) -> WorkerNotes | None: ...
