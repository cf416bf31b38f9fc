"""Each deliverable assessable alone (issue 21): the service and the window's assessment form
record one milestone of 2011-SOFT-1, -CD-1, -IPRND-1 and -DC-1 at a time; the detail pane says
"no deadline stated"; the timeline lists undated milestones in a "No date stated" band, with
accessible names, and the keyboard reaches them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.core.standing import Standing, commitment_standing
from jcct_desktop.ui.timeline.layout import UNDATED_BAND
from tests.a11y_support import NAME
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
SPLIT = ("2011-SOFT-1", "2011-DC-1", "2011-CD-1", "2011-IPRND-1")
DAY = date(2012, 3, 1)


@pytest.mark.parametrize("cid", SPLIT)
def test_each_deliverable_is_assessed_alone_in_the_service(service, catalog, cid: str) -> None:
    c = catalog.commitment(cid)
    assert len(c.milestones) >= 2  # every one of the four holds two or more deliverables
    for i, m in enumerate(c.milestones):
        service.record_assessment(commitment_id=cid, status="not_fulfilled", evidence=f"No {i}",
                                  effective=DAY, milestone=m.label)
        s = commitment_standing(c, service.get(cid).assessments, DAY)
        # only this one and those recorded before it are judged; the rest are untouched
        assert [x.value is Standing.NOT_MET for x in s.milestones] == \
            [j <= i for j in range(len(c.milestones))]
        assert s.value is Standing.NOT_MET and s.shortfall


def test_shipped_milestone_labels_are_unchanged(catalog) -> None:
    """Notes key on the label: the dated milestones shipped before the split keep theirs."""
    labels = {cid: [m.label for m in catalog.commitment(cid).milestones] for cid in SPLIT}
    assert labels["2011-DC-1"] == ["Complete list of x-ray equipment to be down-classified",
                                   "Draft IVD equipment catalogue released for public comment "
                                   "(best endeavors)"]
    assert labels["2011-IPRND-1"][:2] == ["Study phase 1: investment and tax measures",
                                          "Study phase 2: key measures in other areas"]
    dated = [(cid, m.label) for cid in SPLIT for m in catalog.commitment(cid).milestones
             if m.window is not None]
    assert len(dated) == 4  # DC-1's two, IPRND-1's two phases
    undated = [m for cid in SPLIT for m in catalog.commitment(cid).milestones if m.window is None]
    assert len(undated) == 7 and all(m.when == "" for m in undated)
    assert all(m.wording in catalog.commitment(cid).text
               for cid in SPLIT for m in catalog.commitment(cid).milestones)


def test_the_window_form_records_one_undated_deliverable(make_window, service, qtbot) -> None:
    window = make_window(as_of=date(2012, 7, 15))
    assert window.select_commitment("2011-SOFT-1")
    c = window.catalog.commitment("2011-SOFT-1")
    assert "no deadline stated" in window.detail.browser.toPlainText()
    form = window.detail.annotation_panel.assessment
    items = [form.milestone_combo.itemText(i) for i in range(form.milestone_combo.count())]
    assert items == ["Whole commitment", *(m.label for m in c.milestones)]
    form.milestone_combo.setCurrentIndex(3)  # "Software audit results published …"
    form.status_combo.setCurrentIndex(form.status_combo.findData("not_fulfilled"))
    form.effective.setFocus()  # what the evidence speaks for: before the window's as-of date
    qtbot.keyClick(form.effective, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.effective, "2012-07-01")
    form.evidence.setFocus()
    qtbot.keyClicks(form.evidence, "No audit results published")
    qtbot.keyClick(form.evidence, Qt.Key.Key_Return)
    (record,) = service.get("2011-SOFT-1").assessments
    assert record.milestone == c.milestones[2].label and record.status is Assessment.NOT_FULFILLED
    qtbot.waitUntil(lambda: window.standings.of("2011-SOFT-1").value is Standing.NOT_MET)
    values = [window.standings.milestone("2011-SOFT-1", i).value for i in range(4)]
    assert values == [Standing.NO_DEADLINE, Standing.NO_DEADLINE, Standing.NOT_MET,
                      Standing.NO_DEADLINE]


def test_the_timeline_lists_undated_milestones_in_their_own_band(make_window, catalog) -> None:
    window = make_window()
    timeline = window.timeline
    layout = timeline.layout_data
    [band] = [b for b in layout.bands if b.label == UNDATED_BAND]
    assert band is layout.bands[-1] and band.lane_count == 3  # SOFT-1, CD-1, IPRND-1
    undated = [m for m in layout.marks if not m.dated]
    assert len(undated) == 7 and all(band.first_lane <= m.lane for m in undated)
    iface = QAccessible.queryAccessibleInterface(timeline)
    lane = iface.lane(band.first_lane + 1)  # source order: IPRND-1, SOFT-1, CD-1
    assert lane.text(NAME) == "No date stated, row 2 of 3"
    names = [lane.child(i).text(NAME) for i in range(lane.childCount())]
    c = catalog.commitment("2011-SOFT-1")
    assert names[0] == (f"2011-SOFT-1 — {c.title}: {c.milestones[0].label}, no deadline "
                        "stated, No deadline, milestone 1 of 4")
    rects = [timeline.viewport.mark_rect(m) for m in layout.by_lane[band.first_lane + 1]]
    assert all(timeline.viewport.chart_left < left < right for left, _t, right, _b in rects)
    assert [r[0] for r in rects] == sorted(r[0] for r in rects)  # side by side, in order
    # zooming moves the bars, never the pinned undated markers
    before = rects[0]
    timeline.zoom_in()
    assert timeline.viewport.mark_rect(layout.by_lane[band.first_lane + 1][0]) == before
    assert not timeline.grab().isNull()


def test_the_keyboard_reaches_an_undated_milestone(make_window, qtbot) -> None:
    window = make_window()
    assert window.select_commitment("2011-IPRND-1")
    timeline = window.timeline
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    iface = QAccessible.queryAccessibleInterface(timeline)
    assert "milestone 1 of 3" in iface.focusChild().text(NAME)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    third = iface.focusChild()
    assert timeline.focused_index == 2 and "milestone 3 of 3" in third.text(NAME)
    assert "Both sides actively discuss removing the barriers found, no deadline stated" \
        in third.text(NAME) and third.state().focused
    mark = timeline.focused_mark()
    assert mark is not None and not mark.dated
    assert mark.lane == timeline.layout_data.undated_lane_of["2011-IPRND-1"]
    tip = timeline.tooltip_for([mark])
    assert "no deadline stated" in tip
    # Down from the last commitment with dates reaches one that has only undated ones
    window.select_commitment("2011-CD-1")
    timeline.setFocus()
    assert "2011-CD-1" in iface.focusChild().text(NAME)
    qtbot.keyClick(timeline, Qt.Key.Key_Return)  # opens it as a click would
    assert window.selected_commitment_id() == "2011-CD-1"
