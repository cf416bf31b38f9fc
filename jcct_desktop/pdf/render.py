"""``render_packet``: a Briefing in, a complete PDF out (written atomically), nothing else."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import traceback
from collections.abc import Callable, Iterator
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.core.files import atomic_output
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.progress import Cancelled, Step, no_progress
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf import summary as summary_
from jcct_desktop.pdf import timeline as timeline_
from jcct_desktop.pdf.bottom import bottom_line
from jcct_desktop.pdf.changes import KEY as CHANGES_KEY
from jcct_desktop.pdf.changes import changes_block
from jcct_desktop.pdf.changes import title as changes_title
from jcct_desktop.pdf.fewer_collections import fewer_young_collections
from jcct_desktop.pdf.flow import Contents, Entry
from jcct_desktop.pdf.front import contents, contents_index
from jcct_desktop.pdf.passes import build_fresh, build_once
from jcct_desktop.pdf.sector import INLINE, LINES, NONE, commitment_title, section_toc, sections
from jcct_desktop.pdf.template import PacketTemplate
from jcct_desktop.pdf.text import markup

# Beyond this many commitments the contents lists sectors only: a 10,000-line contents helps
# nobody, and every extra line costs a layout pass.
TOC_COMMITMENT_LIMIT = 150
TOC_LINES_LIMIT = 20  # beyond this a line per commitment no longer fits the contents page
# A packet longer than this many pages gets a contents page; a short one reads without.
CONTENTS_PAGES = 8
# Up to this many commitments one story serves both passes (the second reuses the first's
# line breaks: faster); beyond it each pass makes its own, lazily (memory stays flat).
KEEP_STORY_LIMIT = 150

Progress = Callable[[str], None]


PAGE_ONE_SLACK = 4  # points kept free on page 1: measuring and laying out may round apart


def story(b: Briefing, sheet: S.Stylesheet, width: float,
          toc: Contents | None, height: float | None = None) -> Iterator[Flowable]:
    """The packet's flowables; with the frame's ``height``, page 1 shows as many rows per
    list as fit on it (the rest are named in "At a glance")."""
    keys = section_keys(b)
    page_one = bottom_line(b, sheet, width, keys,
                           None if height is None else height - PAGE_ONE_SLACK)
    yield from page_one.story
    yield from (NextPageTemplate("body"), PageBreak())
    if toc is not None:
        yield from contents(toc, sheet)
    if b.changes is not None:  # what changed since the last briefing, right after page 1
        yield from changes_block(b.changes, sheet, width, keys)
        yield CondPageBreak(3 * inch)
    on_page_one: set[str] = set()
    if b.bottom_line is not None:
        on_page_one = {r.id for r in (*b.bottom_line.overdue[:page_one.shown["overdue"]],
                                      *b.bottom_line.due_next[:page_one.shown["due_next"]])}
    yield from summary_.summary(b, sheet, width, keys, on_page_one)
    if b.options.include_timeline:
        yield CondPageBreak(3.5 * inch)
        yield from timeline_.timeline(b, sheet, width)
    if toc is not None:  # a long packet: the sections start on a page of their own
        yield PageBreak()
    yield from sections(b, sheet, width, _toc_commitments(b))


def section_keys(b: Briefing) -> dict[str, str]:
    """Each commitment's bookmark, for links from page 1 and the summary table."""
    return {c.id: f"s{i}.{j}" for i, s in enumerate(b.sections)
            for j, c in enumerate(s.commitments)}


def _toc_commitments(b: Briefing) -> str:
    """A line per commitment while few; then their ids beside their sector; then none."""
    n = len(b.commitment_ids)
    return LINES if n <= TOC_LINES_LIMIT else INLINE if n <= TOC_COMMITMENT_LIMIT else NONE


