"""Small shared drawing helpers: state colours as QColor, state dots, bundled SVG icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from jcct_desktop import resources
from jcct_desktop.core.status import AS_OF_COLOUR, DeadlineState


def state_colour(state: DeadlineState) -> QColor:
    return QColor(state.colour)


def as_of_colour() -> QColor:
    return QColor(AS_OF_COLOUR)


@cache
def state_icon(state: DeadlineState, hollow: bool = False) -> QIcon:
    """A round dot in the state's colour, drawn at 1x and 2x so it stays crisp on high DPI."""
    icon = QIcon()
    for scale in (1, 2):
        size = 16 * scale
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = state_colour(state)
        radius = 4.5 * scale
        centre = QPointF(size / 2, size / 2)
        if hollow:
            pen = painter.pen()
            pen.setColor(colour)
            pen.setWidthF(1.6 * scale)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, radius - scale, radius - scale)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QRectF(centre.x() - radius, centre.y() - radius,
                                       2 * radius, 2 * radius))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon


@cache
def bundled_icon(name: str) -> QIcon:
    """An SVG from resources/icons (empty icon if missing, so a lost file never crashes)."""
    try:
        path = resources.icon(name)
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()
