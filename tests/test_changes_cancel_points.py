"""``changes_between`` tells its progress every STEP_EVERY commitments and stops there when
the officer cancels (``progress.Cancelled`` from the step) or the work is superseded
(``core.cancel``): at 100,000 commitments "Changes since…" is a second or two of work, and
its Cancel used to wait for all of it. With or without a step, the report is the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from jcct_desktop.core import cancel
from jcct_desktop.core.changes import STEP_EVERY, changes_between
from jcct_desktop.core.progress import Cancelled

SINCE, UNTIL = date(2011, 11, 1), date(2012, 7, 15)


@pytest.fixture(scope="module")
def many(catalog):
    """The 2011 commitments again and again under new ids: a few thousand, in order."""
    copies = -(-3 * STEP_EVERY // len(catalog.commitments)) + 1
    return [replace(c, id=f"{c.id}-copy{n}") for n in range(copies)
            for c in catalog.commitments]


def test_steps_every_so_many_commitments_and_at_the_end(many):
    steps: list[tuple[int, int]] = []
    stepped = changes_between(many, [], SINCE, UNTIL, step=lambda d, t: steps.append((d, t)))
    total = len(many)
    assert steps == [(d, total) for d in range(0, total, STEP_EVERY)] + [(total, total)]
    assert stepped == changes_between(many, [], SINCE, UNTIL)
    assert stepped.commitments  # the copies carry the 2011 deadlines' moves: something to report


def test_cancel_from_the_step_stops_at_the_next_step(many):
    seen: list[int] = []

    def step(done: int, _total: int) -> None:
        seen.append(done)
        if done >= STEP_EVERY:
            raise Cancelled

    with pytest.raises(Cancelled):
        changes_between(many, [], SINCE, UNTIL, step=step)
    assert seen == [0, STEP_EVERY]


def test_superseded_work_stops_at_the_next_step(many):
    token = cancel.CancelToken()
    seen: list[int] = []

    def step(done: int, _total: int) -> None:
        seen.append(done)
        if done >= STEP_EVERY:
            token.cancel()  # as the window does from its thread

    with cancel.scope(token), pytest.raises(cancel.Cancelled):
        changes_between(many, [], SINCE, UNTIL, step=step)
    assert seen == [0, STEP_EVERY]  # checked before the step after it


def test_outside_any_scope_nothing_is_cancelled(catalog):
    report = changes_between(catalog.commitments, [], SINCE, UNTIL)
    assert report.commitments
