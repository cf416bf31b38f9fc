"""Full-text search latency on the synthetic 10,000-commitment archive.

    python bench/bench_search.py [--archive bench/archive-10k.sqlite] [--rounds 30]

Prints median and p95 milliseconds per query for the FTS5 path's first page (what a search
returns first), and, measured alternately in the same run as baselines, the LIKE fallback
path and the FTS5 path asked for its whole ranking at once (up to 10,000 hits, as a search
returned before it returned pages); the ratios are what to watch (absolute times drift
between machines). Builds the archive first if it is missing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.make_archive import DEFAULT_OUTPUT, make_archive  # noqa: E402
from jcct_desktop.store.reference.reader import open_reference  # noqa: E402
from jcct_desktop.store.reference.search import PAGE, ReferenceSearch  # noqa: E402

QUERIES = [
    "software",
    "smart grid",
    "U.S.-China",
    "SFDA June",
    "王岐山",
    "catalogue",
    "don't",
    "IPR:",
    "spring 2012",
    "technology transfer",
    "IT",
    "counterfeit drugs",
]


WHOLE = 10_000  # a search's limit before it returned pages


def _time(search: ReferenceSearch, query: str, limit: int = PAGE) -> float:
    start = time.perf_counter()
    search.search(query, limit=limit)
    return (time.perf_counter() - start) * 1000


def _summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    if not args.archive.exists():
        make_archive(args.archive)
    data = open_reference(args.archive)
    fts = data.search
    like = ReferenceSearch(fts._engine, use_fts=False)
    print(
        f"archive: {args.archive} ({len(data.catalog.commitments)} commitments), "
        f"FTS5 available: {fts.uses_fts}"
    )
    fts_all: list[float] = []
    like_all: list[float] = []
    whole_all: list[float] = []
    for query in QUERIES:
        f_s, l_s, w_s = [], [], []
        for _ in range(args.rounds):  # alternate so drift hits all alike
            f_s.append(_time(fts, query))
            l_s.append(_time(like, query))
            w_s.append(_time(fts, query, WHOLE))
        fts_all += f_s
        like_all += l_s
        whole_all += w_s
        hits = fts.count(query)
        print(
            f"  {query!r:24} hits={hits:6}  first page median {statistics.median(f_s):7.2f} ms"
            f"   whole ranking {statistics.median(w_s):7.2f} ms"
            f"   like median {statistics.median(l_s):7.2f} ms"
        )
    f_med, f_p95 = _summary(fts_all)
    l_med, l_p95 = _summary(like_all)
    w_med, w_p95 = _summary(whole_all)
    print(f"FTS5 first page: median {f_med:.2f} ms, p95 {f_p95:.2f} ms")
    print(f"FTS5 whole ranking (up to {WHOLE:,}): median {w_med:.2f} ms, p95 {w_p95:.2f} ms")
    print(f"LIKE baseline:   median {l_med:.2f} ms, p95 {l_p95:.2f} ms")
    print(f"ratio first page / whole ranking (p95): {f_p95 / w_p95:.2f}x")
    print(f"ratio FTS/LIKE (median): {f_med / l_med:.2f}x   target: FTS p95 under 50 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
