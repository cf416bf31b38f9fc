"""File → Sync with team database, the optional sync on start and every N minutes, and the
status bar's "last sync" note.

The sync runs on a worker thread (``ui.background``, with its own connection to the notes
file), so an unreachable server never blocks the window or local edits. What comes in is
merged by a service over that connection sharing the window's notifier: the store tells the
views after its commit (they hop to the GUI thread by signal); the result comes back by
signal for the status bar.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QMessageBox,
    QStatusBar,
    QWidget,
)

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.model import from_iso
from jcct_desktop.core.counts import kinds_line
from jcct_desktop.core.dates import day_month_time
from jcct_desktop.team.errors import TeamError
from jcct_desktop.team.settings import load_settings, resolve_address, save_address
from jcct_desktop.ui.background import Task, TaskSignals

if TYPE_CHECKING:
    from jcct_desktop.core.annotations.notifier import Notifier
    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.team.sync import SyncResult


class TeamSyncHost(Protocol):
    """What team sync asks of the window: its menus and actions, its status bar, a parent."""

    @property
    def actions_by_name(self) -> dict[str, QAction]: ...
    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...
    def window(self) -> QWidget: ...


def sync_task(data_dir: Path, address: str, signals: TaskSignals,
              notifier: Notifier | None = None) -> Task:
    """One sync on a worker: database work only, never a widget. ``done`` carries the
    ``team.sync.SyncResult``; a failure is one line (server messages span several).
    ``notifier``: the window's service's, told of the merge by the store after its commit."""

    def work() -> object:
        from jcct_desktop.store.annotations import AnnotationService
        from jcct_desktop.store.notes.database import open_user_db
        from jcct_desktop.team.sync import run_sync

        service = AnnotationService(open_user_db(data_dir), notifier=notifier)
        try:
            return run_sync(service, address)
        finally:
            service.close()

    return Task(work, signals, describe=_one_line)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class TeamSync(QObject):
    finished = Signal(str)  # the line shown after a sync, success or failure (tests wait)

    def __init__(self, window: TeamSyncHost, service: AnnotationService,
                 given: str | None = None) -> None:
        super().__init__(window.window())
        self.host, self.service, self.given = window, service, given
        self.refused = False  # the address found holds a password (refused, not replaced)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = TaskSignals(self)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._task: Task | None = None
        self.action = QAction("Sync with &team database", window.window())
        self.action.setObjectName("teamSyncAction")
        self.action.setStatusTip("Send your notes to the team database and bring in "
                                 "everyone else's")
        self.action.triggered.connect(lambda: self.sync_now(ask=True))
        _add_to_file_menu(window, self.action)
        self.label = QLabel(window.window())
        self.label.setObjectName("teamSyncLabel")
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync_now(ask=False))
        self.show_last()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def address(self) -> str | None:
        """The team address, or None (no team, or one holding a password: said once in the
        status bar, never used)."""
        self.refused = False
        try:
            return resolve_address(self.given, self.service.data_dir)
        except TeamError as exc:
            self.refused = True  # not a reason to ask for another address: say why, stop
            self.host.statusBar().showMessage(f"Team sync: {exc}")
            return None

    def start_schedule(self) -> None:
        """The optional sync on start and every N minutes (``team.json``), when a team is set."""
        settings = load_settings(self.service.data_dir)
        if self.address() is None:
            return
        if settings.every_minutes:
            self.timer.start(settings.every_minutes * 60_000)
        if settings.sync_on_start:
            QTimer.singleShot(0, lambda: self.sync_now(ask=False))

    def sync_now(self, ask: bool = False) -> bool:
        """Start a sync on the worker; False when none was started (busy, or no team)."""
        if self.busy:
            return False
        address = self.address()
        if address is None and ask and not self.refused:
            address = self.choose_address()
        if address is None:
            return False
        self.action.setEnabled(False)
        self.host.statusBar().showMessage("Syncing with the team database…")
        self._task = sync_task(self.service.data_dir, address, self._signals,
                               self.service.notifier)
        self.pool.start(self._task)
        return True

    def choose_address(self) -> str | None:
        """Ask once for the address and remember it (never with a password)."""
        text = self.ask(self.host.window())
        if not text:
            return None
        try:
            save_address(self.service.data_dir, text)
        except Exception as exc:  # TeamError, or a folder that cannot be written
            QMessageBox.warning(self.host.window(), "Team database", str(exc))
            return None
        return text

    @classmethod
    def ask(cls, parent: QWidget) -> str:
        """The address dialog (tests replace this)."""
        text, ok = QInputDialog.getText(
            parent, "Team database",
            "PostgreSQL address (a URL such as postgresql://you@server/jcct?sslmode=verify-full"
            ", or service=NAME).\nPasswords belong in ~/.pgpass, never here:",
            QLineEdit.EchoMode.Normal)
        return text.strip() if ok else ""

    def stop(self, wait_ms: int = 10_000) -> None:
        self.timer.stop()
        self.pool.waitForDone(wait_ms)

    def _done(self, result: SyncResult) -> None:
        self._task = None
        self.action.setEnabled(True)
        line = f"Team sync: {result.describe()}"
        self.host.statusBar().showMessage(line, 15000)
        self.show_last()
        self.finished.emit(line)

    def _failed(self, message: str) -> None:
        self._task = None
        self.action.setEnabled(True)
        line = f"Team sync failed: {message}"
        self.host.statusBar().showMessage(line, 20000)
        self.label.setToolTip(line)
        self.finished.emit(line)

    def show_last(self) -> None:
        from jcct_desktop.team.state import last_sync

        last = last_sync(self.service.engine)
        if last is None:
            self.label.setText("")
            return
        when = from_iso(last.when).astimezone()
        pulled = last.brought_in.get("pulled") or 0
        self.label.setText(f"Last sync {_short(when)} · {pulled} new")
        detail = brought_in(last.brought_in)
        self.label.setToolTip(f"Last team sync {when:%Y-%m-%d %H:%M}: {detail}")


def brought_in(summary: dict[str, Any]) -> str:
    kinds = summary.get("kinds") or {}
    if not isinstance(kinds, dict) or not kinds:
        return "nothing new from the team"
    parts = kinds_line(kinds)
    authors = ", ".join(str(a) for a in summary.get("authors") or [])
    return f"brought in {parts}" + (f" from {authors}" if authors else "")


def _short(when: datetime) -> str:
    today = dates.today()
    return f"{when:%H:%M}" if when.date() == today else day_month_time(when)


def _add_to_file_menu(window: TeamSyncHost, action: QAction) -> None:
    """Below the notes' import/export commands, without touching the menu builder."""
    anchor = window.actions_by_name.get("import_notes")
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu) or anchor not in menu.actions():
            continue
        items = menu.actions()
        after = items.index(anchor) + 1
        if after < len(items):
            menu.insertAction(items[after], action)
        else:
            menu.addAction(action)
        return
    window.window().addAction(action)


def attach_team_sync(window: TeamSyncHost, service: AnnotationService | None,
                     given: str | None, headless: bool) -> TeamSync | None:
    """Hook team sync into the window (not when the notes are missing or read-only)."""
    if service is None or service.read_only:
        return None
    team = TeamSync(window, service, given)
    if not headless:
        team.start_schedule()
    return team
