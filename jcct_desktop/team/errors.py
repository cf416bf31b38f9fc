"""The one exception of team sync (light: the window's start-up imports it without the
PostgreSQL driver)."""

from __future__ import annotations


class TeamError(Exception):
    """The team database cannot be used right now; the message is meant for the officer."""
