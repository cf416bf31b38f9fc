"""Printing sends the packet's own PDF to a real CUPS queue (cups-pdf), not page pictures.

The fixture starts the CUPS scheduler if it is not running and adds a cups-pdf queue; the
printed file is read back with pypdf. ``scripts/test_services.sh`` (run by ``./run tests``)
installs CUPS; a missing CUPS fails here rather than skipping.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from jcct_desktop.cups import CupsJob, PrintError, submit
from jcct_desktop.ui.briefing.printing import SIDES, Printing, cups_job, print_pdf, send

QUEUE = "jcct-test"


def _scheduler_running() -> bool:
    return subprocess.run(["lpstat", "-r"], capture_output=True, text=True).stdout.startswith(
        "scheduler is running"
    )


@pytest.fixture(scope="module")
def cups_queue():
    for tool in ("cupsd", "lpadmin", "lp", "lpstat"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: ./run tests installs CUPS (scripts/test_services.sh)")
    started = None
    if not _scheduler_running():
        started = subprocess.Popen(["cupsd", "-f"])
        deadline = time.monotonic() + 20
        while not _scheduler_running():
            assert time.monotonic() < deadline, "cupsd did not start"
            time.sleep(0.2)
    ppd = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
    subprocess.run(["lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", ppd],
                   check=True, capture_output=True)
    yield QUEUE
    subprocess.run(["lpadmin", "-x", QUEUE], capture_output=True)
    if started is not None:
        started.terminate()
        started.wait(10)


def _printed(job_id: str, timeout: float = 60) -> Path:
    number = job_id.rsplit("-", 1)[-1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted((Path.home() / "PDF").glob(f"*job_{number}.pdf"))
        if found and found[0].stat().st_size > 0:
            time.sleep(0.3)  # let cups-pdf finish writing
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"CUPS did not print job {job_id} within {timeout} s")


@pytest.fixture(scope="module")
def packet(tmp_path_factory) -> bytes:
    from jcct_desktop.cli import main

    out = tmp_path_factory.mktemp("packet") / "packet.pdf"
    assert main(["export", "pdf", "-o", str(out), "--deterministic"]) == 0
    return out.read_bytes()


def test_lp_arguments_carry_the_dialog_choices() -> None:
    job = CupsJob("office", title="Brief", copies=2, first_page=3, last_page=5,
                  sides="two-sided-long-edge", media="A4", monochrome=True)
    assert job.lp_args() == [
        "lp", "-d", "office", "-t", "Brief", "-n", "2", "-P", "3-5",
        "-o", "sides=two-sided-long-edge", "-o", "media=A4",
        "-o", "print-color-mode=monochrome", "-o", "collate=true",
    ]


def test_dialog_choices_become_a_cups_job(qapp) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(QUEUE)
    printer.setCopyCount(3)
    printer.setFromTo(2, 4)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    job = cups_job(printer, pages=20, title="t")
    assert (job.copies, job.first_page, job.last_page) == (3, 2, 4)
    assert (job.media, job.monochrome) == ("A4", True)
    # Qt keeps a duplex choice only for printers that offer it: the mapping, directly
    assert SIDES[QPrinter.DuplexMode.DuplexShortSide] == "two-sided-short-edge"
    assert SIDES[QPrinter.DuplexMode.DuplexLongSide] == "two-sided-long-edge"


def test_packet_goes_to_cups_as_its_own_pdf(cups_queue, packet) -> None:
    job_id = submit(packet, CupsJob(cups_queue, title="whole packet"))
    printed = _printed(job_id)
    reader = PdfReader(printed)
    assert len(reader.pages) == len(PdfReader(io.BytesIO(packet)).pages)
    assert "Joint Commission on Commerce and Trade" in reader.pages[0].extract_text()
    assert printed.stat().st_size < 3 * len(packet)  # vector, not pictures of pages


def test_print_dialog_path_sends_the_chosen_pages(cups_queue, packet, qtbot, monkeypatch) -> None:
    before = set((Path.home() / "PDF").glob("*.pdf")) if (Path.home() / "PDF").exists() else set()

    def choose(cls, parent, printer, pages):
        printer.setPrinterName(cups_queue)
        printer.setFromTo(2, 3)
        return True

    monkeypatch.setattr(Printing, "printers_available", classmethod(lambda cls: True))
    monkeypatch.setattr(Printing, "ask_printer", classmethod(choose))
    assert print_pdf(None, packet, title="two pages") == 2
    deadline = time.monotonic() + 60
    while True:
        new = set((Path.home() / "PDF").glob("*.pdf")) - before
        if new:
            break
        assert time.monotonic() < deadline, "nothing printed"
        time.sleep(0.2)
    time.sleep(0.5)
    (printed,) = new
    assert len(PdfReader(printed).pages) == 2


def test_print_to_a_pdf_file_writes_the_packet_itself(packet, qapp, tmp_path) -> None:
    from jcct_desktop.ui.briefing.printing import load_pdf

    out = tmp_path / "to-file.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    doc, _buffer = load_pdf(packet)  # the buffer must outlive the document
    try:
        assert send(printer, doc, packet, "t") == doc.pageCount()
    finally:
        doc.close()
    assert out.read_bytes() == packet


def test_an_unknown_queue_is_a_clear_error(cups_queue, packet) -> None:
    with pytest.raises(PrintError, match="refused"):
        submit(packet, CupsJob("no-such-queue"))
