"""Annotation service timings: 10,000 notes, note search, and single-edit commit overhead.

Run: ``.venv/bin/python bench/bench_annotations.py [--rounds N]``. Prints medians; the last line
is the ratio of one service edit (ORM, history row, notifier, synchronous=FULL) to a bare
sqlite3 INSERT+COMMIT with the same journal settings, measured alternately in the same run.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jcct_desktop.store.annotations import AnnotationService

NOTES = 10_000


def bulk_add(folder: Path) -> tuple[float, AnnotationService]:
    service = AnnotationService.open(folder)
    start = time.perf_counter()
    for i in range(NOTES):
        service.add_note(commitment_id=f"2011-X-{i % 120}", text=f"note {i} 汽车 tariff {i % 97}")
    return time.perf_counter() - start, service


def search_time(service: AnnotationService) -> float:
    start = time.perf_counter()
    for query in ("汽车", "TARIFF 42", "no such words", "note 9999"):
        service.search_notes(query)
    return (time.perf_counter() - start) / 4


def bare_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, text TEXT)")
    return conn


def single_edits(
    service: AnnotationService, conn: sqlite3.Connection, n: int
) -> tuple[float, float]:
    """Alternate one service edit and one bare INSERT+COMMIT; median seconds of each."""
    ours, bare = [], []
    for i in range(n):
        start = time.perf_counter()
        service.add_note(commitment_id="2011-BENCH-1", text=f"edit {i}")
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (text) VALUES (?)", (f"edit {i}",))
        conn.execute("COMMIT")
        bare.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(bare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    adds, searches, ratios = [], [], []
    for r in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            elapsed, service = bulk_add(Path(tmp) / "data")
            adds.append(elapsed)
            searches.append(search_time(service))
            conn = bare_connection(Path(tmp) / "bare.sqlite")
            ours, bare = single_edits(service, conn, 200)
            ratios.append(ours / bare)
            conn.close()
            service.close()
            edit = f"edit {ours * 1e3:.2f} ms vs bare {bare * 1e3:.2f} ms"
            print(f"round {r + 1}: add {elapsed:.2f} s, {edit}")
    print(f"add {NOTES} notes (one transaction each): median {statistics.median(adds):.2f} s")
    print(f"search_notes over {NOTES} notes: median {statistics.median(searches) * 1e3:.1f} ms")
    print(f"single edit vs bare INSERT+COMMIT: median ratio {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
