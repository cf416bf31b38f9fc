"""A jurisdictional milestone's provinces as a PNG for the Word memo (issue 26): the packet's
tile-grid map, drawn with Pillow (ReportLab's bitmap renderer needs a backend we do not ship),
each tile filled in its standing colour AND marked with its glyph; its alternative text says
in words what the map shows."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from jcct_desktop.core import resources
from jcct_desktop.core.jurisdictions import Tile
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import LOOKS

CELL = 64  # pixels per tile, gap included (printed at about 1.5 cm)
GAP = 6


def province_png(tiles: Sequence[Tile]) -> bytes:
    rows = 1 + max((t.place.row for t in tiles), default=0)
    cols = 1 + max((t.place.col for t in tiles), default=0)
    image = Image.new("RGB", (cols * CELL, rows * CELL), "white")
    draw = ImageDraw.Draw(image)
    small, big = _font(15), _font(24)
    side = CELL - GAP
    for t in tiles:
        x, y = t.place.col * CELL, t.place.row * CELL
        assessed = t.place.counted and t.standing != Standing.NO_DEADLINE.value
        look = LOOKS[Standing(t.standing)]
        fill = look.colour if assessed else "#ffffff"
        outline = "#333333" if t.place.counted else "#999999"
        draw.rectangle((x, y, x + side, y + side), fill=fill, outline=outline, width=2)
        ink = "#ffffff" if assessed else "#333333"
        draw.text((x + side / 2, y + 14), t.place.code[3:], fill=ink, font=small, anchor="mm")
        if assessed:
            draw.text((x + side / 2, y + side - 18), look.glyph, fill=ink, font=big,
                      anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def alt_text(label: str, tiles: Sequence[Tile]) -> str:
    """"Map of China's provinces for <milestone>: met: …; not met: …; not assessed: …"."""
    groups: dict[str, list[str]] = {}
    for t in tiles:
        if t.place.counted:
            groups.setdefault(t.word.lower(), []).append(t.place.name)
    said = "; ".join(f"{word} ({len(names)}): {', '.join(names)}"
                     for word, names in groups.items())
    return f"Map of China's provinces for {label}. {said}."


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = resources.font("DejaVuSans.ttf")
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)
