"""A computer clock set before the newest meeting in the data is said, not silently used: the
packet of the 2011 meeting "as of January 1, 1999" had nothing overdue and no word why (found
running the real program under faketime). The command line warns on stderr and still does what
was asked; the window's banner says it; a given --as-of, or a right clock, says nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.core import dates
from jcct_desktop.core.as_of import LATEST
from jcct_desktop.core.clock_check import clock_doubt
from tests.ui_support import OFFSCREEN_NOISE, build_window

WRONG = datetime(1999, 1, 1, 10, 0)


def test_the_doubt_quotes_both_dates(catalog):
    doubt = clock_doubt(date(1999, 1, 1), catalog.meetings)
    assert doubt is not None
    assert "January 1, 1999" in doubt and "22nd JCCT (2011)" in doubt
    assert "November 21, 2011" in doubt
    assert clock_doubt(date(2011, 11, 21), catalog.meetings) is None  # the meeting's last day
    assert clock_doubt(date(2026, 12, 6), catalog.meetings) is None
    assert clock_doubt(date(1999, 1, 1), []) is None  # no data: nothing proves it
    past = clock_doubt(date(LATEST.year + 1, 1, 1), catalog.meetings)
    assert past is not None and "past the last date" in past


@pytest.mark.parametrize("argv", [["export", "pdf", "-o", "{out}/p.pdf"],
                                  ["export", "json", "-o", "{out}/p.json"],
                                  ["export", "ics", "-o", "{out}/p.ics"]])
def test_the_command_line_warns_and_still_exports(data_dir, tmp_path, capsys, argv):
    argv = [a.format(out=tmp_path) for a in argv]
    capsys.readouterr()
    with dates.using_clock(dates.FixedClock(WRONG)):
        assert main(argv) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("jcct-desktop: warning: this computer's clock says January 1, 1999")
    assert "before the newest meeting" in err[0]
    assert sum("warning" in line for line in err) == 1, err  # once, then what was written
    assert (tmp_path / argv[-1].rsplit("/", 1)[-1]).stat().st_size > 0


def test_a_given_date_or_a_right_clock_says_nothing(data_dir, tmp_path, capsys):
    capsys.readouterr()
    with dates.using_clock(dates.FixedClock(WRONG)):
        assert main(["export", "pdf", "--as-of", "2012-06-01", "-o",
                     str(tmp_path / "a.pdf")]) == 0
    assert "warning" not in capsys.readouterr().err
    with dates.using_clock(dates.FixedClock(datetime(2026, 12, 6, 9, 0))):
        assert main(["export", "pdf", "-o", str(tmp_path / "b.pdf")]) == 0
    assert "warning" not in capsys.readouterr().err
    first = PdfReader(tmp_path / "b.pdf").pages[0].extract_text() or ""
    assert "As of December 6, 2026" in " ".join(first.split())


@OFFSCREEN_NOISE
def test_the_window_banner_says_it(qtbot, reference, tmp_path):
    with dates.using_clock(dates.FixedClock(WRONG)):
        window = build_window(qtbot, reference, tmp_path, as_of=None)
        assert window.as_of() == date(1999, 1, 1)
        assert window.banner.isVisible()
        text = window.banner.label.text()
        assert "clock says January 1, 1999" in text and "22nd JCCT (2011)" in text
        # already on today: nothing to go back to, no other date to keep
        assert window.banner.today_button.isHidden() and window.banner.pin.isHidden()
        window.set_as_of(date(2012, 1, 15))  # a chosen date: both lines
        assert "as of 15 Jan 2012" in window.banner.label.text()
        assert "clock says" in window.banner.label.text()
        assert window.banner.today_button.isVisible() and window.banner.pin.isVisible()


@OFFSCREEN_NOISE
def test_a_right_clock_shows_no_banner(qtbot, reference, tmp_path):
    with dates.using_clock(dates.FixedClock(datetime(2026, 12, 6, 9, 0))):
        window = build_window(qtbot, reference, tmp_path, as_of=None)
        assert window.banner.isHidden()
