"""Full-text search latency on the synthetic 10,000-commitment archive.

    python bench/bench_search.py [--archive bench/archive-10k.sqlite] [--rounds 30]
                                 [--typing-rounds 5] [--typing-only]

Prints median and p95 milliseconds per query for the FTS5 path's first page (what a search
returns first), and, measured alternately in the same run as baselines, the LIKE fallback
path and the FTS5 path asked for its whole ranking at once (up to 10,000 hits, as a search
returned before it returned pages); the ratios are what to watch (absolute times drift
between machines). Builds the archive first if it is missing.

Then the typed search: the filter's search part (``matching_ids`` on the text alone) for each
prefix of ``bench_table.WORDS`` as typed, in CPU milliseconds, against the straightforward
filter of before (``straightforward_filter.py``: the catalog walked per term, the search in
SQL alone, each term's hits kept as the filter context kept them) timed alternately in the
same run. Each round types the four words afresh: a new search (its rows read first, timed
apart as the warm-up the window does on its search thread after the first paint) and a new
filter context, whose caches fill as the window's do while typing.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.make_archive import DEFAULT_OUTPUT, make_archive  # noqa: E402
from bench.straightforward_filter import straightforward  # noqa: E402
from jcct_desktop.core import dates  # noqa: E402
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids  # noqa: E402
from jcct_desktop.store.reference.reader import ReferenceData, open_reference  # noqa: E402
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


def _cpu_ms(work: Callable[..., object], *args: object) -> float:
    start = time.process_time()
    work(*args)
    return (time.process_time() - start) * 1000


def typing(data: ReferenceData, rounds: int) -> None:
    """The typed search per prefix, fast path against the straightforward one."""
    from bench.bench_table import WORDS

    engine = data.search._engine  # type: ignore[attr-defined]  # one database's search
    catalog = data.catalog
    as_of = dates.today()
    lookups = FilterContext(catalog, data.search).lookups
    prepare = _cpu_ms(lookups.prepare)  # made once per catalog
    prefixes = [word[:i] for word in WORDS for i in range(1, len(word) + 1)]
    fast: list[list[float]] = [[] for _ in prefixes]  # per key typed, in typing order
    old: list[list[float]] = [[] for _ in prefixes]
    warm: list[float] = []
    gc.disable()  # as on the search thread (ui/latest_only.py)
    for _ in range(rounds):
        search = ReferenceSearch(engine)
        warm.append(_cpu_ms(search.warm))
        context = FilterContext(catalog, search, _lookups=lookups)
        straight = ReferenceSearch(engine)  # never warmed: SQL alone
        memo: dict[str, tuple[set[str], set[str]]] = {}
        for key, prefix in enumerate(prefixes):
            fast[key].append(_cpu_ms(matching_ids, Filter(text=prefix), context, as_of))
            old[key].append(_cpu_ms(straightforward, catalog, straight, None, prefix, memo))
    gc.enable()
    print(f"typed search, CPU ms per prefix (median of {rounds}; per-catalog lookups "
          f"{prepare:.0f} ms once, search rows read {statistics.median(warm):.0f} ms "
          "per database, both after the first paint):")
    for key, prefix in enumerate(prefixes):
        print(f"  {prefix!r:14} fast {statistics.median(fast[key]):7.1f}"
              f"   before {statistics.median(old[key]):7.1f}")
    f_med, f_p95 = _summary([t for ts in fast for t in ts])
    o_med, o_p95 = _summary([t for ts in old for t in ts])
    print(f"typed search fast:   median {f_med:.1f} ms, p95 {f_p95:.1f} ms")
    print(f"typed search before: median {o_med:.1f} ms, p95 {o_p95:.1f} ms")
    print(f"ratio fast / before: median {f_med / o_med:.2f}x, p95 {f_p95 / o_p95:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--typing-rounds", type=int, default=5)
    parser.add_argument("--typing-only", action="store_true",
                        help="only the typed search per prefix")
    args = parser.parse_args()
    if not args.archive.exists():
        make_archive(args.archive)
    data = open_reference(args.archive)
    if not args.typing_only:
        pages(data, args.rounds)
    typing(data, args.typing_rounds)
    return 0


def pages(data: ReferenceData, rounds: int) -> None:
    """The first page of hits against the LIKE path and the whole ranking."""
    fts = data.search
    assert isinstance(fts, ReferenceSearch)
    like = ReferenceSearch(fts._engine, use_fts=False)
    print(
        f"archive: {data.path} ({len(data.catalog.commitments)} commitments), "
        f"FTS5 available: {fts.uses_fts}"
    )
    fts_all: list[float] = []
    like_all: list[float] = []
    whole_all: list[float] = []
    for query in QUERIES:
        f_s, l_s, w_s = [], [], []
        for _ in range(rounds):  # alternate so drift hits all alike
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


if __name__ == "__main__":
    raise SystemExit(main())
