from datetime import date

from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.core.standing import Standing, commitment_standing

AS_OF = date(2012, 1, 15)


def test_empty_filter_keeps_everything(reference) -> None:
    ctx = FilterContext(reference.catalog, reference.search)
    assert matching_ids(Filter(), ctx, AS_OF) == reference.catalog.ids
    assert Filter().is_empty and not Filter(text="x").is_empty


def test_side_deadline_and_state_filters(reference) -> None:
    ctx = FilterContext(reference.catalog, reference.search)
    us = matching_ids(Filter(sides=frozenset({"United States"})), ctx, AS_OF)
    assert us == {"2011-CD-2"}
    dated = matching_ids(Filter(has_deadline=True), ctx, AS_OF)
    # a dated milestone, not any: 2011-SOFT-1's and -CD-1's deliverables are undated
    assert dated == {c.id for c in reference.catalog.commitments
                     if any(m.window is not None for m in c.milestones)}
    assert not {"2011-SOFT-1", "2011-CD-1"} & dated
    past = matching_ids(Filter(states=frozenset({Standing.OVERDUE})), ctx, AS_OF)
    assert past == {"2011-II-1", "2011-TELEQ-1"}  # Dec 1 and end of 2011 had closed by Jan 15
    later = matching_ids(Filter(states=frozenset({Standing.OVERDUE})), ctx, date(2014, 1, 1))
    assert later == dated


def test_standing_of_a_commitment_follows_the_as_of_date(catalog) -> None:
    soft = catalog.commitment("2011-SOFT-2")
    assert commitment_standing(soft, (), date(2012, 1, 15)).value is Standing.OPEN
    assert commitment_standing(soft, (), date(2012, 6, 20)).value is Standing.DUE_SOON
    # The provincial milestone closed unmet: the commitment is overdue, not merely upcoming.
    after = commitment_standing(soft, (), date(2012, 7, 1))
    assert after.value is Standing.OVERDUE and after.deciding == 0
    assert after.milestones[1].value is Standing.UPCOMING
    assert commitment_standing(soft, (), date(2014, 1, 1)).since == date(2012, 7, 1)
    nev = catalog.commitment("2011-NEV-1")
    assert commitment_standing(nev, (), AS_OF).value is Standing.NO_DEADLINE


def test_text_search_spans_source_and_notes(reference, service) -> None:
    service.add_note(commitment_id="2011-SOFT-4", text="Ask 王岐山's office about audits")
    service.set_starred(commitment_id="2011-II-1", starred=True)
    service.set_tags(commitment_id="2011-II-1", tags=["procurement"])
    ctx = FilterContext(reference.catalog, reference.search, service)
    assert matching_ids(Filter(text="software 王岐山's"), ctx, AS_OF) == {"2011-SOFT-4"}
    assert matching_ids(Filter(text="audits"), ctx, AS_OF) >= {"2011-SOFT-4", "2011-SOFT-1"}
    assert matching_ids(Filter(starred=True), ctx, AS_OF) == {"2011-II-1"}
    assert matching_ids(Filter(tag="Procurement"), ctx, AS_OF) == {"2011-II-1"}
    assert matching_ids(Filter(text='"unbalanced ( AND'), ctx, AS_OF) == set()


def test_not_assessed_counts_untouched_commitments(reference, service) -> None:
    service.record_assessment(commitment_id="2011-II-1", status="fulfilled", evidence="notice",
                              effective=date(2012, 1, 1))
    service.set_starred(commitment_id="2011-NEV-1", starred=True)  # a row, still not assessed
    ctx = FilterContext(reference.catalog, reference.search, service)
    not_assessed = matching_ids(Filter(status="not_assessed"), ctx, AS_OF)
    assert not_assessed == reference.catalog.ids - {"2011-II-1"}
    assert matching_ids(Filter(status="fulfilled"), ctx, AS_OF) == {"2011-II-1"}


def test_the_assessment_filter_follows_the_as_of_date(reference, service) -> None:
    service.record_assessment(commitment_id="2011-II-1", status="fulfilled", evidence="notice",
                              effective=date(2012, 3, 1))
    ctx = FilterContext(reference.catalog, reference.search, service)
    # as of 15 January 2012 the assessment effective 1 March was not yet known
    assert matching_ids(Filter(status="fulfilled"), ctx, AS_OF) == set()
    assert "2011-II-1" in matching_ids(Filter(status="not_assessed"), ctx, AS_OF)
    assert matching_ids(Filter(status="fulfilled"), ctx, date(2012, 3, 1)) == {"2011-II-1"}


def test_follow_up_due_filter_follows_the_as_of_date(reference, service) -> None:
    service.set_follow_up(commitment_id="2011-SOFT-4", follow_up=date(2012, 3, 1))
    ctx = FilterContext(reference.catalog, reference.search, service)
    assert matching_ids(Filter(follow_up_due=True), ctx, AS_OF) == set()
    assert matching_ids(Filter(follow_up_due=True), ctx, date(2012, 3, 1)) == {"2011-SOFT-4"}


def test_standing_filter_reads_assessments_in_force(reference, service) -> None:
    service.record_assessment(commitment_id="2011-II-1", status="fulfilled", evidence="notice")
    ctx = FilterContext(reference.catalog, reference.search, service)
    today = date.today()
    assert "2011-II-1" in matching_ids(Filter(states=frozenset({Standing.MET})), ctx, today)
    # as of 2012 the assessment (effective today) was not yet known: still overdue
    overdue = matching_ids(Filter(states=frozenset({Standing.OVERDUE})), ctx, AS_OF)
    assert "2011-II-1" in overdue
