"""An item the team database cannot hold (a NUL character in a note's text, or any row the
server refuses) is reported and skipped; every later sync still runs (issue 19, probe 7),
against a real PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from tests.pg_server import PgServer
from tests.team_support import db_name, officer, role_url, sync_as

CID = "2011-NEV-1"


def _put_nul_into(service: AnnotationService, text: str) -> str:
    """Give an existing note (and its history) a NUL, as an older app let in."""
    bad = text.replace(" ", "\x00", 1)
    with sqlite3.connect(service.data_dir / "annotations.sqlite") as conn:
        conn.execute("UPDATE notes SET text = ? WHERE text = ?", (bad, text))
        conn.execute("UPDATE history SET new = ? WHERE new = ?", (bad, text))
    return bad


def test_a_nul_in_a_note_is_reported_and_skipped_forever(pg: PgServer, tmp_path: Path,
                                                         team_url: str) -> None:
    alice, bob = officer(tmp_path, "alice"), officer(tmp_path, "bob")
    alice.add_note(commitment_id=CID, text="poisoned note")
    _put_nul_into(alice, "poisoned note")
    alice.add_note(commitment_id=CID, text="a good note")
    first = sync_as(pg, alice, team_url)
    assert first.pushed == 2 and len(first.refused) == 2  # the good note and its history
    assert all("NUL character" in r and "poisoned" in r for r in first.refused)
    assert "2 items not sent, the team database cannot hold it (note of 2011-NEV-1" in (
        first.describe())
    for _ in range(2):  # later syncs still work, and still say so
        bob.add_note(commitment_id=CID, text=f"bob {_}")
        sync_as(pg, bob, team_url)
        again = sync_as(pg, alice, team_url)
        assert again.kinds.get("note") == 1 and len(again.refused) == 2
    assert {n.text for n in bob.all()[0].notes} == {"a good note", "bob 0", "bob 1"}
    assert "poisoned\x00note" in {n.text for n in alice.all()[0].notes}  # kept locally


def test_any_row_the_server_refuses_is_skipped_with_its_reason(
    pg: PgServer, tmp_path: Path, team_url: str, capsys
) -> None:
    """A refusal the app cannot foresee (here a rule the office added on the server) costs
    that item only: the batch is retried item by item."""
    pg.psql("ALTER TABLE team_items ADD CONSTRAINT no_secrets "
            "CHECK (payload->>'text' IS DISTINCT FROM 'classified')", db_name(team_url))
    alice = officer(tmp_path, "alice")
    for text in ("open one", "classified", "open two"):
        alice.add_note(commitment_id=CID, text=text)
    alice.close()
    url = role_url(pg, team_url, "alice")
    assert main(["--data-dir", str(tmp_path / "alice"), "sync", "--team", url]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "sent 5 items; 1 item not sent" in err and 'no_secrets' in err
    assert '("classified")' in err
    assert main(["--data-dir", str(tmp_path / "alice"), "sync", "--team", url]) == 0
    assert "sent 0 items; 1 item not sent" in capsys.readouterr().err
