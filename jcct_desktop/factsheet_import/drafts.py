"""Build the drafts of one fact sheet: the same shapes as ``export json`` plus spans and flags.

Every text in a draft is ``source.text[start:end]`` (its ``span``); anything guessed carries a
``review`` flag. Nothing here is saved: ``apply`` does that after the officer's review.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deadlines import MeetingCalendar
from jcct_desktop.core.model import Dialogue, Kind, Party, meeting_id
from jcct_desktop.factsheet_import.dates_found import scan_dates
from jcct_desktop.factsheet_import.figures_found import read_figures
from jcct_desktop.factsheet_import.links_found import find_link_cues
from jcct_desktop.factsheet_import.meeting_found import (
    co_chairs,
    meeting_dates,
    meeting_name,
    participants,
)
from jcct_desktop.factsheet_import.not_facts import why_not_a_fact
from jcct_desktop.factsheet_import.parties import infer_party
from jcct_desktop.factsheet_import.provinces_found import province_flags
from jcct_desktop.factsheet_import.segment import Part, Piece, segment
from jcct_desktop.factsheet_import.source import ImportError_, SourceText
from jcct_desktop.factsheet_import.split import sentences, split_commitments

FORMAT = "jcct-desktop-drafts"
VERSION = 1


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    dialogue: Dialogue
    number: int
    date: date
    place: str = ""
    kind: str = "us"  # the fact sheet: "us" or "joint"
    next_meeting: datetime.date | None = None  # (``date`` here is the field above)
    # the first days of the meetings we hold, by (dialogue, number): "by the 24th JCCT"
    known: dict[tuple[str, int], datetime.date] = field(default_factory=dict)
    # a second fact sheet (joint after U.S., or U.S. after joint) of a meeting we hold,
    # bundled or imported: its sector codes start with this letter and avoid the meeting's
    adds_to: bool = False
    taken_codes: frozenset[str] = frozenset()

    @property
    def code_prefix(self) -> str:
        return ("J" if self.kind == "joint" else "U") if self.adds_to else ""

    @property
    def id(self) -> str:
        return meeting_id(self.dialogue, self.number)

    @property
    def calendar(self) -> MeetingCalendar:
        return MeetingCalendar(self.dialogue.value, self.number,
                               {**self.known, (self.dialogue.value, self.number): self.date})


def next_meeting_date(catalog: Catalog, dialogue: Dialogue, number: int) -> date | None:
    """The following meeting's date when we hold it ("by the next JCCT" then has a date)."""
    later = [m.start for m in catalog.meetings
             if m.dialogue is dialogue and m.number == number + 1]  # fmt: skip
    return min(later, default=None)


def second_sheet(catalog: Catalog, info: MeetingInfo) -> MeetingInfo:
    """``info`` for a meeting we hold, bundled or imported: a second fact sheet of another
    kind, or refused in one line (a kind it already has)."""
    kinds = {fs.kind for fs in catalog.fact_sheets_of(info.id)}
    if info.kind in kinds:
        label = "a joint" if info.kind == "joint" else "a U.S."
        raise ImportError_(f"meeting {info.id} already has {label} fact sheet; nothing done")
    codes = frozenset(s.code for s in catalog.sectors if s.meeting == info.id)
    return replace(info, adds_to=True, taken_codes=codes)


def known_meetings(catalog: Catalog) -> dict[tuple[str, int], date]:
    """Every meeting we hold by (dialogue, number): event-relative deadlines count from them."""
    return {(m.dialogue.value, m.number): m.start for m in catalog.meetings}


UNPARSED = "unparsed deadline"  # the review flag the drafting summary counts


def _code(name: str, taken: set[str], prefix: str = "") -> str:
    """A short sector code: the acronym in parentheses, else the initials ("Smart Grid" → SG);
    a second fact sheet's codes start with its letter (J: joint, U: U.S.)."""
    m = re.search(r"\(([A-Z]{2,8})s?\)", name)
    words = re.findall(r"[A-Za-z]+", name)
    base = m.group(1) if m else "".join(w[0] for w in words if w[0].isupper())[:6] or "SEC"
    base = prefix + base
    code, n = base.upper(), 2
    while code in taken:
        code, n = f"{base.upper()}{n}", n + 1
    taken.add(code)
    return code


