"""The officer's notes for a packet, read on the packet's worker over a connection of its own.

Reading every note (``all()``) and making the packet's views of them took seconds of the GUI
thread at the Save click with tens of thousands of notes; the worker does it instead, before
it assembles the briefing. The host hands over how to open a reader (``host.ReadsNotesOnWorker``).
"""

from __future__ import annotations

from jcct_desktop.core.annotations.model import Annotation
from jcct_desktop.core.briefing import PlainAnnotations
from jcct_desktop.core.briefing.from_annotations import annotation_view
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.ui.briefing.host import WorkerNotes


def read_notes(open_reader: WorkerNotes, catalog: Catalog,
               with_history: bool) -> tuple[PlainAnnotations, list[Annotation]]:
    """The notes of the catalog's commitments as the packet shows them, and, for "Changes
    since" (``with_history``), every stored annotation with its history (else none)."""
    with open_reader() as reader:
        stored = reader.all()
    views = PlainAnnotations({a.commitment_id: annotation_view(a) for a in stored
                              if a.commitment_id in catalog})
    return views, stored if with_history else []
