"""Multi-pass builds whose story is made afresh, lazily, for every pass.

``multiBuild`` keeps the whole story — and, after the first pass, every paragraph's line
breaks and every table's row heights — alive until the end: ~140 KB per commitment. For a
large packet each pass here instead pulls flowables from a new generator as the layout needs
them, so a flowable is garbage as soon as it is drawn and memory stays at a few pages' worth
(plus the canvas's finished pages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable

from jcct_desktop.pdf.flow import Contents
from jcct_desktop.pdf.template import PacketTemplate

# reportlab looks ahead through chains of keepWithNext flowables (a heading and its first
# lines); far fewer than this many.
LOOKAHEAD = 64


class LazyStory:
    """The list operations ``BaseDocTemplate.build`` uses, over a generator.

    ``len`` is exact once fewer than ``LOOKAHEAD`` flowables remain, and at least that many
    before: enough for every look-ahead reportlab makes.
    """

    def __init__(self, source: Iterable[Flowable]) -> None:
        self._source: Iterator[Flowable] | None = iter(source)
        self._buffer: list[Flowable] = []

    def _fill(self, count: int) -> None:
        while self._source is not None and len(self._buffer) < count:
            item = next(self._source, None)
            if item is None:
                self._source = None
            else:
                self._buffer.append(item)

    def __len__(self) -> int:
        self._fill(LOOKAHEAD)
        return len(self._buffer)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            self._fill(index.stop if index.stop is not None else LOOKAHEAD)
        else:
            self._fill(index + 1)
        return self._buffer[index]

    def __setitem__(self, index: Any, value: Any) -> None:
        self._buffer[index] = value  # only ever [0:0] = split parts

    def __delitem__(self, index: Any) -> None:
        self._fill(index.stop if isinstance(index, slice) and index.stop else 1)
        del self._buffer[index]

    def insert(self, index: int, item: Flowable) -> None:
        self._buffer.insert(index, item)


def build_fresh(doc: BaseDocTemplate, make_story: Callable[[], Iterable[Flowable]],
                indexing: list[Flowable], max_passes: int = 8) -> int:
    """``multiBuild`` with a new story each pass; ``indexing`` flowables (the contents, the
    page total) live across passes and must appear in every story. Returns the passes."""
    doc._indexingFlowables = indexing  # notify() sends contents entries to these
    doc._doSave = 0  # build() must not save: only the satisfied pass is kept
    for passes in range(1, max_passes + 1):
        for flowable in indexing:
            flowable.beforeBuild()
        doc.build(LazyStory(make_story()))
        for flowable in indexing:
            flowable.afterBuild()
        if all(f.isSatisfied() for f in indexing):
            doc.canv.save()
            return passes
    raise IndexError(f"Contents not resolved after {max_passes} passes")


def build_once(doc: PacketTemplate, make_story: Callable[[], Iterable[Flowable]],
               toc: Contents | None) -> None:
    """One layout pass instead of two: the page numbers a first pass would have learnt (the
    contents' and the footers' "of Y") are form XObjects, drawn once this pass has found them.
    The contents must be seeded with its final entries (its height cannot change later)."""
    doc.one_pass = True
    indexing: list[Flowable] = [doc.total, *([toc] if toc is not None else [])]
    doc._indexingFlowables = indexing
    doc._doSave = 0  # the forms come first
    if toc is not None:
        toc.deferred = {}
    for flowable in indexing:
        flowable.beforeBuild()
    doc.build(LazyStory(make_story()))
    doc.number_pages()
    if toc is not None:
        toc.define_page_numbers(doc.canv)
    save(doc)


class _Watched(dict[int, str]):
    """The PDF's object numbers. Writing the file out, reportlab asks ``counter in`` them once
    per object, so a Cancel stops the writing too (4,600 pages take seconds to write)."""

    def __init__(self, numbers: dict[int, str], check: Callable[[], None]) -> None:
        super().__init__(numbers)
        self._check = check

    def __contains__(self, key: object) -> bool:
        self._check()
        return super().__contains__(key)


def save(doc: PacketTemplate) -> None:
    """Write the laid-out document, telling ``doc.step`` as it goes (it may stop it)."""
    pdf = doc.canv._doc
    pdf.numberToId = _Watched(pdf.numberToId, lambda: doc.step(doc.placed, doc.commitments))
    doc.canv.save()
