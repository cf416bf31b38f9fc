"""A team server that trusts no client (issue 19, probes 10-13), against a real PostgreSQL:
numbers, digests and authors are the server's; group roles cannot push; readers cannot hold
the push lock; a sync waiting on the server holds no lock on the local notes; a client that
meets a number beyond the server's own re-reads instead of skipping the team's items."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import psycopg
import pytest
from alembic import command
from psycopg.types.json import Jsonb

from jcct_desktop.core.annotations.authors import note_author
from jcct_desktop.team.admin import alembic_config, init_team
from jcct_desktop.team.connect import TeamError, team_engine
from jcct_desktop.team.digest import item_digest
from jcct_desktop.team.items import items_of
from jcct_desktop.team.schema import HEAD
from jcct_desktop.team.sync import run_sync
from tests.pg_server import PgServer
from tests.team_state import shared_state
from tests.team_support import db_name, new_team_db, officer, role_url, sync_as

CID = "2011-NEV-1"
FAR = 10**15


def _rows(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def _team_at(pg: PgServer, revision: str) -> str:
    """A team database created by an older app (at ``revision``)."""
    url = new_team_db(pg, init=False)
    engine = team_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    engine.dispose()
    return url


def test_the_digest_here_is_the_servers(team_url: str) -> None:
    """Client and server hash the same canonical text, for awkward words too."""
    payloads = [
        {"text": 'quote " back\\slash\nnew\tline \x01 \x7f é 中文 \U0001f600 \u2028',
         "created": "2026-01-01T00:00:00+00:00", "updated": None},
        {"b": "2", "a": "1", "aa": "3", "é": "x", "Z": ""},
        {},
    ]
    with psycopg.connect(team_url) as conn:
        for payload in payloads:
            server = conn.execute("SELECT team_item_digest(%s, %s, %s::jsonb)",
                                  (CID, "note", Jsonb(payload))
                                  ).fetchone()[0]
            assert server == item_digest(CID, "note", payload)


def test_a_client_chosen_seq_is_replaced_by_the_servers(pg: PgServer, tmp_path: Path,
                                                         team_url: str) -> None:
    """Probe 10: an officer inserting seq = 10^15 gets the server's next number."""
    mallory = role_url(pg, team_url, "mallory")
    payload = '{"tag": "x"}'
    insert = ("INSERT INTO team_items (seq, digest, commitment_id, kind, payload) {} VALUES "
              "(%s, team_item_digest('c', 'tag', %s::jsonb), 'c', 'tag', %s::jsonb)")
    with psycopg.connect(mallory) as conn:
        with pytest.raises(psycopg.errors.GeneratedAlways):
            conn.execute(insert.format(""), (FAR, payload, payload))
        conn.rollback()
        conn.execute(insert.format("OVERRIDING SYSTEM VALUE"), (FAR, payload, payload))
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor move the counter
            conn.execute("SELECT setval('team_items_seq_seq', %s)", (FAR,))
    assert _rows(team_url, "SELECT max(seq) < 1000 FROM team_items") == [(True,)]
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    sync_as(pg, alice, team_url)
    bob.add_note(commitment_id=CID, text="after the forged row")
    sync_as(pg, bob, team_url)
    assert sync_as(pg, alice, team_url).kinds.get("note") == 1  # the team did not split


def test_an_older_server_with_a_forged_seq_is_renumbered_on_upgrade(
    pg: PgServer, tmp_path: Path
) -> None:
    """Probe 10 on a server set up before the fix (rows as the older app wrote them): the
    upgrade renumbers the forged row below the server's counter, recomputes every digest, and
    gives the team a new identity, so every laptop reads the record afresh."""
    url = _team_at(pg, "0001_team_items")
    team_before = _rows(url, "SELECT team_id FROM team_info")
    note = {"text": "before", "created": "2026-01-05T10:00:00+00:00",
            "updated": "2026-01-05T10:00:00+00:00"}
    with psycopg.connect(role_url(pg, url, "alice")) as conn:
        conn.execute("INSERT INTO team_items (digest, commitment_id, kind, payload) VALUES "
                     "('an old-style digest', %s, 'note', %s)", (CID, Jsonb(note)))
    with psycopg.connect(role_url(pg, url, "mallory")) as conn:
        conn.execute("INSERT INTO team_items (seq, digest, commitment_id, kind, payload) "
                     "VALUES (%s, 'made-up', 'c', 'tag', '{\"tag\": \"x\"}')", (FAR,))
    assert init_team(url) == HEAD
    assert _rows(url, "SELECT author FROM team_items ORDER BY seq") == [("alice",),
                                                                        ("mallory",)]
    assert _rows(url, "SELECT max(seq) < 1000, bool_and(digest = team_item_digest("
                 "commitment_id, kind, payload)) FROM team_items") == [(True, True)]
    assert _rows(url, "SELECT team_id FROM team_info") != team_before
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    bob.add_note(commitment_id=CID, text="after the upgrade")
    sync_as(pg, bob, url)
    sync_as(pg, alice, url)
    assert {n.text for n in alice.all()[0].notes} == {"before", "after the upgrade"}
    sync_as(pg, bob, url)
    assert shared_state(alice) == shared_state(bob)
    assert (sync_as(pg, alice, url).pushed, sync_as(pg, bob, url).pushed) == (0, 0)


