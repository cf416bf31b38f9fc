"""A read-only notes folder: the window still shows the notes, greyed where they cannot be
changed, under a banner readable enabled or not; Ctrl+D says why nothing can be starred."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QUndoStack

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import DB_NAME
from tests.fs_support import read_only
from tests.notes_support import seed
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


def test_read_only_folder_opens_notes_read_only_in_the_window(tmp_path, qtbot) -> None:
    from jcct_desktop.ui.annotations.panel import AnnotationPanel
    from jcct_desktop.ui.annotations.startup import open_notes

    data = tmp_path / "data"
    seed(data, notes=3)
    with read_only(data) as view:
        notes = open_notes(str(view))
        assert notes.error is None and notes.service is not None and notes.service.read_only
        panel = AnnotationPanel(notes.service, QUndoStack())
        qtbot.addWidget(panel)
        panel.set_commitment("2011-NEV-1")
        assert panel.notes.count() == 2  # readable
        assert not panel.note_editor.isEnabled() and not panel.add_button.isEnabled()
        assert not panel.star.isEnabled()
        assert "Read-only" in panel.read_only_banner.text()
        notes.service.close()
    assert sorted(p.name for p in data.iterdir()) == [DB_NAME]


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _painted_contrast(label) -> float:
    """Between the banner's background and its darkest painted text pixel."""
    image = label.grab().toImage()
    paper = QColor(image.pixel(3, 3))  # inside the 1 px border, in the padding
    ink = min((QColor(image.pixel(x, y)) for x in range(4, image.width() - 4)
               for y in range(4, image.height() - 4)), key=_luminance)
    return contrast(paper, ink)


def test_read_only_banner_is_readable_enabled_or_not(tmp_path: Path, qtbot):
    from jcct_desktop.ui.annotations.panel import READ_ONLY_INK, READ_ONLY_PAPER, AnnotationPanel
    from jcct_desktop.ui.annotations.startup import open_notes

    data = tmp_path / "data"
    AnnotationService.open(data).close()
    with read_only(data) as view:
        notes = open_notes(str(view))
        assert notes.service is not None and notes.service.read_only
        panel = AnnotationPanel(notes.service, QUndoStack())
        qtbot.addWidget(panel)
        panel.resize(480, 900)
        panel.show()
        qtbot.waitExposed(panel)
        banner = panel.read_only_banner
        assert contrast(QColor(READ_ONLY_INK), QColor(READ_ONLY_PAPER)) >= 4.5
        assert not panel.isEnabled()  # no commitment chosen: the panel is greyed out
        assert _painted_contrast(banner) >= 4.5
        panel.set_commitment(CID)
        assert panel.isEnabled() and _painted_contrast(banner) >= 4.5
        notes.service.close()


def test_ctrl_d_says_why_a_commitment_cannot_be_starred(make_window, tmp_path):
    """With one selected, Ctrl+D says why it cannot star: the folder is read-only, or the
    notes are unavailable."""
    from jcct_desktop.store.notes.database import UserDb, make_engine
    from jcct_desktop.ui.window_keys import toggle_star

    AnnotationService.open(tmp_path / "notes").close()
    path = tmp_path / "notes" / DB_NAME  # the store's read-only mode, as for a read-only folder
    service = AnnotationService(UserDb(make_engine(path), path, tmp_path / "notes",
                                       read_only=True))
    assert service.read_only
    for kwargs, why in (({"annotations": service}, "your notes folder is read-only here"),
                        ({"annotations": None, "annotations_error": "the disk is gone"},
                         "your notes are unavailable (the disk is gone)")):
        window = make_window(**kwargs)
        assert window.select_commitment("2011-SOFT-2")
        toggle_star(window)
        assert window.statusBar().currentMessage() == f"Cannot star 2011-SOFT-2: {why}"
    service.close()
