"""A commitment's standing as of a date: met, overdue, due soon… — judged in this one place.

Every view (tree, detail pane, timeline, status bar, filters, exports, the PDF) reads the
standing from here; none computes a state of its own. Words, colours and shapes for each value
live in :mod:`core.standing_words`.

**A milestone** stands as the newest assessment in force says, else as its deadline window says:

- the assessments considered are view ``us`` only (what China reports is shown beside ours but
  never changes the standing), effective on or before the as-of date (a briefing as of an earlier
  date uses only what was known then), and concerning this milestone or the whole commitment
  (``milestone=None``); the newest ``effective`` date wins, then the newest ``recorded`` time;
- fulfilled → ``met``, partially fulfilled → ``partly_met``, not fulfilled → ``not_met``,
  superseded → ``superseded``; "in progress" (or no assessment) leaves it to the deadline:
- window closed → ``overdue``; closes within :data:`DUE_SOON_DAYS` days → ``due_soon``;
  inside the window → ``open``; window not yet open → ``upcoming``;
- an **undated** milestone (the source states no date for that deliverable) has no window: it
  is never overdue or due, it stays ``no_deadline`` (pending) until assessed, and once assessed
  stands as any other (not met is a shortfall; partly met is not, having no window to close).

**A jurisdictional milestone** (kept or not province by province, issue 26) counts its
jurisdictions as of the as-of date: each province stands as its own newest ``us`` record in force
for this milestone (or the whole commitment) says — fulfilled is met; not or only partially
fulfilled is not met; in progress or nothing is not assessed; superseded ones are set aside
("24 of 31 met · 5 not met · 2 not assessed"). Once any province is assessed:

- every province met → ``met`` (since the last of them was);
- some met → ``partly_met``, the missing provinces named (a shortfall once its window closed);
- none met and some not met → ``not_met`` (a shortfall);
- none assessed met or not met (only in progress) → as its deadline window says.

With no province assessed it stands as any milestone does (a record for the whole milestone, else
the deadline). A province's record never stands for the milestone as a whole or for another
province.

**A commitment** with no milestone takes its whole-commitment assessment, else ``no_deadline``.
With milestones, the first rule that applies decides (the milestone behind it is "deciding"):

1. every milestone superseded → ``superseded``;
2. any milestone ``overdue`` → ``overdue`` (the one that closed first);
3. any milestone ``not_met`` → ``not_met`` (a shortfall);
4. any milestone ``partly_met`` whose window has closed → ``partly_met`` (a shortfall);
5. any milestone still pending → the most pressing of ``due_soon``, ``open``, ``upcoming``
   (the one that closes first), else an undated one not yet assessed → ``no_deadline``;
6. every milestone assessed: any ``partly_met`` → ``partly_met``, else ``met`` (met only when
   all are met, superseded ones aside; since the last of them was met).

**A shortfall** is a milestone we judged not met, or partly met once its window has closed:
what we assessed as missed. Rules 3 and 4 put it above every pending milestone, so a
commitment with a shortfall is never upcoming, open or due soon — assessing a milestone can
never make a problem look smaller than leaving it unassessed (rule 2) would. The words name
the missed milestone and the next pending deadline beside it (``core.standing_words``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    View,
    assessment_records,
)
from jcct_desktop.core.deadlines import DUE_SOON_DAYS, DateWindow, MilestoneState, state_as_of
from jcct_desktop.core.jurisdictions import Jurisdiction, Progress, Tile
from jcct_desktop.core.model import Commitment, Milestone


class Standing(StrEnum):
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    SUPERSEDED = "superseded"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"
    UPCOMING = "upcoming"
    NO_DEADLINE = "no_deadline"


ASSESSED: Mapping[Assessment, Standing] = {
    Assessment.FULFILLED: Standing.MET,
    Assessment.PARTIALLY_FULFILLED: Standing.PARTLY_MET,
    Assessment.NOT_FULFILLED: Standing.NOT_MET,
    Assessment.SUPERSEDED: Standing.SUPERSEDED,
}
PENDING = (Standing.DUE_SOON, Standing.OPEN, Standing.UPCOMING)  # most pressing first


class StandingAsOf(NamedTuple):  # immutable, and cheap to make 25,000 of for a 10k archive
    """One standing. For a commitment, ``milestones`` holds each milestone's own and
    ``deciding`` the index of the one that decides it (None without milestones)."""

    value: Standing
    as_of: date
    since: date | None  # when this standing began (None: upcoming, no deadline)
    closes: date | None = None  # the deciding window's last day
    record: AssessmentRecord | None = None  # the assessment that sets it, if any
    milestones: tuple[StandingAsOf, ...] = ()
    deciding: int | None = None
    label: str = ""  # a milestone's own label ("" for a commitment)
    progress: Progress | None = None  # a jurisdictional milestone's count, province by province

    @property
    def days_left(self) -> int | None:
        """Days until the window closes (negative once closed); None without a deadline."""
        return None if self.closes is None else (self.closes - self.as_of).days

    @property
    def shortfall(self) -> bool:
        """Judged not met, or partly met with the window closed (on a commitment: its
        deciding milestone is one)."""
        return is_shortfall(self.value, self.closes, self.as_of)

    @property
    def deciding_milestone(self) -> StandingAsOf | None:
        return None if self.deciding is None else self.milestones[self.deciding]

    @property
    def next_pending(self) -> StandingAsOf | None:
        """The pending milestone that closes first (None when none is pending)."""
        pending = [m for m in self.milestones if m.value in PENDING]
        return min(pending, key=lambda m: m.closes or date.max) if pending else None


def is_shortfall(value: Standing, closes: date | None, as_of: date) -> bool:
    if value is Standing.NOT_MET:
        return True
    return value is Standing.PARTLY_MET and closes is not None and closes < as_of


def roll_up(value: Standing, shortfall: bool) -> Standing | None:
    """What one commitment adds to a sector's or a meeting's marker, ranked as the rules above
    rank them: ``OVERDUE`` (rule 2), then any shortfall as ``NOT_MET`` (rules 3 and 4: it
    outranks every pending deadline), then ``DUE_SOON``; None when it asks for no attention.
    ``shortfall`` is the commitment's :attr:`StandingAsOf.shortfall` (a partly met one is a
    shortfall only once the window closed)."""
    if value is Standing.OVERDUE:
        return Standing.OVERDUE
    if value is Standing.NOT_MET or (value is Standing.PARTLY_MET and shortfall):
        return Standing.NOT_MET
    return Standing.DUE_SOON if value is Standing.DUE_SOON else None


ROLL_UP_RANK = (Standing.OVERDUE, Standing.NOT_MET, Standing.DUE_SOON)  # most pressing first


def _sort_key(r: AssessmentRecord) -> tuple[date, str]:
    return r.effective, r.recorded.isoformat() if r.recorded else ""


def applicable(records: Iterable[AssessmentRecord], as_of: date,
               milestone: str | None) -> list[AssessmentRecord]:
    """Our records in force on ``as_of`` for a milestone label (or the whole commitment),
    oldest first."""
    chosen = [r for r in records if r.view is View.US and r.effective <= as_of
              and r.jurisdiction is None
              and (r.milestone is None or r.milestone == milestone)]
    return sorted(chosen, key=_sort_key)


def in_force(records: Iterable[AssessmentRecord], as_of: date) -> list[AssessmentRecord]:
    """The newest record per (view, milestone, province) effective on ``as_of``: what the
    export lists."""
    newest: dict[tuple[View, str | None, str | None], AssessmentRecord] = {}
    for r in sorted((r for r in records if r.effective <= as_of), key=_sort_key):
        newest[(r.view, r.milestone, r.jurisdiction)] = r
    return sorted(newest.values(), key=lambda r: (r.view != View.US, r.milestone or "",
                                                  r.jurisdiction or "", r.effective))


def _assessed(records: list[AssessmentRecord], as_of: date,
              closes: date | None) -> StandingAsOf | None:
    """The standing the newest record sets, since the first of its unbroken run."""
    if not records or records[-1].status not in ASSESSED:
        return None
    value = ASSESSED[records[-1].status]
    since = records[-1].effective
    for r in reversed(records):
        if ASSESSED.get(r.status) is not value:
            break
        since = r.effective
    return StandingAsOf(value, as_of, since, closes, records[-1])


def deadline_value(window: DateWindow | None, as_of: date) -> Standing:
    """What a deadline window alone says on ``as_of`` (no assessment): overdue, due soon,
    open, upcoming, or no deadline when undated."""
    if window is None:  # undated: pending until assessed, never due or overdue
        return Standing.NO_DEADLINE
    s = state_as_of(window, as_of)
    if s.state is MilestoneState.PAST:
        return Standing.OVERDUE
    if s.days <= DUE_SOON_DAYS:
        return Standing.DUE_SOON
    return Standing.OPEN if s.state is MilestoneState.DUE else Standing.UPCOMING


def _from_deadline(m: Milestone, as_of: date, label: str = "") -> StandingAsOf:
    # the label is set here, not by _replace: that doubled the cost of a 100,000 book
    window = m.window
    value = deadline_value(window, as_of)
    if window is None:
        return StandingAsOf(value, as_of, None, label=label)
    if value is Standing.OVERDUE:
        since: date | None = window.latest + timedelta(days=1)
    elif value is Standing.DUE_SOON:
        since = window.latest - timedelta(days=DUE_SOON_DAYS)
    else:
        since = window.earliest if value is Standing.OPEN else None
    return StandingAsOf(value, as_of, since, window.latest, label=label)


# an unassessed commitment takes its most pressing milestone's value (rules 2 and 5)
_PRESSING = (Standing.OVERDUE, *PENDING, Standing.NO_DEADLINE)
_PRESSING_RANK = {value: rank for rank, value in enumerate(_PRESSING)}


def closes(m: Milestone) -> date | None:
    """The milestone window's last day; None when undated."""
    return None if m.window is None else m.window.latest


