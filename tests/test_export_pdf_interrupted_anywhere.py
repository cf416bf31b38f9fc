"""Ctrl+C anywhere in ``export pdf``'s layout stops it: exit 130, one line, the output as it
was, no temporary file; or, sent once the packet was whole, the packet written and said so
(exit 0, or Python's own exit by the signal once the command is done). Never the packet
written when the interrupt landed mid-layout.

reportlab runs bare ``except:`` clauses on the layout's path (a colour's or a paragraph's
fallback, ``tables.py``'s ``pass``, escapes and references that turn anything into a
``ValueError`` or ``KeyError``); a KeyboardInterrupt raised inside one was swallowed (the
packet finished, exit 0) or came out as another error (a traceback, exit 1). Ctrl+C is now
held through the layout and raised at the next step (``pdf.held_interrupts``). Here real
``export pdf`` processes are interrupted at points spread over the whole layout and
write-out; a run that exits 0 must have written its last byte before the signal was sent.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
OLD = b"%PDF-1.4 the packet saved last week\n"
RUNS = 10  # signals spread over the layout and write-out (and the process's exit after)
# Ctrl+C as a terminal delivers it: a process started by a shell without job control
# inherits SIGINT ignored, so the default is put back first (as tests/test_packet_cancel.py)
START = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
         " sys.argv[0] = 'jcct-desktop'; runpy.run_module('jcct_desktop', run_name='__main__')")
# the kernel's file times are coarse (a clock tick): a last write this close after the
# signal is not a layout that went on after it
TIME_SLACK_S = 0.02


def _command(tmp_path: Path, target: Path) -> list[str]:
    return [sys.executable, "-c", START, "--data-dir", str(tmp_path / "data"), "export", "pdf",
            "-o", str(target), "--history", "--deterministic"]


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _run(tmp_path: Path, folder: Path, after_s: float | None
         ) -> tuple[int, str, float | None, float]:
    """One export into ``folder``; SIGINT ``after_s`` after its layout began (its temporary
    file appeared), or none. Returns the exit code, stderr, when the signal was sent and how
    long the process ran after its layout began."""
    target = folder / "packet.pdf"
    target.write_bytes(OLD)
    process = subprocess.Popen(_command(tmp_path, target), cwd=REPO, env=_env(),
                               stderr=subprocess.PIPE, text=True)
    sent: float | None = None
    try:
        deadline = time.monotonic() + 120
        while len(_left(folder)) < 2 and process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.002)
        began = time.monotonic()
        if after_s is not None:
            time.sleep(after_s)
            if process.poll() is None:
                sent = time.time()
                process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, err, sent, time.monotonic() - began


def test_ctrl_c_at_any_point_of_the_layout_stops_it_or_came_after_it(tmp_path):
    # how long the layout and write-out take here, now (the machine may be loaded)
    whole = tmp_path / "whole"
    whole.mkdir()
    code, err, _, took = _run(tmp_path, whole, None)
    assert code == 0, err
    pages = len(PdfReader(whole / "packet.pdf").pages)
    assert pages > 8

    outcomes: list[str] = []
    for n in range(RUNS):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        target = folder / "packet.pdf"
        code, err, sent, _ = _run(tmp_path, folder, took * n / (RUNS - 1))
        lines = err.strip().splitlines()
        if code == 130:
            assert lines == ["jcct-desktop: interrupted; nothing was written"], err
            assert target.read_bytes() == OLD
            assert _left(folder) == ["packet.pdf"]  # no temporary file left
            outcomes.append("stopped")
        else:
            # 0; or, the signal come once the command had said so, Python's own exit by it
            assert code in (0, -signal.SIGINT), f"run {n}: exit {code}\n{err}"
            assert any(line.startswith("wrote ") for line in lines), err
            assert len(PdfReader(target).pages) == pages
            assert _left(folder) == ["packet.pdf"]
            if sent is not None:  # the packet was whole, its last byte written, before it
                written = target.stat().st_mtime
                assert written <= sent + TIME_SLACK_S, (
                    f"run {n}: exit 0, yet the packet was written {written - sent:.3f} s "
                    "after Ctrl+C")
            outcomes.append("finished")
    # some land within the layout whatever the load (the time measured includes the exit)
    assert outcomes.count("stopped") >= RUNS // 4, outcomes


def test_the_layout_holds_no_interrupt_back_on_a_worker(tmp_path):
    """Off the main thread (the window's packets) nothing is held: ``check`` never raises
    and the process's SIGINT handler is left alone."""
    import threading

    from jcct_desktop.pdf.held_interrupts import interrupts_at_checks

    seen: list[object] = []

    def work() -> None:
        with interrupts_at_checks() as interrupts:
            seen.append(signal.getsignal(signal.SIGINT))
            interrupts.check()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [signal.default_int_handler]


def test_an_interrupt_is_raised_at_the_next_check_only():
    from jcct_desktop.pdf.held_interrupts import interrupts_at_checks

    steps: list[int] = []
    with pytest.raises(KeyboardInterrupt), interrupts_at_checks() as interrupts:
        step = interrupts.checked(lambda placed, total: steps.append(placed))
        step(1, 3)
        signal.raise_signal(signal.SIGINT)
        try:  # noqa: SIM105 - the very pattern reportlab uses
            int("x")
        except:  # noqa: E722 - would have swallowed it
            pass
        steps.append(-1)  # the work goes on to its next step
        step(2, 3)
    assert steps == [1, -1]  # the step that found it did not run
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_one_left_unchecked_at_the_end_is_dropped():
    """The work it would have stopped is done (``render_packet``: the file committed)."""
    from jcct_desktop.pdf.held_interrupts import interrupts_at_checks

    with interrupts_at_checks():
        signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
