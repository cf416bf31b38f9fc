"""The search phase of every key ``bench_table.py`` types (``matching_mask``), at archive
scale, for this checkout and another, run alternately in the same run (issue 25: each key's
search at most 5 ms at 100,000).

    python bench/bench_search_keys.py ARCHIVE.sqlite [--rounds N] [--base DIR] [--pairs P]

Each side runs in a child process of its own (``--child DIR``): the reference opened and
warmed, one filter context prepared as the window prepares its own, then every prefix of the
words typed in turn, ``rounds`` times over that one context (as the window does: its search
cache lives across words and rounds). Per prefix: the median over rounds and pairs of the
wall and CPU (thread) milliseconds of ``matching_mask``. With ``--base``, the children run
base, this, base, this... ``pairs`` times, and the ratios this / base are printed.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

WORDS = ("software", "regulation", "smart grid", "SFDA")  # bench_table.WORDS


class _NoNotes:
    """An annotation index with no notes (the window's has one; none found here)."""

    def starred_ids(self) -> set[str]:
        return set()

    def ids_by_tag(self, tag: str) -> set[str]:
        return set()

    def search_notes(self, text: str) -> set[str]:
        return set()

    def all(self) -> list[object]:
        return []


def child(code: Path, archive: Path, rounds: int) -> None:
    sys.path.insert(0, str(code.resolve()))
    import jcct_desktop

    if Path(jcct_desktop.__file__).parent.parent != code.resolve():
        sys.exit(f"jcct_desktop came from {jcct_desktop.__file__}, not {code}")
    from jcct_desktop.core import dates
    from jcct_desktop.core.filtering import Filter, FilterContext, matching_mask
    from jcct_desktop.core.source_order import source_order
    from jcct_desktop.store.reference.reader import open_reference

    reference = open_reference(archive)
    ctx = FilterContext(reference.catalog, reference.search, _NoNotes())  # type: ignore[arg-type]
    ctx.lookups.prepare()
    source_order(ctx.catalog).rows  # noqa: B018 - as ui.refilter.prepare
    ctx.prepare()
    gc.collect()
    gc.freeze()
    as_of = dates.today()
    found: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _ in range(rounds):
        for word in WORDS:
            for i in range(1, len(word) + 1):
                prefix = word[:i]
                worker = ctx.for_worker(ctx.search, ctx.annotations)
                cpu, wall = time.thread_time(), time.perf_counter()
                mask = matching_mask(Filter(text=prefix), worker, as_of)
                wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
                found[prefix].append((wall * 1000, cpu * 1000))
                found[prefix + "#"] = [(float(mask.count(1)), 0.0)]
    print(json.dumps(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--base", type=Path)
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.archive, args.rounds)
        return
    here = Path(__file__).resolve().parent.parent
    sides = {"this": here} if args.base is None else {"base": args.base, "this": here}
    got: dict[str, dict[str, list[tuple[float, float]]]] = {s: defaultdict(list) for s in sides}
    counts: dict[str, dict[str, float]] = {s: {} for s in sides}
    for _ in range(args.pairs):
        for side, code in sides.items():
            out = subprocess.run(
                [sys.executable, __file__, str(args.archive.resolve()), "--rounds",
                 str(args.rounds), "--child", str(code)], check=True, capture_output=True,
                text=True, cwd=code).stdout
            for prefix, samples in json.loads(out).items():  # rounds in order per run
                if prefix.endswith("#"):
                    counts[side][prefix[:-1]] = samples[0][0]
                else:
                    got[side][prefix] += [tuple(s) for s in samples]
    for first, title in ((True, "first round (each term new to the context)"),
                         (False, "later rounds (the context's cache filled)")):
        if first or args.rounds > 1:
            _table(got, counts, sides, args.rounds, first, title)


def _table(got: dict[str, dict[str, list[tuple[float, float]]]],
           counts: dict[str, dict[str, float]], sides: dict[str, Path], rounds: int,
           first: bool, title: str) -> None:
    print(f"{title}: median over the runs of wall ms (CPU ms) of matching_mask")
    header = f"{'prefix':<12}{'shown':>7}" + "".join(f"{s:>18}" for s in sides)
    print(header + ("   ratio (wall, cpu)" if len(sides) == 2 else ""))
    worst: dict[str, float] = defaultdict(float)
    for prefix in got["this"]:
        cells, medians = [], []
        for side in sides:
            samples = [s for i, s in enumerate(got[side][prefix]) if (i % rounds == 0) == first]
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            worst[side] = max(worst[side], wall)
            medians.append((wall, cpu))
            cells.append(f"{wall:9.2f} ({cpu:5.2f})")
        line = f"{prefix!r:<12}{counts['this'][prefix]:>7.0f}" + "".join(f"{c:>18}" for c in cells)
        if len(sides) == 2:
            (bw, bc), (tw, tc) = medians
            line += f"   {tw / bw:5.2f} {tc / max(bc, 1e-6):5.2f}"
            if counts["base"][prefix] != counts["this"][prefix]:
                line += "   COUNT DIFFERS"
        print(line)
    print("slowest prefix median (wall ms): " +
          ", ".join(f"{s} {worst[s]:.2f}" for s in sides))


if __name__ == "__main__":
    main()
