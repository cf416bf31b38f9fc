"""Team sync against a real PostgreSQL server: merge rules, authors, idempotence, roles,
schema versions, TLS settings, an unreachable or stopped server."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import psycopg
import pytest
from alembic.script import ScriptDirectory

from jcct_desktop.team.admin import MIGRATIONS, init_team
from jcct_desktop.team.connect import TeamError
from jcct_desktop.team.schema import HEAD, KNOWN_REVISIONS
from jcct_desktop.team.state import last_sync
from jcct_desktop.team.sync import run_sync
from tests.pg_server import PgServer
from tests.team_state import shared_state
from tests.team_support import db_name, new_team_db, officer, sync_as

CID = "2011-NEV-1"


def _count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM team_items").fetchone()[0]


def test_known_revisions_match_the_migration_scripts() -> None:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(revisions) == KNOWN_REVISIONS
    assert script.get_current_head() == HEAD


def test_init_is_idempotent_and_creates_the_roles(pg: PgServer) -> None:
    url = new_team_db(pg, init=False)
    assert init_team(url) == HEAD
    assert init_team(url) == HEAD
    roles = pg.psql("SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles "
                    "WHERE rolname LIKE 'jcct_%'")
    assert roles == "jcct_officer,jcct_reader"


def test_two_officers_merge_like_import(pg: PgServer, tmp_path: Path,
                                        team_url: str) -> None:
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.add_note(commitment_id=CID, text="Alice's note")
    alice.change_tags(commitment_id=CID, add=["IPR"])
    alice.set_starred(commitment_id=CID, starred=True)
    bob.change_tags(commitment_id=CID, add=["ipr", "autos"])
    bob.add_note(commitment_id=CID, text="Bob's note")

    first = sync_as(pg, alice, team_url)
    assert first.pushed > 0 and first.pulled == 0
    got = sync_as(pg, bob, team_url)
    assert got.pulled > 0 and got.kinds["note"] == 1 and CID in got.changed
    sync_as(pg, alice, team_url)

    assert shared_state(alice) == shared_state(bob)
    a = alice.annotation(CID) if hasattr(alice, "annotation") else alice.all()[0]
    b = bob.all()[0]
    assert sorted(n.text for n in a.notes) == ["Alice's note", "Bob's note"]
    assert sorted(t.casefold() for t in b.tags) == ["autos", "ipr"]
    assert a.starred and not b.starred  # stars per officer
    assert all(h.field != "starred" for h in b.history)


def test_sync_twice_changes_nothing(pg: PgServer, tmp_path: Path, team_url: str) -> None:
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.add_note(commitment_id=CID, text="one")
    bob.add_note(commitment_id=CID, text="two")
    for who in (alice, bob, alice):
        sync_as(pg, who, team_url)
    rows, before = _count(team_url), (shared_state(alice), shared_state(bob))
    again = sync_as(pg, alice, team_url), sync_as(pg, bob, team_url)
    assert [(r.pulled, r.pushed, r.changed) for r in again] == [(0, 0, frozenset())] * 2
    assert _count(team_url) == rows
    assert (shared_state(alice), shared_state(bob)) == before


def test_assessments_newest_wins_and_the_loser_is_kept(pg: PgServer, tmp_path: Path,
                                                        team_url: str) -> None:
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.record_assessment(commitment_id=CID, status="in_progress", evidence="Draft seen")
    time.sleep(0.01)
    bob.record_assessment(commitment_id=CID, status="fulfilled", evidence="Rule published")
    sync_as(pg, bob, team_url)
    sync_as(pg, alice, team_url)
    sync_as(pg, bob, team_url)
    for service in (alice, bob):
        a = service.all()[0]
        assert a.status.value == "fulfilled" and a.evidence == "Rule published"
        assert {(r.status.value, r.who) for r in a.assessments} == {
            ("in_progress", "alice"), ("fulfilled", "bob")}
        assert {h.who for h in a.history if h.field == "status"} == {"alice", "bob"}


def test_an_edited_note_keeps_the_shared_text(pg: PgServer, tmp_path: Path,
                                              team_url: str) -> None:
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    change = alice.add_note(commitment_id=CID, text="first wording")
    sync_as(pg, alice, team_url)
    alice.edit_note(note_id=change.note_id, text="second wording")
    sync_as(pg, alice, team_url)
    sync_as(pg, bob, team_url)
    for service in (alice, bob):
        texts = sorted(n.text for n in service.all()[0].notes)
        assert texts == ["first wording", "second wording"]  # nothing shared is ever lost


def test_every_item_carries_its_author_role(pg: PgServer, tmp_path: Path,
                                            team_url: str) -> None:
    pg.psql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'carol') THEN "
            "CREATE ROLE carol LOGIN IN ROLE jcct_officer; END IF; END $$")
    carol = officer(tmp_path, "carol")
    carol.add_note(commitment_id=CID, text="from carol")
    url = team_url.replace(f"{pg.user}@", "carol@")
    assert run_sync(carol, url).pushed == 2  # the note and its history entry
    with psycopg.connect(team_url) as conn:
        authors = {r[0] for r in conn.execute("SELECT DISTINCT author FROM team_items")}
        # the server sets the author: a client cannot claim another
        conn.execute("INSERT INTO team_items (digest, commitment_id, kind, payload, author) "
                     "VALUES (team_item_digest('c', 'tag', '{}'), 'c', 'tag', '{}', "
                     "'someone else')")
        forged = conn.execute("SELECT author FROM team_items WHERE commitment_id = 'c'"
                              ).fetchone()[0]
        conn.rollback()
    assert authors == {"carol"}
    assert forged == pg.user
    bob = officer(tmp_path, "bob")
    result = run_sync(bob, team_url)
    assert result.authors == ("carol",)
    seen = last_sync(bob.engine)
    assert seen is not None and seen.brought_in["authors"] == ["carol"]


def test_a_read_only_role_pulls_but_never_pushes(pg: PgServer, tmp_path: Path,
                                                 team_url: str) -> None:
    pg.psql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rita') THEN "
            "CREATE ROLE rita LOGIN IN ROLE jcct_reader; END IF; END $$")
    alice, rita = officer(tmp_path, "alice"), officer(tmp_path, "rita")
    alice.add_note(commitment_id=CID, text="for everyone")
    run_sync(alice, team_url)
    rows = _count(team_url)
    rita.add_note(commitment_id="2011-NEV-2", text="rita's own")
    reader_url = team_url.replace(f"{pg.user}@", "rita@")
    result = run_sync(rita, reader_url)
    assert result.read_only and result.pushed == 0 and result.kinds["note"] == 1
    assert "read-only" in result.describe()
    assert _count(team_url) == rows
    assert {n.text for a in rita.all() for n in a.notes} == {"for everyone", "rita's own"}
    with psycopg.connect(reader_url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("INSERT INTO team_items (digest, commitment_id, kind, payload) "
                     "VALUES ('y', 'c', 'tag', '{}')")
    assert run_sync(rita, reader_url).pulled == 0


def test_a_newer_team_schema_is_refused(pg: PgServer, tmp_path: Path,
                                        team_url: str) -> None:
    alice = officer(tmp_path, "alice")
    alice.add_note(commitment_id=CID, text="kept here")
    db = db_name(team_url)
    pg.psql("UPDATE alembic_version SET version_num = '0999_from_the_future'", db)
    with pytest.raises(TeamError, match="newer than this app knows"):
        run_sync(alice, team_url)
    with pytest.raises(TeamError, match="newer than this app knows"):
        init_team(team_url)
    assert _count(team_url) == 0
    assert last_sync(alice.engine) is None


def test_a_database_never_set_up_is_explained(pg: PgServer, tmp_path: Path) -> None:
    url = new_team_db(pg, init=False)
    with pytest.raises(TeamError, match="team init"):
        run_sync(officer(tmp_path, "alice"), url)


def test_tls_settings_reach_libpq(pg: PgServer, tmp_path: Path,
                                  team_url: str) -> None:
    db = db_name(team_url)
    plain = pg.url(db, tcp=True)
    alice = officer(tmp_path, "alice")
    assert run_sync(alice, plain).read_only is False  # the loopback port works
    root = tmp_path / "root.crt"
    root.write_text("not used: the server offers no TLS at all\n")
    strict = f"{plain}?sslmode=verify-full&sslrootcert={root}"
    with pytest.raises(TeamError, match="server does not support SSL, but SSL was required"):
        run_sync(alice, strict)
    keyed = f"host=127.0.0.1 port={pg.port} dbname={db} user={pg.user} sslmode=require"
    with pytest.raises(TeamError, match="SSL was required"):
        run_sync(alice, keyed)


def test_an_unreachable_server_fails_fast(tmp_path: Path) -> None:
    alice = officer(tmp_path, "alice")
    alice.add_note(commitment_id=CID, text="still here")
    started = time.monotonic()
    with pytest.raises(TeamError, match="Cannot reach the team database"):
        run_sync(alice, "postgresql://nobody@127.0.0.1:1/jcct")
    assert time.monotonic() - started < 5
    assert [n.text for n in alice.all()[0].notes] == ["still here"]


def test_the_server_stopped_mid_sync(pg: PgServer, tmp_path: Path,
                                     team_url: str) -> None:
    """The sync waits for the push lock another session holds; the server stops under it."""
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    bob.add_note(commitment_id=CID, text="bob's")
    sync_as(pg, bob, team_url)
    alice.add_note(commitment_id=CID, text="alice's")
    before = shared_state(alice)
    holder = psycopg.connect(team_url)
    holder.execute("SELECT 1 FROM team_push_lock FOR UPDATE")  # a push in progress
    failure: list[BaseException] = []

    def sync() -> None:
        try:
            sync_as(pg, alice, team_url)
        except BaseException as exc:  # handed to the test thread
            failure.append(exc)

    worker = threading.Thread(target=sync)
    worker.start()
    deadline = time.monotonic() + 10
    while "team_push_lock" not in pg.psql(
            "SELECT string_agg(query, ' ') FROM pg_stat_activity WHERE wait_event_type = 'Lock'"):
        assert time.monotonic() < deadline, "the sync never reached the push lock"
        time.sleep(0.05)
    pg.stop("immediate")
    worker.join(20)
    holder.close()
    pg.start()
    assert failure and isinstance(failure[0], TeamError)
    assert shared_state(alice) == before and last_sync(alice.engine) is None
    result = sync_as(pg, alice, team_url)  # the next sync completes it
    assert result.kinds.get("note") == 1 and result.pushed > 0
    sync_as(pg, bob, team_url)
    assert shared_state(alice) == shared_state(bob)


def test_a_team_database_restored_from_an_older_dump_is_refilled(
    pg: PgServer, tmp_path: Path, team_url: str
) -> None:
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.add_note(commitment_id=CID, text="early")
    sync_as(pg, alice, team_url)
    seq_then = int(pg.psql("SELECT max(seq) FROM team_items", db_name(team_url)))
    alice.add_note(commitment_id=CID, text="later")
    sync_as(pg, alice, team_url)
    db = db_name(team_url)
    # a dump taken before "later" was pushed, restored
    pg.psql(f"DELETE FROM team_items WHERE seq > {seq_then}", db)
    pg.psql(f"SELECT setval('team_items_seq_seq', {seq_then})", db)
    assert sync_as(pg, alice, team_url).pushed == 2  # "later" and its history, again
    sync_as(pg, bob, team_url)
    assert shared_state(bob) == shared_state(alice)
    # the documented step after a restore: a new identity makes every laptop send it all
    pg.psql("UPDATE team_info SET team_id = gen_random_uuid()::text", db)
    pg.psql("DELETE FROM team_items", db)
    assert sync_as(pg, alice, team_url).pushed == _count(team_url) == 4


def test_verify_full_against_a_real_tls_server(tmp_path: Path) -> None:
    """sslmode=verify-full works: the office CA connects; another CA, or a host name the
    certificate does not carry, is refused by libpq."""
    from tests.pg_server import start_server

    server = start_server(tls=True)
    try:
        server.psql("CREATE DATABASE jcct")
        base = f"postgresql://{server.user}@localhost:{server.port}/jcct"
        ca = server.root / "ca.crt"
        init_team(f"{base}?sslmode=verify-full&sslrootcert={ca}")
        alice = officer(tmp_path, "alice")
        alice.add_note(commitment_id=CID, text="over TLS")
        assert run_sync(alice, f"{base}?sslmode=verify-full&sslrootcert={ca}").pushed == 2
        with psycopg.connect(f"{base}?sslmode=verify-full&sslrootcert={ca}") as conn:
            assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
                                ).fetchone()[0] is True
        stranger = tmp_path / "other-ca.crt"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                        "1", "-subj", "/CN=Someone else", "-keyout", str(tmp_path / "o.key"),
                        "-out", str(stranger)], check=True, capture_output=True)
        with pytest.raises(TeamError, match="certificate verify failed"):
            run_sync(alice, f"{base}?sslmode=verify-full&sslrootcert={stranger}")
        by_address = f"postgresql://{server.user}@127.0.0.1:{server.port}/jcct"
        with pytest.raises(TeamError, match=r'does not match host name "127\.0\.0\.1"'):
            run_sync(alice, f"{by_address}?sslmode=verify-full&sslrootcert={ca}")
        # the same address with verify-ca (CA checked, name not) connects: the mode is honoured
        assert run_sync(alice, f"{by_address}?sslmode=verify-ca&sslrootcert={ca}"
                        ).pushed == 0
    finally:
        server.cleanup()


def test_what_comes_in_is_merged_by_the_service_and_told_after_its_commit(
        pg: PgServer, tmp_path: Path, team_url: str) -> None:
    """One write path (issue 23): the service merges and notifies; a view that reads the notes
    when told already sees the merged note, through another connection."""
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.add_note(commitment_id=CID, text="Alice's note")
    sync_as(pg, alice, team_url)
    seen: list[tuple[str, frozenset[str], list[str]]] = []

    def told(change) -> None:
        reader = officer(tmp_path, "bob")  # its own connection: sees committed rows only
        try:
            seen.append((change.event, change.commitment_ids,
                         [n.text for a in reader.all() for n in a.notes]))
        finally:
            reader.close()

    bob.notifier.subscribe(told)
    got = sync_as(pg, bob, team_url)
    assert seen == [("annotations_imported", frozenset({CID}), ["Alice's note"])]
    assert got.changed == frozenset({CID})
    seen.clear()
    assert sync_as(pg, bob, team_url).pulled == 0 and seen == []  # nothing new: nothing said
