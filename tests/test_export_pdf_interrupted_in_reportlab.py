"""Ctrl+C inside each of reportlab's catch-all ``try`` blocks that ``export pdf`` runs stops
the command: exit 130, the output as it was, no temporary file.

The blocks are found, not listed: a packet is laid out under a line tracer, and every
``try`` of reportlab whose body ran and one of whose handlers catches KeyboardInterrupt (a
bare ``except:``, ``except BaseException``) is a place where a Ctrl+C could land. Then, for
each, the packet is exported again and SIGINT raised (as a terminal would deliver it) the
first time that body runs. Unheld, some swallowed it (``tables.py``'s ``except: pass``, a
colour's ``return False``: the packet finished, exit 0) or turned it into another error
(``pdfdoc.py``'s ``ValueError``/``KeyError``: a traceback, exit 1).
"""

from __future__ import annotations

import ast
import os
import signal
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import reportlab

from jcct_desktop.cli.entry import main

RL = os.path.dirname(reportlab.__file__) + os.sep
OLD = b"%PDF-1.4 the packet saved last week\n"
Tracer = Any  # sys.settrace's callable


def _argv(data: Path, target: Path) -> list[str]:
    return ["--data-dir", str(data), "export", "pdf", "-o", str(target), "--history",
            "--deterministic"]


def _catches_interrupt(handler: ast.ExceptHandler) -> bool:
    kinds = handler.type
    if kinds is None:
        return True
    names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
    return any(isinstance(n, ast.Name | ast.Attribute)
               and (n.id if isinstance(n, ast.Name) else n.attr)
               in ("BaseException", "KeyboardInterrupt") for n in names)


def _catch_all_bodies(path: str) -> Iterator[tuple[int, set[int]]]:
    """(the try's line, its body's lines) for each try of ``path`` that catches Ctrl+C."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches_interrupt(h) for h in node.handlers):
            lines: set[int] = set()
            for statement in node.body:
                lines.update(range(statement.lineno, (statement.end_lineno or 0) + 1))
            yield node.lineno, lines


@pytest.fixture(scope="module")
def landing_places(tmp_path_factory) -> list[tuple[str, int, int]]:
    """(file, try's line, the first line of its body that ran) for each catch-all try of
    reportlab the export runs, found by laying the packet out under a line tracer."""
    ran: dict[str, list[int]] = defaultdict(list)

    def lines(frame: FrameType, event: str, _arg: object) -> Tracer:
        if event == "line":
            ran[frame.f_code.co_filename].append(frame.f_lineno)
        return lines

    def calls(frame: FrameType, _event: str, _arg: object) -> Tracer:
        return lines if frame.f_code.co_filename.startswith(RL) else None

    folder = tmp_path_factory.mktemp("traced")
    sys.settrace(calls)
    try:
        assert main(_argv(folder / "data", folder / "packet.pdf")) == 0
    finally:
        sys.settrace(None)
    places = []
    for path, order in sorted(ran.items()):
        seen = set(order)
        for start, body in _catch_all_bodies(path):
            if body & seen:
                first = next(line for line in order if line in body)
                places.append((path, start, first))
    return places


def _interrupt_at(path: str, line: int) -> list[bool]:
    """Trace until ``path``:``line`` first runs, then raise SIGINT there (once)."""
    fired: list[bool] = []

    def lines(frame: FrameType, event: str, _arg: object) -> Tracer:
        if not fired and event == "line" and frame.f_lineno == line:
            fired.append(True)
            sys.settrace(None)
            signal.raise_signal(signal.SIGINT)  # Python's handler runs at the next bytecode
            return None
        return lines if not fired else None

    def calls(frame: FrameType, _event: str, _arg: object) -> Tracer:
        if fired:
            return None
        return lines if frame.f_code.co_filename == path else None

    sys.settrace(calls)
    return fired


def test_ctrl_c_in_any_catch_all_of_reportlab_stops_the_export(landing_places, tmp_path,
                                                               capsys):
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    # the layout's own: paragraphs, tables, colours, the document written out
    assert len({p for p, _, _ in landing_places}) >= 4, landing_places
    wrong: list[str] = []
    tried = 0
    for n, (path, start, line) in enumerate(landing_places):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        target = folder / "packet.pdf"
        target.write_bytes(OLD)
        fired = _interrupt_at(path, line)
        try:
            code: int | str = main(_argv(tmp_path / "data", target))
        except BaseException as exc:  # what escaped is the finding
            code = f"{type(exc).__name__}: {str(exc)[:80]!r}"
        finally:
            sys.settrace(None)
        err = capsys.readouterr().err
        where = f"{path[len(RL):]}:{start} (at line {line})"
        if not fired:  # run once a process: at import (before the layout), or reading a
            continue  # font (held: pdf.fonts); the traced export above was the first
        tried += 1
        if code != 130 or target.read_bytes() != OLD or len(list(folder.iterdir())) != 1:
            wrong.append(f"{where}: exit {code}, output "
                         f"{'as it was' if target.read_bytes() == OLD else 'replaced'}, "
                         f"{sorted(p.name for p in folder.iterdir())}")
        else:
            assert err.strip().splitlines()[-1] == \
                "jcct-desktop: interrupted; nothing was written"
    assert wrong == [], "\n".join(wrong)
    assert tried >= 8, landing_places  # the layout's own, each tried
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
