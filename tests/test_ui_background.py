"""The one background helper: work runs on a worker, results and errors arrive on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from jcct_desktop.ui.background import Task, TaskSignals, run_in_background


def test_the_result_arrives_on_the_gui_thread_from_a_worker(qtbot) -> None:
    ran_on: list[int] = []
    got: list[tuple[object, bool]] = []

    def work() -> int:
        ran_on.append(threading.get_ident())
        return 42

    def done(value: object) -> None:
        got.append((value, QThread.currentThread() is QApplication.instance().thread()))

    task = run_in_background(work, done, lambda message: got.append((message, False)))
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(42, True)]
    assert ran_on and ran_on[0] != threading.get_ident()
    assert task.signals is not None  # kept until done: the caller owns the task


def test_a_failure_arrives_as_its_message_or_its_kind(qtbot) -> None:
    messages: list[str] = []

    def boom() -> None:
        raise OSError("disk full\n  while copying")

    def silent() -> None:
        raise KeyError

    tasks = [run_in_background(work, lambda _v: None, messages.append) for work in (boom, silent)]
    qtbot.waitUntil(lambda: len(messages) == 2)  # the tasks are kept until they are done
    assert len(tasks) == 2
    assert sorted(messages) == ["KeyError", "disk full\n  while copying"]


def test_a_task_can_say_its_failure_in_one_line(qtbot) -> None:
    signals = TaskSignals()
    messages: list[str] = []
    signals.failed.connect(messages.append)

    def boom() -> None:
        raise RuntimeError("server closed\n  the connection")

    task = Task(boom, signals, describe=lambda exc: " ".join(str(exc).split()))
    task.run()  # on this thread: the same code path, the signal delivered directly
    assert messages == ["server closed the connection"]
