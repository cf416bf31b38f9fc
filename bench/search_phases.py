"""Per-prefix CPU milliseconds of the typed search (``matching_ids``) at a given archive.

Usage: ``python bench/search_phases.py ARCHIVE [ROUNDS]``. Each prefix of the benchmark
words is searched in turn (as typing does, so narrowing from a shorter prefix counts); with
ROUNDS > 1 the fastest round is printed, a fresh filter context each round (the search's
short-term cache stays: compare single rounds in separate processes). Also printed: the
longest gap between the beats of a 1 ms heartbeat thread while the prefixes were searched,
how long the search held the interpreter lock at most (the window's thread waits as long).
"""

from __future__ import annotations

import dataclasses
import gc
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_table import WORDS
from jcct_desktop.core import dates
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.store.reference.reader import open_reference


def main() -> None:
    ref = open_reference(Path(sys.argv[1]))
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    ref.search.warm()
    best: dict[str, tuple[int, float]] = {}
    gc.disable()
    widest = [0.0]
    done = threading.Event()

    def beat() -> None:
        last = time.perf_counter()
        while not done.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            widest[0] = max(widest[0], now - last)
            last = now

    heart = threading.Thread(target=beat, daemon=True)
    heart.start()
    for _ in range(rounds):
        ctx = FilterContext(ref.catalog, ref.search, None)
        ctx.prepare()
        ctx.standings(dates.today())
        for word in WORDS:
            for i in range(1, len(word) + 1):
                flt = dataclasses.replace(Filter(), text=word[:i])
                t0 = time.process_time()
                found = matching_ids(flt, ctx, dates.today())
                ms = (time.process_time() - t0) * 1000
                old = best.get(word[:i])
                if old is None or ms < old[1]:
                    best[word[:i]] = (len(found), ms)
    done.set()
    heart.join()
    print(f"longest heartbeat gap {widest[0] * 1000:.1f} ms")
    print("prefix visible search_cpu_ms")
    for prefix, (n, ms) in best.items():
        print(f"{prefix!r} {n} {ms:.1f}")


if __name__ == "__main__":
    main()
