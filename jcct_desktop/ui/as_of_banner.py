"""The banner over the panes whenever the As of date is not today.

A historical briefing date changes every state, count and marker in the window; the officer
must never mistake it for today's picture. One click (or Ctrl+T) goes back to today; "Keep
this date next time" pins it, the only way a date other than today survives a restart.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from jcct_desktop.core.dates import short_day

STYLE = ("QFrame#asOfBanner { background: #fff4d6; border: none; "
         "border-bottom: 1px solid #e0c36a; }"
         "QFrame#asOfBanner QLabel { color: #5a4300; }")


def day_text(day: date) -> str:
    """15 Jan 2012: unambiguous in every locale (1/2/2012 is not)."""
    return short_day(day)


def banner_text(as_of: date, today: date) -> str:
    when = "in the future" if as_of > today else "not today"
    return f"Showing the state as of {day_text(as_of)} — {when}."


class AsOfBanner(QFrame):
    backToToday = Signal()

    def __init__(self, pin_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("asOfBanner")
        self.setStyleSheet(STYLE)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setObjectName("asOfBannerText")
        self.label.setWordWrap(True)  # a clock doubt is a sentence or two
        self._doubt: str | None = None
        self.today_button = QPushButton("Back to today", self)
        self.today_button.setObjectName("backToToday")
        self.today_button.setToolTip("Judge every deadline as of today (Ctrl+T)")
        self.today_button.clicked.connect(self.backToToday)
        self.pin = QCheckBox("Keep this date next time", self)
        self.pin.setToolTip("Open on this date after a restart instead of today")
        self.pin.setChecked(pin_action.isChecked())
        self.pin.toggled.connect(pin_action.setChecked)  # one source of truth: the action
        pin_action.toggled.connect(self.pin.setChecked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.pin)
        layout.addWidget(self.today_button)
        self.hide()

    def show_for(self, as_of: date, today: date) -> None:
        """Visible, with the date spelled out, whenever as_of is not today; and whenever the
        clock itself cannot be right (``set_clock_doubt``), saying why."""
        lines = [banner_text(as_of, today)] if as_of != today else []
        if self._doubt:
            lines.append(self._doubt)
        self.label.setText("\n".join(lines))
        self.setAccessibleDescription(self.label.text())
        # on today (only the clock doubted) there is no other date to keep or leave
        self.pin.setVisible(as_of != today)
        self.today_button.setVisible(as_of != today)
        self.setVisible(bool(lines))

    def set_clock_doubt(self, doubt: str | None) -> None:
        """Why the computer's clock cannot be right (``core.clock_check``), or None."""
        self._doubt = doubt
