"""Whether the computer's clock can be right, judged from the data itself.

Every standing defaults to "as of today", and today is the clock's. A laptop whose clock was
reset (a flat battery: 1 January 1970, or a BIOS default year) would judge every deadline as of
that day without a word: a 2011 packet "as of January 1, 1999" with nothing overdue. The one
thing the data proves is that today cannot fall before the newest meeting it holds. That is
said, quoting both dates, and the officer decides (an imported meeting typed with a wrong year
trips it too, which is why the words name that meeting).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jcct_desktop.core.as_of import LATEST
from jcct_desktop.core.dates import long_date
from jcct_desktop.core.model import Meeting


def clock_doubt(today: date, meetings: Iterable[Meeting]) -> str | None:
    """One sentence saying why ``today`` cannot be right, or None when nothing says so."""
    if today > LATEST:
        return (f"This computer's clock says {long_date(today)}, past the last date the app "
                f"judges ({long_date(LATEST)}): check the clock, or choose the date to judge "
                "as of.")
    newest = max(meetings, key=lambda m: m.end, default=None)
    if newest is None or today >= newest.end:
        return None
    return (f"This computer's clock says {long_date(today)}, before the newest meeting in the "
            f"data ({newest.label}, {long_date(newest.end)}): either the clock or that "
            "meeting's date is wrong, and every standing is judged as of the clock's date. "
            "Check the clock, or choose the date to judge as of.")
