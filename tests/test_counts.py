"""Counts in words."""

from __future__ import annotations


def test_team_sync_counts_read_as_english() -> None:
    from jcct_desktop.core.counts import kinds_line

    assert kinds_line({"note": 2, "history": 1, "follow_up": 1, "tag": 1}) == (
        "1 follow-up, 1 history entry, 2 notes, 1 tag")
    assert kinds_line({"history": 3}) == "3 history entries"
