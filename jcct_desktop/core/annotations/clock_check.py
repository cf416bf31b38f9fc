"""A clock set back is said out loud before anything is recorded (issue 19, probe 8).

Every edit is stamped with this computer's clock. Set back, a new assessment is dated — and
its default effective day falls — before what is already there, so it is saved but not in
force, and nothing said so. Now the window and the writing commands compare the clock with
the newest time recorded in the notes first, and the window says when a new assessment does
not stand.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from jcct_desktop.core.annotations.assessments import latest
from jcct_desktop.core.annotations.model import AssessmentRecord
from jcct_desktop.core.annotations.rules import stream

SLACK = timedelta(minutes=5)  # clocks drift a little; this is no cause for a warning


def _utc_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def clock_behind(newest: datetime | None, now: datetime) -> str | None:
    """A warning when ``now`` is behind ``newest`` (the newest time recorded), else None."""
    if newest is None or now >= newest - SLACK:
        return None
    return (f"this computer's clock ({_utc_text(now)}) is behind the newest time recorded in "
            f"your notes ({_utc_text(newest)}): what you record now is dated earlier, and a "
            "new assessment may not be in force; check the date and time")


def not_in_force(new: AssessmentRecord, records: Iterable[AssessmentRecord]) -> str | None:
    """Why ``new`` (just saved) does not stand in its stream, or None when it does."""
    standing = latest(r for r in records if stream(r) == stream(new))
    if standing is None or standing == new:
        return None
    when = _utc_text(standing.recorded) if standing.recorded else "earlier"
    set_back = bool(standing.recorded and new.recorded and standing.recorded > new.recorded)
    return (f"Saved, but not in force: the assessment effective "
            f"{standing.effective.isoformat()} (recorded {when}) still stands"
            + (", recorded later than this one: is the clock set back?" if set_back else "."))
