"""The notes feed: what each kind of edit tells the panes that follow it, in which order, on
the GUI thread, from one snapshot; a pane that follows the feed needs no window to push."""

from __future__ import annotations

import pytest

from jcct_desktop.core.filtering import FilterContext
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.annotations.feed import AnnotationFeed
from jcct_desktop.ui.timeline import TimelineWidget
from jcct_desktop.ui.tree import SectorTreeModel
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


class Recorder:
    """Every signal the feed sends, in order, with what it carried."""

    def __init__(self, feed: AnnotationFeed) -> None:
        self.seen: list[tuple[str, object]] = []
        feed.marksChanged.connect(lambda m: self.seen.append(("marks", m)))
        feed.tagsChanged.connect(lambda t: self.seen.append(("tags", t)))
        feed.standingsMayChange.connect(lambda: self.seen.append(("standings", None)))
        feed.matchesMayChange.connect(lambda: self.seen.append(("matches", None)))
        feed.orphansChanged.connect(lambda n: self.seen.append(("orphans", n)))

    def names(self) -> list[str]:
        return [name for name, _ in self.seen]

    def take(self) -> list[str]:
        names, self.seen = self.names(), []
        return names


@pytest.fixture
def feed(qtbot, reference, service):
    context = FilterContext(reference.catalog, reference.search, service)
    made = AnnotationFeed(service, reference.catalog.ids, lambda: context)
    yield made, context
    made.disconnect_service()
    made.deleteLater()


def test_each_kind_of_edit_tells_what_it_changed_in_order(qtbot, feed, service):
    made, _ = feed
    rec = Recorder(made)
    with qtbot.waitSignal(made.refreshed):
        service.record_assessment(commitment_id=CID, status="fulfilled", evidence="gazette")
    assert rec.take() == ["marks", "standings"]
    with qtbot.waitSignal(made.refreshed):
        service.add_note(commitment_id=CID, text="met on time")
    assert rec.take() == ["marks", "matches"]  # text only: standings stay as they are
    with qtbot.waitSignal(made.refreshed):
        service.change_tags(commitment_id=CID, add=["ipr"])
    assert rec.take() == ["marks", "tags", "matches"]
    assert rec.seen == [] and service.all_tags() == ["ipr"]
    with qtbot.waitSignal(made.refreshed):
        service.save_draft(commitment_id=CID, text="half a thought")
    assert rec.take() == ["marks"]  # only the ✎ mark


def test_marks_come_from_the_snapshot_the_standings_read(qtbot, feed, service):
    made, context = feed
    context.all_annotations()  # the window's snapshot, read before the edit
    rec = Recorder(made)
    with qtbot.waitSignal(made.refreshed):
        service.set_starred(commitment_id=CID, starred=True)
    marks = rec.seen[0][1]
    assert CID in marks.starred  # the snapshot was forgotten before the marks were read
    assert {a.commitment_id for a in context.all_annotations()} == {CID}


def test_an_import_tells_every_subscriber_including_orphans(qtbot, feed, service, tmp_path):
    from jcct_desktop.store.notes import operations

    made, _ = feed
    rec = Recorder(made)
    other = AnnotationService.open(tmp_path / "other")
    other.set_starred(commitment_id="2011-GONE-1", starred=True)  # not in the catalog
    other.change_tags(commitment_id=CID, add=["from a colleague"])
    exported = tmp_path / "notes.json"
    other.close()
    operations.export_notes(tmp_path / "other", exported)
    with qtbot.waitSignal(made.refreshed):
        operations.import_notes(service.data_dir, exported, service=service)
    assert rec.names() == ["marks", "tags", "standings", "orphans"]
    assert dict(rec.seen)["orphans"] == 1
    assert dict(rec.seen)["tags"] == ["from a colleague"]


def test_panes_follow_the_feed_with_no_window(qtbot, feed, service, reference):
    made, _ = feed
    model = SectorTreeModel()
    timeline = TimelineWidget(reference.catalog)
    qtbot.addWidget(timeline)
    model.follow(made)
    timeline.follow(made)
    with qtbot.waitSignal(made.refreshed):
        service.set_starred(commitment_id=CID, starred=True)
    assert CID in model.marks.starred and CID in timeline.marks.starred
