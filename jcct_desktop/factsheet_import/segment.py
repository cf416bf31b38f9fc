"""Blocks of a fact sheet → its parts: title, introduction, headings, facts, commitments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from jcct_desktop.factsheet_import.not_facts import why_not_a_fact
from jcct_desktop.factsheet_import.parties import states_a_commitment
from jcct_desktop.factsheet_import.source import Block, BlockKind, SourceText


class Part(StrEnum):
    TITLE = "title"
    INTRO = "intro"
    HEADING = "heading"
    FACT = "fact"
    COMMITMENT = "commitment"


@dataclass(frozen=True, slots=True)
class Piece:
    part: Part
    block: Block
    review: tuple[str, ...] = ()


@dataclass
class Segmented:
    title: Block | None = None
    intro: list[Block] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)


_SENTENCE_END = re.compile(r"[.!?:;”\"]$")


def looks_like_heading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 12 and not _SENTENCE_END.search(text) and not text[0].isdigit()


def segment(src: SourceText) -> Segmented:
    out = Segmented()
    body = list(src.blocks)
    intro_at = next(
        (i for i, b in enumerate(body) if re.search(r"co-?chair", src.span(b), re.I)), None
    )
    if intro_at is not None:
        out.title = next(
            (b for b in body[:intro_at] if re.search(r"fact\s+sheet", src.span(b), re.I)), None
        )
        out.intro.append(body[intro_at])
        rest = body[intro_at + 1 :]
        # "The following outcomes were achieved." closes the introduction when present
        if (
            rest
            and re.search(r"outcomes|following", src.span(rest[0]), re.I)
            and len(src.span(rest[0]).split()) < 30
        ):
            out.intro.append(rest[0])
            rest = rest[1:]
    else:
        rest = body
        # no participants passage: a title is still looked for at the top of the page
        out.title = next((b for b in body[:5]
                          if re.search(r"fact\s+sheet", src.span(b), re.I)), None)  # fmt: skip
        if out.title is not None:
            rest = [b for b in body if b is not out.title]
    for block in rest:
        out.pieces.append(_classify(src, block))
    return out


def _classify(src: SourceText, block: Block) -> Piece:
    text = src.span(block)
    if block.kind is BlockKind.BULLET:
        return Piece(Part.COMMITMENT, block)
    if why_not_a_fact(text):  # "###", "Print this page": not a heading either
        return Piece(Part.FACT, block)
    if block.heading or looks_like_heading(text):
        return Piece(Part.HEADING, block)
    if src.has_italics:
        return Piece(Part.FACT if block.italic else Part.COMMITMENT, block,
                     () if block.italic else ("commitment without a bullet",))  # fmt: skip
    if states_a_commitment(text):
        return Piece(Part.COMMITMENT, block, ("commitment without a bullet",))
    return Piece(Part.FACT, block, ("fact told apart by its wording (no italics in this form)",))
