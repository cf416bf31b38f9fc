"""Edits an officer makes to the drafts, as plain functions over the drafts dict (no Qt)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from jcct_desktop.core.deadlines import DeadlineParseError, MeetingCalendar, parse_window
from jcct_desktop.factsheet_import.source import BULLETS
from jcct_desktop.factsheet_import.split import sentences

_LINE_START = re.compile(rf"\s*(?:[{re.escape(BULLETS)}]\s+)?")


def set_deadline(drafts: dict[str, Any], index: int, wording: str, meeting: date,
                 calendar: MeetingCalendar | None = None) -> str:
    """Replace the commitment's milestones by one parsed from ``wording`` (a span of its text).

    Returns "" or the reason it stays undated (then flagged, as the importer does).
    """
    c = drafts["commitments"][index]
    text, start = c["source_text"], c["span"][0]
    at = text.find(wording)
    if not wording or at < 0:
        return "the deadline wording must be words of the commitment's text"
    span = [start + at, start + at + len(wording)]
    try:
        w = parse_window(wording, meeting, None, calendar)
    except DeadlineParseError as exc:
        c["milestones"] = [{"label": "", "wording": wording, "when": wording, "earliest": None,
                            "latest": None, "precision": None, "span": span,
                            "review": [f"unparsed deadline: {exc}"]}]  # fmt: skip
        return str(exc)
    c["milestones"] = [{"label": "", "wording": wording, "when": wording,
                        "earliest": w.earliest.isoformat(), "latest": w.latest.isoformat(),
                        "precision": w.precision.value, "span": span, "review": []}]  # fmt: skip
    return ""


def _renumber(drafts: dict[str, Any]) -> None:
    """Ids follow the order within each sector again after a split or merge."""
    counts: dict[str, int] = {}
    mid = drafts["meeting"]["id"]
    for c in drafts["commitments"]:
        n = counts[c["sector_code"]] = counts.get(c["sector_code"], 0) + 1
        c["id"] = f"{mid}-{c['sector_code']}-{n}"


def _with_text(c: dict[str, Any], source: str, start: int, end: int) -> dict[str, Any]:
    inside = [m for m in c["milestones"] if start <= m["span"][0] and m["span"][1] <= end]
    links = [lk for lk in c["links"] if start <= lk["span"][0] and lk["span"][1] <= end]
    return dict(c, source_text=source[start:end], span=[start, end], milestones=inside,
                links=links)  # fmt: skip


def split(drafts: dict[str, Any], index: int) -> bool:
    """Split a commitment before its last sentence; False when it has only one."""
    source = drafts["source"]["text"]
    c = drafts["commitments"][index]
    start, end = c["span"]
    line_break = source.rfind("\n", start, end)
    if line_break >= 0:  # a merged draft spans two lines: split where the second begins
        first_end = len(source[start:line_break].rstrip()) + start
        m = _LINE_START.match(source, line_break)
        second_start = m.end() if m else line_break + 1
    else:
        parts = sentences(source, start, end)
        if len(parts) < 2:
            return False
        first_end, second_start = parts[-2][1], parts[-1][0]
    first = _with_text(c, source, start, first_end)
    second = _with_text(c, source, second_start, end)
    drafts["commitments"][index : index + 1] = [first, second]
    _renumber(drafts)
    return True


def merge_with_next(drafts: dict[str, Any], index: int) -> bool:
    """Merge a commitment with the next one of the same sector; the span covers both."""
    cs = drafts["commitments"]
    if index + 1 >= len(cs) or cs[index]["sector_code"] != cs[index + 1]["sector_code"]:
        return False
    a, b = cs[index], cs[index + 1]
    merged = _with_text(a, drafts["source"]["text"], a["span"][0], b["span"][1])
    merged["milestones"] = a["milestones"] + b["milestones"]
    merged["links"] = a["links"] + b["links"]
    cs[index : index + 2] = [merged]
    _renumber(drafts)
    return True
