"""Start the window: the QApplication, fonts, style, settings, and the developer hooks.

``--screenshot FILE`` and ``--smoke-test`` run the full window, wait for its first paint
(a signal, not a timer) and exit; they use throwaway settings so they are repeatable.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontInfo,
    QGuiApplication,
    QPalette,
    QUndoStack,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jcct_desktop import __version__
from jcct_desktop.core import palette, resources
from jcct_desktop.core.files import OutputError, atomic_write
from jcct_desktop.core.paths import DataFolder
from jcct_desktop.ui.process_clock import process_age_ms

APP_NAME = "JCCT Desktop"
ORGANISATION = "JCCT Desktop"
CJK_FAMILY = "WenQuanYi Micro Hei"
PAINT_TIMEOUT_MS = 20_000
SETTINGS_NAME = "settings.ini"


def _fail(message: str, code: int, dialog: bool) -> int:
    print(f"jcct-desktop: {message}", file=sys.stderr)
    if dialog and QApplication.instance() is not None:
        QMessageBox.critical(None, APP_NAME, message)
    return code


def _has_display() -> bool:
    """False only on Linux/BSD with no X11 or Wayland and no platform chosen explicitly."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def window_settings_file(named_folder: str | os.PathLike[str] | None,
                         scratch: str | None) -> QSettings:
    """Throwaway settings for the one-shot hooks; in a data folder the officer named
    (--data-dir or JCCT_DATA_DIR) an INI file there, so a second data folder is a second
    officer, layout and all; else the user's usual settings."""
    if scratch:
        return _private(QSettings(str(Path(scratch) / "settings.ini"),
                                  QSettings.Format.IniFormat))
    if named_folder:
        folder = Path(named_folder)
        return _private(QSettings(str(folder / SETTINGS_NAME), QSettings.Format.IniFormat))
    return _private(QSettings(ORGANISATION, APP_NAME))  # what QSettings() is once configured


def _private(settings: QSettings) -> QSettings:
    """The settings file made owner-only (0600) before Qt writes it: it holds the packet
    marking and names. Qt replaces the file on every save but keeps its permissions."""
    name = settings.fileName()
    if settings.format() == QSettings.Format.NativeFormat and not name.startswith("/"):
        return settings  # the registry or a plist: not a file of ours to protect
    path = Path(name)
    with contextlib.suppress(OSError):  # a folder that cannot be written: Qt says so itself
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600))
        os.chmod(path, 0o600)  # one made before this version was 0644
    return settings


def register_fonts(app: QApplication) -> None:
    """Bundle a CJK font so 王岐山 renders on machines without Chinese fonts."""
    try:
        path = resources.font()
    except FileNotFoundError:
        return
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(path)))
    cjk = families[0] if families else CJK_FAMILY
    font = QFont(app.font())
    # the resolved family, not an alias such as "Sans Serif": with an alias first, Qt takes
    # punctuation like ’ from the CJK font and it renders full-width
    font.setFamilies([QFontInfo(font).family(), cjk])
    if font.pointSizeF() < 10:  # Qt's bare default (9 pt) reads small on Linux desktops
        font.setPointSizeF(10)
    app.setFont(font)


def apply_palette(app: QApplication) -> None:
    """Hints in empty fields at 4.5:1 (Fusion's grey placeholder was 4.0:1)."""
    colours = app.palette()
    colours.setColor(QPalette.ColorRole.PlaceholderText, QColor(palette.PLACEHOLDER))
    app.setPalette(colours)


