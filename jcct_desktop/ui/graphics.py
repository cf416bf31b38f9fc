"""Small shared drawing helpers: standing colours as QColor, standing markers, bundled icons.

Each standing has its own shape as well as its colour (``core.standing_words``), so a reader
who cannot tell the colours apart still can tell the markers apart.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from jcct_desktop.core import resources
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import AS_OF_COLOUR, LOOKS


def state_colour(state: Standing) -> QColor:
    return QColor(LOOKS[state].colour)


def as_of_colour() -> QColor:
    return QColor(AS_OF_COLOUR)


@cache
def state_icon(state: Standing, hollow: bool = False) -> QIcon:
    """The standing's marker, drawn at 1x and 2x so it stays crisp on high DPI.

    ``hollow``: an outline only (a sector holding such commitments, not one itself).
    """
    icon = QIcon()
    for scale in (1, 2):
        size = 16 * scale
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        draw_marker(painter, state, QPointF(8, 8), 5.0, hollow)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon


def draw_marker(p: QPainter, state: Standing, centre: QPointF, r: float,
                hollow: bool = False) -> None:
    """One marker of radius ``r``: ✓ met, ◐ partly met, ✗ not met, ⊘ superseded, ▲ overdue,
    ◆ due soon, ● open, ○ upcoming, · no deadline."""
    colour = state_colour(state)
    shape = LOOKS[state].shape
    p.save()
    p.setPen(QPen(colour.darker(115), 1.4))
    p.setBrush(Qt.BrushStyle.NoBrush if hollow or shape == "ring" else colour)
    x, y = centre.x(), centre.y()
    if shape == "triangle":
        p.drawPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y + r * 0.8),
                                 QPointF(x - r, y + r * 0.8)]))
    elif shape == "diamond":
        p.drawPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r),
                                 QPointF(x - r, y)]))
    elif shape == "small":
        p.drawEllipse(centre, r * 0.45, r * 0.45)
    elif shape == "half":
        p.setBrush(Qt.GlobalColor.white)
        p.drawEllipse(centre, r, r)
        p.setBrush(colour)
        p.drawPie(QRectF(x - r, y - r, 2 * r, 2 * r), 90 * 16, 180 * 16)
    elif shape in ("check", "cross", "slash") and not hollow:
        p.drawEllipse(centre, r, r)
        _glyph_lines(p, shape, x, y, r)
    else:  # dot, ring, and hollow forms
        p.drawEllipse(centre, r - 0.5, r - 0.5)
    p.restore()


def _glyph_lines(p: QPainter, shape: str, x: float, y: float, r: float) -> None:
    pen = QPen(Qt.GlobalColor.white, max(1.3, r * 0.32))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    k = r * 0.5
    if shape == "check":
        p.drawPolyline(QPolygonF([QPointF(x - k, y), QPointF(x - k * 0.2, y + k * 0.8),
                                  QPointF(x + k, y - k * 0.7)]))
    elif shape == "cross":
        p.drawLine(QPointF(x - k, y - k), QPointF(x + k, y + k))
        p.drawLine(QPointF(x + k, y - k), QPointF(x - k, y + k))
    else:  # slash: overtaken
        p.drawLine(QPointF(x - k, y + k), QPointF(x + k, y - k))


@cache
def bundled_icon(name: str) -> QIcon:
    """An SVG from resources/icons (empty icon if missing, so a lost file never crashes)."""
    try:
        path = resources.icon(name)
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()
