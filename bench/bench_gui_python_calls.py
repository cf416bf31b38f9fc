"""The Python calls Qt makes on the window's thread per typed key (issue 25), counted, not
timed: each takes the interpreter lock, and while a search runs on the worker each waits for
the worker's turn (``ui/interpreter_turns.py``), so a call made then costs the key more than
its own time.

    python bench/bench_gui_python_calls.py ARCHIVE.sqlite [--against DIR] [--top N]

Types the prefixes ``bench_table.py`` types, as it types them (the search to the worker
without the typing delay, the event loop run until it is shown, then one more pass for the
paint), and counts per key each Python function entered from Qt's C++ (a model's method, a
paint, an event filter, a slot), by phase: ``pending`` (while the worker searches: what the
window paints or handles meanwhile, of this key or the key before), ``apply`` (the swap,
``MainWindow._apply_refilter`` and what Qt calls back inside it) and ``after`` (the rest of
that pass and the paint pass). The benchmark's own polling (``filter_pending``) is left out.
``--against DIR`` runs another checkout the same way in a child process and prints both.
Counts do not depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WORDS = ("software", "regulation", "smart grid", "SFDA")  # bench_table.WORDS
POLLING = {"MainWindow.filter_pending"}  # the benchmark's loop, not the window's


def measure(archive: Path, code: Path) -> dict[str, dict[str, int]]:
    """In this process, over the checkout ``code``: calls per phase and function, summed
    over every key; and ``keys``: how many keys were typed."""
    sys.path.insert(0, str(code))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtGui, QtWidgets
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from shiboken6 import Shiboken

    import jcct_desktop
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow

    if Path(jcct_desktop.__file__).resolve().parent.parent != code:
        raise SystemExit(f"jcct_desktop came from {jcct_desktop.__file__}, not {code}")
    phase = ["pending"]
    apply = MainWindow._apply_refilter

    def marked_apply(self: Any, *args: Any, **kwargs: Any) -> Any:
        phase[0] = "apply"
        try:
            return apply(self, *args, **kwargs)
        finally:
            phase[0] = "after"

    MainWindow._apply_refilter = marked_apply  # type: ignore[method-assign]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    # per Python frame calling a C function now: whether that function is Qt's (a Python
    # function whose caller's frame is inside a call into Qt was called by Qt)
    in_qt: dict[int, bool] = {}
    qt_classes = {name for module in (QtCore, QtGui, QtWidgets) for name in dir(module)
                  if name.startswith("Q")}

    def seen(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            owner = getattr(arg, "__self__", None)
            in_qt[id(frame)] = (
                isinstance(owner, Shiboken.Object)  # a Qt object's method (ours too)
                # a static method (processEvents): no owner, its class in its name
                or getattr(arg, "__qualname__", "").split(".")[0] in qt_classes)
        elif event in ("c_return", "c_exception"):
            in_qt.pop(id(frame), None)
        elif event == "call" and frame.f_back is not None and in_qt.get(id(frame.f_back)):
            name = frame.f_code.co_qualname
            if name not in POLLING and not name.endswith("marked_apply"):
                counts[phase[0]][name] += 1

    app = QApplication.instance() or QApplication([])
    configure(app)  # type: ignore[arg-type]
    reference = open_reference(archive)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(reference.catalog, reference.search, settings=settings)
    warmed: list[bool] = []
    window.searcher.warmed.connect(lambda: warmed.append(True))
    window.resize(1400, 880)
    window.show()
    while not warmed:
        app.processEvents()
        time.sleep(0.001)

    def type_key(text: str) -> None:
        window.filters.search.blockSignals(True)
        window.filters.search.setText(text)
        window.filters.search.blockSignals(False)
        phase[0] = "pending"
        window.refilter_in_background()
        while window.filter_pending():
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()  # the result's paint

    keys = 0
    for word in WORDS:
        for i in range(1, len(word) + 1):
            sys.setprofile(seen)
            try:
                type_key(word[:i])
            finally:
                sys.setprofile(None)
                in_qt.clear()
            keys += 1
        window.set_search_text("")
        app.processEvents()
    window.close()
    return {"keys": {"keys": keys}, **{p: dict(c) for p, c in counts.items()}}


def _report(name: str, result: dict[str, dict[str, int]], top: int) -> None:
    keys = result["keys"]["keys"]
    print(f"{name}: Python calls from Qt on the window's thread, per key ({keys} keys)")
    for phase in ("pending", "apply", "after"):
        calls = result.get(phase, {})
        print(f"  {phase:<8}{sum(calls.values()) / keys:9.1f}")
        for function, n in sorted(calls.items(), key=lambda item: -item[1])[:top]:
            print(f"          {n / keys:9.1f}  {function}")
    whole = sum(sum(result.get(p, {}).values()) for p in ("pending", "apply", "after"))
    print(f"  all     {whole / keys:9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--against", type=Path, help="another checkout, counted the same way")
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--code", type=Path, default=REPO, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the child
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.archive.resolve(), args.code.resolve())))
        return
    runs = [("this", REPO)] + ([("against", args.against.resolve())] if args.against else [])
    for name, code in runs:
        child = subprocess.run(
            [sys.executable, __file__, str(args.archive.resolve()), "--code", str(code),
             "--json"], capture_output=True, text=True, check=True)
        _report(f"{name} ({code})", json.loads(child.stdout.splitlines()[-1]), args.top)


if __name__ == "__main__":
    main()
