"""Briefing packet export time and memory.

    python bench/bench_pdf.py [--runs 5] [--sizes 1000,2500,5000,10000] [--archive PATH]

1. The full 2011 packet against a baseline measured alternately in the same run: reportlab
   setting the fact sheet's plain text in one pass (same fonts). Medians and their ratio,
   first inside one process, then as whole processes (``jcct-desktop export pdf`` from start
   to exit against a process that imports reportlab, registers the same fonts and sets the
   plain fact sheet): the figure a user feels.
2. Packets from the synthetic archive (``bench/make_archive.py``) at growing sizes, each in a
   fresh process so its peak memory is its own; prints whether time and memory grow linearly.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing  # noqa: E402
from jcct_desktop.core.own_files import OwnFiles  # noqa: E402
from jcct_desktop.pdf import packet_bytes, render_packet  # noqa: E402
from jcct_desktop.pdf.styles import stylesheet  # noqa: E402
from jcct_desktop.store.reference.reader import open_reference  # noqa: E402

AS_OF = date(2012, 3, 1)
FACT_SHEET = REPO / "db" / "source" / "jcct-2011-fact-sheet.txt"


def baseline_once(text: str) -> float:
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from jcct_desktop.pdf.styles import stylesheet

    sheet = stylesheet()
    start = time.perf_counter()
    story = [Paragraph(escape(p), sheet["body"]) for p in text.split("\n\n") if p.strip()]
    doc = SimpleDocTemplate(io.BytesIO(), initialFontName=sheet.fonts.serif)
    doc.build(story)
    baseline_once.pages = doc.page  # type: ignore[attr-defined]
    return time.perf_counter() - start


def packet_once(catalog, options: BriefingOptions) -> tuple[float, int]:
    start = time.perf_counter()
    _, pages = packet_bytes(build_briefing(catalog, options))
    return time.perf_counter() - start, pages


def compare(runs: int) -> None:
    catalog = open_reference().catalog
    text = FACT_SHEET.read_text(encoding="utf-8")
    options = BriefingOptions(as_of=AS_OF, deterministic=True, include_history=True)
    packet_once(catalog, options), baseline_once(text)  # warm up: fonts, imports
    packets, baselines = [], []
    for _ in range(runs):
        t, pages = packet_once(catalog, options)
        packets.append(t)
        baselines.append(baseline_once(text))
    p, b = statistics.median(packets), statistics.median(baselines)
    print(f"2011 packet ({len(catalog.commitments)} commitments, {pages} pages): "
          f"median {p * 1000:.0f} ms")
    bpages = baseline_once.pages  # type: ignore[attr-defined]
    print(f"baseline (fact sheet plain text, one pass, {bpages} pages): median {b * 1000:.0f} ms")
    print(f"ratio {p / b:.2f}x (aim < 3x); per page {(p / pages) / (b / bpages):.2f}x")


# The whole-process baseline: only reportlab, the same serif font, the plain fact sheet.
BASELINE = """
import sys, tempfile
from xml.sax.saxutils import escape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
pdfmetrics.registerFont(TTFont("Serif", sys.argv[1]))
style = ParagraphStyle("body", fontName="Serif", fontSize=9.5, leading=13, spaceAfter=4)
text = open(sys.argv[2], encoding="utf-8").read()
story = [Paragraph(escape(p), style) for p in text.split("\\n\\n") if p.strip()]
with tempfile.TemporaryDirectory() as folder:
    SimpleDocTemplate(folder + "/b.pdf", initialFontName="Serif").build(story)
"""


def compare_processes(runs: int) -> None:
    cli = Path(sys.executable).with_name("jcct-desktop")
    with tempfile.TemporaryDirectory() as folder:
        packet = [str(cli), "--data-dir", folder, "export", "pdf", "-o", f"{folder}/p.pdf",
                  "--as-of", AS_OF.isoformat(), "--deterministic", "--history"]
        font = REPO / "resources" / "fonts" / "DejaVuSerif.ttf"
        plain = [sys.executable, "-c", BASELINE, str(font), str(FACT_SHEET)]

        def timed(cmd: list[str]) -> float:
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            return time.perf_counter() - start

        timed(packet), timed(plain)  # warm the disk cache
        packets, plains = [], []
        for _ in range(runs):
            packets.append(timed(packet))
            plains.append(timed(plain))
    p, b = statistics.median(packets), statistics.median(plains)
    print(f"whole process: 2011 packet CLI median {p * 1000:.0f} ms, plain fact sheet process "
          f"median {b * 1000:.0f} ms: ratio {p / b:.2f}x (aim < 3x)")


def one(archive: Path, size: int) -> None:
    """Child process: one archive packet written to a file, as the command line does; prints
    JSON with time, pages and peak memory (growth: above the catalog and the loaded fonts)."""
    catalog = open_reference(archive).catalog
    ids = frozenset(c.id for c in catalog.commitments[:size])
    options = BriefingOptions(scope=Scope.FILTER, ids=ids, as_of=AS_OF, deterministic=True,
                              scope_label=f"first {size} commitments")
    stylesheet()  # registers (parses) the fonts: ~45 MB whatever the packet's size
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as folder:
        start, cpu = time.perf_counter(), time.process_time()
        pages = render_packet(build_briefing(catalog, options), Path(folder) / "p.pdf",
                              own_files=OwnFiles(None))
        t, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"size": size, "seconds": t, "cpu_seconds": cpu, "pages": pages,
                      "peak_mb": peak / 1024, "growth_mb": (peak - base) / 1024}))


def scaling(archive: Path, sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--archive",
                              str(archive)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        # CPU time beside wall time: on a shared machine the wall time says more about the load
        print(f"{size:>6} commitments: {row['seconds']:7.1f} s (CPU {row['cpu_seconds']:.1f} s)  "
              f"{row['pages']:>6} pages  "
              f"{row['seconds'] / size * 1000:5.1f} ms/commitment  peak {row['peak_mb']:.0f} MB "
              f"(+{row['growth_mb']:.0f} MB for the packet)", flush=True)
    first, last = rows[0], rows[-1]
    per = [r["seconds"] / r["size"] for r in rows]
    time_factor = max(per) / min(per)
    mem_factor = (last["growth_mb"] / last["size"]) / max(first["growth_mb"] / first["size"],
                                                          1e-9)
    print(f"time per commitment varies {time_factor:.2f}x across sizes: "
          f"{'linear' if time_factor < 1.5 else 'NOT linear'}")
    print(f"memory per commitment, largest vs smallest: {mem_factor:.2f}x: "
          f"{'linear or better' if mem_factor < 1.5 else 'NOT linear'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,2500,5000,10000")
    parser.add_argument("--archive", type=Path, default=REPO / "bench" / "archive-10k.sqlite")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--skip-archive", action="store_true")
    args = parser.parse_args()
    if args.one:
        one(args.archive, args.one)
        return
    compare(args.runs)
    compare_processes(args.runs)
    if args.skip_archive:
        return
    if not args.archive.is_file():
        print(f"no archive at {args.archive}: run bench/make_archive.py -o {args.archive}")
        return
    scaling(args.archive, [int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
