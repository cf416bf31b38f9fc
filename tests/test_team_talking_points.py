"""Talking points travel through team sync with their authors (real PostgreSQL): a colleague
gets them in order, written by the role the server recorded (never the name the payload
claims), nothing is sent twice, and an older file or item without them still merges."""

from __future__ import annotations

from pathlib import Path

import psycopg

from jcct_desktop.team.digest import item_digest
from tests.pg_server import PgServer
from tests.team_support import officer, role_url, sync_as

CID = "2011-NEV-1"


def _points(service) -> list[tuple[str, str]]:
    found = [a for a in service.all() if a.commitment_id == CID]
    return [(p.text, p.who) for p in found[0].talking_points] if found else []


def test_talking_points_reach_a_colleague_in_order_with_their_author(
        pg: PgServer, tmp_path: Path, team_url: str) -> None:
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.add_talking_point(commitment_id=CID, text="Welcome the NEV rules")
    alice.add_talking_point(commitment_id=CID, text="Ask when the list is out")
    bob.add_talking_point(commitment_id=CID, text="Bob's own point")
    sent = sync_as(pg, alice, team_url)
    assert sent.pushed >= 2
    got = sync_as(pg, bob, team_url)
    assert got.kinds["talking_point"] == 2 and CID in got.changed
    assert "2 talking points" in got.describe()
    # bob's own first, then alice's in the order she says them, each with its author
    assert _points(bob) == [("Bob's own point", "bob"), ("Welcome the NEV rules", "alice"),
                            ("Ask when the list is out", "alice")]
    back = sync_as(pg, alice, team_url)
    assert back.kinds.get("talking_point") == 1
    assert _points(alice)[-1] == ("Bob's own point", "bob")
    # nothing is sent back under another name, and a second round changes nothing
    again = [sync_as(pg, who, team_url) for who in (alice, bob)]
    assert all(r.pulled == 0 and r.pushed == 0 for r in again)
    with psycopg.connect(team_url) as conn:
        rows = conn.execute("SELECT author, payload->>'text' FROM team_items "
                            "WHERE kind = 'talking_point' ORDER BY seq").fetchall()
    assert rows == [("alice", "Welcome the NEV rules"), ("alice", "Ask when the list is out"),
                    ("bob", "Bob's own point")]
    alice.close()
    bob.close()


def test_a_point_claiming_another_author_is_signed_with_the_pusher(
        pg: PgServer, tmp_path: Path, team_url: str) -> None:
    """mallory posts a point whose payload says alice wrote it: colleagues see mallory."""
    payload = {"text": "We concede everything", "created": "2012-07-01T09:00:00+00:00",
               "who": "alice"}
    url = role_url(pg, team_url, "mallory")
    with psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO team_items (digest, commitment_id, kind, payload, author) "
            "VALUES (%s, %s, 'talking_point', %s::jsonb, '')",
            (item_digest(CID, "talking_point", payload), CID, psycopg.types.json.Jsonb(payload)))
    bob = officer(tmp_path, "bob")
    got = sync_as(pg, bob, team_url)
    assert got.authors == ("mallory",)
    assert _points(bob) == [("We concede everything", "mallory")]
    bob.close()


def test_a_malformed_point_is_kept_out_and_counted(pg: PgServer, tmp_path: Path,
                                                  team_url: str) -> None:
    payload = {"text": "two\nlines", "created": "2012-07-01T09:00:00+00:00"}
    url = role_url(pg, team_url, "mallory")
    with psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO team_items (digest, commitment_id, kind, payload, author) "
            "VALUES (%s, %s, 'talking_point', %s::jsonb, '')",
            (item_digest(CID, "talking_point", payload), CID, psycopg.types.json.Jsonb(payload)))
    bob = officer(tmp_path, "bob")
    got = sync_as(pg, bob, team_url)
    assert got.skipped == 1 and _points(bob) == []
    bob.close()


def test_a_shared_point_deleted_here_comes_back_like_a_note(pg: PgServer, tmp_path: Path,
                                                           team_url: str) -> None:
    """docs/team-setup.md: nothing anyone wrote is lost; a point deleted after it was shared
    returns at the next sync (its deletion stays in the history), once, never twice."""
    alice = officer(tmp_path, "alice")
    alice.add_talking_point(commitment_id=CID, text="Shared then deleted")
    sync_as(pg, alice, team_url)
    point_id = alice.all()[0].talking_points[0].id
    alice.delete_talking_point(point_id=point_id)
    assert _points(alice) == []
    sync_as(pg, alice, team_url)
    assert _points(alice) == [("Shared then deleted", "alice")]
    assert any(h.field == "talking_point" and h.why == "deleted"
               for h in alice.all()[0].history)
    sync_as(pg, alice, team_url)
    assert _points(alice) == [("Shared then deleted", "alice")]
    alice.close()
