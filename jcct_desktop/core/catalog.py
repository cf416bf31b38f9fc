"""The reference data in memory: meetings, sectors, commitments, facts, with fast lookups.

Built once from the read-only database (``store.reference``); immutable afterwards, so views
and the PDF can share it freely, across threads too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import Any

from jcct_desktop.core.deferred import Later, read_on_first_use
from jcct_desktop.core.jurisdictions import Jurisdiction
from jcct_desktop.core.model import Agency, Commitment, Fact, FactSheet, Link, Meeting, Sector
from jcct_desktop.core.search import Thesaurus

_id = attrgetter("id")


@dataclass(frozen=True)
class Catalog:
    meetings: tuple[Meeting, ...]
    sectors: tuple[Sector, ...]  # source order, groups and sectors interleaved
    commitments: tuple[Commitment, ...]  # source order
    facts: tuple[Fact, ...]  # may be read on first use (``facts_read_later``)
    agencies: tuple[Agency, ...]
    # ours: abbreviation → the phrases the source uses for it ("IPR" → "intellectual property")
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fact_sheets: tuple[FactSheet, ...] = ()
    links: tuple[Link, ...] = ()  # reviewed: later commitment → earlier one
    issue_areas: tuple[str, ...] = ()  # ours: the list every meeting's commitments draw on
    jurisdictions: tuple[Jurisdiction, ...] = ()  # China's provincial-level divisions (issue 26)

    # The indexes are built on first use, not at open: 100,000 commitments took a tenth of a
    # second to index, and what a one-shot command or the first paint asks needs few of
    # them. Each is computed from the fields alone (an immutable catalog), so threads that
    # race to build one build equal ones.
    @cached_property
    def _by_id(self) -> dict[str, Commitment]:
        return dict(zip(map(_id, self.commitments), self.commitments, strict=True))

    @cached_property
    def _sector(self) -> dict[tuple[str, str], Sector]:
        return {(s.meeting, s.code): s for s in self.sectors}

    @cached_property
    def _children(self) -> dict[tuple[str, str | None], list[Sector]]:
        children: dict[tuple[str, str | None], list[Sector]] = defaultdict(list)
        for s in self.sectors:
            children[(s.meeting, s.parent)].append(s)
        return dict(children)

    @cached_property
    def _in_sector(self) -> dict[tuple[str, str], list[Commitment]]:
        in_sector: dict[tuple[str, str], list[Commitment]] = defaultdict(list)
        for c in self.commitments:
            in_sector[(c.meeting, c.sector)].append(c)
        return dict(in_sector)

    @cached_property
    def _facts_in(self) -> dict[tuple[str, str], list[Fact]]:
        facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for f in self.facts:
            facts[(f.meeting, f.sector)].append(f)
        return dict(facts)

    @cached_property
    def _fact(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @cached_property
    def thesaurus(self) -> Thesaurus:
        names = [(zh, (en,)) for m in self.meetings for en, zh in m.glossary]
        return Thesaurus([*self.synonyms, *names])

    @cached_property
    def _meeting(self) -> dict[str, Meeting]:
        return {m.id: m for m in self.meetings}

    def __getstate__(self) -> dict[str, Any]:
        """A copy holds the values (facts read later are read now), never their loader."""
        self.facts  # noqa: B018  (read for its effect)
        return dict(vars(self))

    # -- lookups -------------------------------------------------------------------------
    def commitment(self, commitment_id: str) -> Commitment:
        return self._by_id[commitment_id]

    def get(self, commitment_id: str) -> Commitment | None:
        return self._by_id.get(commitment_id)

    def __contains__(self, commitment_id: object) -> bool:
        return commitment_id in self._by_id

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self._by_id)

    def meeting(self, meeting_id: str) -> Meeting:
        return self._meeting[meeting_id]

    def fact_sheets_of(self, meeting_id: str) -> list[FactSheet]:
        return [f for f in self.fact_sheets if f.meeting == meeting_id]

    def links_from(self, commitment_id: str) -> list[Link]:
        """What this (later) commitment builds on, extends, reaffirms or supersedes."""
        return [link for link in self.links if link.source == commitment_id]

    def links_to(self, commitment_id: str) -> list[Link]:
        """The later commitments that build on, extend, reaffirm or supersede this one."""
        return [link for link in self.links if link.target == commitment_id]

    def only(self, meeting_ids: Collection[str]) -> Catalog:
        """The same catalog restricted to some meetings (``--meeting``, the meeting filter)."""
        keep = set(meeting_ids)
        ids = {c.id for c in self.commitments if c.meeting in keep}
        return facts_read_later(Catalog(
            tuple(m for m in self.meetings if m.id in keep),
            tuple(s for s in self.sectors if s.meeting in keep),
            tuple(c for c in self.commitments if c.meeting in keep),
            (),
            self.agencies,
            synonyms=self.synonyms,
            fact_sheets=tuple(f for f in self.fact_sheets if f.meeting in keep),
            links=tuple(lk for lk in self.links if lk.source in ids or lk.target in ids),
            issue_areas=self.issue_areas,
            jurisdictions=self.jurisdictions,
        ), Later(lambda: tuple(f for f in self.facts if f.meeting in keep)))

    def merged(self, other: Catalog) -> Catalog:
        """This catalog and ``other`` (imported meetings) as one, meetings in date order.

        Ids never collide: the importer refuses a commitment id already present. A meeting
        in both (a joint fact sheet imported for the bundled meeting) is this catalog's; the
        other's commitments and facts of it follow this catalog's.
        """
        held = {m.id for m in self.meetings}
        meetings = tuple(sorted(self.meetings + tuple(m for m in other.meetings
                                                      if m.id not in held),
                                key=lambda m: m.start))  # fmt: skip
        order = {m.id: i for i, m in enumerate(meetings)}
        agencies = {a.code: a for a in other.agencies} | {a.code: a for a in self.agencies}
        areas = self.issue_areas + tuple(a for a in other.issue_areas
                                         if a not in self.issue_areas)
        return facts_read_later(Catalog(
            meetings,
            self.sectors + other.sectors,
            tuple(c for _, c in sorted(
                [*((0, c) for c in self.commitments), *((1, c) for c in other.commitments)],
                key=lambda oc: (order[oc[1].meeting], oc[0], oc[1].position))),
            (),
            tuple(sorted(agencies.values(), key=lambda a: a.code)),
            synonyms=self.synonyms + tuple(s for s in other.synonyms if s not in self.synonyms),
            fact_sheets=self.fact_sheets + other.fact_sheets,
            links=self.links + other.links,
            issue_areas=areas,
            jurisdictions=self.jurisdictions or other.jurisdictions,
        ), Later(lambda: tuple(f for _, f in sorted(
            [*((0, f) for f in self.facts), *((1, f) for f in other.facts)],
            key=lambda of: (order[of[1].meeting], of[0], of[1].position)))))

    def sector(self, meeting_id: str, code: str) -> Sector:
        return self._sector[(meeting_id, code)]

    def sector_of(self, commitment: Commitment) -> Sector:
        return self._sector[(commitment.meeting, commitment.sector)]

    def group_of(self, sector: Sector) -> Sector:
        return self._sector[(sector.meeting, sector.parent)] if sector.parent else sector

    def groups(self, meeting_id: str) -> Sequence[Sector]:
        return self._children.get((meeting_id, None), [])

    def subsectors(self, group: Sector) -> Sequence[Sector]:
        return self._children.get((group.meeting, group.code), [])

    def commitments_in(self, sector: Sector) -> Sequence[Commitment]:
        return self._in_sector.get((sector.meeting, sector.code), [])

    def facts_in(self, sector: Sector) -> Sequence[Fact]:
        return self._facts_in.get((sector.meeting, sector.code), [])

    def facts_for(self, sector: Sector) -> list[Fact]:
        """The sector's own facts, then its group's (the figures an officer reads beside it)."""
        own = list(self.facts_in(sector))
        if sector.parent:
            own += self.facts_in(self.group_of(sector))
        return own

    def commitments_under(self, sector: Sector) -> list[Commitment]:
        """Every commitment of a sector, or of a group and all its sectors, in source order."""
        found = list(self.commitments_in(sector))
        for child in self.subsectors(sector):
            found += self.commitments_in(child)
        return sorted(found, key=lambda c: c.position)

    def fact(self, fact_id: str) -> Fact | None:
        return self._fact.get(fact_id)

    def agency(self, code: str) -> Agency | None:
        return next((a for a in self.agencies if a.code == code), None)

    def select(self, ids: Iterable[str]) -> list[Commitment]:
        """The given commitments that exist, in source order."""
        wanted = set(ids)
        return [c for c in self.commitments if c.id in wanted]


read_on_first_use(Catalog, "facts")


def facts_read_later(catalog: Catalog, facts: Later[tuple[Fact, ...]]) -> Catalog:
    """``catalog`` (just made, not yet shared) with its facts read on first use: neither
    opening nor the window's first paint reads them (issue 25)."""
    object.__setattr__(catalog, "facts", facts)
    return catalog