def write_packet(b: Briefing, out: BinaryIO, *, keep_story: bool | None = None,
                 with_contents: bool | None = None, one_pass: bool = True,
                 step: Step = no_progress, on_page: Callable[[int], None] | None = None
                 ) -> int:
    """Lay out and write the packet to an open binary file; returns the page count.

    The packet is laid out once, its page numbers (contents, "of Y") filled in as forms at
    the end (``passes.build_once``). ``one_pass=False`` builds it the classic way instead,
    in two passes (tests compare the two), ``keep_story`` choosing whether the second pass
    reuses the first's story (by default, for packets up to ``KEEP_STORY_LIMIT``).
    ``with_contents``: by default a packet gets a contents page only when it runs past
    ``CONTENTS_PAGES`` pages without one. ``step(placed, total)`` is told the commitments
    laid out after each one and each page; the ``core.progress.Cancelled`` it may raise stops
    the build there and leaves ``out``, unfinished, to the caller to discard. ``on_page`` is
    told each page's number as it is laid out.
    """
    step(0, len(b.commitment_ids))
    if with_contents is None:
        if len(b.commitment_ids) > 2 * CONTENTS_PAGES:
            with_contents = True  # certainly long: skip the trial
        else:
            trial = io.BytesIO()
            pages = _write(b, trial, keep_story, False, one_pass, step, on_page)
            if pages <= CONTENTS_PAGES:
                out.write(trial.getbuffer())
                return pages
            with_contents = True
    return _write(b, out, keep_story, with_contents, one_pass, step, on_page)


def _write(b: Briefing, out: BinaryIO, keep_story: bool | None, with_contents: bool,
           one_pass: bool, step: Step, on_page: Callable[[int], None] | None) -> int:
    # old objects set aside before the document exists: frozen with them, the document (a
    # cycle) and all it reaches would never be collected (~90,000 objects, ~50 MB a packet
    # at 10,000 commitments)
    with _old_objects_left_alone():
        try:
            return _lay_out(b, out, keep_story, with_contents, one_pass, step, on_page)
        except BaseException as exc:
            # A cancel (or Ctrl+C, or an error) comes out of the layout with a traceback
            # whose frames hold the document, its canvas and story; reportlab's
            # ``annotateException`` re-raises it from a frame that holds the exception,
            # a cycle only a collection frees, and a freeze before it (the next packet's)
            # kept for good. The finished frames let go of their locals here, so what the
            # layout made is freed now (the collection on the way out takes its cycles).
            _let_go_of_frames(exc)
            raise


def _let_go_of_frames(exc: BaseException) -> None:
    """The finished frames of ``exc``'s traceback, and of the exceptions it was raised while
    handling, let go of their locals. A stop (Cancel, Ctrl+C), whose traceback nobody reads,
    loses it altogether: a cleared frame still holds its function, and a closure (the
    write-out's check, ``passes.save``) the document with it."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        traceback.clear_frames(link.__traceback__)
        if isinstance(exc, (Cancelled, KeyboardInterrupt)):
            link.__traceback__ = None
        link = link.__cause__ or link.__context__


def _lay_out(b: Briefing, out: BinaryIO, keep_story: bool | None, with_contents: bool,
             one_pass: bool, step: Step, on_page: Callable[[int], None] | None) -> int:
    sheet = S.stylesheet()
    doc = PacketTemplate(out, b, sheet, step, on_page)
    toc = contents_index(sheet) if with_contents else None
    if toc is not None:
        toc.addEntries(seed_entries(b, sheet))

    def make() -> Iterator[Flowable]:
        yield doc.total
        yield from story(b, sheet, doc.width, toc, doc.height)

    if keep_story is None:
        keep_story = len(b.commitment_ids) <= KEEP_STORY_LIMIT
    try:
        with fewer_young_collections(), binary_streams():
            if one_pass:
                build_once(doc, make, toc)
            elif keep_story:
                doc.multiBuild(list(make()), maxPasses=8)
            else:
                build_fresh(doc, make, [doc.total, *([toc] if toc is not None else [])])
        return doc.page
    finally:
        # The template stays in reference cycles (its page templates hold its bound methods):
        # let go of the canvas, and with it the PDF's every object, so they are freed now
        # (see ``PacketCanvas``).
        doc.__dict__.pop("canv", None)


_frozen_seen = [False]  # whether objects were found frozen before a layout in this process


@contextlib.contextmanager
def binary_streams() -> Iterator[None]:
    """Pages and forms written as compressed binary, not also ASCII85-encoded (reportlab's
    default, for 7-bit channels no packet goes through): a tenth smaller, the same content."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


