"""Issue 26: an assessment of one province travels through team sync like any other
(a real PostgreSQL server, two officers)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jcct_desktop.core.standing import commitment_standing
from jcct_desktop.store.reference.reader import open_reference
from tests.pg_server import PgServer
from tests.team_state import shared_state
from tests.team_support import officer, sync_as

CID = "2011-SOFT-2"
PROVINCIAL = "Provincial software legalization completed (all 31 provincial entities)"


def test_a_province_assessment_survives_team_sync(pg: PgServer, tmp_path: Path,
                                                  team_url: str) -> None:
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.record_for_jurisdictions(
        commitment_id=CID, jurisdictions=["CN-GD", "CN-SH"], status="fulfilled",
        evidence="Provincial notices", effective=date(2012, 6, 1), milestone=PROVINCIAL)
    alice.record_assessment(commitment_id=CID, status="in_progress", evidence="whole",
                            effective=date(2012, 6, 1))
    sync_as(pg, alice, team_url)
    got = sync_as(pg, bob, team_url)
    assert got.pulled > 0 and CID in got.changed
    (a,) = bob.all()
    assert sorted((r.jurisdiction or "", r.status.value, r.who) for r in a.assessments) == [
        ("", "in_progress", "alice"), ("CN-GD", "fulfilled", "alice"),
        ("CN-SH", "fulfilled", "alice")]
    soft = open_reference().catalog.commitment(CID)
    counted = commitment_standing(soft, a.assessments, date(2012, 8, 1)).milestones[0]
    assert counted.progress is not None
    assert counted.progress.words == "2 of 31 met · 29 not assessed"
    # synced again: nothing moves, both officers hold the same
    sync_as(pg, alice, team_url)
    again = sync_as(pg, bob, team_url)
    assert (again.pulled, again.pushed) == (0, 0)
    assert shared_state(alice) == shared_state(bob)