def test_a_client_re_reads_when_it_meets_a_number_beyond_the_servers(
    pg: PgServer, tmp_path: Path, team_url: str
) -> None:
    """Probe 10, the client's side: a row numbered beyond the server's counter (written with
    the checks off, as an older server allowed) never moves a laptop past later items."""
    db = db_name(team_url)
    pg.psql("ALTER TABLE team_items DISABLE TRIGGER USER", db)
    pg.psql("INSERT INTO team_items (seq, digest, commitment_id, kind, payload, author) "
            f"OVERRIDING SYSTEM VALUE VALUES ({FAR}, team_item_digest('c', 'tag', "
            "'{\"tag\": \"x\"}'), 'c', 'tag', '{\"tag\": \"x\"}', 'mallory')", db)
    pg.psql("ALTER TABLE team_items ENABLE TRIGGER USER", db)
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    assert sync_as(pg, alice, team_url).kinds == {"tag": 1}
    bob.add_note(commitment_id=CID, text="pushed after the jump")
    sync_as(pg, bob, team_url)
    assert sync_as(pg, alice, team_url).kinds.get("note") == 1
    # and a laptop whose position was already past the counter reads everything again
    carol = officer(tmp_path, "carol")
    sync_as(pg, carol, team_url)
    with sqlite3.connect(tmp_path / "carol" / "annotations.sqlite") as conn:
        conn.execute("UPDATE team_sync_state SET last_seq = ?", (FAR * 10,))
        conn.execute("DELETE FROM team_sync_known")
    bob.add_note(commitment_id=CID, text="one more")
    sync_as(pg, bob, team_url)
    again = sync_as(pg, carol, team_url)
    assert "one more" in {n.text for n in carol.all()[0].notes}
    assert again.pushed == 0


def test_digests_are_checked_and_owned_per_author(pg: PgServer, tmp_path: Path,
                                                   team_url: str) -> None:
    """Probe 11: a colleague's predictable future tag cannot be pre-occupied with other
    words, and even her exact words posted first by someone else do not stand in for hers."""
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.change_tags(commitment_id=CID, add=["IPR"])
    future = {i.kind: i for i in items_of(alice.all()[0])}
    mallory = role_url(pg, team_url, "mallory")
    insert = "INSERT INTO team_items (digest, commitment_id, kind, payload) VALUES (%s, %s, %s, %s)"
    with psycopg.connect(mallory) as conn, pytest.raises(psycopg.errors.CheckViolation,
                                                         match="does not match its digest"):
        conn.execute(insert, (future["tag"].digest, CID, "tag", Jsonb({"tag": "forged"})))
    with psycopg.connect(mallory) as conn:  # her very words, predicted and posted first
        for item in future.values():
            conn.execute(insert, (item.digest, CID, item.kind, Jsonb(item.payload)))
    assert sync_as(pg, alice, team_url).pushed == 1  # her history entry, under her name
    assert sorted(_rows(team_url, "SELECT author, kind FROM team_items")) == [
        ("alice", "history"), ("mallory", "history"), ("mallory", "tag")]
    sync_as(pg, bob, team_url)
    got = bob.all()[0]
    assert got.tags == ("IPR",)
    assert sorted(h.who for h in got.history if h.field == "tags") == ["alice", "mallory"]


