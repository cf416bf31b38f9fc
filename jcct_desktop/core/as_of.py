"""The one parser for an "as of" date typed on the command line or read from settings."""

from __future__ import annotations

from datetime import date

# Deadlines and ages are computed by adding days and months: keep far from date's limits.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


class AsOfError(ValueError):
    """The text is not a usable as-of date; the message is fit to show a user."""


def parse_as_of(text: str) -> date:
    try:
        value = date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise AsOfError(f"{text!r} is not a date like 2012-01-15") from None
    if not EARLIEST <= value <= LATEST:
        raise AsOfError(
            f"{text!r} is out of range: as-of dates run from {EARLIEST} to {LATEST}"
        )
    return value
