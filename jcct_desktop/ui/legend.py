"""View → Standing legend: each standing's marker, name and meaning, as every pane draws it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from jcct_desktop.core.standing_words import LOOKS, ORDER
from jcct_desktop.ui.graphics import state_icon

INTRO = ("Each commitment and milestone has one standing as of the date at the top left: "
         "from our assessment in force on that date, else from its deadline window. "
         "A commitment is overdue if any milestone is, and met only when all are met.")


class LegendDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legendDialog")
        self.setWindowTitle("Standing legend")
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(2, 1)  # markers and names stay narrow; meanings take the rest
        for row, value in enumerate(ORDER):
            look = LOOKS[value]
            marker = QLabel(self)
            marker.setPixmap(state_icon(value).pixmap(16, 16))
            marker.setAccessibleName(look.name)
            grid.addWidget(marker, row, 0)
            grid.addWidget(QLabel(f"<b>{look.name}</b>", self), row, 1)
            grid.addWidget(QLabel(look.meaning, self), row, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons, alignment=Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(420)

    def text(self) -> str:
        """What the dialog says, for tests and screen readers."""
        return "\n".join(label.text() for label in self.findChildren(QLabel) if label.text())
