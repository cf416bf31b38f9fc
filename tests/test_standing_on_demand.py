"""Archive scale (issue 25): the standing book judges each standing when first read, and the
values of all in one pass; both are what judging every commitment one by one gives. At the
start the window judges in full only the standings it shows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deadlines import parse_window
from jcct_desktop.core.model import Commitment, Kind, Milestone, Party
from jcct_desktop.core.standing import (
    JudgedOnDemand,
    Standing,
    commitment_standing,
    standing_book,
)

DATES = [date(2001, 11, 20), date(2005, 6, 1), date(2008, 5, 20), date(2011, 6, 1),
         date(2012, 5, 20), date(2012, 12, 31), date(2020, 1, 1)]


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=12,
                        per_meeting=100)


@pytest.fixture(scope="module")
def archive(archive_path: Path) -> Catalog:
    from jcct_desktop.store.reference.reader import open_reference

    return open_reference(archive_path).catalog


def _records(catalog: Catalog) -> dict[str, tuple[AssessmentRecord, ...]]:
    """Assessments on every seventh commitment: the whole, or its first milestone."""
    found: dict[str, tuple[AssessmentRecord, ...]] = {}
    statuses = [Assessment.FULFILLED, Assessment.NOT_FULFILLED, Assessment.IN_PROGRESS]
    for i, c in enumerate(catalog.commitments[::7]):
        label = c.milestones[0].label if c.milestones and i % 2 else None
        found[c.id] = (AssessmentRecord(statuses[i % 3], "evidence", date(2012, 1, 1), View.US,
                                        "", label, datetime(2026, 1, 1, tzinfo=UTC)),)
    return found


@pytest.mark.parametrize("which", ["2011", "archive"])
@pytest.mark.parametrize("assessed", [False, True])
def test_the_book_is_every_commitment_judged_one_by_one(which: str, assessed: bool,
                                                         catalog: Catalog,
                                                         archive: Catalog) -> None:
    chosen = catalog if which == "2011" else archive
    records = _records(chosen) if assessed else {}
    seen: set[Standing] = set()
    for as_of in DATES:
        eager = {c.id: commitment_standing(c, records.get(c.id, ()), as_of)
                 for c in chosen.commitments}
        book = standing_book(chosen.commitments, records, as_of)
        assert book.values() == {cid: s.value for cid, s in eager.items()}  # values first
        assert dict(book.by_id) == eager
        some = list(eager)[::3]
        for value in Standing:
            assert book.count(value) == sum(s.value is value for s in eager.values())
            assert book.count(value, some) == sum(eager[i].value is value for i in some)
        assert book.of("no-such-id").value is Standing.NO_DEADLINE
        seen |= {s.value for s in eager.values()}
    assert len(seen) > 3  # the dates chosen tell standings apart


def _commitment(cid: str, *whens: str) -> Commitment:
    return Commitment(cid, "m", "S", 1, "t", "text", Party.CHINA, (), Kind.COOPERATION,
                      tuple(Milestone(w, w, f"label {w}", parse_window(w)) for w in whens))


def test_equal_windows_that_are_not_shared_are_judged_alike() -> None:
    # windows parsed separately: equal, not one object (the store shares them; others need not)
    made = [_commitment("a", "by June 2012"), _commitment("b", "by June 2012", "in 2013"),
            _commitment("c", "in 2013", "by June 2012"), _commitment("d"),
            _commitment("e", "by June 2012")]
    for as_of in DATES:
        book = standing_book(made, {}, as_of)
        want = {c.id: commitment_standing(c, (), as_of) for c in made}
        assert book.values() == {cid: s.value for cid, s in want.items()}
        assert dict(book.by_id) == want


def test_a_standing_is_judged_once_when_first_read() -> None:
    made = [_commitment(str(i), "by June 2012") for i in range(50)]
    book = standing_book(made, {}, date(2012, 6, 10))
    judged = book.by_id
    assert isinstance(judged, JudgedOnDemand)
    book.values()
    assert judged.judged_count == 0  # the values alone judge nothing in full
    first = book.of("7")
    assert book.of("7") is first and judged.judged_count == 1
    with pytest.raises(KeyError):
        judged["no-such-id"]


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_window_at_start_judges_only_what_it_shows(qtbot, archive_path: Path,
                                                        tmp_path: Path) -> None:
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.main_window import MainWindow
    from tests.ui_support import temp_settings

    reference = open_reference(archive_path)
    window = MainWindow(reference.catalog, reference.search, settings=temp_settings(tmp_path),
                        as_of=date(2012, 6, 1))
    qtbot.addWidget(window)
    window.resize(1400, 880)
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    judged = window.standings.by_id
    assert isinstance(judged, JudgedOnDemand)
    assert len(judged) == len(reference.catalog.commitments) == 1200
    # the overview of the meeting shown (its 100) and the timeline's visible rows among them
    assert 0 < judged.judged_count <= 150
    assert "1,200 commitments" in window.counts.text()
