"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call that returns None.

Qt calls model.data() and QPainter methods thousands of times a minute, so such a build aborts
("none_dealloc: deallocating None") after a few minutes of use. 6.11 is fine; so is any
build on Python 3.12+ (None is immortal there). pyproject pins 6.11.3; this test guards the pin.
"""

from __future__ import annotations

import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from jcct_desktop.ui.tree import SectorTreeModel, build_tree
from tests.ui_support import AS_OF


def test_pinned_qt_is_the_known_good_one():
    if sys.version_info < (3, 12):
        assert not pyside_version.startswith("6.12.0"), "PySide6 6.12.0 crashes on Python 3.11"


def test_painting_and_model_data_keep_none_alive(qapp, catalog):
    from jcct_desktop.core.standing import standing_book

    states = standing_book(catalog.commitments, {}, AS_OF).values()
    model = SectorTreeModel()
    model.set_tree(build_tree(catalog, states), states)
    index = model.index(0, 1)
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    painter = QPainter(image)
    for _ in range(500):
        painter.fillRect(QRectF(0, 0, 4, 4), QColor("#123456"))
        index.data(0x0100 + 99)  # an unknown role: data() returns None
    painter.end()
    assert sys.getrefcount(None) >= before - 50