def test_the_author_shown_is_the_servers(pg: PgServer, tmp_path: Path,
                                         team_url: str) -> None:
    """Probe 12: mallory writing as 'alice' is shown as mallory to everyone else."""
    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.store.notes.database import open_user_db

    posing = AnnotationService(open_user_db(tmp_path / "mallory"), user="alice")
    posing.add_note(commitment_id=CID, text="I agree with everything")
    posing.record_assessment(commitment_id=CID, status="fulfilled", evidence="says alice")
    sync_as(pg, posing, team_url)  # connects as mallory
    bob = officer(tmp_path, "bob")
    result = sync_as(pg, bob, team_url)
    assert result.authors == ("mallory",)
    got = bob.all()[0]
    assert note_author(got, got.notes[0]) == "mallory"
    assert {r.who for r in got.assessments} == {"mallory"}
    assert {h.who for h in got.history} == {"mallory"}
    # what bob now holds is never sent back under his name
    assert sync_as(pg, bob, team_url).pushed == 0
    assert {a for (a,) in _rows(team_url, "SELECT DISTINCT author FROM team_items")} == {
        "mallory"}


def test_pushes_from_group_roles_are_refused(pg: PgServer, tmp_path: Path,
                                             team_url: str) -> None:
    """Probe 12: after SET ROLE jcct_officer a push would be anonymous: refused."""
    mallory = role_url(pg, team_url, "mallory")
    with psycopg.connect(mallory) as conn:
        conn.execute("SET ROLE jcct_officer")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="own login role"):
            conn.execute("INSERT INTO team_items (digest, commitment_id, kind, payload) "
                         "VALUES (team_item_digest('c', 'tag', '{}'), 'c', 'tag', '{}')")
    alice = officer(tmp_path, "alice")
    alice.add_note(commitment_id=CID, text="anonymous?")
    as_group = f"{mallory}&options=-crole%3Djcct_officer"
    with pytest.raises(TeamError, match="own login role, not as jcct_officer"):
        run_sync(alice, as_group)
    assert _rows(team_url, "SELECT count(*) FROM team_items") == [(0,)]
    assert sync_as(pg, alice, team_url).pushed == 2  # her own role pushes fine


def test_a_reader_cannot_stall_the_pushes(pg: PgServer, tmp_path: Path,
                                          team_url: str) -> None:
    """Probe 13: jcct_reader can take no lock a push waits for."""
    rita = role_url(pg, team_url, "rita", group="jcct_reader")
    alice = officer(tmp_path, "alice")
    alice.add_note(commitment_id=CID, text="pushed while rita holds what she can")
    with psycopg.connect(rita, autocommit=False) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (0x4A434354,))  # the old push lock
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT 1 FROM team_push_lock FOR UPDATE")
        conn.rollback()
        conn.execute("SELECT pg_advisory_lock(%s)", (0x4A434354,))
        conn.execute("LOCK TABLE team_items IN ACCESS SHARE MODE")  # all a reader may lock
        started = time.monotonic()
        assert sync_as(pg, alice, team_url).pushed == 2
        assert time.monotonic() - started < 5


def test_a_sync_waiting_on_the_server_leaves_the_notes_writable(
    pg: PgServer, tmp_path: Path, team_url: str
) -> None:
    """Probe 13: while a sync queues for the push lock, the window can still save."""
    alice = officer(tmp_path, "alice")
    alice.add_note(commitment_id=CID, text="waiting to go")
    window = officer(tmp_path, "alice")  # a second connection to the same notes file
    holder = psycopg.connect(role_url(pg, team_url, "bob"))
    holder.execute("SELECT 1 FROM team_push_lock FOR UPDATE")  # bob's push in progress
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(sync_as(pg, alice, team_url)))
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while "team_push_lock" not in pg.psql(
                "SELECT string_agg(query, ' ') FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock'"):
            assert time.monotonic() < deadline, "the sync never queued for the push lock"
            time.sleep(0.05)
        started = time.monotonic()
        window.add_note(commitment_id=CID, text="saved while the sync waits")
        assert time.monotonic() - started < 1
    finally:
        holder.rollback()
        holder.close()
        worker.join(30)
    assert outcome and outcome[0].pushed == 2  # type: ignore[attr-defined]
    assert sync_as(pg, alice, team_url).pushed == 2  # the note saved meanwhile goes next