class _Builder:
    def __init__(self, src: SourceText, info: MeetingInfo) -> None:
        self.src, self.info = src, info
        self.sectors: list[dict[str, Any]] = []
        self.commitments: list[dict[str, Any]] = []
        self.facts: list[dict[str, Any]] = []
        self.not_facts: list[dict[str, Any]] = []  # boilerplate, a third party's words
        self._codes: set[str] = set(info.taken_codes)
        self._group: dict[str, Any] | None = None
        self._sector: dict[str, Any] | None = None
        self._last_heading = False
        self._per_sector: dict[str, int] = {}

    def add_sector(self, name: str, span: list[int] | None, inferred: bool) -> dict[str, Any]:
        sector = {
            "code": _code(name, self._codes, self.info.code_prefix), "name": name,
            "parent": None,
            "heading_inferred": inferred, "span": span,
            "review": ["inferred heading: name this section"] if inferred else [],
        }  # fmt: skip
        self.sectors.append(sector)
        return sector

    def heading(self, piece: Piece) -> None:
        b = piece.block
        sector = self.add_sector(self.src.span(b), [b.start, b.end], False)
        if self._last_heading and self._sector is not None:
            self._group = self._sector  # two headings in a row: the first heads a group
        elif b.gap_before >= 2 or self._group is None:
            self._group = None
        if self._group is not None and self._group is not sector:
            sector["parent"] = self._group["code"]
        self._sector, self._last_heading = sector, True

    def current_sector(self, piece: Piece) -> dict[str, Any]:
        # A wide gap without a heading starts a new, unnamed section (the fact sheet often
        # opens a section with its italic figures and no heading).
        if self._sector is None or (piece.block.gap_before >= 2 and not self._last_heading):
            self._group = None
            n = sum(1 for s in self.sectors if s["heading_inferred"]) + 1
            self._sector = self.add_sector(f"Untitled section {n}", None, True)
        self._last_heading = False
        return self._sector

    def fact(self, piece: Piece) -> None:
        """One fact per sentence, as the reviewed data holds them."""
        sector = self.current_sector(piece)
        for start, end in sentences(self.src.text, piece.block.start, piece.block.end):
            text = self.src.text[start:end]
            why = why_not_a_fact(text)
            if why:
                self.not_facts.append({"text": text, "span": [start, end], "why": why})
                continue
            n = sum(1 for f in self.facts if f["sector_code"] == sector["code"]) + 1
            numbers = read_figures(text)
            review = [*piece.review, *(["figures read from the text: check them"]
                                       if numbers.figures else []), *numbers.flags]  # fmt: skip
            self.facts.append({
                "id": f"{self.info.id}-{sector['code']}-F{n}", "meeting": self.info.id,
                "sector_code": sector["code"], "text": text, "figures": numbers.figures,
                "span": [start, end], "review": review,
            })  # fmt: skip

    def commitment(self, piece: Piece) -> None:
        sector = self.current_sector(piece)
        for start, end in split_commitments(self.src.text, piece.block.start, piece.block.end):
            self.commitments.append(self._commitment(sector, start, end, piece.review))

    def _commitment(
        self, sector: dict[str, Any], start: int, end: int, review: tuple[str, ...]
    ) -> dict[str, Any]:
        text = self.src.text[start:end]
        n = self._per_sector[sector["code"]] = self._per_sector.get(sector["code"], 0) + 1
        party, sure = infer_party(text)
        flags = [*review, "title to write"]
        if not sure:
            flags.append("unsure party")
        milestones = []
        dates = scan_dates(text, self.info.date, self.info.next_meeting, self.info.calendar)
        flags += [f"year not read as a deadline: {words!r} (add a milestone if it is one)"
                  for words in dates.named_years]
        flags += province_flags(text)  # issue 26: kept province by province?
        for f in dates.deadlines:
            span = [start + f.start, start + f.end]
            if f.window is None:
                milestones.append(
                    {
                        "label": "",
                        "wording": f.when,
                        "when": f.when,
                        "earliest": None,
                        "latest": None,
                        "precision": None,
                        "span": span,
                        "review": [f"{UNPARSED}: {f.problem}"],
                    }
                )
                continue  # fmt: skip
            milestones.append({
                "label": "", "wording": f.when, "when": f.when,
                "earliest": f.window.earliest.isoformat(), "latest": f.window.latest.isoformat(),
                "precision": f.window.precision.value, "span": span, "review": [],
            })  # fmt: skip
        links = [
            {"relation": c.relation.value, "target": None, "phrase": c.phrase,
             "span": [start + c.start, start + c.end],
             "review": ["link candidate: choose the earlier commitment or drop it"]}
            for c in find_link_cues(text)
        ]  # fmt: skip
        return {
            "id": f"{self.info.id}-{sector['code']}-{n}", "meeting": self.info.id,
            "sector_code": sector["code"], "title": _title(text), "source_text": text,
            "parties": list(party.sides), "party": party.value, "agencies": [],
            "kind": (Kind.ACTION_WITH_DEADLINE if milestones else Kind.POLICY_CONFIRMATION).value,
            "areas": [], "milestones": milestones, "links": links,
            "span": [start, end], "review": flags,
        }  # fmt: skip


