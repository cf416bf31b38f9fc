"""Each field of a meeting source checked before it reaches a database.

The bundled TOML is reviewed by hand; an imported meeting's document is whatever a drafts file
held after review. So every field is checked against what the window can show: a known kind,
dates within the years the app handles, a meeting number from 1, links between two different
commitments, texts of bounded length. Every message is one line naming the item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from jcct_desktop.core.model import Kind, Party

FIRST_YEAR, LAST_YEAR = 1900, 2999  # what the deadline grammar reads, and the window draws
# Generous against the 2011 sheet (longest commitment text 809 characters, title 92), small
# enough that a packet of them prints in seconds.
SHORT_TEXT = 300  # titles, names, labels, places, deadline wordings
LONG_TEXT = 20_000  # a commitment's or fact's text, an introduction


# Control characters other than tab and line breaks: SQLite, the calendar, Word and the PDF
# each end or drop the text at them differently, so a title would read differently in each.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class FieldError(ValueError):
    """One field is wrong; the message names the item and the field."""


def check_text(what: str, value: Any, limit: int, *, required: bool = True) -> None:
    if not isinstance(value, str):
        raise FieldError(f"{what} must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise FieldError(f"{what} is empty")
    if len(value) > limit:
        raise FieldError(f"{what} is {len(value):,} characters long (at most {limit:,})")
    bad = _CONTROL.search(value)
    if bad:
        raise FieldError(f"{what} holds a control character (U+{ord(bad.group()):04X}) at "
                         f"character {bad.start() + 1}")


def check_day(what: str, value: Any) -> date:
    """An ISO date (or a ``date``) in the years the app reads, 1900–2999."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            raise FieldError(f"{what} {value!r} is not an ISO date (YYYY-MM-DD)") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FieldError(f"{what} {day.isoformat()} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return day


def check_meeting(m: Mapping[str, Any]) -> None:
    what = f"meeting {m.get('id')!r}"
    number = m.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise FieldError(f"{what}: the meeting number must be a whole number of 1 or more, "
                         f"not {number!r}")  # fmt: skip
    for key in ("name", "place", "fact_sheet_title"):
        check_text(f"{what}: {key}", m.get(key, ""), SHORT_TEXT, required=key == "name")
    check_text(f"{what}: introduction", m.get("introduction", ""), LONG_TEXT, required=False)
    start = check_day(f"{what}: start", m.get("start"))
    end = check_day(f"{what}: end", m.get("end"))
    if end < start:
        raise FieldError(f"{what}: it ends ({end}) before it starts ({start})")
    check_day(f"{what}: fact sheet date", m.get("fact_sheet_date"))
    for key in ("co_chairs", "participants"):
        values = m.get(key, [])
        if not isinstance(values, list):
            raise FieldError(f"{what}: {key} must be a list of text")
        for value in values:
            check_text(f"{what}: {key}", value, LONG_TEXT, required=False)


def check_commitment(c: Mapping[str, Any]) -> None:
    what = f"commitment {c.get('id')!r}"
    check_text(f"{what}: title", c.get("title"), SHORT_TEXT)
    check_text(f"{what}: text", c.get("text"), LONG_TEXT)
    kinds = [k.value for k in Kind]
    if c.get("kind") not in kinds:
        raise FieldError(f"{what}: unknown kind {c.get('kind')!r} (one of {', '.join(kinds)})")
    parties = [p.value for p in Party]
    if c.get("party") not in parties:
        raise FieldError(f"{what}: unknown party {c.get('party')!r} "
                         f"(one of {', '.join(parties)})")  # fmt: skip
    for i, ms in enumerate(c.get("milestones", [])):
        where = f"{what} milestone {i + 1}"
        check_text(f"{where}: label", ms.get("label"), SHORT_TEXT)
        # "" is an undated deliverable: the source states no date for it
        check_text(f"{where}: when", ms.get("when"), SHORT_TEXT, required=False)
        check_text(f"{where}: wording", ms.get("wording"), LONG_TEXT)
        if "earliest" in ms:  # a reviewed window; the bundled source's are parsed from "when"
            earliest = check_day(f"{where}: earliest", ms.get("earliest"))
            latest = check_day(f"{where}: latest", ms.get("latest"))
            if latest < earliest:
                raise FieldError(f"{where}: the window ends ({latest}) before it starts "
                                 f"({earliest})")  # fmt: skip


def check_fact(f: Mapping[str, Any]) -> None:
    check_text(f"fact {f.get('id')!r}: text", f.get("text"), LONG_TEXT)


def check_link(link: Mapping[str, Any]) -> None:
    if link.get("source") == link.get("target"):
        raise FieldError(f"link {link.get('source')} → {link.get('target')}: a commitment "
                         "cannot be linked to itself")  # fmt: skip


def check_fields(doc: Mapping[str, Any]) -> None:
    """Every field of one meeting's source document; raises :class:`FieldError`."""
    check_meeting(doc["meeting"])
    for c in doc.get("commitments", []):
        check_commitment(c)
    for f in doc.get("facts", []):
        check_fact(f)
    for link in doc.get("links", []):
        check_link(link)
