"""The window takes the interpreter lock back from a worker every 0.2 ms
(``ui/interpreter_turns.py``): with Python's default 5 ms turns, each of the many calls Qt
makes into the window's Python during a paint waited up to 5 ms while a search ran, and
typing on the 100,000 archive stalled the window 40-95 ms (the stall itself is measured by
``tests/test_archive_scale_typing.py``; the ratio by ``bench/bench_interpreter_turns.py``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jcct_desktop.ui.interpreter_turns import WINDOW_TURN_S, give_window_its_turns
from tests.ui_support import build_window


@pytest.fixture
def default_turns() -> Iterator[None]:
    """Python's own 5 ms for the test; whatever was set before, back after it."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield
    sys.setswitchinterval(before)


def test_the_window_shortens_the_turns_before_its_worker_starts(qtbot, reference,
                                                                tmp_path: Path,
                                                                default_turns) -> None:
    assert sys.getswitchinterval() == pytest.approx(0.005)
    window = build_window(qtbot, reference, tmp_path, show=False)
    assert sys.getswitchinterval() == pytest.approx(WINDOW_TURN_S)
    assert WINDOW_TURN_S <= 0.0005
    window.close()


def test_turns_set_shorter_elsewhere_are_kept(default_turns) -> None:
    sys.setswitchinterval(WINDOW_TURN_S / 10)  # a test, or an embedding program's choice
    give_window_its_turns()
    assert sys.getswitchinterval() == pytest.approx(WINDOW_TURN_S / 10)
