"""What holding Ctrl+C through ``export pdf``'s layout costs, and how soon it is answered.

``cli/export_pdf.py`` holds SIGINT while the packet is laid out and written, and raises it at
the next progress step (``pdf.held_interrupts.interrupts_at_checks``). This writes the same
packet with and without the hold, alternately in one process, and prints the medians of
wall and CPU time and their ratio; and the longest gap between two steps (how long a
Ctrl+C can wait for its answer), in wall and CPU time.

    python bench/bench_held_interrupts.py [ARCHIVE] [--commitments 300] [--repeat 5]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path.cwd()  # the checkout measured: run from its root
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("archive", nargs="?", default=str(REPO / "bench" / "archive-10k.sqlite"))
    parser.add_argument("--commitments", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
    from jcct_desktop.core.own_files import OwnFiles
    from jcct_desktop.core.progress import no_progress
    from jcct_desktop.pdf import render_packet
    from jcct_desktop.pdf.held_interrupts import interrupts_at_checks
    from jcct_desktop.store.reference.reader import open_reference

    catalog = open_reference(Path(args.archive)).catalog
    ids = frozenset(c.id for c in catalog.commitments[:args.commitments])
    briefing = build_briefing(catalog, BriefingOptions(
        scope=Scope.FILTER, ids=ids, as_of=date(2012, 3, 1), scope_label="bench",
        include_history=True, deterministic=True))
    target = Path(tempfile.mkdtemp(prefix="jcct-held-")) / "packet.pdf"
    render_packet(briefing, target, own_files=OwnFiles(None))  # fonts, caches: warm
    times: dict[str, list[tuple[float, float]]] = {"plain": [], "held": []}
    gaps: list[tuple[float, float]] = []
    for _ in range(args.repeat):
        for kind in ("plain", "held"):
            wall, cpu = time.perf_counter(), time.process_time()
            started_thread = time.thread_time()
            if kind == "plain":
                render_packet(briefing, target, own_files=OwnFiles(None), step=no_progress)
            else:
                seen: list[tuple[float, float]] = []

                def step(placed: int, total: int, into: list[tuple[float, float]] = seen
                         ) -> None:
                    into.append((time.perf_counter(), time.thread_time()))

                with interrupts_at_checks() as interrupts:
                    render_packet(briefing, target, own_files=OwnFiles(None),
                                  step=interrupts.checked(step))
                marks = [(wall, started_thread), *seen]
                gaps.append((max(b[0] - a[0] for a, b in itertools.pairwise(marks)),
                             max(b[1] - a[1] for a, b in itertools.pairwise(marks))))
            times[kind].append((time.perf_counter() - wall, time.process_time() - cpu))
    plain_wall = statistics.median(w for w, _ in times["plain"])
    held_wall = statistics.median(w for w, _ in times["held"])
    plain_cpu = statistics.median(c for _, c in times["plain"])
    held_cpu = statistics.median(c for _, c in times["held"])
    print(f"{len(briefing.commitment_ids)} commitments, {args.repeat} runs each, alternately")
    print(f"plain: wall {plain_wall:.2f} s, cpu {plain_cpu:.2f} s")
    print(f"held:  wall {held_wall:.2f} s, cpu {held_cpu:.2f} s "
          f"(ratio wall {held_wall / plain_wall:.3f}, cpu {held_cpu / plain_cpu:.3f})")
    print(f"longest wait for the next step: wall {max(g for g, _ in gaps) * 1000:.0f} ms, "
          f"cpu {max(c for _, c in gaps) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