def configure(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("jcct-desktop")
    app.setStyle("Fusion")  # one calm look everywhere; the QSS refines it
    apply_palette(app)
    register_fonts(app)
    from jcct_desktop.ui.graphics import bundled_icon

    app.setWindowIcon(bundled_icon("app.svg"))
    with contextlib.suppress(OSError):  # a missing stylesheet costs looks, not function
        app.setStyleSheet(resources.style("app.qss").read_text(encoding="utf-8"))


def run_app(args: argparse.Namespace) -> int:
    """The window over ``args.data_folder`` (``cli.entry.main`` decided it, once)."""
    started = time.perf_counter()
    folder: DataFolder = args.data_folder
    argv = sys.argv[:1]
    headless = bool(args.screenshot or args.smoke_test)
    as_of: date | None = args.as_of  # parsed by the command line (cli.iso_date)
    if QApplication.instance() is None and not _has_display():
        if not headless:  # Qt would abort with a page of plugin errors
            return _fail("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are "
                         "not set); the export commands work without one", 1, dialog=False)
        argv += ["-platform", "offscreen"]  # the developer hooks need no screen
    app = QApplication.instance() or QApplication(argv)
    configure(app)  # type: ignore[arg-type]
    try:
        from jcct_desktop.store.reference.imported_meetings import open_with_imports

        reference = open_with_imports(folder.path)  # bundled + imported
    except Exception as exc:  # missing, corrupt, wrong schema: a message, not a traceback
        return _fail(f"cannot open the reference data: {exc}", 1, dialog=not headless)
    if args.select and args.select not in reference.catalog:
        return _fail(f"--select: no commitment with id {args.select!r}", 2, dialog=False)

    from jcct_desktop.ui.annotations.startup import keep_safe, open_notes, report_problems
    from jcct_desktop.ui.main_window import MainWindow

    data_dir = folder.path
    guard = None
    if not headless:  # the developer hooks only read and exit; the window holds the folder
        from jcct_desktop.ui.single_instance import claim_folder

        guard, code = claim_folder(data_dir, app)
        if guard is None and code is not None:
            return code
    notes = open_notes(data_dir)
    scratch = tempfile.TemporaryDirectory(prefix="jcct-settings-") if headless else None
    settings = window_settings_file(data_dir if folder.named else None,
                                    scratch.name if scratch else None)
    undo_stack = QUndoStack(app)  # one history of annotation edits for the whole app
    window = MainWindow(reference.catalog, reference.search, annotations=notes.service,
                        annotations_error=notes.error, undo_stack=undo_stack,
                        settings=settings, as_of=as_of, data_dir=data_dir)
    keep_safe(app, window, notes, headless)  # type: ignore[arg-type]
    from jcct_desktop.ui.unexpected_errors import install

    install(window)  # an error escaping a slot or a paint: one line in the window
    if guard is not None:
        guard.raiseRequested.connect(window.bring_to_front)
        app.aboutToQuit.connect(guard.release)
    from jcct_desktop.ui.team_sync import attach_team_sync

    team = attach_team_sync(window, notes.service, getattr(args, "team", None), headless)
    if team is not None:
        app.aboutToQuit.connect(team.stop)
    # the catalog and the window live until exit: without this, the collector rescans those
    # hundreds of thousands of objects every few keystrokes (50-100 ms pauses on a big archive)
    gc.freeze()
    gc.enable()  # cli.main pauses the collector while the window is built
    if args.select:
        window.select_commitment(args.select)
    if not headless:
        window.show()
        report_problems(window, notes, headless=False)
        return app.exec()
    report_problems(window, notes, headless=True)
    try:
        return _run_once(app, window, args, started)  # type: ignore[arg-type]
    finally:
        window.close()
        if notes.service is not None:
            notes.service.close()  # aboutToQuit also does; closing twice is harmless
        if scratch:
            scratch.cleanup()


def _png(widget: QWidget) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not widget.grab().save(buffer, "PNG"):
        raise OutputError("the window could not be drawn as a PNG")
    buffer.close()
    return bytes(data.data())


def _run_once(app: QApplication, window: object, args: argparse.Namespace,
              started: float) -> int:
    """Show, wait for the first paint of the whole window, then save or report and quit."""
    from jcct_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    result = {"code": 1}

    limit = QTimer(app)  # stopped once done: a later event loop of this process lives on
    limit.setSingleShot(True)

    def finish() -> None:
        limit.stop()
        elapsed = process_age_ms()  # from the process's own start, not from here
        if args.screenshot:
            path = Path(args.screenshot)
            try:  # through the one writer: never onto the notes or another file of ours
                atomic_write(path, lambda fh: fh.write(_png(window)), private=False,
                             own_files=window.own_files)
            except OutputError as exc:
                print(f"jcct-desktop: {exc}", file=sys.stderr)
                app.exit(1)
                return
            print(f"wrote {path}", file=sys.stderr)
        if args.smoke_test:
            print(f"first paint: {elapsed:.0f} ms", flush=True)  # since the process started
        result["code"] = 0
        app.exit(0)

    def timeout() -> None:
        print("jcct-desktop: the window did not paint in time", file=sys.stderr)
        app.exit(1)

    # the last pane laid out (the timeline, else the text) has painted: so has the window
    window.firstPainted.connect(lambda: QTimer.singleShot(0, finish),
                                type=Qt.ConnectionType.SingleShotConnection)
    limit.timeout.connect(timeout)
    limit.start(PAINT_TIMEOUT_MS)
    window.show()
    QGuiApplication.processEvents()
    app.exec()
    return result["code"]