@contextlib.contextmanager
def _old_objects_left_alone() -> Iterator[None]:
    """The layout makes millions of short-lived objects; each full garbage collection they
    trigger would also walk everything already alive (the catalog: ~100,000 objects for a
    10,000-commitment archive), ~7% of a large packet's time. Those are set aside
    (``gc.freeze``) while it runs and handed back after; new garbage is collected as usual
    (pausing the collector altogether saved a little more but kept 13% more memory).

    Where objects were frozen already (the window freezes the catalog and itself once built,
    ``ui.app``) they stay frozen: handing them back would have every later collection in the
    window, on either thread, walk them all again. The document laid out, dead once the
    layout returns, is collected then (walking only what is not frozen): left for a later
    pass, the next freeze (the next packet's) would come first and keep it for good."""
    # counting the frozen objects walks them all, holding the interpreter lock (and the
    # window); once some are frozen nothing hands them back, so the count is not taken again
    frozen_before = _frozen_seen[0] or gc.get_freeze_count() > 0
    _frozen_seen[0] = frozen_before
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()
        else:
            gc.collect()


def seed_entries(b: Briefing, sheet: S.Stylesheet) -> list[Entry]:
    """The contents' final entries, page numbers still unknown, before the first pass.

    The one pass then lays everything out at its final place and the page numbers are filled
    in afterwards; a two-pass build finds nothing moved in its second pass. The headings must
    match the story's (``test_pdf_passes`` checks that two passes suffice).
    """
    guess = 10 ** len(str(len(b.commitment_ids) // 2 + 20)) - 1  # as many digits as the real

    def entry(level: int, title: str, key: str) -> Entry:
        return (level, markup(title, sheet.font(f"toc{level}"), breaks=False), guess, key)

    entries = [] if b.changes is None else [entry(0, changes_title(b.changes), CHANGES_KEY)]
    entries.append(entry(0, summary_.TITLE, "summary"))
    if b.options.include_timeline:
        entries.append(entry(0, timeline_.TITLE, "timeline"))
    mode = _toc_commitments(b)
    for i, s in enumerate(b.sections):
        if mode == INLINE:
            entries.append((0, section_toc(s, sheet), guess, f"s{i}"))
        else:
            entries.append(entry(0, s.title, f"s{i}"))
        if mode == LINES:
            entries += [entry(1, commitment_title(c), f"s{i}.{j}")
                        for j, c in enumerate(s.commitments)]
    return entries


def packet_bytes(b: Briefing, step: Step = no_progress,
                 on_page: Callable[[int], None] | None = None) -> tuple[bytes, int]:
    """The PDF's bytes and its page count (``step``, ``on_page`` as for
    :func:`write_packet`)."""
    buf = io.BytesIO()
    pages = write_packet(b, buf, step=step, on_page=on_page)
    return buf.getvalue(), pages


def render_packet(b: Briefing, output_path: str | os.PathLike[str], *, own_files: OwnFiles,
                  step: Step = no_progress) -> int:
    """Write the packet to ``output_path`` whole or not at all (never onto one of
    ``own_files``); returns the page count.

    Raises ``core.files.OutputError`` (a message fit for a user) when the file cannot be written;
    an existing file is replaced only once the new one is complete (a build stopped by
    ``step``, or by Ctrl+C, leaves the target as it was and no temporary file).
    """
    # Straight into the temporary file (no second copy in memory); a layout error removes it.
    with atomic_output(output_path, own_files=own_files) as fh:
        pages = write_packet(b, fh, step=step)
        fh.flush()  # every byte written before the last step (the file's time says so)
        total = len(b.commitment_ids)
        step(total, total)  # the last word before the commit: a stop here writes nothing
    return pages
