"""The search phase of each key typed the first time, this tree against another checkout.

    python bench/bench_first_time_keys.py ARCHIVE.sqlite --base DIR [--runs N]

Each run is a fresh process per tree, alternated (this tree, then ``DIR``; ``DIR`` a
checkout of the base commit, ``git worktree add /tmp/base 4b25ac4``): the archive is opened
and prepared as the window's search worker prepares it (``FilterContext.prepare`` after
the lookups and the source order's places), then each prefix of the words
``bench_table.py`` types is asked once, in turn, of ``matching_mask`` (what a refilter
asks), each the first time it is typed. Per key: the thread's CPU milliseconds, the
collector paused as on the worker. Printed: the median per key over the runs, before and
after and their ratio, and whether both trees showed the same commitments and facts for
every key (a digest of the masks and the facts in order).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_table import WORDS
from bench.child_json import json_child

CHILD = r"""
import gc, hashlib, json, sys, time
from pathlib import Path
from jcct_desktop.core import dates
from jcct_desktop.core.filtering import Filter, FilterContext, matching_mask
from jcct_desktop.core.source_order import source_order
from jcct_desktop.store.reference.reader import open_reference

gc.disable()
ref = open_reference(Path(sys.argv[1]))
ctx = FilterContext(ref.catalog, ref.search, None)
ctx.lookups.prepare()
source_order(ref.catalog).rows
ctx.prepare()
gc.freeze()
as_of = dates.today()
digest = hashlib.sha1()
times = []
for word in json.loads(sys.argv[2]):
    for end in range(1, len(word) + 1):
        key = word[:end]
        start = time.thread_time()
        mask = matching_mask(Filter(text=key), ctx, as_of)
        times.append((key, (time.thread_time() - start) * 1000))
        digest.update(mask)
        digest.update(repr(ctx.last_hits.facts).encode())
print(json.dumps({"times": times, "digest": digest.hexdigest()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import json

    here = Path(__file__).resolve().parents[1]
    trees = {"before": args.base.resolve(), "after": here}
    times: dict[str, dict[str, list[float]]] = {"before": {}, "after": {}}
    digests: dict[str, set[str]] = {"before": set(), "after": set()}
    archive = str(args.archive.resolve())
    for _ in range(args.runs):
        for name, tree in trees.items():
            got = json_child(tree, CHILD, archive, json.dumps(WORDS))
            digests[name].add(got["digest"])
            seen: set[str] = set()
            for key, ms in got["times"]:  # a key typed again ("s") is shown apart
                label = key if key not in seen else f"{key} (again)"
                seen.add(key)
                times[name].setdefault(label, []).append(ms)
    print(f"{args.runs} runs each, alternated; CPU ms per key, medians (before: {args.base})")
    print(f"{'key':<14} {'before':>8} {'after':>8} {'ratio':>6}")
    for key, before in times["before"].items():
        old, new = statistics.median(before), statistics.median(times["after"][key])
        print(f"{key!r:<14} {old:8.1f} {new:8.1f} {new / old if old else 1:6.2f}")
    same = len(digests["before"]) == 1 and digests["before"] == digests["after"]
    print("same commitments and facts for every key:", "yes" if same else "NO")


if __name__ == "__main__":
    main()