def milestone_standing(m: Milestone, records: Sequence[AssessmentRecord],
                       as_of: date) -> StandingAsOf:
    if not records:  # most commitments are never assessed
        return _from_deadline(m, as_of, m.label)
    if m.jurisdictions:
        found = _by_province(m, records, as_of)
        if found is not None:
            return found
    mine = applicable(records, as_of, m.label)
    found = _assessed(mine, as_of, closes(m)) or _from_deadline(m, as_of)
    return found._replace(label=m.label)


def province_records(records: Iterable[AssessmentRecord], as_of: date, milestone: str,
                     code: str) -> list[AssessmentRecord]:
    """Our records in force on ``as_of`` for one province on this milestone, oldest first."""
    chosen = [r for r in records if r.view is View.US and r.effective <= as_of
              and r.jurisdiction == code and (r.milestone is None or r.milestone == milestone)]
    return sorted(chosen, key=_sort_key)


def progress(m: Milestone, records: Sequence[AssessmentRecord], as_of: date
             ) -> tuple[Progress, list[AssessmentRecord]]:
    """The milestone's count over its jurisdictions, and each province's standing record."""
    met, not_met, unknown, aside, newest = [], [], [], [], []
    for place in m.jurisdictions:
        mine = province_records(records, as_of, m.label, place.code)
        status = mine[-1].status if mine else Assessment.NOT_ASSESSED
        newest += mine[-1:]
        if status is Assessment.FULFILLED:
            met.append(place)
        elif status in (Assessment.NOT_FULFILLED, Assessment.PARTIALLY_FULFILLED):
            not_met.append(place)
        elif status is Assessment.SUPERSEDED:
            aside.append(place)
        else:
            unknown.append(place)
    return Progress(tuple(met), tuple(not_met), tuple(unknown), tuple(aside)), newest


