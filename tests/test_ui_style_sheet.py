"""What the app's style sheet draws: one arrow on "Any state", scroll bar thumbs that stand
out from their groove."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMenu, QToolButton

from jcct_desktop.core import resources

QSS = resources.style("app.qss").read_text(encoding="utf-8")
INDICATOR_RULE = re.compile(r"QToolButton#stateFilter::menu-indicator\s*\{[^}]*\}")


def _dark_pixels(image: QImage) -> int:
    return sum(QColor(image.pixel(x, y)).lightness() < 110
               for x in range(image.width()) for y in range(image.height()))


def _state_button(qtbot, style: str) -> QImage:
    button = QToolButton()
    qtbot.addWidget(button)
    button.setObjectName("stateFilter")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(QMenu(button))
    button.setText("Any state  ▾")
    button.setStyleSheet(style)
    button.resize(button.sizeHint())
    return button.grab().toImage()


def test_any_state_shows_one_arrow_not_two(qtbot):
    assert INDICATOR_RULE.search(QSS)
    ours = _state_button(qtbot, QSS)
    with_style_arrow = _state_button(qtbot, INDICATOR_RULE.sub("", QSS))
    # the style's own indicator adds ink (and width) that our rule takes away
    assert _dark_pixels(ours) < _dark_pixels(with_style_arrow)


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    colour = QColor(hex_colour)
    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def test_scroll_bar_thumbs_stand_out_from_their_groove():
    groove = re.search(r"QScrollBar:vertical\s*\{[^}]*background:\s*(#[0-9a-fA-F]{6})", QSS)
    thumb = re.search(r"QScrollBar::handle\s*\{[^}]*background:\s*(#[0-9a-fA-F]{6})", QSS)
    assert groove and thumb
    light, dark = sorted((_luminance(groove.group(1)), _luminance(thumb.group(1))), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 3.0  # WCAG 2.1 non-text contrast
