"""A whole working session with the network made impossible; prints a JSON report.

Run by tests/test_offline.py in a fresh interpreter so that sys.modules and the process's
sockets say only what this session did. Every way Python opens a socket or resolves a name is
replaced by a function that records the attempt and raises.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import date
from pathlib import Path

ATTEMPTS: list[str] = []


def _refuse(name: str):  # -> a stand-in for any socket function
    def refuse(*args: object, **kwargs: object) -> None:
        ATTEMPTS.append(f"{name}{args[:2]!r}")
        raise OSError(f"offline test: {name} was called")

    return refuse


class _NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        ATTEMPTS.append(f"socket{args[:2]!r}")
        raise OSError("offline test: socket() was called")


def block_network() -> None:
    socket.socket = _NoSocket  # type: ignore[misc]
    for name in (
        "create_connection",
        "getaddrinfo",
        "gethostbyname",
        "gethostbyname_ex",
        "gethostbyaddr",
        "getnameinfo",
        "getfqdn",
        "socketpair",
        "fromfd",
    ):
        setattr(socket, name, _refuse(name))


def inet_sockets() -> list[str]:
    """Internet sockets this process holds open now (Qt's C++ code included)."""
    inodes = set()
    for proto in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        with open(f"/proc/net/{proto}") as fh:
            inodes |= {line.split()[9] for line in list(fh)[1:]}
    mine = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            mine.append(target)
    return mine


def main(workdir: Path) -> dict[str, object]:
    block_network()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["JCCT_DATA_DIR"] = str(workdir / "data")
    seen_sockets: list[str] = []
    steps: list[str] = []

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
    from jcct_desktop.core.briefing.from_annotations import snapshot
    from jcct_desktop.core.paths import resolve_data_dir
    from jcct_desktop.pdf import render_packet
    from jcct_desktop.store.notes.backups import backup_now
    from jcct_desktop.store.notes.operations import open_deferring_backup
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow

    def step(name: str) -> None:
        app.processEvents()
        steps.append(name)
        seen_sockets.extend(inet_sockets())

    app = QApplication([sys.argv[0]])
    configure(app)
    reference = open_reference()
    # the folder as the entry point decides it (JCCT_DATA_DIR, set by the test), opened as
    # the window opens it
    service, _report, _owed = open_deferring_backup(resolve_data_dir(None, os.environ).path)
    settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        reference.catalog,
        reference.search,
        annotations=service,
        settings=settings,
        as_of=date(2012, 1, 15),
    )
    window.show()
    step("start")
    window.set_search_text("software")
    step("search")
    window.select_commitment("2011-SOFT-2")
    step("select")
    panel = window.detail.annotation_panel
    panel.star.setChecked(True)  # through the real widget, its undo command and the service
    service.add_note(commitment_id="2011-SOFT-2", text="王岐山: audits due mid-2012")
    step("annotate")
    options = BriefingOptions(scope=Scope.STARRED, as_of=window.as_of(), deterministic=True)
    briefing = build_briefing(reference.catalog, options, snapshot(service))
    pages = render_packet(briefing, workdir / "packet.pdf", own_files=window.own_files)
    step("export pdf")
    backup = backup_now(service.data_dir)
    step("back up")
    window.close()
    service.close()
    step("quit")
    return {
        "steps": steps,
        "attempts": ATTEMPTS,
        "inet_sockets": seen_sockets,
        "qt_network_loaded": "PySide6.QtNetwork" in sys.modules,
        # stdlib http/ssl are imported (unused) by reportlab's URL support; third-party HTTP
        # clients would mean someone meant to use the network.
        "network_modules": sorted(
            m for m in sys.modules if m.split(".")[0] in ("urllib3", "requests", "httpx")
        ),
        "pages": pages,
        "starred": sorted(service_ids(workdir)),
        "backup": str(backup),
    }


def service_ids(workdir: Path) -> set[str]:
    from jcct_desktop.store.annotations import AnnotationService

    svc = AnnotationService.open(workdir / "data")
    try:
        return svc.starred_ids()
    finally:
        svc.close()


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
