"""Build a packet's content: which commitments, in which order, with what beside them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time

from jcct_desktop.core import dates
from jcct_desktop.core.briefing.assessments import as_known_on
from jcct_desktop.core.briefing.bottom_line import bottom_line, by_urgency, starred_points
from jcct_desktop.core.briefing.claims import claims, shortfalls
from jcct_desktop.core.briefing.model import (
    MAX_MARKING,
    NOT_ASSESSED,
    BadPacketOptionError,
    Briefing,
    BriefingAnnotations,
    BriefingOptions,
    CommitmentEntry,
    CoverInfo,
    EmptyScopeError,
    FactEntry,
    MilestoneEntry,
    PlainAnnotations,
    Scope,
    SectorSection,
    SummaryRow,
    TimelineRow,
    UndatedRow,
)
from jcct_desktop.core.briefing.printed_text import printed_view
from jcct_desktop.core.briefing.written_by import written_by
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.dates import long_date, long_date_range, month_year
from jcct_desktop.core.filtering import FilterContext, matching_ids
from jcct_desktop.core.links_text import link_lines
from jcct_desktop.core.model import Commitment, Meeting, Sector
from jcct_desktop.core.standing import Standing, commitment_standing, tiles
from jcct_desktop.core.standing_words import phrase


def build_briefing(
    catalog: Catalog,
    options: BriefingOptions,
    annotations: BriefingAnnotations | None = None,
    filter_context: FilterContext | None = None,
) -> Briefing:
    annotations = annotations or PlainAnnotations()
    marking = " ".join(options.marking.split())
    if len(marking) > MAX_MARKING:
        raise BadPacketOptionError(
            f"The marking is {len(marking):,} characters; a page header holds at most "
            f"{MAX_MARKING}. Shorten it.")
    as_of = options.as_of or dates.today()
    chosen, label = _scope(catalog, options, annotations, filter_context, as_of)
    if not chosen:
        raise EmptyScopeError(f"Nothing to brief: the scope ({label}) holds no commitments.")
    sections = _sections(catalog, chosen, options, annotations, as_of)
    entries = [c for s in sections for c in s.commitments]
    meetings = list(dict.fromkeys(catalog.meeting(c.meeting) for c in chosen))
    if options.generated:
        generated = options.generated
    elif options.deterministic:
        generated = datetime.combine(as_of, time())
    else:
        generated = dates.local_now_naive().replace(microsecond=0)
    cover = CoverInfo(
        title=options.title,
        meeting=meetings[0].name if len(meetings) == 1 else f"{len(meetings)} meetings",
        dates_place=_dates_place(meetings),
        co_chairs=meetings[0].co_chairs if len(meetings) == 1 else (),
        scope=label,
        as_of=as_of,
        generated=generated,
        prepared_by=options.prepared_by.strip(),
        prepared_for=options.prepared_for.strip(),
        marking=marking,
        commitment_count=len(entries),
        sector_count=len(sections),
        source=_sources(catalog, chosen, meetings[:3]),
        participants=meetings[0].participants if len(meetings) == 1 else (),
    )
    timeline = sorted(
        (
            TimelineRow(c.id, m.label, m.earliest, m.latest, m.state, m.met_on)
            for c in entries
            for m in c.milestones
            if m.earliest is not None and m.latest is not None
        ),
        key=lambda r: (r.latest, r.earliest, r.id),
    )
    rows = [_summary(c) for c in entries]
    line = replace(bottom_line(rows, as_of),
                   talking_points=starred_points(entries, by_urgency(rows)))
    if options.summary_order != "fact-sheet":
        rows = by_urgency(rows)
    return Briefing(
        options,
        cover,
        tuple(sections),
        tuple(rows),
        tuple(timeline) if options.include_timeline else (),
        line,
        undated=tuple(UndatedRow(c.id, m.label, m.state) for c in entries
                      for m in c.milestones if m.earliest is None)
        if options.include_timeline else (),
    )



def _sources(catalog: Catalog, chosen: Sequence[Commitment], meetings: Sequence[Meeting]) -> str:
    """The fact sheets the chosen commitments quote: a meeting may have a U.S. and a joint one."""
    used = {c.fact_sheet for c in chosen}
    parts: list[str] = []
    for m in meetings:
        sheets = [(f.title, f.date) for f in catalog.fact_sheets_of(m.id) if f.id in used]
        if not sheets and m.fact_sheet_title:
            sheets = [(m.fact_sheet_title, m.fact_sheet_date)]
        # an imported meeting's fact sheet may have no title found: its date alone, not ", "
        parts += [f"Fact sheet: {title}, {long_date(day)}" if title.strip()
                  else f"Fact sheet of {long_date(day)}" for title, day in sheets]
    return "; ".join(parts)

def _scope(
    catalog: Catalog,
    opts: BriefingOptions,
    annotations: BriefingAnnotations,
    ctx: FilterContext | None,
    as_of: date,
) -> tuple[list[Commitment], str]:
    meeting = _meeting(catalog, opts.meeting)
    if opts.scope is Scope.MEETING:
        return [c for c in catalog.commitments if c.meeting == meeting.id], "the whole meeting"
    if opts.scope is Scope.SECTORS:
        found: list[Commitment] = []
        for code in opts.sectors:
            found += catalog.commitments_under(catalog.sector(meeting.id, code))
        names = ", ".join(catalog.sector(meeting.id, code).name for code in opts.sectors)
        return catalog.select(c.id for c in found), f"sectors: {names}" if names else "no sector"
    if opts.scope is Scope.STARRED:
        return catalog.select(annotations.starred_ids()), "starred commitments"
    if opts.ids is not None:
        ids: set[str] = set(opts.ids)
    elif opts.filter is not None and ctx is not None:
        ids = matching_ids(opts.filter, ctx, as_of)
    else:
        raise ValueError("Scope.FILTER needs ids, or a filter and a filter context")
    return catalog.select(ids), opts.scope_label or "the current search and filter"


def _meeting(catalog: Catalog, meeting_id: str | None) -> Meeting:
    if meeting_id is None:
        if not catalog.meetings:
            raise EmptyScopeError("Nothing to brief: the database holds no meeting.")
        return catalog.meetings[-1]
    return catalog.meeting(meeting_id)


def _sections(
    catalog: Catalog,
    chosen: list[Commitment],
    opts: BriefingOptions,
    annotations: BriefingAnnotations,
    as_of: date,
) -> list[SectorSection]:
    by_sector: dict[Sector, list[Commitment]] = {}
    for c in chosen:
        by_sector.setdefault(catalog.sector_of(c), []).append(c)
    meeting_order = {m.id: i for i, m in enumerate(catalog.meetings)}
    ordered = sorted(by_sector, key=lambda s: (meeting_order[s.meeting], s.position))
    several = len({s.meeting for s in ordered}) > 1
    seen_groups: set[tuple[str, str]] = set()
    sections = []
    for sector in ordered:
        group = catalog.group_of(sector)
        facts: list[FactEntry] = []
        if opts.include_facts:
            facts = [FactEntry(f.id, f.text, sector.name) for f in catalog.facts_in(sector)]
            # a group's facts are printed once, in the first of its sectors in the packet
            if group is not sector and (group.meeting, group.code) not in seen_groups:
                facts += [FactEntry(f.id, f.text, group.name) for f in catalog.facts_in(group)]
        seen_groups.add((group.meeting, group.code))
        title = sector.name
        if several:
            title = f"{catalog.meeting(sector.meeting).name}: {sector.name}"
        commitments = tuple(_entry(catalog, c, opts, annotations, as_of) for c in by_sector[sector])
        sections.append(
            SectorSection(
                key=f"{sector.meeting}/{sector.code}",
                title=title,
                group=group.name if group is not sector else "",
                heading_inferred=sector.heading_inferred,
                facts=tuple(facts),
                commitments=commitments,
                group_inferred=group is not sector and group.heading_inferred,
            )
        )
    return sections


def _entry(
    catalog: Catalog,
    c: Commitment,
    opts: BriefingOptions,
    annotations: BriefingAnnotations,
    as_of: date,
) -> CommitmentEntry:
    ann = annotations.for_commitment(c.id) or NOT_ASSESSED
    standing = commitment_standing(c, ann.assessments, as_of)  # from every record
    ann = as_known_on(ann, as_of)  # only the assessments known on the packet's date
    # nothing written after the packet's day (read with the whole history: a note's later
    # edits are undone from it), then what the options leave out
    ann = written_by(ann, as_of, dates.today())
    ann = replace(
        ann,
        notes=ann.notes if opts.include_notes else (),
        later_notes=ann.later_notes if opts.include_notes else 0,
        history=ann.history if opts.include_history else (),
    )
    ann = printed_view(ann)  # a huge note prints its start, and says so
    agencies = []
    for code in c.agencies:
        agency = catalog.agency(code)
        agencies.append(f"{code} — {agency.name}" if agency and agency.name != code else code)
    milestones = tuple(
        MilestoneEntry(
            label=m.label,
            wording=m.wording,
            when=m.when,
            window=m.window_words,
            earliest=m.window.earliest if m.window else None,
            latest=m.window.latest if m.window else None,
            state=s.value,
            detail=phrase(s),
            met_on=s.since if s.value in (Standing.MET, Standing.PARTLY_MET) else None,
            tiles=tuple(tiles(m, ann.assessments, as_of, catalog.jurisdictions)
                        if m.jurisdictions else ()),
        )
        for m, s in zip(c.milestones, standing.milestones, strict=True)
    )
    side = " and ".join(c.party.sides)
    return CommitmentEntry(
        c.id,
        c.title,
        c.text,
        side,
        tuple(agencies),
        c.kind.label,
        milestones,
        standing.value,
        phrase(standing),
        ann,
        standing.deciding,
        standing.closes,
        links=tuple(line.text() for line in link_lines(catalog, c)),
        areas=c.areas,
        shortfalls=shortfalls(standing),
        claims=claims(ann.assessments, as_of),
    )


def _summary(c: CommitmentEntry) -> SummaryRow:
    deciding = c.milestones[c.deciding] if c.deciding is not None else None
    return SummaryRow(
        id=c.id,
        title=c.title,
        side=c.side,
        # an undated deciding milestone: its window's words stand in the deadline column
        deadline=(deciding.when if deciding.earliest else deciding.window) if deciding else "—",
        window=deciding.window if deciding and deciding.earliest else "",
        state=c.state,
        assessment=c.annotation.status,
        state_detail=c.state_detail,
        follow_up=c.annotation.follow_up,
        closes=c.closes,
        starred=c.annotation.starred,
        differ=bool(c.claims),
        evidence=c.annotation.evidence,
        agencies=c.agencies,
        shortfalls=c.shortfalls,
        claims=c.claims,
    )


def _dates_place(meetings: list[Meeting]) -> str:
    if len(meetings) != 1:
        first, last = min(m.start for m in meetings), max(m.end for m in meetings)
        return f"{month_year(first)} – {month_year(last)}"
    m = meetings[0]
    days = long_date_range(m.start, m.end)
    return f"{days} · {m.place}" if m.place.strip() else days  # an import may lack the place
