"""The reviewed data source ``db/jcct-2011.toml`` holds the whole fact sheet, verbatim.

No Qt here: the TOML is read with ``tomllib`` and compared with the official text in
``db/source/jcct-2011-fact-sheet.txt``. Comparisons are made after folding every run of
whitespace (including the non-breaking spaces of the source) to one space.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.core.deadlines import DateWindow, parse_window

ROOT = Path(__file__).parents[1]
DATA_PATH = ROOT / "db" / "jcct-2011.toml"
SOURCE_PATH = ROOT / "db" / "source" / "jcct-2011-fact-sheet.txt"

DATA = tomllib.loads(DATA_PATH.read_text(encoding="utf-8"))
RAW = SOURCE_PATH.read_text(encoding="utf-8")

PARTIES = {"China", "United States", "both"}
KINDS = {"policy_confirmation", "action_with_deadline", "event_or_dialogue", "cooperation"}
UNITS = {"USD", "percent", "units", "subscribers", "jobs", "rank", "count"}
COMMITMENT_ID = re.compile(r"^2011-(?P<sector>[A-Z]+)-(?P<n>[1-9]\d*)$")
FACT_ID = re.compile(r"^2011-(?P<sector>[A-Z]+)-F(?P<n>[1-9]\d*)$")
SECTOR_CODE = re.compile(r"^[A-Z]{2,8}$")
BANNER_PREFIX = "This site contains information"


def norm(text: str) -> str:
    """Fold every run of whitespace (str.split also splits on U+00A0) to one space."""
    return " ".join(text.split())


SOURCE = norm(RAW)
SOURCE_LINES = [norm(line) for line in RAW.splitlines() if norm(line)]
MEETING = DATA["meeting"]
SECTORS = DATA["sectors"]
FACTS = DATA["facts"]
COMMITMENTS = DATA["commitments"]
AGENCIES = DATA["agencies"]
GROUPS = [s for s in SECTORS if "parent" not in s]
CHILDREN = [s for s in SECTORS if "parent" in s]
MILESTONES = [(c, m) for c in COMMITMENTS for m in c.get("milestones", [])]
SECTOR_BY_CODE = {s["code"]: s for s in SECTORS}
COMMITMENT_BY_ID = {c["id"]: c for c in COMMITMENTS}


def _verbatim_items() -> list[tuple[str, str]]:
    items = [("meeting introduction", MEETING["introduction"])]
    items += [(f["id"], f["text"]) for f in FACTS]
    items += [(c["id"], c["text"]) for c in COMMITMENTS]
    items += [(f"{c['id']} milestone", m["wording"]) for c, m in MILESTONES]
    return items


# ------------------------------------------------------------------ verbatim


@pytest.mark.parametrize(("where", "text"), _verbatim_items(), ids=lambda v: str(v)[:40])
def test_text_is_verbatim_in_source(where: str, text: str) -> None:
    assert text == norm(text), f"{where}: whitespace not folded"
    assert norm(text) in SOURCE, f"{where}: not verbatim in the fact sheet: {text!r}"


@pytest.mark.parametrize(
    ("commitment", "milestone"), MILESTONES,
    ids=[f"{c['id']}:{m['when'] or m['label']}" for c, m in MILESTONES],
)
def test_milestone_is_inside_its_commitment_and_parses(commitment: dict, milestone: dict) -> None:
    assert milestone["wording"] in commitment["text"]
    assert milestone["when"] in milestone["wording"]
    assert milestone["label"].strip()
    if milestone["when"]:
        assert isinstance(parse_window(milestone["when"]), DateWindow)
    else:  # undated: the source states no date for this deliverable, not even a year
        assert not re.search(r"\b(19|20)\d\d\b", milestone["wording"]), milestone["wording"]


def test_figures_are_stated_by_their_fact() -> None:
    for fact in FACTS:
        for figure in fact.get("figures", []):
            assert figure["text"] in fact["text"], (fact["id"], figure["text"])
            assert figure["unit"] in UNITS, (fact["id"], figure["unit"])
            assert isinstance(figure["value"], int | float), (fact["id"], figure)
            assert figure["value"] > 0, (fact["id"], figure)
            if "year" in figure:
                assert isinstance(figure["year"], int) and 1990 <= figure["year"] <= 2100


def test_headings_match_the_source() -> None:
    """A heading we did not infer is a line of the source; an inferred one is not."""
    for sector in SECTORS:
        assert isinstance(sector["heading_inferred"], bool), sector["code"]
        if sector["heading_inferred"]:
            assert sector["name"] not in SOURCE_LINES, f"{sector['code']}: heading exists"
        else:
            assert sector["name"] in SOURCE_LINES, f"{sector['code']}: no such heading"


def test_banner_title_and_date_lines() -> None:
    banner, title, dateline = SOURCE_LINES[:3]
    assert banner.startswith(BANNER_PREFIX)
    assert title == MEETING["fact_sheet_title"]
    issued = MEETING["fact_sheet_date"]
    assert dateline == f"{issued:%B} {issued.day}, {issued.year}"


# ------------------------------------------------------------------ coverage


def test_nothing_in_the_source_was_dropped() -> None:
    """Remove every text we hold from the source; only whitespace and bullets may remain."""
    banner, title, dateline = SOURCE_LINES[:3]
    pieces = [text for _, text in _verbatim_items()]
    pieces += [s["name"] for s in SECTORS if not s["heading_inferred"]]
    pieces += [banner, title, dateline]
    wordings = {m["wording"] for _, m in MILESTONES}
    remaining = SOURCE
    missing: list[str] = []
    # Longest first, so a heading ("Cloud Computing") is not cut out of a sentence that
    # contains it; each removal leaves a line break so no later match can span the cut.
    for piece in sorted(pieces, key=len, reverse=True):
        if piece in remaining:
            remaining = remaining.replace(piece, "\n", 1)
        elif piece not in wordings:  # a wording goes with its commitment text
            missing.append(piece)
    leftover = [line.strip() for line in remaining.replace("•", " ").split("\n")]
    leftover = [line for line in leftover if line]
    assert not missing, "held in the TOML but not found (or held twice):\n" + "\n".join(
        map(repr, missing)
    )
    assert not leftover, "source text held by nothing in the TOML:\n" + "\n".join(
        map(repr, leftover)
    )


def test_file_order_is_source_order() -> None:
    for items in (COMMITMENTS, FACTS):
        positions = [SOURCE.find(item["text"]) for item in items]
        assert positions == sorted(positions), [item["id"] for item in items]


# ------------------------------------------------------------------ structure


def test_ids_are_unique_and_well_formed() -> None:
    ids = [c["id"] for c in COMMITMENTS] + [f["id"] for f in FACTS]
    assert len(ids) == len(set(ids))
    for items, pattern in ((COMMITMENTS, COMMITMENT_ID), (FACTS, FACT_ID)):
        numbers: dict[str, list[int]] = {}
        for item in items:
            m = pattern.match(item["id"])
            assert m, item["id"]
            assert m["sector"] == item["sector"], item["id"]
            numbers.setdefault(item["sector"], []).append(int(m["n"]))
        for sector, ns in numbers.items():
            assert ns == list(range(1, len(ns) + 1)), (sector, ns)


def test_sector_hierarchy() -> None:
    codes = [s["code"] for s in SECTORS]
    assert len(codes) == len(set(codes))
    seen_groups: set[str] = set()
    for sector in SECTORS:
        assert SECTOR_CODE.match(sector["code"]), sector["code"]
        assert sector["name"].strip()
        if "parent" in sector:
            assert sector["parent"] in seen_groups, f"{sector['code']}: parent not a prior group"
        else:
            seen_groups.add(sector["code"])
    for group in GROUPS:
        assert any(s.get("parent") == group["code"] for s in CHILDREN), group["code"]


def test_references_and_enumerations() -> None:
    agency_codes = [a["code"] for a in AGENCIES]
    assert len(agency_codes) == len(set(agency_codes))
    assert all(a["country"] in ("China", "United States") and a["name"] for a in AGENCIES)
    agencies = {a["code"]: a for a in AGENCIES}
    used: set[str] = set()
    for fact in FACTS:
        assert fact["sector"] in SECTOR_BY_CODE, fact["id"]
    for c in COMMITMENTS:
        assert c["sector"] in SECTOR_BY_CODE, c["id"]
        assert "parent" in SECTOR_BY_CODE[c["sector"]], f"{c['id']}: commitment on a group"
        assert c["party"] in PARTIES, c["id"]
        assert c["kind"] in KINDS, c["id"]
        assert c["title"].strip(), c["id"]
        for code in c["agencies"]:
            assert code in agencies, f"{c['id']}: undeclared agency {code}"
            named = code in c["text"] or agencies[code]["name"] in c["text"]
            assert named, f"{c['id']}: text does not name {code}"
            used.add(code)
        if c["kind"] == "action_with_deadline":
            assert c.get("milestones"), f"{c['id']}: action with a deadline but no milestone"
    assert used == set(agencies), f"declared but unused: {set(agencies) - used}"


def test_expected_counts() -> None:
    # 10 groups: INNOV SEI MED PHARMA GRID CONF TEL TRAVEL IPRWG DIALOGUE
    assert len(GROUPS) == 10
    # 29 sectors under them (NEV II IPRND IPRE SOFT | SEIS | DC SAFE | RDP CD | SG | CCC |
    # TELEQ VATS | TOUR | OC OLCP BTR BFT PQ | CLWG LEX CLOUD MOTO SAP APEC EXP REMAN AGRI)
    assert len(CHILDREN) == 29
    # 40 commitments: NEV 4, II 1, IPRND 1, IPRE 1, SOFT 4, SEIS 1, DC 1, SAFE 2, RDP 1, CD 2,
    # SG 2, CCC 2, TELEQ 1, VATS 1, TOUR 1, OC/OLCP/BTR/BFT/PQ 1 each, CLWG 1, LEX 2,
    # CLOUD/MOTO/SAP/APEC/EXP/REMAN/AGRI 1 each
    assert len(COMMITMENTS) == 40
    # 18 facts: INNOV 2, NEV 1, SOFT 1, SEIS 1, MED 2, SG 1, CCC 1, TELEQ 1, VATS 1, TOUR 3,
    # SAP 1, EXP 1, REMAN 2
    assert len(FACTS) == 18
    # 15 dated milestones: II 1, IPRND 2, SOFT-2 2, DC 2, SAFE-2 1, TELEQ 1, OC 1, OLCP 1,
    # CLWG 1, LEX-2 1, CLOUD 1, EXP 1 (2011-SAFE-1's work-plan year is no deadline: issue 21)
    assert sum(bool(m["when"]) for _c, m in MILESTONES) == 15
    # 7 undated deliverables, each assessed alone (issue 21): SOFT-1 4, CD-1 2, IPRND-1 1
    assert sum(not m["when"] for _c, m in MILESTONES) == 7
    assert len(MILESTONES) == 22
    assert len(AGENCIES) == 11


# ------------------------------------------------------------------ spot checks


def _window(commitment_id: str, when: str) -> DateWindow:
    (milestone,) = [
        m for m in COMMITMENT_BY_ID[commitment_id].get("milestones", []) if m["when"] == when
    ]
    return parse_window(milestone["when"])


def test_spot_checks() -> None:
    w = _window("2011-II-1", "by December 1, 2011")
    assert (w.earliest, w.latest) == (date(2011, 12, 1), date(2011, 12, 1))
    assert _window("2011-SOFT-2", "By the middle of 2012").latest == date(2012, 6, 30)
    assert _window("2011-SOFT-2", "by 2013").latest == date(2013, 12, 31)
    assert _window("2011-TELEQ-1", "by the end of 2011").latest == date(2011, 12, 31)
    assert _window("2011-IPRND-1", "in 2013").earliest == date(2013, 1, 1)
    assert _window("2011-CLWG-1", "in the spring of 2012").latest == date(2012, 5, 31)
    assert "Wang Qishan" in COMMITMENT_BY_ID["2011-IPRE-1"]["text"]
    assert any("Wang Qishan" in c["text"] for c in COMMITMENTS if c["sector"] == "SOFT")
    nev = [c["text"] for c in COMMITMENTS if c["sector"] == "NEV"]
    assert nev[2].endswith("consistent with WTO rules.")
    assert nev[3].startswith("In addition, China affirmed")
    assert "publically" in next(f["text"] for f in FACTS if f["sector"] == "EXP")
