"""Check a (reviewed) drafts file and turn it into a meeting source document for saving.

Flags inform, they do not block. What blocks, with one line naming the item: a text that is no
longer the source's text at its span, an unknown sector, issue area or relation, a link to a
commitment that does not exist or to itself, a meeting already held (same dialogue and
number), an id used twice or already used by a meeting we hold, and everything the database
builder refuses (``store.source_fields``: kinds, parties, dates 1900–2999, meeting number 1 or
more, lengths), checked here with the builder's own message so nothing half-written is left.
"""

from __future__ import annotations

import copy
import hashlib
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deadlines import DateWindow, Precision
from jcct_desktop.core.model import Dialogue, Meeting, Party, Relation, meeting_id
from jcct_desktop.factsheet_import.drafts import FORMAT, VERSION
from jcct_desktop.factsheet_import.source import ImportError_
from jcct_desktop.store.reference.source_fields import FieldError, check_fields


def _fold(text: str) -> str:
    return " ".join(text.split())


class _Checker:
    def __init__(self, drafts: Mapping[str, Any], catalog: Catalog) -> None:
        if drafts.get("format") != FORMAT or drafts.get("version") != VERSION:
            raise ImportError_(f"not a drafts file of this app (format {FORMAT} v{VERSION})")
        self.drafts, self.catalog = drafts, catalog
        source = drafts.get("source")
        self.source = str(source.get("text", "")) if isinstance(source, Mapping) else ""
        if not self.source:
            raise ImportError_("the drafts file has lost its source text")
        # every quote is checked against this text: a text changed after drafting would let
        # an edited "verbatim" quote through, so it must still be the text that was drafted
        drafted = source.get("sha256") if isinstance(source, Mapping) else None
        if drafted is not None and drafted != hashlib.sha256(self.source.encode(
                "utf-8", "surrogatepass")).hexdigest():
            raise ImportError_("the source text is not the text that was drafted (its SHA-256 "
                               "differs): draft the fact sheet again instead of editing it")

    def span(self, what: str, text: str, span: Any) -> None:
        ok = (
            isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
            and 0 <= span[0] <= span[1] <= len(self.source)
        )  # fmt: skip
        if not ok or _fold(self.source[span[0] : span[1]]) != _fold(text):
            raise ImportError_(f"{what}: its text is no longer the source's text at its span")


