"""Build the bundled reference database from its reviewed TOML source, deterministically.

    python -m jcct_desktop.store.reference.build [SOURCE.toml ...] [-o db/jcct.sqlite]

Same source, same SQLite version → byte-identical file: rows go in in source order, the file is
VACUUMed, and it is left in rollback-journal mode (a WAL database in a read-only folder will not
open even with ``mode=ro``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from jcct_desktop.core.deadlines import DateWindow, Precision, parse_window
from jcct_desktop.core.jurisdictions import check_code
from jcct_desktop.core.search import fold_apostrophes
from jcct_desktop.store.reference.models import (
    FTS_DDL,
    SCHEMA_VERSION,
    AgencyRow,
    Base,
    CommitmentAreaRow,
    CommitmentRow,
    FactRow,
    FactSheetRow,
    FigureRow,
    IssueAreaRow,
    JurisdictionRow,
    LinkRow,
    MeetingRow,
    MetaRow,
    MilestoneRow,
    SectorRow,
    SynonymRow,
)
from jcct_desktop.store.reference.source_checks import SourceError, check_sources

REPO = Path(__file__).resolve().parents[3]
DEFAULT_SOURCES = (REPO / "db" / "jcct-2011.toml",)
DEFAULT_AREAS = REPO / "db" / "issue-areas.toml"
DEFAULT_JURISDICTIONS = REPO / "db" / "jurisdictions.toml"
DEFAULT_OUTPUT = REPO / "db" / "jcct.sqlite"


def load_source(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: {exc}") from None


def _fold(text: str) -> str:
    return " ".join(text.split())


def _meeting_rows(doc: Mapping[str, Any], assigned: Mapping[str, list[str]]) -> list[Base]:
    m = doc["meeting"]
    mid = str(m["id"])
    sheets = doc.get("fact_sheets", [])
    rows: list[Base] = [
        MeetingRow(
            dialogue=m.get("dialogue", "jcct"),
            id=mid,
            number=int(m["number"]),
            name=m["name"],
            start=m["start"],
            end=m["end"],
            place=m["place"],
            fact_sheet_title=m["fact_sheet_title"],
            fact_sheet_date=m["fact_sheet_date"],
            co_chairs=json.dumps(m.get("co_chairs", []), ensure_ascii=False),
            participants=json.dumps(m.get("participants", []), ensure_ascii=False),
            introduction=_fold(m.get("introduction", "")),
            glossary=json.dumps(m.get("glossary", {}), ensure_ascii=False, sort_keys=True),
        )
    ]
    for pos, fs in enumerate(sheets):
        rows.append(
            FactSheetRow(
                id=fs["id"], meeting_id=mid, position=pos, kind=fs["kind"], title=fs["title"],
                date=fs["date"], source=fs["source"],
            )
        )  # fmt: skip
    for pos, s in enumerate(doc.get("sectors", [])):
        rows.append(
            SectorRow(
                meeting_id=mid,
                code=s["code"],
                name=s["name"],
                parent_code=s.get("parent"),
                position=pos,
                heading_inferred=bool(s.get("heading_inferred", False)),
            )
        )
    for pos, f in enumerate(doc.get("facts", [])):
        rows.append(
            FactRow(
                id=f["id"],
                meeting_id=mid,
                sector_code=f["sector"],
                position=pos,
                text=_fold(f["text"]),
            )
        )
        for fpos, fig in enumerate(f.get("figures", [])):
            rows.append(
                FigureRow(
                    fact_id=f["id"],
                    position=fpos,
                    value=float(fig["value"]),
                    unit=fig["unit"],
                    year=fig.get("year"),
                    text=fig["text"],
                )
            )
    default_sheet = sheets[0]["id"] if sheets else None
    for pos, c in enumerate(doc.get("commitments", [])):
        c = dict(c, fact_sheet=c.get("fact_sheet", default_sheet))
        rows.extend(_commitment_rows(mid, pos, c, m["end"]))
        areas = c.get("areas", assigned.get(c["id"], []))
        rows.extend(
            CommitmentAreaRow(commitment_id=c["id"], position=i, area=a)
            for i, a in enumerate(areas)
        )
    rows.extend(
        LinkRow(source_id=ln["source"], target_id=ln["target"], relation=ln["relation"])
        for ln in doc.get("links", [])
    )
    return rows


def _commitment_rows(
    mid: str, pos: int, c: Mapping[str, Any], meeting_date: date | None = None
) -> list[Base]:
    rows: list[Base] = [
        CommitmentRow(
            id=c["id"],
            meeting_id=mid,
            sector_code=c["sector"],
            position=pos,
            title=c["title"],
            text=_fold(c["text"]),
            party=c["party"],
            kind=c["kind"],
            agencies=json.dumps(list(c.get("agencies", [])), ensure_ascii=False),
            fact_sheet_id=c.get("fact_sheet"),
        )
    ]
    for mpos, ms in enumerate(c.get("milestones", [])):
        try:
            window = _window(ms, meeting_date)
        except ValueError as exc:
            raise SourceError(f"{c['id']} milestone {mpos + 1}: {exc}") from None
        rows.append(
            MilestoneRow(
                commitment_id=c["id"],
                position=mpos,
                label=ms["label"],
                wording=_fold(ms["wording"]),
                when_text=ms["when"],
                earliest=window.earliest if window else None,
                latest=window.latest if window else None,
                precision=window.precision.value if window else None,
                jurisdictional=bool(ms.get("jurisdictional", False)),
            )
        )
    return rows


def _window(ms: Mapping[str, Any], meeting_date: date | None) -> DateWindow | None:
    """A reviewed window (an imported meeting's drafts) as given; else parsed from ``when``;
    None for an undated deliverable (``when`` empty, no window given)."""
    if ms.get("earliest") is None and not str(ms["when"]).strip():
        return None
    if "earliest" in ms:
        return DateWindow(
            date.fromisoformat(str(ms["earliest"])),
            date.fromisoformat(str(ms["latest"])),
            Precision(ms["precision"]),
        )
    # Relative wordings ("within six months") count from the meeting's last day.
    return parse_window(ms["when"], meeting_date)


def _index_rows(docs: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    for doc in docs:
        glossary = doc["meeting"].get("glossary", {})

        def with_names(text: str, glossary: Mapping[str, str] = glossary) -> str:
            # Officers search in Chinese too: 王岐山 finds the commitments naming Wang Qishan.
            extra = [zh for en, zh in glossary.items() if en in text]
            return fold_apostrophes(" ".join([text, *extra]))

        for c in doc.get("commitments", []):
            labels = " ".join(m["label"] for m in c.get("milestones", []))
            body = " ".join([_fold(c["text"]), labels, " ".join(c.get("agencies", []))])
            title = fold_apostrophes(c["title"])
            out.append((c["id"], "commitment", title, with_names(body)))
        for f in doc.get("facts", []):
            out.append((f["id"], "fact", "", with_names(_fold(f["text"]))))
    return out


def _synonym_rows(docs: Iterable[Mapping[str, Any]]) -> list[SynonymRow]:
    """Every source's synonyms merged by term (first spelling wins), expansions deduplicated."""
    merged: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    for doc in docs:
        for entry in doc.get("synonyms", []):
            term = str(entry.get("term", "")).strip()
            expansions = entry.get("expansions")
            if not term or not isinstance(expansions, list) or not all(
                isinstance(e, str) and e.strip() for e in expansions
            ):
                raise SourceError(f"synonym {term or '(no term)'}: needs a term and expansions")
            key = term.casefold()
            spelling.setdefault(key, term)
            known = merged.setdefault(key, [])
            known += [e for e in expansions if e.casefold() not in map(str.casefold, known)]
    return [SynonymRow(term=spelling[key], position=i, expansion=e)
            for key, expansions in merged.items() for i, e in enumerate(expansions)]


def write_database(
    output: Path,
    docs: Sequence[Mapping[str, Any]],
    agencies: Sequence[Mapping[str, Any]],
    areas: Mapping[str, Any] | None = None,
    jurisdictions: Mapping[str, Any] | None = None,
) -> None:
    """Write ``docs`` (one per meeting, shaped like the TOML source) to a new file ``output``.

    ``areas`` is the issue-area document (``db/issue-areas.toml``: the list and assignments);
    ``jurisdictions`` the provincial-level divisions (``db/jurisdictions.toml``).
    """
    areas = areas or {}
    check_sources(docs, areas)
    places = _jurisdiction_rows(jurisdictions or {})
    tmp = output.with_name(output.name + ".tmp")
    tmp.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{tmp}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute("PRAGMA page_size=4096")
        dbapi_conn.execute("PRAGMA journal_mode=DELETE")

    try:
        _write(engine, tmp, docs, agencies, areas, places)
    except BaseException:
        engine.dispose()
        tmp.unlink(missing_ok=True)  # a refused or failed build leaves nothing behind
        raise
    os.replace(tmp, output)


def _write(
    engine: Engine,
    tmp: Path,
    docs: Sequence[Mapping[str, Any]],
    agencies: Sequence[Mapping[str, Any]],
    areas: Mapping[str, Any],
    places: list[JurisdictionRow],
) -> None:
    Base.metadata.create_all(engine)
    hashed: list[Any] = [docs, agencies] + ([areas] if areas else [])
    # the list joins the hash only when there is one: an imported meeting's stays as it was
    hashed += [[(p.code, p.name, p.chinese, p.kind, p.row, p.col, p.counted) for p in places]
               ] if places else []
    digest = hashlib.sha256(
        json.dumps(hashed, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()
    with Session(engine) as session, session.begin():
        session.add_all(
            AgencyRow(code=a["code"], name=a["name"], country=a["country"]) for a in agencies
        )
        session.add_all(
            IssueAreaRow(name=name, position=i) for i, name in enumerate(areas.get("areas", []))
        )
        session.add_all(places)
        for doc in docs:
            session.add_all(_meeting_rows(doc, areas.get("assign", {})))
        session.add_all(_synonym_rows(docs))
        session.add_all(
            [
                MetaRow(key="schema_version", value=str(SCHEMA_VERSION)),
                MetaRow(key="source_sha256", value=digest),
            ]
        )
    engine.dispose()
    conn = sqlite3.connect(tmp)
    try:
        conn.execute(FTS_DDL)
        conn.executemany("INSERT INTO search_index VALUES (?, ?, ?, ?)", _index_rows(docs))
        conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        conn.commit()
        conn.execute("VACUUM")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    finally:
        conn.close()


def _jurisdiction_rows(doc: Mapping[str, Any]) -> list[JurisdictionRow]:
    """The reviewed divisions, checked: codes well formed and unique, one tile per cell."""
    rows: list[JurisdictionRow] = []
    for pos, j in enumerate(doc.get("jurisdictions", [])):
        code = str(j.get("code", ""))
        try:
            check_code(code)
        except ValueError as exc:
            raise SourceError(f"jurisdiction {pos + 1}: {exc}") from None
        rows.append(JurisdictionRow(
            code=code, position=pos, name=j["name"], chinese=j["chinese"], kind=j["kind"],
            row=int(j["row"]), col=int(j["col"]), counted=bool(j["counted"]),
        ))
    _unique_rows("jurisdiction code", [r.code for r in rows])
    _unique_rows("tile-grid cell", [f"row {r.row}, col {r.col}" for r in rows])
    return rows


def _unique_rows(kind: str, values: list[str]) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise SourceError(f"{kind} {v} appears twice in the jurisdictions")
        seen.add(v)


def merged_agencies(docs: Iterable[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    """One entry per code; the same code defined two ways is an error, never silently the first.

    A renamed agency (SFDA → CFDA) is a new code, so both names survive.
    """
    agencies: dict[str, Mapping[str, Any]] = {}
    for doc in docs:
        for a in doc.get("agencies", []):
            seen = agencies.setdefault(a["code"], a)
            if (seen["name"], seen["country"]) != (a["name"], a["country"]):
                raise SourceError(
                    f"agency {a['code']!r} is defined twice: {seen['name']!r} and {a['name']!r}"
                    " (a renamed agency needs its own code)"
                )
    return list(agencies.values())


def build(
    sources: Iterable[Path] = DEFAULT_SOURCES,
    output: Path = DEFAULT_OUTPUT,
    areas: Path | None = DEFAULT_AREAS,
    jurisdictions: Path | None = DEFAULT_JURISDICTIONS,
) -> Path:
    docs = [load_source(Path(p)) for p in sources]
    area_doc = load_source(areas) if areas else None
    places = load_source(jurisdictions) if jurisdictions else None
    write_database(Path(output), docs, merged_agencies(docs), area_doc, places)
    return Path(output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, default=list(DEFAULT_SOURCES))
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--areas", type=Path, default=DEFAULT_AREAS, help="issue-area list")
    parser.add_argument("--jurisdictions", type=Path, default=DEFAULT_JURISDICTIONS,
                        help="provincial-level divisions")
    args = parser.parse_args(argv)
    try:
        path = build(args.sources, args.output, args.areas, args.jurisdictions)
    except (SourceError, KeyError) as exc:
        parser.exit(2, f"error: {exc}\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
