"""The window's meeting and issue-area filters, on the bundled and an imported meeting."""

from __future__ import annotations

from pathlib import Path

from test_meetings import _areas, sed_iii
from ui_support import AS_OF, OFFSCREEN_NOISE, build_window

from jcct_desktop.store.reference.build import write_database
from jcct_desktop.store.reference.imported_meetings import CombinedSearch
from jcct_desktop.store.reference.reader import ReferenceData, open_reference

pytestmark = OFFSCREEN_NOISE


def test_meeting_and_area_filters_narrow_the_tree(qtbot, reference, tmp_path: Path) -> None:
    out = tmp_path / "user.sqlite"
    write_database(out, [sed_iii()], [], _areas())
    imported = open_reference(out)
    both = ReferenceData(
        reference.path,
        reference.catalog.merged(imported.catalog),
        CombinedSearch(reference.search, imported.search),
    )  # type: ignore[arg-type]
    window = build_window(qtbot, both, tmp_path, as_of=AS_OF)
    mf = window.meeting_filter
    assert [mf.meeting.itemText(i) for i in range(mf.meeting.count())] == [
        "All meetings", "S&ED III (2011)", "22nd JCCT (2011)"]  # fmt: skip
    assert len(window.visible_commitment_ids()) == 41
    mf.meeting.setCurrentIndex(mf.meeting.findData("sed-3"))
    assert window.visible_commitment_ids() == ["sed-3-IPR-1"]
    mf.meeting.setCurrentIndex(mf.meeting.findData("jcct-22"))
    mf.area.setCurrentIndex(mf.area.findData("Health care products"))
    shown = window.visible_commitment_ids()
    assert len(shown) == 7 and all(i.startswith("2011-") for i in shown)
    window.clear_filters()
    assert mf.meeting.currentIndex() == 0 and mf.area.currentIndex() == 0
    assert len(window.visible_commitment_ids()) == 41
    assert mf.meeting.isVisibleTo(window) and mf.area.isVisibleTo(window)


def test_one_meeting_needs_no_meeting_choice(qtbot, reference, tmp_path: Path) -> None:
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    # in the filter row but hidden: a meeting imported later shows it (set_catalog)
    assert not window.meeting_filter.meeting.isVisibleTo(window)
    assert window.meeting_filter.area.isVisibleTo(window)
