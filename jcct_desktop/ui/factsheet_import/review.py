"""Edits an officer makes to the drafts, as plain functions over the drafts dict (no Qt)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from jcct_desktop.core.deadlines import DeadlineParseError, MeetingCalendar, parse_window
from jcct_desktop.factsheet_import.source import BULLETS
from jcct_desktop.factsheet_import.split import sentences
from jcct_desktop.store.reference.source_fields import SHORT_TEXT, FieldError, check_day, check_text

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


_MEETING_FLAGS_RESOLVED = ("meeting name is ours", "co-chairs not found", "meeting dates:")


def set_meeting(drafts: dict[str, Any], fields: dict[str, Any]) -> str:
    """The meeting's reviewed data onto the drafts: all of it, or (refused, the reason
    returned) none of it. ``fields``: name, start, end, place, fact_sheet_title,
    fact_sheet_date, fact_sheet_kind, co_chairs and participant_names (lists of names)."""
    try:
        check_text("the meeting's name", fields["name"], SHORT_TEXT)
        for key, what in (("place", "the place"), ("fact_sheet_title", "the fact sheet title")):
            check_text(what, fields[key], SHORT_TEXT, required=False)
        start = check_day("the first day", fields["start"])
        end = check_day("the last day", fields["end"])
        sheet_day = check_day("the fact sheet's date", fields["fact_sheet_date"])
        for key in ("co_chairs", "participant_names"):
            for name in fields[key]:
                check_text("a name", name, SHORT_TEXT)
    except FieldError as exc:
        return str(exc)
    if end < start:
        return f"the meeting ends ({end}) before it starts ({start})"
    if fields["fact_sheet_kind"] not in ("us", "joint"):
        return "the fact sheet is a U.S. or a joint one"
    m = drafts["meeting"]
    m.update({key: fields[key] for key in ("name", "place", "fact_sheet_title",
                                           "fact_sheet_kind", "co_chairs",
                                           "participant_names")})  # fmt: skip
    m.update(start=start.isoformat(), end=end.isoformat(), fact_sheet_date=sheet_day.isoformat())
    m["review"] = [f for f in m.get("review", []) if not f.startswith(_MEETING_FLAGS_RESOLVED)]
    return ""
