"""Print the packet: its own PDF wherever possible, pictures of pages only as a last resort.

- A CUPS printer (Linux, macOS): the PDF itself goes to ``lp`` with the dialog's choices
  (copies, page range, duplex, paper, colour) — a vector job the size of the document.
- "Print to file" as PDF: the packet's PDF is written there as it is.
- Anything else (Windows): one page at a time is rendered at no more than 300 dpi (grayscale
  for a monochrome printer), so a job never grows into hundreds of megabytes.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from jcct_desktop.core.files import atomic_write
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.ui.briefing.cups import CupsJob, PrintError, cups_available, submit

NO_PRINTER = ("No printer is installed on this computer. Save the briefing packet as a PDF "
              "and print it from another machine, or install a printer and try again.")


class Printing:
    """Dialogs behind classmethods so tests can replace them."""

    @classmethod
    def printers_available(cls) -> bool:
        return bool(QPrinterInfo.availablePrinters())

    @classmethod
    def tell(cls, parent: QWidget | None, text: str) -> None:
        QMessageBox.information(parent, "Print briefing packet", text)

    @classmethod
    def ask_printer(cls, parent: QWidget | None, printer: QPrinter, pages: int) -> bool:
        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, pages)
        # what will print, in the title: "Print JCCT briefing packet — the whole meeting,
        # 23 pages, as of July 15, 2012"
        dialog.setWindowTitle(f"Print {printer.docName()}")
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()  # else it stays alive (hidden) as long as its parent


def load_pdf(data: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``data``; keep the buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(parent)  # type: ignore[arg-type]  # the stub forgets a parent may be None
    doc.load(buffer)
    return doc, buffer


MAX_RASTER_DPI = 300


PAPER_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}


def packet_printer(paper: str | None, title: str) -> QPrinter:
    """A printer set up for the packet before the dialog opens: the packet's own paper
    (never the printer's default: A4 for a Letter packet shrinks it ~97%), the whole sheet
    (the packet has its own margins), so a page prints at 100%."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = PAPER_SIZES.get(paper or "")
    if size is not None:
        printer.setPageSize(QPageSize(size))
    printer.setFullPage(True)
    printer.setDocName(title)
    return printer


def print_pdf(parent: QWidget | None, data: bytes, title: str = "JCCT briefing packet",
              paper: str | None = None, *, own_files: OwnFiles) -> int:
    """Print through QPrintDialog; returns the number of pages sent (0 if none). ``title``
    names what will print; ``paper`` ("letter" | "a4") is the packet's, which the dialog
    starts on; ``own_files``: what printing to a file must never replace."""
    if not Printing.printers_available():
        Printing.tell(parent, NO_PRINTER)
        return 0
    doc, buffer = load_pdf(data, parent)
    try:
        printer = packet_printer(paper, title)
        if not Printing.ask_printer(parent, printer, doc.pageCount()):
            return 0
        try:
            return send(printer, doc, data, title, own_files)
        except (PrintError, OSError) as exc:
            Printing.tell(parent, f"Nothing was printed. {exc}")
            return 0
    finally:
        doc.close()  # parented to the dialog: without this, each print keeps a copy alive
        doc.deleteLater()
        buffer.deleteLater()


def page_span(printer: QPrinter, pages: int) -> tuple[int, int]:
    first = printer.fromPage() or 1
    last = min(printer.toPage() or pages, pages)
    return first, last


def send(printer: QPrinter, doc: QPdfDocument, data: bytes, title: str,
         own_files: OwnFiles) -> int:
    """The chosen printer gets the PDF itself where it can; returns pages sent."""
    first, last = page_span(printer, doc.pageCount())
    whole = (first, last) == (1, doc.pageCount())
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        if whole:
            atomic_write(printer.outputFileName(), lambda fh: fh.write(data),
                         own_files=own_files)
            return last - first + 1
        return render_to(printer, doc)
    if cups_available() and printer.printerName():
        submit(data, cups_job(printer, doc.pageCount(), title))
        return (last - first + 1) * max(1, printer.copyCount())
    return render_to(printer, doc)


SIDES = {
    QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
    QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
    QPrinter.DuplexMode.DuplexAuto: "two-sided-long-edge",
}


def cups_job(printer: QPrinter, pages: int, title: str) -> CupsJob:
    """The dialog's choices, in CUPS's words."""
    first, last = page_span(printer, pages)
    whole = (first, last) == (1, pages)
    sides = SIDES.get(printer.duplex(), "one-sided")
    size = printer.pageLayout().pageSize().id()
    media = {QPageSize.PageSizeId.Letter: "Letter", QPageSize.PageSizeId.A4: "A4"}.get(size)
    return CupsJob(
        printer=printer.printerName(),
        title=title,
        copies=max(1, printer.copyCount()),
        first_page=None if whole else first,
        last_page=None if whole else last,
        sides=sides,
        media=media,
        monochrome=printer.colorMode() == QPrinter.ColorMode.GrayScale,
        collate=printer.collateCopies(),
        scale_to_fit=False,  # 100%: the packet is laid out for its paper
    )


def render_to(printer: QPrinter, doc: QPdfDocument) -> int:
    """The last resort: one page image at a time, at most 300 dpi."""
    if printer.resolution() > MAX_RASTER_DPI:
        printer.setResolution(MAX_RASTER_DPI)
    first, last = page_span(printer, doc.pageCount())
    dpi = printer.resolution()
    gray = printer.colorMode() == QPrinter.ColorMode.GrayScale
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    sent = 0
    try:
        for index in range(first - 1, min(last, doc.pageCount())):
            if sent:
                printer.newPage()
            points = doc.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = doc.render(index, size)
            if gray:
                image = image.convertToFormat(QImage.Format.Format_Grayscale8)
            target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            # 100% on the packet's paper; shrunk only to fit a smaller sheet chosen instead
            scale = min(1.0, target.width() / size.width(), target.height() / size.height())
            painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
            sent += 1
    finally:
        painter.end()
    return sent