_TILE_WORDS = {
    Assessment.FULFILLED: ("Met", Standing.MET),
    Assessment.PARTIALLY_FULFILLED: ("Partly met", Standing.PARTLY_MET),
    Assessment.NOT_FULFILLED: ("Not met", Standing.NOT_MET),
    Assessment.SUPERSEDED: ("Superseded", Standing.SUPERSEDED),
}


def tiles(m: Milestone, records: Sequence[AssessmentRecord], as_of: date,
          places: Sequence[Jurisdiction] = ()) -> list[Tile]:
    """Every province of the map (``places``: all listed ones, else the milestone's own) as
    the records in force on ``as_of`` say; those outside the count read "outside the count"."""
    counted = {j.code for j in m.jurisdictions}
    out = []
    for place in places or m.jurisdictions:
        if place.code not in counted:
            out.append(Tile(place, "Outside the count", Standing.NO_DEADLINE.value))
            continue
        mine = province_records(records, as_of, m.label, place.code)
        last = mine[-1] if mine else None
        word, value = _TILE_WORDS.get(last.status if last else Assessment.NOT_ASSESSED,
                                      ("Not assessed", Standing.NO_DEADLINE))
        out.append(Tile(place, word, value.value, last.evidence if last else ""))
    return out


def _by_province(m: Milestone, records: Sequence[AssessmentRecord],
                 as_of: date) -> StandingAsOf | None:
    """The standing the provinces' count sets (None while no province is assessed)."""
    count, newest = progress(m, records, as_of)
    if not newest:
        return None
    last = max(newest, key=_sort_key)
    last_day = closes(m)
    if not count.missing and count.met:
        value, since = Standing.MET, max(r.effective for r in newest)
    elif count.met:
        value, since = Standing.PARTLY_MET, last.effective
    elif count.not_met:
        value, since = Standing.NOT_MET, last.effective
    elif count.superseded and not count.not_assessed:
        value, since = Standing.SUPERSEDED, last.effective
    else:  # only "in progress": the deadline decides, the count is still shown
        return _from_deadline(m, as_of)._replace(label=m.label, progress=count)
    return StandingAsOf(value, as_of, since, last_day, last, label=m.label, progress=count)


