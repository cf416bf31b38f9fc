"""A tile-grid map of China's provinces (issue 26): one square per provincial-level division,
coloured AND marked by status (the standing palette and glyphs, legible in grey print).

Keyboard: Tab reaches the map, the arrow keys move between neighbouring tiles, Space (or a
click) picks a tile or puts it back; each tile has an accessible name ("Guangdong: met") and a
tooltip with the Chinese name, the code and the evidence in force.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QToolButton, QWidget

from jcct_desktop.core.jurisdictions import Tile
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import LOOKS

TILE = 34  # pixels: two letters and a glyph, large enough to click
STEPS = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0),
         Qt.Key.Key_Down: (1, 0)}


class _TileButton(QToolButton):
    def __init__(self, tile: Tile, owner: ProvinceMap) -> None:
        super().__init__(owner)
        self.tile, self._owner = tile, owner
        self.setCheckable(True)
        self.setFixedSize(QSize(TILE, TILE))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.show_tile(tile)

    def show_tile(self, tile: Tile) -> None:
        self.tile = tile
        look = LOOKS[Standing(tile.standing)]
        assessed = tile.standing != Standing.NO_DEADLINE.value
        glyph = look.glyph if assessed else "·"
        self.setText(f"{tile.place.code[3:]}\n{glyph}")
        self.setAccessibleName(tile.accessible_name)
        self.setToolTip(tile.tooltip)
        # filled in the status colour when assessed, outlined when not: the glyph says it too
        fill, ink = (look.colour, "#ffffff") if assessed else ("#ffffff", "#333333")
        self.setStyleSheet(
            f"QToolButton {{ background: {fill}; color: {ink}; border: 1px solid #333333;"
            " font-size: 9px; }"
            " QToolButton:checked { border: 3px solid #000000; }"
            " QToolButton:focus { outline: 2px dashed #000000; border: 3px dashed #000000; }"
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = STEPS.get(Qt.Key(event.key()))
        if step is not None and self._owner.move_focus(self, step):
            return
        super().keyPressEvent(event)


class ProvinceMap(QWidget):
    picked_changed = Signal(list)  # the ISO codes picked, in map order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Province map")
        self._grid = QGridLayout(self)
        self._grid.setSpacing(2)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, _TileButton] = {}

    def show_tiles(self, tiles: Sequence[Tile]) -> None:
        """Draw (or redraw) the map; what is picked stays picked."""
        picked = set(self.picked())
        if set(self.buttons) != {t.place.code for t in tiles}:
            for button in self.buttons.values():
                self._grid.removeWidget(button)
                button.deleteLater()
            self.buttons = {}
            for t in tiles:
                button = _TileButton(t, self)
                button.setChecked(t.place.code in picked)
                button.toggled.connect(lambda _on: self.picked_changed.emit(self.picked()))
                button.setEnabled(t.place.counted)  # outside the count: shown, never picked
                self._grid.addWidget(button, t.place.row, t.place.col)
                button.show()  # at once: the layout would only show it on the next event loop
                self.buttons[t.place.code] = button
        else:
            for t in tiles:
                self.buttons[t.place.code].show_tile(t)

    def picked(self) -> list[str]:
        return [code for code, b in self.buttons.items() if b.isChecked()]

    def set_picked(self, codes: Sequence[str]) -> None:
        wanted = set(codes)
        for code, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(code in wanted)
            button.blockSignals(False)
        self.picked_changed.emit(self.picked())

    def move_focus(self, origin: _TileButton, step: tuple[int, int]) -> bool:
        """Focus the nearest enabled tile in the arrow's direction; False when there is none."""
        row, col = origin.tile.place.row, origin.tile.place.col
        dr, dc = step
        best: tuple[int, _TileButton] | None = None
        for b in self.buttons.values():
            if not b.isEnabled() or b is origin:
                continue
            r, c = b.tile.place.row - row, b.tile.place.col - col
            ahead = r * dr + c * dc  # distance along the arrow
            if ahead <= 0:
                continue
            aside = abs(r * dc) + abs(c * dr)  # distance across it
            score = ahead + 2 * aside
            if best is None or score < best[0]:
                best = (score, b)
        if best is None:
            return False
        best[1].setFocus(Qt.FocusReason.TabFocusReason)
        return True
