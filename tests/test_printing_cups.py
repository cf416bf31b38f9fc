"""Printing sends the packet's own PDF to a real CUPS queue, not page pictures.

The queue lives on a private CUPS scheduler started as the current user in a temporary folder
(tests/cups_server.py): the system's print service, its queues and the real home are never
touched. The printed file is read back with pypdf. A CUPS that cannot start fails here with
the reason; ``./run tests --no-services`` leaves these tests out.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.ui.briefing.cups import CupsJob, PrintError, submit
from jcct_desktop.ui.briefing.printing import SIDES, Printing, cups_job, print_pdf, send
from tests.cups_server import CupsServer

QUEUE = "jcct-test"


@dataclass
class Queue:
    name: str
    printed: Path  # every job on the queue is written here
    server: CupsServer


@pytest.fixture(scope="module")
def cups_queue(cups: CupsServer) -> Queue:
    return Queue(QUEUE, cups.add_queue(QUEUE), cups)


def _printed(queue: Queue, job_id: str) -> Path:
    queue.server.wait_for(job_id)
    assert queue.printed.stat().st_size > 0
    return queue.printed


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
    job_id = submit(packet, CupsJob(cups_queue.name, title="whole packet"))
    printed = _printed(cups_queue, job_id)
    reader = PdfReader(printed)
    assert len(reader.pages) == len(PdfReader(io.BytesIO(packet)).pages)
    assert "Joint Commission on Commerce and Trade" in reader.pages[0].extract_text()
    assert printed.stat().st_size < 3 * len(packet)  # vector, not pictures of pages


def test_print_dialog_path_sends_the_chosen_pages(cups_queue, packet, qtbot, monkeypatch) -> None:
    def choose(cls, parent, printer, pages):
        printer.setPrinterName(cups_queue.name)
        printer.setFromTo(2, 3)
        return True

    monkeypatch.setattr(Printing, "printers_available", classmethod(lambda cls: True))
    monkeypatch.setattr(Printing, "ask_printer", classmethod(choose))
    jobs_before = _completed(cups_queue)
    assert print_pdf(None, packet, title="two pages", own_files=OwnFiles(None)) == 2
    (job_id,) = _new_job(cups_queue, jobs_before)
    assert len(PdfReader(_printed(cups_queue, job_id)).pages) == 2


def _completed(queue: Queue) -> set[str]:
    return set(queue.server.run("lpstat", "-W", "all", "-o", queue.name).stdout.split())


def _new_job(queue: Queue, before: set[str]) -> list[str]:
    return [w for w in _completed(queue) - before if w.startswith(f"{queue.name}-")]


def test_nothing_is_printed_into_the_real_home(cups_queue) -> None:
    """The printed files stay in the scheduler's temporary folder."""
    assert cups_queue.printed.is_relative_to(cups_queue.server.root)
    assert not cups_queue.server.root.is_relative_to(Path.home())
    assert os.environ["CUPS_SERVER"] == cups_queue.server.socket


def test_print_to_a_pdf_file_writes_the_packet_itself(packet, qapp, tmp_path) -> None:
    from jcct_desktop.ui.briefing.printing import load_pdf

    out = tmp_path / "to-file.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    doc, _buffer = load_pdf(packet)  # the buffer must outlive the document
    try:
        assert send(printer, doc, packet, "t", OwnFiles(None)) == doc.pageCount()
    finally:
        doc.close()
    assert out.read_bytes() == packet


def test_an_unknown_queue_is_a_clear_error(cups_queue, packet) -> None:
    with pytest.raises(PrintError, match="refused"):
        submit(packet, CupsJob("no-such-queue"))
