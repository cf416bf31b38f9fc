"""Ctrl+C while reportlab reads a font: held for the few milliseconds the font takes, then
raised. Unheld, reportlab's bare ``except:`` swallowed it (decoding a font's name table, the
interrupt came in while Python imported the codec) and ``export pdf`` wrote the whole packet
and exited 0 (1 run in 10 to 30 of tests/test_packet_cancel.py's Ctrl+C test)."""

from __future__ import annotations

import signal
import threading

import pytest

from jcct_desktop.pdf.held_interrupts import interrupts_held


def test_an_interrupt_inside_is_raised_once_the_block_ends():
    reached_end_of_block = False
    with pytest.raises(KeyboardInterrupt), interrupts_held():
        signal.raise_signal(signal.SIGINT)
        try:  # noqa: SIM105 - the very pattern reportlab uses
            int("x")  # a swallowing ``except:`` would have caught the interrupt here
        except:  # noqa: E722
            pass
        reached_end_of_block = True
    assert reached_end_of_block
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_no_interrupt_no_exception_and_the_handler_put_back():
    with interrupts_held():
        pass
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_error_inside_still_puts_the_handler_back():
    with pytest.raises(ValueError), interrupts_held():
        raise ValueError("a corrupt font")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_off_the_main_thread_nothing_changes():
    seen: list[object] = []

    def work() -> None:
        with interrupts_held():
            seen.append(signal.getsignal(signal.SIGINT))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [signal.default_int_handler]


def test_a_handler_of_someone_elses_is_left_alone():
    mine: list[int] = []
    before = signal.signal(signal.SIGINT, lambda signum, frame: mine.append(signum))
    try:
        with interrupts_held():
            signal.raise_signal(signal.SIGINT)
        assert mine == [signal.SIGINT]  # theirs ran, at once
    finally:
        signal.signal(signal.SIGINT, before)


def test_fonts_load_under_it(catalog, tmp_path):
    """The real font registration still works (run after the unit tests in a process where
    fonts may not be registered yet)."""
    from jcct_desktop.pdf.fonts import register

    fonts = register()
    assert fonts.serif and fonts.sans
