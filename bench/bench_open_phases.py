"""Where opening the reference data goes (issue 25): CPU time by phase of ``open_reference``,
each open in a fresh process, this tree alternated with another checkout.

    python bench/bench_open_phases.py --against /tmp/before-checkout [--size 100000]
        [--runs 5] [--against-archives DIR]

Phases are the reader's functions, timed by wrapping them in the child (whichever of them the
checkout has), in the opening thread's CPU time (the milestones and commitments may be read
ahead on a thread of its own, ``store.reference.read_ahead``; its time is in the total, the
process's): the meetings, the sectors, the milestones, the commitments, and the rest
(engine, jurisdictions, areas, agencies, synonyms, fact sheets, links, the statements read
later, the ``Catalog``). Also the SQL alone of each big table's select the open steps as
rows (its rows stepped and dropped on the raw cursor: SQLite's work and the ``sqlite3``
module's Python value for every column; none for a table read ahead), the process's user and
system time, and its page faults. Medians over the runs; the machine's load falls on both
checkouts alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script: this checkout's bench package importable
from bench.child_json import json_child  # noqa: E402

CHILD = r"""
import gc, json, resource, sqlite3, sys, time
from pathlib import Path
gc.disable()
import jcct_desktop.store.reference.reader as R
import jcct_desktop.store.reference.commitment_rows as CR
times = {}
statements = []
def timed(module, name, label):
    f = getattr(module, name, None)
    if f is None:
        return
    def wrapper(*args, **kwargs):
        t = time.thread_time()  # the opening thread's: not the read-ahead's (read_ahead)
        try:
            return f(*args, **kwargs)
        finally:
            times[label] = times.get(label, 0.0) + (time.thread_time() - t) * 1000
    setattr(module, name, wrapper)
for module, name, label in ((R, "_meetings", "meetings"), (R, "_sectors", "sectors"),
                            (R, "read_milestones", "milestones"),
                            (R, "read_commitments", "commitments")):
    timed(module, name, label)
raw_rows = CR.raw_rows
def keeping(conn, statement):
    statements.append(str(statement.compile(dialect=conn.dialect)))
    return raw_rows(conn, statement)
CR.raw_rows = keeping
path = Path(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF)
t0, thread0 = time.process_time(), time.thread_time()
data = R.open_reference(path)  # kept: its freeing is no part of the open
total = (time.process_time() - t0) * 1000
thread = (time.thread_time() - thread0) * 1000
after = resource.getrusage(resource.RUSAGE_SELF)
out = {"total": total, "opening thread": thread, "rest": thread - sum(times.values()), **times,
       "user": (after.ru_utime - before.ru_utime) * 1000,
       "system": (after.ru_stime - before.ru_stime) * 1000,
       "page faults": after.ru_minflt - before.ru_minflt}
db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
for sql in statements:
    table = "milestone" if "FROM milestone" in sql else "commitment"
    t = time.process_time()
    for _ in db.execute(sql):
        pass
    out[f"SQL alone: {table}"] = out.get(f"SQL alone: {table}", 0) + (
        time.process_time() - t) * 1000
print(json.dumps(out))
"""


def measure_once(tree: Path, archive: Path) -> dict[str, float]:
    return json_child(tree, CHILD, str(archive))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--archives", type=Path, default=REPO / "bench")
    parser.add_argument("--against-archives", type=Path, default=None,
                        help="the baseline's folder of archives (default: --archives)")
    args = parser.parse_args()
    name = f"archive-{args.size // 1000}k.sqlite"
    trees = {"baseline": (args.against, (args.against_archives or args.archives) / name),
             "this tree": (REPO, args.archives / name)}
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
    for _ in range(args.runs):
        for key, (tree, archive) in trees.items():
            runs[key].append(measure_once(tree, archive))
    phases = list(dict.fromkeys(k for r in runs["this tree"] + runs["baseline"] for k in r))
    print(f"| CPU ms (medians of {args.runs}), {args.size:,} | baseline | this tree |")
    print("|---|---|---|")
    for phase in phases:
        cells = []
        for key in trees:
            values = [r[phase] for r in runs[key] if phase in r]
            cells.append(f"{statistics.median(values):,.0f}" if values else "—")
        print(f"| {phase} | {cells[0]} | {cells[1]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
