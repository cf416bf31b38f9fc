"""WCAG 2.1 contrast: relative luminance and the ratio between two sRGB colours.

Text needs 4.5:1 against its background (1.4.3), markers, borders and focus indicators 3:1
(1.4.11). :mod:`core.palette` lists every pair the app draws; a test measures them all.
"""

from __future__ import annotations

TEXT = 4.5  # normal text (WCAG 1.4.3, level AA)
NON_TEXT = 3.0  # graphical objects and user interface components (WCAG 1.4.11)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """Relative luminance of "#rrggbb", 0 (black) to 1 (white)."""
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"not a #rrggbb colour: {hex_colour!r}")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(first: str, second: str) -> float:
    """The contrast ratio, 1 to 21, whichever colour is lighter."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
