"""A packet as of a past day quotes nothing written later; emoji keep their spaces; continued
pages name their commitment at a readable size; page 1 always names what the packet is about.
Each packet is a real PDF read back with pypdf."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord
from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    HistoryView,
    NoteView,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.core.briefing.bottom_line import IN_SCOPE_LIMIT
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf import render_packet
from jcct_desktop.store.annotations import AnnotationService

SOFT = "2011-SOFT-2"  # the longest title in the 2011 fact sheet
PAST = date(2012, 7, 15)
MET = AssessmentRecord(Assessment.FULFILLED, "All 31 provinces reported", date(2012, 6, 20),
                       recorded=datetime(2026, 11, 30, 9, tzinfo=UTC))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def packet(catalog, tmp_path: Path, ann: AnnotationView, as_of: date,
           **options: object) -> list[str]:
    b = build_briefing(catalog, BriefingOptions(scope=Scope.STARRED, as_of=as_of,
                                                deterministic=True, **options),  # type: ignore[arg-type]
                       PlainAnnotations({SOFT: ann}))
    path = tmp_path / f"{as_of}.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    return [p.extract_text() for p in PdfReader(path).pages]


def starred_packets(data_dir: Path, tmp_path: Path) -> tuple[str, str]:
    """The starred packet through the real CLI, as of PAST and as of today: their text."""
    args = ["--data-dir", str(data_dir), "export", "pdf", "--starred"]
    texts = []
    for name, extra in (("past", ["--as-of", PAST.isoformat()]), ("today", [])):
        out = tmp_path / f"{name}.pdf"
        assert main([*args, "-o", str(out), *extra]) == 0
        texts.append(flat(" ".join(p.extract_text() for p in PdfReader(out).pages)))
    return texts[0], texts[1]


def soft(**fields: object) -> AnnotationView:
    return AnnotationView(status="Fulfilled", evidence="All 31 provinces reported",
                          assessments=(MET,), starred=True, **fields)  # type: ignore[arg-type]


def test_a_past_packet_leaves_out_later_notes_and_the_follow_up(catalog, tmp_path):
    ann = soft(notes=(NoteView("kestrel: written before", datetime(2012, 7, 1, 9, tzinfo=UTC)),
                      NoteView("ptarmigan: written later", datetime(2026, 11, 30, 9, tzinfo=UTC)),
                      NoteView("ptarmigan again", datetime(2026, 11, 30, 10, tzinfo=UTC))),
               follow_up=date(2026, 12, 10),
               history=(HistoryView(datetime(2012, 6, 21, 9), "me", "note", "", "gannet"),
                        HistoryView(datetime(2026, 11, 30, 9), "me", "note", "", "ptarmigan")))
    whole = flat(" ".join(packet(catalog, tmp_path, ann, PAST, include_history=True)))
    assert "kestrel: written before" in whole and "NOTE · 2012-07-01" in whole
    assert "ptarmigan" not in whole and "2026-11-30" not in whole  # notes nor history rows
    assert "gannet" in whole  # the history written by then stays
    assert "2 notes written after 15 July 2012 are left out." in whole
    assert "ollow up" not in whole and "10 Dec 2026" not in whole  # today's plan, not then


def test_a_note_written_on_the_as_of_day_is_kept(catalog, tmp_path):
    late_that_day = datetime.combine(PAST, datetime.max.time()).astimezone()  # local 23:59
    ann = soft(notes=(NoteView("osprey on the day", late_that_day),
                      NoteView("one day later", late_that_day + timedelta(minutes=1))))
    whole = flat(" ".join(packet(catalog, tmp_path, ann, PAST)))
    assert "osprey on the day" in whole and "one day later" not in whole
    assert "1 note written after 15 July 2012 is left out." in whole


def test_a_packet_as_of_today_quotes_every_note_and_the_follow_up(catalog, tmp_path):
    today = date.today()
    ann = soft(notes=(NoteView("kestrel", datetime(2012, 7, 1, tzinfo=UTC)),
                      NoteView("written just now", datetime.now(UTC))),
               follow_up=today + timedelta(days=10))
    whole = flat(" ".join(packet(catalog, tmp_path, ann, today)))
    assert "kestrel" in whole and "written just now" in whole
    assert "left out" not in whole
    assert f"Follow up by {(today + timedelta(days=10)):%-d %b %Y}" in whole


def test_the_command_line_packet_as_of_a_past_day_leaves_out_later_notes(data_dir, tmp_path):
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id=SOFT, text="ptarmigan written today")
    service.set_follow_up(commitment_id=SOFT, follow_up=date.today() + timedelta(days=10))
    service.set_starred(commitment_id=SOFT, starred=True)
    service.close()
    past, now = tmp_path / "past.pdf", tmp_path / "now.pdf"
    args = ["--data-dir", str(data_dir), "export", "pdf", "--starred"]
    assert main([*args, "-o", str(past), "--as-of", PAST.isoformat()]) == 0
    assert main([*args, "-o", str(now)]) == 0
    text = flat(" ".join(p.extract_text() for p in PdfReader(past).pages))
    assert "ptarmigan" not in text and "ollow up" not in text
    assert "1 note written after 15 July 2012 is left out." in text
    text = flat(" ".join(p.extract_text() for p in PdfReader(now).pages))
    assert "ptarmigan written today" in text and "Follow up by" in text


def test_an_emoji_placeholder_keeps_the_space_after_it(catalog, tmp_path):
    ann = soft(notes=(NoteView("bold? 🚀 emoji 😀😀 end", datetime(2012, 7, 1, tzinfo=UTC)),))
    whole = flat(" ".join(packet(catalog, tmp_path, ann, PAST)))
    assert "bold? [U+1F680] emoji [U+1F600 U+1F600] end" in whole


def test_a_continued_page_names_a_long_title_at_the_running_headers_size(catalog, tmp_path):
    title = catalog.commitment(SOFT).title
    assert len(title) > 90  # long enough to have been shrunk
    long_note = NoteView("cable " * 6000, datetime(2012, 7, 1, tzinfo=UTC))  # several pages
    b = build_briefing(catalog, BriefingOptions(scope=Scope.STARRED, as_of=PAST,
                                                deterministic=True),
                       PlainAnnotations({SOFT: soft(notes=(long_note,))}))
    path = tmp_path / "long.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    drawn: list[tuple[str, float]] = []
    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size:
                          drawn.append((text, size)) if "(continued)" in text else None)
    assert len(drawn) >= 2, "the note should run onto several continued pages"
    for text, size in drawn:
        assert size >= 7.5, (text, size)  # as big as "As of …" beside it, never 6 pt
        assert text.strip().startswith(f"{SOFT} — Government software legalization")
        assert text.strip().endswith("… (continued)")  # cut with an ellipsis, suffix whole


def test_page_one_names_the_met_commitment_when_nothing_is_due(catalog, tmp_path):
    first = flat(packet(catalog, tmp_path, soft(), PAST)[0])
    assert "0 overdue" in first.replace("\n", " ") or "Nothing is overdue" in first
    names = first.partition("In this packet")[2]
    assert f"{SOFT} — ★ Government software legalization" in names  # starred
    assert "Met — since 20 Jun 2012" in names


def test_page_one_names_a_handful_and_says_how_many_more(catalog, tmp_path):
    ids = [c.id for c in catalog.commitments if c.id.startswith("2011-")][:IN_SCOPE_LIMIT + 3]
    # met everywhere: nothing overdue or due next, so page 1 lists what is in scope
    ann = PlainAnnotations({i: AnnotationView(status="Fulfilled", starred=True, assessments=(
        AssessmentRecord(Assessment.FULFILLED, "done", date(2011, 11, 22),
                         recorded=datetime(2011, 11, 22, tzinfo=UTC)),)) for i in ids})
    b = build_briefing(catalog, BriefingOptions(scope=Scope.STARRED, as_of=PAST,
                                                deterministic=True), ann)
    assert not b.bottom_line.overdue and not b.bottom_line.due_next
    path = tmp_path / "many.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    first = flat(PdfReader(path).pages[0].extract_text()).partition("In this packet")[2]
    listed = [i for i in ids if f"{i} —" in first]
    assert len(listed) == IN_SCOPE_LIMIT
    assert "… and 3 more — “At a glance”, page" in first


def test_page_one_has_no_in_scope_list_when_something_is_overdue(catalog):
    b = build_briefing(catalog, BriefingOptions(as_of=PAST))
    assert b.bottom_line.overdue and b.bottom_line.in_scope == ()


def test_a_packet_without_notes_says_nothing_about_later_ones(catalog, tmp_path):
    ann = soft(notes=(NoteView("ptarmigan", datetime(2026, 11, 30, tzinfo=UTC)),))
    whole = flat(" ".join(packet(catalog, tmp_path, ann, PAST, include_notes=False)))
    assert "left out" not in whole and "ptarmigan" not in whole


def test_a_note_edited_after_the_day_is_quoted_as_it_read_then(catalog, tmp_path):
    """Its edits are in the history (old and new text): undone, newest first, back to the day."""
    written = datetime(2012, 7, 1, 9, tzinfo=UTC)
    ann = soft(notes=(NoteView("heron: third version", written),
                      NoteView("untouched note", written)),
               history=(HistoryView(datetime(2012, 7, 2, 9, tzinfo=UTC), "me", "note",
                                    "heron: first version", "heron: second version", "edited"),
                        HistoryView(datetime(2026, 11, 30, 9, tzinfo=UTC), "me", "note",
                                    "heron: second version", "heron: third version",
                                    "edited")))
    whole = flat(" ".join(packet(catalog, tmp_path, ann, PAST)))
    assert "heron: second version" in whole and "third version" not in whole
    assert "AS IT READ ON 2012-07-15, EDITED SINCE" in whole
    assert "untouched note" in whole and whole.count("EDITED SINCE") == 1
    today = flat(" ".join(packet(catalog, tmp_path, ann, date.today())))
    assert "heron: third version" in today and "EDITED SINCE" not in today


def test_the_command_line_quotes_an_edited_note_as_it_read_then(data_dir, tmp_path):
    """The same through the real store and its own history of the edit (the note's creation
    moved back to 2012 in the database, as if written then)."""
    import sqlite3

    service = AnnotationService.open(data_dir)
    change = service.add_note(commitment_id=SOFT, text="grebe as first written")
    service.edit_note(note_id=change.note_id, text="grebe as edited today")
    service.set_starred(commitment_id=SOFT, starred=True)
    path = service.db_path
    service.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE notes SET created = '2012-07-01T09:00:00+00:00'")
    db.close()
    text, later = starred_packets(data_dir, tmp_path)
    assert "grebe as first written" in text and "edited today" not in text
    assert "EDITED SINCE" in text
    assert "grebe as edited today" in later and "EDITED SINCE" not in later


def test_a_past_packet_prints_the_tags_of_its_day(data_dir, tmp_path):
    """QA (second walk): a packet as of 2012-07-15 printed tags added in 2026. Their changes
    are in the history (the list before and after): the first change after the day holds the
    tags as they were."""
    import sqlite3

    service = AnnotationService.open(data_dir)
    service.change_tags(commitment_id=SOFT, add=["audit"])
    service.change_tags(commitment_id=SOFT, add=["priority", "软件"], remove=["audit"])
    service.set_starred(commitment_id=SOFT, starred=True)
    path = service.db_path
    service.close()
    with sqlite3.connect(path) as db:  # the first tag written in 2012, the change today
        first = db.execute("SELECT min(id) FROM history WHERE field = 'tags'").fetchone()[0]
        db.execute("UPDATE history SET at = '2012-07-01T09:00:00+00:00' WHERE id = ?",
                   (first,))
    db.close()
    text, later = starred_packets(data_dir, tmp_path)
    assert "audit" in text and "priority" not in text
    assert "priority" in later and "audit" not in later