def commitment_standing(c: Commitment, records: Sequence[AssessmentRecord],
                        as_of: date) -> StandingAsOf:
    """The commitment's standing by the rule in this module's docstring."""
    if not c.milestones:
        whole = applicable(records, as_of, None) if records else []
        found = _assessed([r for r in whole if r.milestone is None], as_of, None)
        return found or StandingAsOf(Standing.NO_DEADLINE, as_of, None)
    each = tuple(milestone_standing(m, records, as_of) for m in c.milestones)
    index = _deciding(each)
    return _with(each[index], each, index)


def _deciding(each: tuple[StandingAsOf, ...]) -> int:
    if len(each) == 1:  # most commitments: nothing to weigh
        return 0
    by_close = sorted(range(len(each)), key=lambda i: each[i].closes or date.max)
    values = [s.value for s in each]
    if all(v is Standing.SUPERSEDED for v in values):
        return by_close[-1]
    for wanted in (Standing.OVERDUE, Standing.NOT_MET):
        first = next((i for i in by_close if values[i] is wanted), None)
        if first is not None:
            return first
    # a partly met milestone whose window closed outranks any pending one (rule 4)
    missed = next((i for i in by_close if each[i].shortfall), None)
    if missed is not None:
        return missed
    for wanted in (*PENDING, Standing.NO_DEADLINE):  # an unassessed undated one is pending
        first = next((i for i in by_close if values[i] is wanted), None)
        if first is not None:
            return first
    kept = [i for i in by_close if values[i] is not Standing.SUPERSEDED]
    partly = [i for i in kept if values[i] is Standing.PARTLY_MET]
    # met (or partly met) since the last of them was assessed so (then: the last to close)
    return max(partly or kept, key=lambda i: (each[i].since or date.min,
                                              each[i].closes or date.min))


def _with(s: StandingAsOf, each: tuple[StandingAsOf, ...], index: int) -> StandingAsOf:
    return StandingAsOf(s.value, s.as_of, s.since, s.closes, s.record, each, index)


