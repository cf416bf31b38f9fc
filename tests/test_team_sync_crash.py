"""A sync killed (SIGKILL) at random moments, 100 times: both sides stay consistent, nothing
is lost or duplicated, and the next sync completes it."""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import time
from pathlib import Path

import psycopg

from jcct_desktop.team.items import items_of
from jcct_desktop.team.sync import run_sync
from tests.pg_server import PgServer
from tests.team_state import shared_state
from tests.team_support import new_team_db, officer, role_url

RUNS = 100
CIDS = ["2011-NEV-1", "2011-NEV-2", "2011-SOFT-2", "2011-IPR-1"]


def _server_digests(url: str) -> tuple[int, set[str]]:
    with psycopg.connect(url) as conn:
        digests = [r[0] for r in conn.execute("SELECT digest FROM team_items")]
    return len(digests), set(digests)


def test_sigkill_at_random_points_loses_and_duplicates_nothing(
    pg: PgServer, tmp_path: Path
) -> None:
    url = new_team_db(pg)
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    as_alice, as_bob = role_url(pg, url, "alice"), role_url(pg, url, "bob")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.team_crash_child"])
    from tests.team_crash_child import sync_once

    rng = random.Random(15)
    killed = 0
    for run in range(RUNS):
        # A few hundred changes wait on each side: alice's to push, bob's (sent) to pull.
        for i in range(3):
            alice.add_note(commitment_id=rng.choice(CIDS), text=f"alice {run}.{i}")
            bob.add_note(commitment_id=rng.choice(CIDS), text=f"bob {run}.{i}")
        if run % 10 == 0:
            bob.record_assessment(commitment_id=rng.choice(CIDS), status="in_progress",
                                  evidence=f"bob's evidence {run}")
        run_sync(bob, as_bob)
        child = ctx.Process(target=sync_once, args=(str(tmp_path / "alice"), as_alice))
        child.start()
        time.sleep(rng.uniform(0.0, 0.08))
        child.kill()
        child.join()
        killed += child.exitcode == -9

        # Both sides consistent right after the kill.
        count, digests = _server_digests(url)
        assert count == len(digests)  # no duplicate
        with sqlite3.connect(tmp_path / "alice" / "annotations.sqlite") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The next sync completes it: everything of alice's is on the server, a second sync
        # changes nothing.
        run_sync(alice, as_alice)
        if run % 5 == 0:  # (checked every few runs: each check reads everything)
            _count, digests = _server_digests(url)
            assert {i.digest for a in alice.all() for i in items_of(a)} <= digests
            again = run_sync(alice, as_alice)
            assert (again.pulled, again.pushed) == (0, 0)

    run_sync(bob, as_bob)
    assert shared_state(alice) == shared_state(bob)
    notes = {n.text for a in alice.all() for n in a.notes}
    assert {f"{who} {r}.{i}" for who in ("alice", "bob") for r in range(RUNS)
            for i in range(3)} == notes
    assert killed > RUNS // 3  # most runs really were cut off mid-way
