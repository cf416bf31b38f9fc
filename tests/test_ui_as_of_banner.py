"""A historical As of date never persists silently: start on today unless pinned; a banner
says so whenever the date is not today, with one click back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from jcct_desktop.ui.as_of_banner import banner_text
from tests.ui_support import OFFSCREEN_NOISE, build_window, temp_settings

pytestmark = OFFSCREEN_NOISE
OLD = date(2012, 1, 15)


def test_a_date_left_by_an_older_version_does_not_come_back(qtbot, reference,
                                                            tmp_path: Path) -> None:
    settings = temp_settings(tmp_path)
    settings.setValue("asOf/date", OLD.isoformat())  # what the app used to remember always
    settings.sync()
    window = build_window(qtbot, reference, tmp_path, as_of=None)
    assert window.as_of() == date.today() and window.banner.isHidden()


def test_banner_shows_whenever_not_today_and_one_click_goes_back(qtbot, reference,
                                                                 tmp_path: Path) -> None:
    window = build_window(qtbot, reference, tmp_path, as_of=None)
    window.set_as_of(OLD)
    assert window.banner.isVisible()
    assert window.banner.label.text() == "Showing the state as of 15 Jan 2012 — not today."
    banner_bottom = window.banner.mapTo(window, QPoint(0, window.banner.height())).y()
    assert banner_bottom <= window.tree.mapTo(window, QPoint(0, 0)).y()  # above the panes
    qtbot.mouseClick(window.banner.today_button, Qt.MouseButton.LeftButton)
    assert window.as_of() == date.today() and window.banner.isHidden()
    assert banner_text(date(2100, 5, 1), date.today()).endswith("— in the future.")


def test_only_a_pinned_date_survives_a_restart(qtbot, reference, tmp_path: Path) -> None:
    first = build_window(qtbot, reference, tmp_path, as_of=None)
    first.set_as_of(OLD)
    first.close()
    second = build_window(qtbot, reference, tmp_path, as_of=None)
    assert second.as_of() == date.today()  # not pinned: today
    second.set_as_of(OLD)
    qtbot.mouseClick(second.banner.pin, Qt.MouseButton.LeftButton)  # keep this date
    assert second.actions_by_name["pin_as_of"].isChecked()
    second.set_as_of(date(2012, 3, 1))  # a pinned date follows the officer's changes
    second.close()
    third = build_window(qtbot, reference, tmp_path, as_of=None)
    assert third.as_of() == date(2012, 3, 1) and third.banner.isVisible()
    assert third.banner.pin.isChecked()
    third.actions_by_name["today"].trigger()  # Ctrl+T: back to today, and the pin goes
    assert not third.as_of_pinned() and third.banner.isHidden()
    third.close()
    fourth = build_window(qtbot, reference, tmp_path, as_of=None)
    assert fourth.as_of() == date.today()