class JudgedOnDemand(Mapping[str, StandingAsOf]):
    """Every commitment's standing, each judged (by :func:`commitment_standing`) the first
    time it is asked for: at the start of a 100,000-commitment archive the views read the
    standing of the few rows they show, and only the values of the rest.

    Read from several threads (the window, a packet's worker): a standing judged twice at
    once is judged the same, and a dictionary write is atomic.
    """

    def __init__(self, commitments: Iterable[Commitment],
                 records: Mapping[str, Sequence[AssessmentRecord]], as_of: date) -> None:
        self._source = commitments  # which commitments: an earlier book of them is reused
        self._commitments = {c.id: c for c in commitments}
        self._records, self._as_of = records, as_of
        self._judged: dict[str, StandingAsOf] = {}
        self._values: dict[str, Standing] | None = None

    def __getitem__(self, commitment_id: str) -> StandingAsOf:
        found = self._judged.get(commitment_id)
        if found is None:
            c = self._commitments[commitment_id]  # KeyError: not in the book
            found = self._judged[commitment_id] = commitment_standing(
                c, self._records.get(commitment_id, ()), self._as_of)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._commitments)

    def __len__(self) -> int:
        return len(self._commitments)

    @property
    def judged_count(self) -> int:
        """How many standings have been judged in full so far."""
        return len(self._judged)

    def reuse(self, earlier: JudgedOnDemand) -> None:
        """Take the values of an earlier book of the same commitments on the same date: only
        the commitments whose assessments differ are judged again (a note edited)."""
        known = earlier._values
        if (self._values is not None or known is None or earlier._source is not self._source
                or earlier._as_of != self._as_of):
            return
        before, now = earlier._records, self._records
        values = dict(known)
        for cid in before.keys() | now.keys():
            if before.get(cid) != now.get(cid) and cid in self._commitments:
                values[cid] = self[cid].value
        self._values = values

    def values_by_id(self) -> Mapping[str, Standing]:
        """Every standing's value, in one pass: an unassessed commitment stands as its
        deadline windows say, so each distinct window is judged once and a commitment takes
        its most pressing one (the reference store shares one window object per distinct
        window; told apart by identity, an unshared equal window is merely judged again)."""
        if self._values is None:
            as_of, records = self._as_of, self._records
            # keyed by identity: the windows live as long as the commitments holding them
            by_window: dict[int, int] = {}
            values: dict[str, Standing] = {}
            last = len(_PRESSING) - 1  # no milestone: no deadline
            for cid, c in self._commitments.items():
                if cid in records:
                    values[cid] = self[cid].value
                    continue
                rank = last
                for m in c.milestones:
                    window = m.window
                    found = by_window.get(id(window))
                    if found is None:
                        found = by_window[id(window)] = _PRESSING_RANK[
                            deadline_value(window, as_of)]
                    if found < rank:
                        rank = found
                values[cid] = _PRESSING[rank]
            self._values = values
        return self._values


@dataclass(frozen=True)
class StandingBook:
    """Every commitment's standing as of one date, computed once for all the views."""

    as_of: date
    by_id: Mapping[str, StandingAsOf]

    def of(self, commitment_id: str) -> StandingAsOf:
        found = self.by_id.get(commitment_id)
        return found if found is not None else StandingAsOf(Standing.NO_DEADLINE, self.as_of,
                                                            None)

    def milestone(self, commitment_id: str, index: int) -> StandingAsOf:
        return self.of(commitment_id).milestones[index]

    def reuse_values(self, earlier: StandingBook) -> None:
        """Start from an earlier book's values when it judged the same commitments on the same
        date (:meth:`JudgedOnDemand.reuse`)."""
        if isinstance(self.by_id, JudgedOnDemand) and isinstance(earlier.by_id, JudgedOnDemand):
            self.by_id.reuse(earlier.by_id)

    def values(self) -> dict[str, Standing]:
        if isinstance(self.by_id, JudgedOnDemand):
            return dict(self.by_id.values_by_id())
        return {cid: s.value for cid, s in self.by_id.items()}

    def count(self, value: Standing, ids: Iterable[str] | None = None) -> int:
        if isinstance(self.by_id, JudgedOnDemand):
            known = self.by_id.values_by_id()
            return sum(known.get(i, Standing.NO_DEADLINE) is value
                       for i in (known if ids is None else ids))
        chosen = self.by_id if ids is None else ids
        return sum(self.of(i).value is value for i in chosen)


def records_by_id(annotations: Iterable[Annotation]) -> dict[str, tuple[AssessmentRecord, ...]]:
    return {a.commitment_id: assessment_records(a) for a in annotations}


def standing_book(commitments: Iterable[Commitment],
                  records: Mapping[str, Sequence[AssessmentRecord]], as_of: date) -> StandingBook:
    """Each standing judged when first read (:class:`JudgedOnDemand`)."""
    return StandingBook(as_of, JudgedOnDemand(commitments, records, as_of))
