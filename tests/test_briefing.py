"""core.briefing: scope, order and content of a packet, from the real catalog (no PDF, no Qt)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    EmptyScopeError,
    NoteView,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.core.filtering import Filter, FilterContext
from jcct_desktop.core.standing import Standing
from jcct_desktop.store.reference.reader import open_reference

AS_OF = date(2012, 3, 1)


@pytest.fixture(scope="module")
def ref():
    return open_reference()


def test_whole_meeting_in_source_order(ref):
    b = build_briefing(ref.catalog, BriefingOptions(as_of=AS_OF))
    assert b.commitment_ids == [c.id for c in ref.catalog.commitments]
    assert sorted(r.id for r in b.summary) == sorted(b.commitment_ids)
    in_order = build_briefing(ref.catalog, BriefingOptions(as_of=AS_OF,
                                                           summary_order="fact-sheet"))
    assert [r.id for r in in_order.summary] == b.commitment_ids
    assert b.cover.commitment_count == len(ref.catalog.commitments)
    assert b.cover.as_of == AS_OF


def test_group_code_takes_its_sectors_and_group_facts_print_once(ref):
    cat = ref.catalog
    group = cat.groups(cat.meetings[-1].id)[0]
    b = build_briefing(cat, BriefingOptions(scope=Scope.SECTORS, sectors=(group.code,),
                                            as_of=AS_OF))
    assert b.commitment_ids == [c.id for c in cat.commitments_under(group)]
    group_fact_ids = {f.id for f in cat.facts_in(group)}
    printed = [f.id for s in b.sections for f in s.facts if f.id in group_fact_ids]
    assert sorted(printed) == sorted(group_fact_ids)  # once each, not once per sector


def test_filter_scope_uses_the_one_filter_logic(ref):
    ctx = FilterContext(ref.catalog, ref.search)
    flt = Filter(states=frozenset({Standing.OPEN}))
    b = build_briefing(ref.catalog, BriefingOptions(scope=Scope.FILTER, filter=flt, as_of=AS_OF),
                       filter_context=ctx)
    assert b.commitment_ids
    assert all(r.state is Standing.OPEN for r in b.summary)


def test_ids_scope_keeps_source_order(ref):
    ids = [c.id for c in ref.catalog.commitments][::-7]
    b = build_briefing(ref.catalog, BriefingOptions(scope=Scope.FILTER, ids=frozenset(ids),
                                                    as_of=AS_OF))
    assert b.commitment_ids == [c.id for c in ref.catalog.select(ids)]


def test_starred_and_annotations_and_note_option(ref):
    first = ref.catalog.commitments[0].id
    note = NoteView("line one\nline two", datetime(2012, 2, 1))
    ann = PlainAnnotations({first: AnnotationView(status="In progress", notes=(note,),
                                                  starred=True, tags=("x",))})
    b = build_briefing(ref.catalog, BriefingOptions(scope=Scope.STARRED, as_of=AS_OF), ann)
    assert b.commitment_ids == [first]
    entry = b.sections[0].commitments[0]
    assert entry.annotation.notes == (note,) and entry.annotation.status == "In progress"
    b = build_briefing(ref.catalog, BriefingOptions(scope=Scope.STARRED, as_of=AS_OF,
                                                    include_notes=False), ann)
    assert b.sections[0].commitments[0].annotation.notes == ()


def test_empty_scope_is_a_clear_error(ref):
    with pytest.raises(EmptyScopeError, match="starred"):
        build_briefing(ref.catalog, BriefingOptions(scope=Scope.STARRED, as_of=AS_OF))
    with pytest.raises(EmptyScopeError):
        build_briefing(ref.catalog, BriefingOptions(scope=Scope.FILTER, ids=frozenset()))


def test_timeline_and_states_match_core_standing(ref):
    from jcct_desktop.core.standing import milestone_standing

    b = build_briefing(ref.catalog, BriefingOptions(as_of=AS_OF))
    expected = sum(m.window is not None for c in ref.catalog.commitments for m in c.milestones)
    assert len(b.timeline) == expected  # undated ones are listed apart, never as a bar
    assert len(b.undated) == sum(m.window is None for c in ref.catalog.commitments
                                 for m in c.milestones) == 7
    by_id = {c.id: c for c in ref.catalog.commitments}
    for row in b.timeline:
        m = next(m for m in by_id[row.id].milestones if m.label == row.label)
        assert row.state is milestone_standing(m, (), AS_OF).value
    assert not build_briefing(ref.catalog, BriefingOptions(as_of=AS_OF,
                                                           include_timeline=False)).timeline


def test_deterministic_generation_stamp(ref):
    b = build_briefing(ref.catalog, BriefingOptions(as_of=AS_OF, deterministic=True))
    assert b.cover.generated == datetime(2012, 3, 1)
