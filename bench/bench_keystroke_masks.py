"""Per keystroke, the phases of a refilter at archive scale in CPU ms: the search, the visible
set into a source-order mask, the tree, the timeline layout and the shown ids with their
counts, for each prefix of the words ``bench_table.py`` types.

    python bench/bench_keystroke_masks.py ARCHIVE.sqlite [--code DIR]

``--code DIR`` measures another checkout (an earlier commit, say) in the same way, so that
before and after can be run side by side on a loaded machine. The timeline is given the
refilter's mask when the code takes one (``build_layout(source, visible, mask)``).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import inspect
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    import jcct_desktop

    if Path(jcct_desktop.__file__).parent.parent != args.code.resolve():
        sys.exit(f"jcct_desktop came from {jcct_desktop.__file__}, not {args.code}: run this "
                 "file by its path, not with -m")
    from bench.bench_table import WORDS
    from jcct_desktop.core import dates
    from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
    from jcct_desktop.core.source_order import source_order
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.timeline import TimelineSource, build_layout
    from jcct_desktop.ui.tree import TreeSource

    gc.disable()  # as on the search worker: the window pauses the collector while it works
    ref = open_reference(args.archive)
    ctx = FilterContext(ref.catalog, ref.search, None)
    ctx.prepare()
    book = ctx.standings(dates.today())
    states = book.values()
    trees, timelines = TreeSource(ref.catalog), TimelineSource(ref.catalog)
    trees.judge(lambda cid: book.of(cid).shortfall)
    gc.freeze()  # as the app does once its window is built: later collections skip these
    takes_mask = "in_source" in inspect.signature(build_layout).parameters
    pt = time.process_time
    t0 = pt()
    build_layout(timelines, {ref.catalog.commitments[0].id})  # the masks, made once
    print(f"code {args.code}, timeline given the mask: {takes_mask}")
    print(f"first filtered layout (masks made) {(pt() - t0) * 1e3:.0f} ms")
    print("prefix visible search mask tree timeline shown+counts mask+timeline")
    totals = []
    for word in WORDS:
        for i in range(1, len(word) + 1):
            flt = dataclasses.replace(Filter(), text=word[:i])
            t0 = pt()
            visible = matching_ids(flt, ctx, dates.today())
            t1 = pt()
            order = source_order(ref.catalog)
            mask = order.mask(visible)
            t2 = pt()
            trees.build(states, visible, mask)
            t3 = pt()
            layout = (build_layout(timelines, visible, mask) if takes_mask
                      else build_layout(timelines, visible))
            layout.span  # noqa: B018 - as the refilter does
            t4 = pt()
            order.shown(mask), order.counts(mask, states)
            t5 = pt()
            ms = [round((b - a) * 1000, 1) for a, b in [(t0, t1), (t1, t2), (t2, t3), (t3, t4),
                                                         (t4, t5)]]
            totals.append(ms[1] + ms[3])
            print(word[:i], len(visible), *ms, round(ms[1] + ms[3], 1))
    print(f"mask+timeline median {statistics.median(totals):.1f} max {max(totals):.1f} ms")


if __name__ == "__main__":
    main()
