"""Team sync against a real PostgreSQL server (started here, like the tests do).

1. 20 officers × 500 edits each (notes, assessments, tags), all syncing at the same moment,
   then all syncing again to pull everyone's: wall time, rows per second, nothing lost.
2. One officer's sync of 10,000 changes (notes) into an empty team database.

Each officer connects as a login role of their own (the server signs every item with it).

Run: ``.venv/bin/python bench/bench_sync.py [--officers N] [--edits N] [--big N]`` (as any
user: the server runs as the current user in a temporary folder, tests/pg_server.py;
PostgreSQL from Debian's package).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.team.sync import run_sync
from tests.pg_server import PgServer, start_server
from tests.team_support import new_team_db, role_url

CIDS = [f"2011-X-{i}" for i in range(60)]


def edit(service: AnnotationService, name: str, count: int) -> None:
    for i in range(count):
        cid = CIDS[(i * 7 + len(name)) % len(CIDS)]
        if i % 10 == 0:
            service.record_assessment(commitment_id=cid, status="in_progress",
                                      evidence=f"{name} evidence {i}")
        elif i % 10 == 1:
            service.change_tags(commitment_id=cid, add=[f"{name}-tag-{i % 5}"])
        else:
            service.add_note(commitment_id=cid, text=f"{name} note {i}")


def officer(folder: str, name: str, url: str, edits: int, barrier, results) -> None:
    service = AnnotationService(open_user_db(Path(folder) / name), user=name)
    edit(service, name, edits)
    barrier.wait()  # everyone syncs at the same moment
    start = time.perf_counter()
    first = run_sync(service, url)
    pushed_in = time.perf_counter() - start
    barrier.wait()  # everyone has pushed: now all pull everyone's
    start = time.perf_counter()
    second = run_sync(service, url)
    pulled_in = time.perf_counter() - start
    notes = sum(len(a.notes) for a in service.all())
    results.put((name, first.pushed, first.pulled + second.pulled, pushed_in, pulled_in, notes))
    service.close()


def concurrent(pg: PgServer, officers: int, edits: int) -> None:
    url = new_team_db(pg)
    folder = tempfile.mkdtemp(prefix="jcct-bench-sync-")
    barrier = multiprocessing.Barrier(officers + 1)
    results = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=officer,
                                     args=(folder, f"o{k:02d}", role_url(pg, url, f"o{k:02d}"),
                                           edits, barrier, results))
             for k in range(officers)]
    for p in procs:
        p.start()
    barrier.wait()
    t0 = time.perf_counter()
    barrier.wait()
    round1 = time.perf_counter() - t0
    rows = [results.get() for _ in procs]
    round2 = time.perf_counter() - t0 - round1
    for p in procs:
        p.join()
    pushed = sum(r[1] for r in rows)
    server_rows = int(pg.psql("SELECT count(*) FROM team_items", url.split("@/")[1].split("?")[0]))
    notes_written = officers * sum(1 for i in range(edits) if i % 10 >= 2)
    complete = all(r[5] == notes_written for r in rows)
    print(f"{officers} officers x {edits} edits, syncing at once:")
    print(f"  round 1 (everyone pushes): {round1:.2f} s wall, {pushed:,} items, "
          f"{pushed / round1:,.0f} rows/s; slowest officer {max(r[3] for r in rows):.2f} s")
    print(f"  round 2 (everyone pulls everyone's): {round2:.2f} s wall, "
          f"{sum(r[2] for r in rows):,} items merged, slowest {max(r[4] for r in rows):.2f} s")
    print(f"  server rows {server_rows:,} = items pushed {pushed:,}: {server_rows == pushed}; "
          f"every officer holds all {notes_written:,} notes: {complete}")


def big(pg: PgServer, changes: int) -> None:
    url = new_team_db(pg)
    folder = Path(tempfile.mkdtemp(prefix="jcct-bench-big-"))
    service = AnnotationService(open_user_db(folder / "big"), user="big")
    for i in range(changes):
        service.add_note(commitment_id=CIDS[i % len(CIDS)], text=f"note {i}")
    as_big, as_other = role_url(pg, url, "big"), role_url(pg, url, "other")
    start = time.perf_counter()
    result = run_sync(service, as_big)
    took = time.perf_counter() - start
    start = time.perf_counter()
    again = run_sync(service, as_big)
    noop = time.perf_counter() - start
    other = AnnotationService(open_user_db(folder / "other"), user="other")
    start = time.perf_counter()
    pulled = run_sync(other, as_other)
    pull = time.perf_counter() - start
    print(f"one officer, {changes:,} changes ({result.pushed:,} items: notes + history):")
    print(f"  push {took:.2f} s ({result.pushed / took:,.0f} rows/s); a second sync with "
          f"nothing new {noop:.2f} s (pushed {again.pushed}); a colleague pulls them in "
          f"{pull:.2f} s ({pulled.pulled:,} items)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=20)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--big", type=int, default=10_000)
    args = parser.parse_args()
    pg = start_server()
    try:
        concurrent(pg, args.officers, args.edits)
        big(pg, args.big)
    finally:
        pg.cleanup()


if __name__ == "__main__":
    main()
