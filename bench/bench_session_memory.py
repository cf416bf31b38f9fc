"""Does a long session grow memory through the collector's freezes? (issue 25, item 4)

The app freezes what lives long out of the cyclic collector's passes (``ui.app`` once the
window is built, ``ui.long_work``'s freezing pauses, ``pdf.render`` while a packet is laid
out): a frozen object is never cycle-collected, so cyclic garbage frozen by mistake stays.
This runs a session in the real window of a generated archive: keystrokes typed to the
search thread, packets exported through the real dialog, in rounds, and prints after each
round the process's resident memory, the frozen objects' count and, at the end, how many
frozen objects were garbage (``gc.unfreeze`` then ``gc.collect``: what the freezes kept).

    python bench/bench_session_memory.py [ARCHIVE] [--rounds 5] [--keys 100] [--packets 4]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path.cwd()  # the checkout measured: run from its root
sys.path.insert(0, str(REPO))
PACKET_SEARCH = "SFDA"
WORDS = ("software", "regulation", "smart grid", "SFDA", "energy", "market access")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("archive", nargs="?", default=str(REPO / "bench" / "archive-10k.sqlite"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keys", type=int, default=100)
    parser.add_argument("--packets", type=int, default=4)
    parser.add_argument("--dialogs", type=int, default=0,
                        help="dialogs opened and closed each round without a packet")
    parser.add_argument("--cancels", type=int, default=0,
                        help="packets of the whole archive cancelled each round once begun")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["JCCT_DATA_DIR"] = tempfile.mkdtemp(prefix="jcct-session-")
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.core.briefing import Scope
    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.briefing import BriefingDialog, export_packet
    from jcct_desktop.ui.main_window import MainWindow

    app = QApplication([])
    configure(app)  # type: ignore[arg-type]
    gc.disable()  # as the app starts (cli.main, ui.app.run_app)
    reference = open_reference(Path(args.archive))
    folder = Path(tempfile.mkdtemp(prefix="jcct-session-"))
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    notes = AnnotationService.open(folder / "notes")
    window = MainWindow(reference.catalog, reference.search, annotations=notes,
                        settings=settings)
    window.resize(1400, 880)
    window.show()
    app.processEvents()
    gc.freeze()
    gc.enable()
    target = folder / "packet.pdf"
    BriefingDialog.ask_save_path = classmethod(  # type: ignore[method-assign,assignment]
        lambda cls, parent, suggested: str(target))

    def events() -> None:
        """What the window's event loop does between events, deletions asked for included
        (``processEvents`` alone leaves those to a running loop)."""
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def settle(until) -> None:  # type: ignore[no-untyped-def]
        while not until():
            events()
            time.sleep(0.001)

    settle(lambda: window._prepared is not None and not window.searcher.busy())
    typed = 0
    print(f"start: rss {rss_mb():.0f} MB, frozen {gc.get_freeze_count()}, window's children "
          f"{len(window.findChildren(QObject))}", flush=True)
    for n in range(args.rounds):
        start = time.perf_counter()
        for _key in range(args.keys):
            word = WORDS[(typed // 12) % len(WORDS)]
            text = word[:1 + typed % min(12, len(word))]
            window.filters.search.blockSignals(True)
            window.filters.search.setText(text)
            window.filters.search.blockSignals(False)
            window.refilter_in_background()
            settle(lambda: not window.filter_pending())
            app.processEvents()
            typed += 1
        window.set_search_text(PACKET_SEARCH)  # a packet of its few matches
        for _ in range(args.packets):
            dialog = export_packet(window, settings)
            dialog.scope_buttons[Scope.FILTER].setChecked(True)
            saved: list[bool] = []
            dialog.saved.connect(lambda *_a, into=saved: into.append(True))
            dialog.save_button.click()
            settle(lambda into=saved: bool(into))
            dialog.reject()  # Close
            del dialog
            events()
        for _ in range(args.dialogs):
            dialog = export_packet(window, settings)
            events()
            dialog.reject()
            del dialog
            events()
        for _ in range(args.cancels):
            dialog = export_packet(window, settings)
            dialog.scope_buttons[Scope.MEETING].setChecked(True)
            begun: list[bool] = []
            dialog.progressed.connect(lambda *_a, into=begun: into.append(True))
            dialog.preview_button.click()
            settle(lambda into=begun: bool(into))
            dialog.reject()  # Close while it builds: cancelled
            del dialog
            events()
        settle(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
        print(f"round {n + 1}: {typed} keys, {(n + 1) * args.packets} packets: rss "
              f"{rss_mb():.0f} MB, frozen {gc.get_freeze_count()}, window's children "
              f"{len(window.findChildren(QObject))}, dialogs alive "
              f"{len(window.findChildren(BriefingDialog))} "
              f"({time.perf_counter() - start:.1f} s)", flush=True)
    gc.collect()
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    gc.set_debug(gc.DEBUG_SAVEALL)
    kept = gc.collect()
    kinds = Counter(type(o).__module__ + "." + type(o).__qualname__ for o in gc.garbage)
    print("kept, by type:", kinds.most_common(12), flush=True)
    gc.set_debug(0)
    gc.garbage.clear()
    print(f"end: frozen {frozen}, of them garbage kept by the freezes {kept}; rss after "
          f"collecting {rss_mb():.0f} MB", flush=True)
    window.close()


if __name__ == "__main__":
    main()
