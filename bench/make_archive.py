"""Generate a synthetic JCCT archive (default: 100 meetings, 10,000 commitments) for benchmarks.

    python bench/make_archive.py [-o bench/archive-10k.sqlite] [--meetings 100] [--per-meeting 100]
                                 [--first-year 2000]

Written through the same schema and builder as the bundled database, with text lengths,
deadline wordings and sector shapes drawn from the real 2011 fact sheet. Seeded: same arguments,
same file.
"""

from __future__ import annotations

import argparse
import random
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jcct_desktop.store.reference.build import write_database  # noqa: E402

SOURCE = REPO / "db" / "jcct-2011.toml"
DEFAULT_OUTPUT = REPO / "bench" / "archive-10k.sqlite"
WHENS = [
    "by December 1, {y}",
    "by the end of {y}",
    "by June {y}",
    "by the middle of {y}",
    "in the first half of {y}",
    "in spring {y}",
    "in {y}",
    "by {y}",
]
CITIES = ["Beijing", "Washington, D.C.", "Hangzhou", "Chengdu", "Dalian", "Chicago", "Xi’an"]


def _doc(
    base: dict[str, Any], year: int, index: int, per_meeting: int, rng: random.Random
) -> dict[str, Any]:
    mid = f"{year}-{index:03d}"
    sectors = base["sectors"]
    leaves = [s for s in sectors if s.get("parent")]
    texts = [c["text"] for c in base["commitments"]]
    meeting = dict(
        base["meeting"],
        id=mid,
        number=index + 1,
        name=f"Synthetic JCCT session {index + 1}",
        start=date(year, 11, 1 + index % 25),
        end=date(year, 11, 2 + index % 25),
        place=rng.choice(CITIES),
    )
    meeting["fact_sheet_date"] = meeting["end"]
    commitments = []
    counters: dict[str, int] = {}
    for pos in range(per_meeting):
        sector = leaves[pos % len(leaves)]
        n = counters[sector["code"]] = counters.get(sector["code"], 0) + 1
        text = rng.choice(texts)
        milestones = []
        for _ in range(rng.choice([0, 1, 1, 2])):
            when = rng.choice(WHENS).format(y=year + rng.randint(0, 2))
            milestones.append({"label": "Synthetic milestone", "wording": text, "when": when})
        commitments.append(
            {
                "id": f"{mid}-{sector['code']}-{n}",
                "sector": sector["code"],
                "title": f"{sector['name']} outcome {n}",
                "party": rng.choice(["China", "United States", "both"]),
                "agencies": [],
                "kind": rng.choice(
                    [
                        "policy_confirmation",
                        "action_with_deadline",
                        "event_or_dialogue",
                        "cooperation",
                    ]
                ),
                "text": text,
                "milestones": milestones,
            }
        )
    facts = [dict(f, id=f"{mid}-{f['id']}") for f in base["facts"]]
    return {"meeting": meeting, "sectors": sectors, "facts": facts, "commitments": commitments}


def make_archive(
    output: Path, meetings: int = 100, per_meeting: int = 100, seed: int = 2011,
    first_year: int = 2000,
) -> Path:
    with SOURCE.open("rb") as fh:
        base = tomllib.load(fh)
    rng = random.Random(seed)
    # five meetings a year; any year the grammar reads (1900–2999)
    docs = [_doc(base, first_year + i // 5, i, per_meeting, rng) for i in range(meetings)]
    output.parent.mkdir(parents=True, exist_ok=True)
    write_database(output, docs, base.get("agencies", []))
    return output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--per-meeting", type=int, default=100)
    parser.add_argument("--first-year", type=int, default=2000, help="the first meeting's year")
    args = parser.parse_args()
    path = make_archive(args.output, args.meetings, args.per_meeting, first_year=args.first_year)
    print(f"wrote {path} ({args.meetings * args.per_meeting} commitments)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
