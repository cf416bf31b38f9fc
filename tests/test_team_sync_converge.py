"""Three officers editing and syncing in random interleavings converge, and every edit made
anywhere is present everywhere (Hypothesis; a real PostgreSQL server)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop.store.annotations import AnnotationService
from tests.pg_server import PgServer
from tests.team_state import shared_state
from tests.team_support import new_team_db, officer, sync_as

OFFICERS = ("alice", "bob", "chen")
CIDS = ("2011-NEV-1", "2011-SOFT-2", "2011-IPR-1")
STATUSES = ("in_progress", "fulfilled", "not_fulfilled")
TAGS = ("IPR", "ipr", "autos", "SOE")

step = st.one_of(
    st.tuples(st.just("note"), st.sampled_from(CIDS)),
    st.tuples(st.just("edit"), st.sampled_from(CIDS)),
    st.tuples(st.just("delete"), st.sampled_from(CIDS)),
    st.tuples(st.just("assess"), st.sampled_from(CIDS), st.sampled_from(STATUSES)),
    st.tuples(st.just("tag"), st.sampled_from(CIDS), st.sampled_from(TAGS)),
    st.tuples(st.just("untag"), st.sampled_from(CIDS), st.sampled_from(TAGS)),
    st.tuples(st.just("follow"), st.sampled_from(CIDS), st.integers(1, 28)),
    st.tuples(st.just("star"), st.sampled_from(CIDS)),
    st.tuples(st.just("sync"),),
)
script = st.lists(st.tuples(st.sampled_from(OFFICERS), step), min_size=4, max_size=25)


def _apply(service: AnnotationService, op: tuple, n: int, written: set[str]) -> None:
    kind, *args = op
    cid = args[0] if args else CIDS[0]
    notes = [nt for a in service.all() if a.commitment_id == cid for nt in a.notes]
    if kind == "note":
        text = f"{service._user} note {n}"
        service.add_note(commitment_id=cid, text=text)
        written.add(text)
    elif kind == "edit" and notes:
        text = f"{service._user} edit {n}"
        service.edit_note(note_id=notes[0].id, text=text)
        written.add(text)
    elif kind == "delete" and notes:
        service.delete_note(note_id=notes[-1].id)
    elif kind == "assess":
        service.record_assessment(commitment_id=cid, status=args[1],
                                  evidence=f"{service._user} evidence {n}")
    elif kind == "tag":
        service.change_tags(commitment_id=cid, add=[args[1]])
    elif kind == "untag":
        service.change_tags(commitment_id=cid, remove=[args[1]])
    elif kind == "follow":
        service.set_follow_up(commitment_id=cid, follow_up=date(2012, 3, args[1]))
    elif kind == "star":
        service.set_starred(commitment_id=cid, starred=True)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=script)
def test_three_officers_converge(pg: PgServer, steps: list) -> None:
    url = new_team_db(pg)
    folder = Path(tempfile.mkdtemp(prefix="jcct-converge-"))
    team = {name: officer(folder, name) for name in OFFICERS}
    try:
        written: set[str] = set()
        shared: set[str] = set()  # note texts some sync has sent or brought in
        for n, (name, op) in enumerate(steps):
            if op[0] == "sync":
                sync_as(pg, team[name], url)
                shared |= {nt.text for a in team[name].all() for nt in a.notes}
            else:
                _apply(team[name], op, n, written)
        for _round in range(2):  # everyone syncs twice: what the last one sent reaches all
            for name in OFFICERS:
                sync_as(pg, team[name], url)
        states = [shared_state(team[name]) for name in OFFICERS]
        assert states[0] == states[1] == states[2]
        for name in OFFICERS:
            # every text written anywhere is everywhere: as a note, or (edited or deleted
            # before it was ever shared) in the history that travels with it
            annotations = team[name].all()
            texts = {nt.text for a in annotations for nt in a.notes}
            texts |= {h.new for a in annotations for h in a.history if h.field == "note"}
            assert written <= texts
            notes = {nt.text for a in annotations for nt in a.notes}
            assert shared <= notes  # a note once shared is never lost, wherever edited
            again = sync_as(pg, team[name], url)
            assert (again.pulled, again.pushed, again.changed) == (0, 0, frozenset())
    finally:
        for service in team.values():
            service.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_follow_up_moved_earlier_after_sharing_converges(pg: PgServer) -> None:
    """Found by the property above: alice shares a follow-up, then moves it earlier; her
    colleagues keep the later date (the rule: the latest follow-up), so must she."""
    url = new_team_db(pg)
    folder = Path(tempfile.mkdtemp(prefix="jcct-follow-"))
    team = {name: officer(folder, name) for name in OFFICERS}
    try:
        alice = team["alice"]
        alice.set_follow_up(commitment_id=CIDS[0], follow_up=date(2012, 3, 2))
        sync_as(pg, alice, url)
        alice.set_follow_up(commitment_id=CIDS[0], follow_up=date(2012, 3, 1))
        for _round in range(2):
            for name in OFFICERS:
                sync_as(pg, team[name], url)
        states = [shared_state(team[name]) for name in OFFICERS]
        assert states[0] == states[1] == states[2]
        assert {team[n].get(CIDS[0]).follow_up for n in OFFICERS} == {date(2012, 3, 2)}
    finally:
        for service in team.values():
            service.close()
        shutil.rmtree(folder, ignore_errors=True)