def to_meeting_doc(
    drafts: Mapping[str, Any], catalog: Catalog, existing: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The source document ``imported_meetings.save_meeting`` takes, after every check.

    ``existing``: the imported meetings' documents; drafts of a second fact sheet
    (``meeting.adds_to``) are saved into theirs. A second sheet of a bundled meeting (which has
    no document of ours) starts a document of its own, carrying the bundled meeting's data.
    """
    if not isinstance(drafts, Mapping):
        raise TypeError("the drafts are not a JSON object")  # told as "the wrong shape"
    meeting = drafts.get("meeting")
    adds_to = meeting.get("adds_to") if isinstance(meeting, Mapping) else None
    doc = _named_item("meeting", lambda: _doc(drafts, catalog, adding=adds_to is not None))
    if adds_to is not None:
        held = next((d for d in existing if d["meeting"]["id"] == adds_to), None)
        known = next((m for m in catalog.meetings if m.id == adds_to), None)
        if known is None or adds_to != doc["meeting"]["id"]:
            raise ImportError_(f"meeting {adds_to}: no meeting to add a fact sheet to")
        [sheet] = doc["fact_sheets"]
        if sheet["kind"] in {fs.kind for fs in catalog.fact_sheets_of(adds_to)}:
            label = "a joint" if sheet["kind"] == "joint" else "a U.S."
            raise ImportError_(f"meeting {adds_to} already has {label} fact sheet")
        if held is None:  # a bundled meeting: no document of ours yet
            held = _document_of(known)
        taken = {s.code for s in catalog.sectors if s.meeting == adds_to}
        doc = _with_second_sheet(held, doc, taken)
    try:
        check_fields(doc)  # the builder's own checks and messages, before anything is written
    except FieldError as exc:
        raise ImportError_(str(exc)) from None
    return doc


def _named_item(what: str, build: Any) -> Any:
    """Run ``build``; a missing key or a wrong shape is told naming the item."""
    try:
        return build()
    except KeyError as exc:
        raise ImportError_(f"{what}: missing {exc}") from None
    except (TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, ImportError_):
            raise
        raise ImportError_(f"{what}: an entry has the wrong shape ({exc})") from None


def _document_of(meeting: Meeting) -> dict[str, Any]:
    """A document for a second fact sheet of a bundled meeting: the bundled meeting's own
    data (the meetings database needs its row), no sheets, sectors or commitments yet. The
    merged catalog shows the bundled meeting, not this copy."""
    return {
        "meeting": {
            "id": meeting.id, "dialogue": meeting.dialogue.value, "number": meeting.number,
            "name": meeting.name, "start": meeting.start.isoformat(),
            "end": meeting.end.isoformat(), "place": meeting.place,
            "fact_sheet_title": meeting.fact_sheet_title,
            "fact_sheet_date": meeting.fact_sheet_date.isoformat(),
            "co_chairs": list(meeting.co_chairs), "participants": list(meeting.participants),
            "introduction": meeting.introduction,
        },
        "fact_sheets": [], "sectors": [], "facts": [], "commitments": [], "links": [],
        "review": [],
    }  # fmt: skip


def _with_second_sheet(
    held: Mapping[str, Any], added: dict[str, Any], taken: Collection[str] = ()
) -> dict[str, Any]:
    """The meeting's document with a second fact sheet's sectors, facts and commitments
    (which name their sheet); the meeting's own data stay as they are. ``taken``: the sector
    codes the meeting has already (a bundled meeting's are in no document of ours)."""
    mid = held["meeting"]["id"]
    [sheet] = added["fact_sheets"]
    if sheet["kind"] in {fs["kind"] for fs in held.get("fact_sheets", [])}:
        raise ImportError_(f"meeting {mid} already has a {sheet['kind']} fact sheet")
    clash = ({s["code"] for s in held.get("sectors", [])} | set(taken)) & {
        s["code"] for s in added["sectors"]}
    if clash:
        raise ImportError_(f"meeting {mid}: sector {sorted(clash)[0]!r} is already one of its "
                           "sectors (rename the second fact sheet's)")  # fmt: skip
    merged = copy.deepcopy(dict(held))
    merged["fact_sheets"] = [*held.get("fact_sheets", []), sheet]
    for key in ("sectors", "facts", "links", "review"):
        merged[key] = [*held.get(key, []), *added[key]]
    merged["commitments"] = [*held.get("commitments", []),
                             *(dict(c, fact_sheet=sheet["id"]) for c in added["commitments"])]
    return merged


def _doc(drafts: Mapping[str, Any], catalog: Catalog, adding: bool = False) -> dict[str, Any]:
    ck = _Checker(drafts, catalog)
    m = drafts["meeting"]
    try:
        dialogue = Dialogue(m["dialogue"])
    except ValueError:
        raise ImportError_(f"meeting: unknown dialogue {m.get('dialogue')!r}") from None
    number = m["number"]
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ImportError_(f"meeting: the meeting number must be a whole number of 1 or more, "
                           f"not {number!r}")  # fmt: skip
    mid = meeting_id(dialogue, number)
    if mid != m.get("id"):
        raise ImportError_(f"meeting: id {m.get('id')!r} does not match {mid!r}")
    if not adding and any(x.id == mid for x in catalog.meetings):
        raise ImportError_(f"meeting {mid} ({dialogue.label} {m['number']}) is already imported")
    sectors = _sectors(drafts.get("sectors", []))
    doc: dict[str, Any] = {
        "meeting": _meeting(m, mid, dialogue, ck),
        "fact_sheets": [
            {
                "id": f"{mid}-{m.get('fact_sheet_kind', 'us')}",
                "kind": m.get("fact_sheet_kind", "us"),
                "title": m.get("fact_sheet_title", ""),
                "date": m["fact_sheet_date"],
                "source": drafts["source"].get("file", ""),
            }
        ],
        "sectors": sectors,
        "facts": [],
        "commitments": [],
        "links": [],
        "review": [],
    }
    codes = {s["code"] for s in sectors}
    facts, commitments = list(drafts.get("facts", [])), list(drafts.get("commitments", []))
    _unique_ids("fact", [f["id"] for f in facts], {f.id: f.meeting for f in catalog.facts},
                catalog)
    ids = [c["id"] for c in commitments]
    _unique_ids("commitment", ids, {c.id: c.meeting for c in catalog.commitments}, catalog)
    for f in facts:
        what = f"fact {f['id']}"
        _known_sector(what, f["sector_code"], codes)
        ck.span(what, f["text"], f.get("span"))
        doc["facts"].append({"id": f["id"], "sector": f["sector_code"], "text": f["text"],
                             "figures": _figures(what, f.get("figures") or [])})  # fmt: skip
    for c in commitments:
        what = f"commitment {c['id']}"
        doc["commitments"].append(_named_item(what, lambda c=c: _commitment(c, ck, codes, doc)))
        doc["links"] += _named_item(what, lambda c=c: _links(c, set(ids), catalog))
    if not doc["commitments"]:
        raise ImportError_("the drafts hold no commitments; nothing to save")
    return doc


def _meeting(m: Mapping[str, Any], mid: str, dialogue: Dialogue, ck: _Checker) -> dict[str, Any]:
    participants = m.get("participants") or {}
    if participants.get("text"):
        ck.span("meeting participants", participants["text"], participants.get("span"))
    start = date.fromisoformat(m["start"])
    return {
        "id": mid, "dialogue": dialogue.value, "number": int(m["number"]),
        "name": m.get("name") or f"{dialogue.label} {m['number']}",
        "start": m["start"], "end": m.get("end") or m["start"], "place": m.get("place", ""),
        "fact_sheet_title": m.get("fact_sheet_title", ""),
        "fact_sheet_date": m.get("fact_sheet_date") or start.isoformat(),
        "co_chairs": _texts("meeting co_chairs", m.get("co_chairs") or []),
        "participants": (_texts("meeting participant_names", m["participant_names"])
                         if m.get("participant_names")
                         else [participants["text"]] if participants.get("text") else []),
        "introduction": m.get("introduction", ""),
    }  # fmt: skip


def _unique_ids(kind: str, ids: list[Any], held: Mapping[str, str], catalog: Catalog) -> None:
    """An id once in a drafts file and in no meeting we hold (bundled or imported), compared
    without regard to case: notes, links and packets find an item by its id alone, and an
    officer typing ``jcct-22-jca-1`` means the one commitment."""
    seen: dict[str, str] = {}  # casefolded: as written
    held_folded = {item.casefold(): item for item in held}
    for item_id in ids:
        if not isinstance(item_id, str) or not item_id.strip():
            raise ImportError_(f"a {kind} has no id (or one that is not text): {item_id!r}")
        odd = next((ch for ch in item_id if ch.isspace() or unicodedata.category(ch)[0] == "C"),
                   None)  # an id is typed, searched and synced: no spaces, no invisibles
        if odd is not None:
            raise ImportError_(f"{kind} {item_id!r}: the id holds a space or control "
                               f"character (U+{ord(odd):04X}); ids are letters, digits and "
                               "dashes")
        key = item_id.casefold()
        if key in seen:
            other = seen[key]
            also = "" if other == item_id else f" (as {other} too: ids are compared ignoring case)"
            raise ImportError_(f"{kind} {item_id}: the id appears twice in the drafts{also}")
        if key in held_folded:
            used = held_folded[key]
            label = next((m.label for m in catalog.meetings if m.id == held[used]), held[used])
            if used == item_id:
                raise ImportError_(f"{kind} {item_id}: the id is already used by the {label}")
            raise ImportError_(f"{kind} {item_id}: the id differs only in case from {used}, "
                               f"already used by the {label}")
        seen[key] = item_id


def _texts(what: str, values: Any) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ImportError_(f"{what}: a list of names (text) is wanted")
    return [v for v in values if v.strip()]


# "count": of whatever the figure's words name ("1,200 companies"); "times": a multiplier
FIGURE_UNITS = ("USD", "percent", "units", "subscribers", "jobs", "tons", "rank", "count",
                "times")


def _figures(what: str, drafted: Any) -> list[dict[str, Any]]:
    """A fact's figures as reviewed (value, unit, year, the words); kept on save."""
    if not isinstance(drafted, list):
        raise ImportError_(f"{what}: figures must be a list")
    out = []
    for i, fig in enumerate(drafted, 1):
        where = f"{what} figure {i}"
        if not isinstance(fig, Mapping):
            raise ImportError_(f"{where}: not a figure (value, unit, year, text)")
        value, unit, year = fig.get("value"), fig.get("unit"), fig.get("year")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ImportError_(f"{where}: the value must be a number, not {value!r}")
        if unit not in FIGURE_UNITS:
            raise ImportError_(f"{where}: unknown unit {unit!r} (one of "
                               f"{', '.join(FIGURE_UNITS)})")  # fmt: skip
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                                 or not 1900 <= year <= 2999):  # fmt: skip
            raise ImportError_(f"{where}: the year must be 1900–2999 or none, not {year!r}")
        if not isinstance(fig.get("text"), str):
            raise ImportError_(f"{where}: its words (text) are missing")
        out.append({"value": float(value), "unit": unit, "text": fig["text"],
                    **({"year": year} if year is not None else {})})  # fmt: skip
    return out


def _sectors(drafted: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out, codes = [], set()
    for s in drafted:
        if s["code"] in codes:
            raise ImportError_(f"sector {s['code']!r} appears twice")
        codes.add(s["code"])
        out.append({"code": s["code"], "name": s["name"], "parent": s.get("parent"),
                    "heading_inferred": bool(s.get("heading_inferred"))})  # fmt: skip
    for s in out:
        if s["parent"] is not None and s["parent"] not in codes:
            raise ImportError_(f"sector {s['code']}: unknown parent sector {s['parent']!r}")
    return [{k: v for k, v in s.items() if v is not None} for s in out]


def _known_sector(what: str, code: str, codes: set[str]) -> None:
    if code not in codes:
        raise ImportError_(f"{what}: unknown sector {code!r}")


def _party(c: Mapping[str, Any]) -> str:
    if c.get("party"):
        if c["party"] not in {p.value for p in Party}:
            raise ImportError_(f"commitment {c['id']}: unknown party {c['party']!r} (one of "
                               f"{', '.join(p.value for p in Party)})")  # fmt: skip
        return Party(c["party"]).value
    sides = set(c.get("parties", []))
    if sides == {"China", "United States"}:
        return Party.BOTH.value
    if len(sides) == 1:
        return Party(sides.pop()).value
    raise ImportError_(f"commitment {c['id']}: parties must be China, United States or both")


def _commitment(
    c: Mapping[str, Any], ck: _Checker, codes: set[str], doc: dict[str, Any]
) -> dict[str, Any]:
    what = f"commitment {c['id']}"
    _known_sector(what, c["sector_code"], codes)
    ck.span(what, c["source_text"], c.get("span"))
    for area in c.get("areas", []):
        if area not in ck.catalog.issue_areas:
            raise ImportError_(f"{what}: unknown issue area {area!r}")
    milestones = []
    for i, ms in enumerate(c.get("milestones", [])):
        ck.span(f"{what} milestone {i + 1}", ms["wording"], ms.get("span"))
        if not ms.get("earliest") or not ms.get("latest"):
            # Saved undated: the deadline stays in the text and in the review flags.
            doc["review"].append({"item": c["id"], "flag": f"undated milestone: {ms['when']!r}"})
            continue
        try:
            window = DateWindow(date.fromisoformat(ms["earliest"]),
                                date.fromisoformat(ms["latest"]),
                                Precision(ms.get("precision") or "day"))  # fmt: skip
        except ValueError as exc:
            raise ImportError_(f"{what} milestone {i + 1}: {exc}") from None
        milestones.append({
            "label": ms.get("label") or ms["when"], "wording": ms["wording"], "when": ms["when"],
            "earliest": window.earliest.isoformat(), "latest": window.latest.isoformat(),
            "precision": window.precision.value,
        })  # fmt: skip
    doc["review"] += [{"item": c["id"], "flag": f} for f in c.get("review", [])]
    return {
        "id": c["id"], "sector": c["sector_code"], "title": c.get("title") or c["id"],
        "party": _party(c), "agencies": list(c.get("agencies", [])),
        "kind": c.get("kind", "policy_confirmation"), "text": c["source_text"],
        "areas": list(c.get("areas", [])), "milestones": milestones,
    }  # fmt: skip


def _links(c: Mapping[str, Any], ids: set[str], catalog: Catalog) -> list[dict[str, str]]:
    out = []
    for link in c.get("links", []):
        target = link.get("target")
        if target is None:
            continue  # a candidate the officer did not resolve: nothing to save
        try:
            relation = Relation(link.get("relation"))
        except ValueError:
            raise ImportError_(
                f"commitment {c['id']}: unknown relation {link.get('relation')!r}"
            ) from None
        if target == c["id"]:
            raise ImportError_(f"commitment {c['id']}: a commitment cannot be linked to itself")
        if target not in catalog and target not in ids:
            raise ImportError_(f"commitment {c['id']}: links to unknown commitment {target!r}")
        out.append({"source": c["id"], "target": target, "relation": relation.value})
    return out
