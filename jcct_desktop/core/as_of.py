"""The one parser for an "as of" date typed on the command line or read from settings."""

from __future__ import annotations

import calendar
import re
from datetime import date

from jcct_desktop.core.dates import month_name

# Deadlines and ages are computed by adding days and months: keep far from date's limits.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)

_ISO_LIKE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class AsOfError(ValueError):
    """The text is not a usable as-of date; the message is fit to show a user."""


def parse_as_of(text: str) -> date:
    try:
        value = date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise AsOfError(_why_not(text)) from None
    if not EARLIEST <= value <= LATEST:
        raise AsOfError(
            f"{text!r} is out of range: as-of dates run from {EARLIEST} to {LATEST}"
        )
    return value


def _why_not(text: object) -> str:
    """Why ``text`` is not a date, as the window's date field says it: a date shaped right
    but not in the calendar (2012-02-30) gets the month's length."""
    shaped = _ISO_LIKE.match(text) if isinstance(text, str) else None
    if shaped is None or int(shaped.group(1)) < 1:  # year 0000: not in the calendar at all
        return f"{text!r} is not a date like 2012-01-15"
    year, month, day = (int(part) for part in shaped.groups())
    if not 1 <= month <= 12:
        return f"{text!r} is not a date: there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{text!r} is not a date: {month_name(month)} {year} has {last} days"
    return f"{text!r} is not a date like 2012-01-15"
