"""The briefing memo as a Word document: the packet's content in the shape briefers clear and
send — marking top and bottom, TO / FROM / SUBJECT / DATE, the bottom line up front, what
changed since a date, then each commitment.

Built from the same ``core.briefing`` content as the PDF (nothing is judged here), with
python-docx: real heading styles (Word's navigation pane and screen readers follow them),
tables whose first row is a repeating header row, the document's title and language set, so
Word's accessibility checker finds nothing to flag.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table

from jcct_desktop.core.annotations.model import View
from jcct_desktop.core.briefing.model import (
    Briefing,
    CommitmentEntry,
    MilestoneEntry,
    SummaryRow,
)
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.changes import ChangeReport
from jcct_desktop.core.citation import commitment_reference
from jcct_desktop.core.dates import long_date
from jcct_desktop.core.jurisdictions import Tile
from jcct_desktop.core.model import NO_DEADLINE_STATED
from jcct_desktop.core.progress import Step, no_progress
from jcct_desktop.core.standing import Standing

LANGUAGE = "en-US"
EAST_ASIAN_LANGUAGE = "zh-CN"  # names such as 王岐山 are marked Chinese for screen readers
BODY_PT = 11

# How the memo names each of page 1's lists (``BottomLine.lists``); a list the core adds later
# is named from its key, so nothing the packet's page 1 holds is ever left out of the memo.
LIST_TITLES = {
    "overdue": "Overdue",
    "shortfalls": "Shortfalls: not met or partly met",
    "claims": "China's claims and our view",
    "due_next": "Due next",
    "follow_ups": "Follow-ups due",
}


def _sanitize(text: str) -> str:
    """Word refuses XML-illegal characters (control characters other than tab and newline)."""
    return "".join(ch for ch in text
                   if ch in "\t\n" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff"
                                         and not 0xD800 <= ord(ch) <= 0xDFFF))


def render_memo(briefing: Briefing, target: IO[bytes] | Path, catalog: Catalog,
                step: Step = no_progress) -> None:
    """Write the memo; ``catalog`` names the fact sheet each commitment cites. What changed
    since a day is the briefing's own block (``core.briefing.since``), as in the packet.
    ``step(done, total)`` is told as the commitments are laid out (the window's worker
    stops there on Cancel)."""
    sources = {c.id: commitment_reference(catalog, c)
               for c in catalog.select(briefing.commitment_ids)}
    doc = Document()
    _set_language(doc)
    cover = briefing.cover
    props = doc.core_properties
    props.title = _sanitize(f"{cover.title}: {cover.meeting}")
    props.subject = _sanitize(cover.scope)
    props.author = _sanitize(cover.prepared_by) or "JCCT Desktop"
    props.keywords = "JCCT; briefing memo"
    props.language = LANGUAGE
    _marking(doc, cover.marking)
    doc.add_heading(_sanitize(cover.title), level=0)
    _header_block(doc, briefing)
    _bottom_line(doc, briefing)
    if briefing.changes is not None:
        _changes(doc, briefing.changes)
    _deadlines(doc, briefing)
    doc.add_heading("Commitments", level=1)
    total, done = sum(len(section.commitments) for section in briefing.sections), 0
    step(done, total)
    for section in briefing.sections:
        if not section.commitments:
            continue
        doc.add_heading(_sanitize(section.title), level=2)
        for entry in section.commitments:
            _commitment(doc, entry, sources.get(entry.id, ""))
            done += 1
            step(done, total)
    _marking(doc, cover.marking)
    doc.save(str(target) if isinstance(target, Path) else target)


def _set_language(doc: DocumentObject) -> None:
    """Document language (and East Asian language) on the default run style and Normal."""
    styles = doc.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        _lang(rpr)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _lang(normal.element.get_or_add_rPr())


def _lang(rpr: BaseOxmlElement) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)


def _marking(doc: DocumentObject, marking: str) -> None:
    if not marking:
        return
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(_sanitize(marking))
    run.bold = True


def _header_block(doc: DocumentObject, briefing: Briefing) -> None:
    cover = briefing.cover
    rows = [
        ("TO", cover.prepared_for or "—"),
        ("FROM", cover.prepared_by or "—"),
        ("SUBJECT", f"{cover.meeting}: {cover.scope}"),
        ("DATE", long_date(cover.generated.date())),
        ("AS OF", long_date(cover.as_of)),
    ]
    for label, value in rows:  # the memo's own header lines, as briefers type them
        _labelled(doc, label, value)
    if cover.source:
        doc.add_paragraph(_sanitize(cover.source))
    if cover.co_chairs:
        doc.add_paragraph(_sanitize("Co-chairs: " + "; ".join(cover.co_chairs)))


def _bottom_line(doc: DocumentObject, briefing: Briefing) -> None:
    doc.add_heading("Bottom line", level=1)
    bottom = briefing.bottom_line
    if bottom is None:
        doc.add_paragraph("No bottom line for this scope.")
        return
    counts = "; ".join(f"{n} {label}" for label, n in bottom.counts)
    doc.add_paragraph(_sanitize(
        f"{len(briefing.commitment_ids)} commitments, standing as of "
        f"{long_date(briefing.cover.as_of)}: {counts}."))
    for key, value in bottom.lists:  # page 1's lists, in the packet's order
        title = LIST_TITLES.get(key, key.replace("_", " ").capitalize())
        doc.add_heading(f"{title} ({len(value)})", level=2)
        if not value:
            doc.add_paragraph("None.")
            continue
        _table(doc, ("Commitment", "Standing", "Our assessment", "Follow-up"),
               [_row_cells(r) for r in value])
    _starred_points(doc, briefing)


def _starred_points(doc: DocumentObject, briefing: Briefing) -> None:
    """The talking points of the starred commitments, up front with the bottom line: what the
    officer will say on the items they chose to raise."""
    starred = [c for s in briefing.sections for c in s.commitments
               if c.annotation.starred and c.annotation.talking_points]
    if not starred:
        return
    doc.add_heading("Talking points on starred commitments", level=2)
    for c in starred:
        p = doc.add_paragraph()
        p.add_run(_sanitize(f"{c.id} ★ — {c.title}")).bold = True
        _numbered(doc, [point.text for point in c.annotation.talking_points])


def _row_cells(r: SummaryRow) -> tuple[str, ...]:
    star = " ★" if r.starred else ""
    assessment = r.assessment + (f" — {r.evidence}" if r.evidence else "")
    return (f"{r.id}{star}: {r.title}", r.state_detail or r.state.value, assessment,
            r.follow_up.isoformat() if r.follow_up else "—")


def _changes(doc: DocumentObject, report: ChangeReport) -> None:
    doc.add_heading(f"What changed since {long_date(report.since)}", level=1)
    if not report.count:
        doc.add_paragraph(f"Nothing changed from {long_date(report.since)} to "
                          f"{long_date(report.until)}.")
        return
    rows = [(g.commitment.id, i.day.isoformat(), i.summary, i.author or "—")
            for g in report.commitments for i in g.items]
    rows += [("—", m.day.isoformat(), m.summary, "—") for m in report.meetings]
    _table(doc, ("Commitment", "Date", "Change", "By"), rows)


def _deadlines(doc: DocumentObject, briefing: Briefing) -> None:
    """The timeline as a picture (with its alternative text) and as a table: what the chart
    shows, readable by everyone."""
    if not briefing.timeline and not briefing.undated:
        return
    doc.add_heading("Deadlines", level=1)
    from jcct_desktop.memo.timeline_image import alt_text, timeline_png

    as_of, undated = briefing.cover.as_of, briefing.undated
    png = timeline_png(briefing.timeline, as_of, undated)
    picture = doc.add_picture(io.BytesIO(png), width=Cm(16))
    props = picture._inline.docPr  # python-docx has no API for the alternative text
    props.set("descr", _sanitize(alt_text(briefing.timeline, as_of, undated)))
    props.set("title", "Deadline timeline")
    _table(doc, ("Commitment", "Window opens", "Window closes", "Standing"),
           [(f"{t.id}: {t.label}", t.earliest.isoformat(), t.latest.isoformat(),
             t.state.value.replace("_", " ")) for t in briefing.timeline]
           + [(f"{u.id}: {u.label}", NO_DEADLINE_STATED, "", u.state.value.replace("_", " "))
              for u in undated])


def _milestone_words(m: MilestoneEntry) -> str:
    """"Met — since 1 Feb 2012 (window 2012-01-01 – 2012-06-30)"; an undated milestone not
    yet judged says "No deadline stated" once, not "No deadline (no deadline stated)"."""
    if m.earliest is None and m.state is Standing.NO_DEADLINE:
        return NO_DEADLINE_STATED.capitalize()
    window = f"window {m.window}" if m.earliest else m.window  # "no deadline stated"
    return f"{m.detail} ({window})"


def _commitment(doc: DocumentObject, c: CommitmentEntry, source: str) -> None:
    star = " ★" if c.annotation.starred else ""
    doc.add_heading(_sanitize(f"{c.id}{star} — {c.title}"), level=3)
    _labelled(doc, "Standing", c.state_detail)
    quote = doc.add_paragraph(style="Quote")
    quote.add_run(_sanitize(c.text))
    _labelled(doc, "Party", c.side)
    if c.agencies:
        _labelled(doc, "Agencies", "; ".join(c.agencies))
    for m in c.milestones:
        _labelled(doc, f"Milestone: {m.label}", _milestone_words(m))
        if m.tiles:  # issue 26: kept province by province
            _province_map(doc, m.label, m.tiles)
    records = c.annotation.assessments
    ours = [r for r in records if r.view is View.US]
    china = [r for r in records if r.view is not View.US]
    for label, chosen in (("Our assessment", ours), ("China reports", china)):
        for r in chosen:
            what = r.status.label + (f" ({r.milestone})" if r.milestone else "")
            what += f" [{r.jurisdiction}]" if r.jurisdiction else ""
            cited = f" Source: {r.source}." if r.source else ""
            _labelled(doc, label, f"{what}, effective {r.effective.isoformat()}. "
                                  f"{r.evidence}{cited}".strip())
    if not ours and c.annotation.status and c.annotation.status != "Not assessed":
        _labelled(doc, "Our assessment", f"{c.annotation.status}. {c.annotation.evidence}")
    if c.annotation.talking_points:
        doc.add_heading("Talking points", level=4)
        _numbered(doc, [p.text for p in c.annotation.talking_points])
    if c.annotation.follow_up:
        _labelled(doc, "Follow-up", c.annotation.follow_up.isoformat())
    if c.annotation.tags:
        _labelled(doc, "Tags", ", ".join(c.annotation.tags))
    for note in c.annotation.notes:
        _labelled(doc, f"Note ({note.created.date().isoformat()})", note.text)
    for link in c.links:
        _labelled(doc, "Related", link)
    if source:
        _labelled(doc, "Citation", f"{c.id}, {source}")


def _province_map(doc: DocumentObject, label: str, tiles: Sequence[Tile]) -> None:
    """The map as a picture, its alternative text in words (Word's accessibility checker
    wants one on every picture)."""
    from jcct_desktop.memo.province_image import alt_text, province_png

    picture = doc.add_picture(io.BytesIO(province_png(tiles)), width=Cm(8))
    props = picture._inline.docPr  # python-docx has no API for the alternative text
    props.set("descr", _sanitize(alt_text(label, tiles)))
    props.set("title", "Province map")


def _labelled(doc: DocumentObject, label: str, text: str) -> None:
    p = doc.add_paragraph()
    p.add_run(_sanitize(f"{label}: ")).bold = True
    p.add_run(_sanitize(text))


def _table(doc: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A table whose first row is marked as its header (repeated on each page, announced by
    screen readers as column headings)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = _sanitize(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _mark_header(table)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = _sanitize(text)
    return table


def _numbered(doc: DocumentObject, texts: Sequence[str]) -> None:
    """A real numbered list (Word's "List Number" style) that starts again at 1: each list
    gets its own numbering instance, else Word would count on from the previous list."""
    style = doc.styles["List Number"]
    numbering = doc.part.numbering_part.element
    style_num = style.element.pPr.numPr.numId.val
    abstract = next(n.abstractNumId.val for n in numbering.num_lst if n.numId == style_num)
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for text in texts:
        p = doc.add_paragraph(_sanitize(text), style=style)
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId


def _mark_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
