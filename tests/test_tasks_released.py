"""A task that has run is released once its worker is long out of it: a pool's start()
kept a reference for C++ that a task it must not delete never gave back, so every task (a
typed key's, a packet's), with its work and all the work held, lived as long as the app."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from jcct_desktop.ui import background
from jcct_desktop.ui.background import Task, run_in_background


class Held:
    """What a work function holds (a key's filter, a packet's briefing)."""


def test_tasks_that_ran_are_freed_with_what_their_work_held(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(background, "GRACE_S", 0.05)
    held: list[weakref.ref[Held]] = []
    results: list[int] = []
    for n in range(5):
        thing = Held()
        held.append(weakref.ref(thing))
        run_in_background(lambda thing=thing, n=n: n, results.append,
                          lambda message: pytest.fail(message))
        del thing
    qtbot.waitUntil(lambda: len(results) == 5, timeout=5000)
    assert sorted(results) == [0, 1, 2, 3, 4]
    time.sleep(0.1)  # the grace after the workers left run()
    Task(lambda: None)  # a new task forgets those past their grace
    gc.collect()
    assert [ref() for ref in held] == [None] * 5
    assert not background._RAN


def test_a_task_within_its_grace_is_kept_and_still_usable(qtbot) -> None:
    got: list[str] = []
    task = run_in_background(lambda: "done", got.append, lambda message: pytest.fail(message))
    qtbot.waitUntil(lambda: got == ["done"], timeout=5000)
    Task(lambda: None)  # within GRACE_S: nothing released
    assert task in background._RAN
    assert task.wait(1.0) and task.began
