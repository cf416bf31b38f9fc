"""Printing the 2011 packet: its own PDF to a CUPS queue vs. page images at 1200 dpi.

    python bench/bench_print.py [--runs 3]

Both ways run in the same invocation, alternately, each in a fresh process whose own peak
memory (``ru_maxrss``) it reports:

(a) ``jcct_desktop.ui.briefing.cups.submit`` sends the packet's PDF to a cups-pdf queue; timed
    from the process's start until cups-pdf has written the printed file, whose size is the job's.
(b) the old way: a QPrinter writing PDF at 1200 dpi, every page rendered by QPdfDocument at
    the printer's resolution and drawn as an image (as the old ``render_to`` did); timed
    from start to exit, the output file's size is the job's.

Unlike the tests (a private scheduler, tests/cups_server.py), this uses the system's CUPS:
cupsd is started if it is not running (and stopped again) and a cups-pdf queue is added and
removed, and cups-pdf writes into ``~/PDF``. Run it as root on a development machine, never
on one whose printers matter. Needs Debian's ``cups`` and ``printer-driver-cups-pdf``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUEUE = "jcct-bench"
PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"

# (a) and (b) as child programs: each prints JSON {"seconds", "bytes", "peak_mb"}
VIA_CUPS = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from jcct_desktop.ui.briefing.cups import CupsJob, submit
pdf = Path(sys.argv[1]).read_bytes()
job = submit(pdf, CupsJob(sys.argv[2], title="bench"))
number = job.rsplit("-", 1)[-1]
while True:
    found = sorted((Path.home() / "PDF").glob(f"*job_{number}.pdf"))
    if found and found[0].stat().st_size > 0:
        size = -1
        while size != found[0].stat().st_size:  # cups-pdf still writing
            size = found[0].stat().st_size
            time.sleep(0.05)
        break
    time.sleep(0.02)
seconds = time.perf_counter() - start
found[0].unlink()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "bytes": size, "peak_mb": peak}))
"""

AS_IMAGES = """
import json, os, resource, sys, time
start = time.perf_counter()
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
app = QGuiApplication(["bench"])
data = QByteArray(open(sys.argv[1], "rb").read())
buffer = QBuffer(data)
buffer.open(QIODevice.OpenModeFlag.ReadOnly)
doc = QPdfDocument()
doc.load(buffer)
printer = QPrinter(QPrinter.PrinterMode.HighResolution)
printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
printer.setResolution(1200)
printer.setOutputFileName(sys.argv[2])
dpi = printer.resolution()
painter = QPainter()
painter.begin(printer)
for index in range(doc.pageCount()):
    if index:
        printer.newPage()
    points = doc.pagePointSize(index)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    image = doc.render(index, size)
    target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
    scale = min(target.width() / size.width(), target.height() / size.height())
    painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
painter.end()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "bytes": os.path.getsize(sys.argv[2]), "peak_mb": peak}))
os.unlink(sys.argv[2])
"""


def _scheduler_running() -> bool:
    out = subprocess.run(["lpstat", "-r"], capture_output=True, text=True).stdout
    return out.startswith("scheduler is running")


def start_queue() -> subprocess.Popen[bytes] | None:
    started = None
    if not _scheduler_running():
        started = subprocess.Popen(["cupsd", "-f"])
        deadline = time.monotonic() + 20
        while not _scheduler_running():
            if time.monotonic() > deadline:
                sys.exit("cupsd did not start")
            time.sleep(0.2)
    subprocess.run(["lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", PPD],
                   check=True, capture_output=True)
    return started


def stop_queue(started: subprocess.Popen[bytes] | None) -> None:
    subprocess.run(["lpadmin", "-x", QUEUE], capture_output=True)
    if started is not None:
        started.terminate()
        started.wait(10)


def child(code: str, *args: str) -> dict[str, float]:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
           "HOME": str(Path.home()), "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        packet = Path(folder) / "packet.pdf"
        cli = Path(sys.executable).with_name("jcct-desktop")
        subprocess.run([str(cli), "--data-dir", folder, "export", "pdf", "-o", str(packet),
                        "--deterministic"], check=True, capture_output=True)
        pages = subprocess.run(["pdfinfo", str(packet)], capture_output=True,
                               text=True).stdout
        print(f"2011 packet: {packet.stat().st_size / 1024:.0f} KB, "
              + next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages")),
                     "?") + " pages")
        started = start_queue()
        try:
            cups, images = [], []
            for _ in range(args.runs):
                cups.append(child(VIA_CUPS, str(packet), QUEUE))
                images.append(child(AS_IMAGES, str(packet), str(Path(folder) / "img.pdf")))
        finally:
            stop_queue(started)
    for name, rows in (("(a) PDF to CUPS (cups-pdf)", cups),
                       ("(b) page images at 1200 dpi", images)):
        print(f"{name}: job {statistics.median(r['bytes'] for r in rows) / 1024:,.0f} KB, "
              f"median {statistics.median(r['seconds'] for r in rows):.2f} s, "
              f"peak {max(r['peak_mb'] for r in rows):.0f} MB")

    def ratio(key: str) -> float:
        return (statistics.median(r[key] for r in images)
                / max(statistics.median(r[key] for r in cups), 1e-9))

    print(f"images / CUPS: job size {ratio('bytes'):.0f}x, time {ratio('seconds'):.1f}x, "
          f"peak memory {ratio('peak_mb'):.1f}x")


if __name__ == "__main__":
    main()