def _title(text: str) -> str:
    """A placeholder title (flagged): the first words of the text."""
    words = text.split()
    return " ".join(words[:10]) + (" …" if len(words) > 10 else "")


class NotAFactSheet(ImportError_):
    """No fact-sheet title and no participants passage: refused unless the officer confirms
    (``--force``, or the window's question): a page of news items or status notes once became
    a meeting of five "commitments"."""


def build_drafts(src: SourceText, info: MeetingInfo, force: bool = False) -> dict[str, Any]:
    seg = segment(src)
    b = _Builder(src, info)
    for piece in seg.pieces:
        {Part.HEADING: b.heading, Part.FACT: b.fact, Part.COMMITMENT: b.commitment}[piece.part](
            piece
        )
    if not b.commitments:
        raise ImportError_(f"{src.name}: no commitments found (no bullets or party sentences)")
    if seg.title is None and not seg.intro and not force:
        raise NotAFactSheet(f"{src.name}: this does not look like a fact sheet (no fact-sheet "
                            "title and no participants or co-chairs passage); nothing drafted "
                            "(--force drafts it anyway)")  # fmt: skip
    return {
        "format": FORMAT,
        "version": VERSION,
        "source": {
            "file": src.name, "form": src.form, "text": src.text,
            "sha256": hashlib.sha256(src.text.encode()).hexdigest(),
        },
        "meeting": _meeting(src, seg, info),
        "sectors": b.sectors,
        "commitments": b.commitments,
        "facts": b.facts,
        "not_facts": b.not_facts,  # left out, with why: for the officer, never saved
    }  # fmt: skip


def _meeting(src: SourceText, seg: Any, info: MeetingInfo) -> dict[str, Any]:
    review: list[str] = []
    if seg.title is not None:
        title, title_span = src.span(seg.title), [seg.title.start, seg.title.end]
    else:
        title, title_span = "", None
        review.append("no fact sheet title found")
    intro = seg.intro
    if not intro:
        review.append("no participants paragraph found")
    passage = src.span(intro[0]) if intro else ""
    days = meeting_dates(passage, info.date)
    chairs = co_chairs(passage)
    if intro and not chairs:
        review.append("co-chairs not found: fill them in")
    return {
        "id": info.id, "dialogue": info.dialogue.value, "number": info.number,
        "name": meeting_name(info.dialogue, info.number),
        "start": days.start.isoformat(), "end": days.end.isoformat(),
        "place": info.place, "fact_sheet_title": title, "fact_sheet_date": info.date.isoformat(),
        "fact_sheet_kind": info.kind, "title_span": title_span,
        "participants": {
            "text": passage,
            "span": [intro[0].start, intro[0].end] if intro else None,
        },
        # read from the passage, ours to check: saved as the meeting's lists
        "co_chairs": chairs, "participant_names": participants(passage),
        "introduction": " ".join(src.span(x) for x in intro),
        "introduction_spans": [[x.start, x.end] for x in intro],
        "review": [*review, *days.review, "meeting name is ours: check it"],
        # a second fact sheet: saved into the imported meeting, whose own data stay as they are
        **({"adds_to": info.id} if info.adds_to else {}),
    }  # fmt: skip


def unparsed_count(drafts: dict[str, Any]) -> int:
    """Every "unparsed deadline" flag of the drafts: what the summary tells the officer."""
    return sum(1 for c in drafts["commitments"] for m in c["milestones"]
               for flag in m.get("review", ()) if flag.startswith(UNPARSED))


__all__ = ["FORMAT", "VERSION", "MeetingInfo", "NotAFactSheet", "Party", "build_drafts"]
