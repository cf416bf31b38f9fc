"""The notes pane at 1024×740 with an assessment on record: every row keeps the height it
needs and the pane scrolls; a record heading too wide ends in an ellipsis."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.ui_support import AS_OF, OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


@pytest.fixture
def window(make_window):
    """The main window at 1024×740, the small screen these checks are about."""
    return make_window(size=(1024, 740))


def _needs(widget) -> int:
    """The least height a widget can be read at: its minimum, or for wrapped text the height
    its lines take at its width."""
    need = widget.minimumSizeHint().height()
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():  # a box: its rows' least heights
        need = max(need, layout.minimumHeightForWidth(widget.width()))
    elif widget.hasHeightForWidth():  # a wrapped label
        need = max(need, widget.heightForWidth(widget.width()))
    return need


def _rows_fit(rows) -> None:
    shown = sorted((w for w in rows if w.isVisible()), key=lambda w: w.geometry().top())
    for widget in shown:
        assert widget.height() >= _needs(widget), (type(widget).__name__, widget.height(),
                                                   _needs(widget))
    for above, below in pairwise(shown):
        assert below.geometry().top() >= above.geometry().bottom(), (
            type(above).__name__, type(below).__name__)  # no row overlaps the next


@pytest.mark.parametrize("recorded", ["before choosing it", "while it is shown"])
def test_with_an_assessment_on_record_the_notes_pane_scrolls_and_never_squashes(
        window, service, qtbot, recorded: str):
    from PySide6.QtWidgets import QGroupBox

    def record() -> None:  # the records list appears and "Now:" wraps over lines
        service.record_assessment(commitment_id=CID, status="fulfilled", effective=AS_OF,
                                  evidence="All 31 provinces reported completion; Wang Qishan "
                                           "said so at the meeting, with the State Council notice")

    assert window.width() <= 1024 and window.height() <= 768
    if recorded == "before choosing it":
        record()
    assert window.select_commitment(CID)
    panel = window.detail.annotation_panel
    form = panel.assessment
    qtbot.waitUntil(lambda: form.isVisible())
    if recorded == "while it is shown":
        record()
    qtbot.waitUntil(lambda: form.records.isVisible())
    qtbot.waitUntil(lambda: panel.height() >= _needs(panel))
    _rows_fit([form.current_status, form.view_combo, form.status_combo, form.milestone_combo,
               form.effective, form.evidence, form.source, form.record, form.records_title,
               form.records])
    _rows_fit([panel.title, panel.star, *panel.findChildren(QGroupBox)])
    bar = window.detail.annotation_scroll.verticalScrollBar()
    assert bar.maximum() > 0  # taller than the viewport: it scrolls


def test_a_record_heading_too_wide_for_the_pane_ends_in_an_ellipsis(window, service, qtbot):
    from PySide6.QtGui import QFontMetrics

    from jcct_desktop.ui.annotations.note_list import STAMP_ROLE, fitted_heading

    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="<b>notice</b>",
                              effective=AS_OF)
    assert window.select_commitment(CID)
    records = window.detail.annotation_panel.assessment.records
    qtbot.waitUntil(lambda: records.count() == 1)
    item = records.item(0)
    heading = item.data(STAMP_ROLE)
    font = records.font()
    narrow = QFontMetrics(font).horizontalAdvance(heading) // 2
    shown = fitted_heading(heading, font, narrow)
    assert shown.endswith("…") and QFontMetrics(font).horizontalAdvance(shown) <= narrow
    assert fitted_heading(heading, font, 10_000) == heading  # room: whole
    assert heading in item.toolTip() and "&lt;b&gt;notice" in item.toolTip()
