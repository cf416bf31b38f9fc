"""Print the packet's own PDF pages, rendered at the printer's resolution."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

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
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()  # else it stays alive (hidden) as long as its parent


def load_pdf(data: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``data``; keep the buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(parent)
    doc.load(buffer)
    return doc, buffer


def print_pdf(parent: QWidget | None, data: bytes) -> int:
    """Print through QPrintDialog; returns the number of pages sent (0 if none)."""
    if not Printing.printers_available():
        Printing.tell(parent, NO_PRINTER)
        return 0
    doc, buffer = load_pdf(data, parent)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not Printing.ask_printer(parent, printer, doc.pageCount()):
            return 0
        return render_to(printer, doc)
    finally:
        doc.close()  # parented to the dialog: without this, each print keeps a copy alive
        doc.deleteLater()
        buffer.deleteLater()


def render_to(printer: QPrinter, doc: QPdfDocument) -> int:
    first, last = printer.fromPage() or 1, printer.toPage() or doc.pageCount()
    dpi = printer.resolution()
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
            target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            scale = min(target.width() / size.width(), target.height() / size.height())
            painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
            sent += 1
    finally:
        painter.end()
    return sent
