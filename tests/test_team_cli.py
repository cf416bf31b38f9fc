"""``jcct-desktop sync`` and ``jcct-desktop team init URL`` as an officer runs them, against a
real PostgreSQL server; one-line messages and exit codes for every failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core.annotations.authors import note_author
from jcct_desktop.team.settings import SETTINGS_FILE, load_settings, save_address
from tests.pg_server import PgServer
from tests.team_support import new_team_db, officer

CID = "2011-NEV-1"


@pytest.fixture(autouse=True)
def _no_team_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JCCT_TEAM_URL", raising=False)


def test_team_init_then_sync_from_the_command_line(
    pg: PgServer, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = new_team_db(pg, init=False)
    assert main(["team", "init", url]) == 0
    assert "ready (schema 0001_team_items)" in capsys.readouterr().err
    wang = officer(tmp_path, "wang")
    wang.add_note(commitment_id=CID, text="from wang")
    wang.close()
    assert main(["--data-dir", str(tmp_path / "wang"), "sync", "--team", url]) == 0
    assert "sent 2 items" in capsys.readouterr().err

    monkeypatch.setenv("JCCT_TEAM_URL", url)  # the environment names the team
    assert main(["--data-dir", str(tmp_path / "me"), "sync"]) == 0
    err = capsys.readouterr().err
    assert f"brought in 1 history entry, 1 note on 1 commitment from {pg.user}" in err
    me = officer(tmp_path, "me")
    annotation = me.all()[0]
    assert [n.text for n in annotation.notes] == ["from wang"]
    assert note_author(annotation, annotation.notes[0]) == "wang"
    monkeypatch.delenv("JCCT_TEAM_URL")
    assert main(["--data-dir", str(tmp_path / "me"), "--team", url, "sync"]) == 0
    assert "nothing new from the team; sent 0 items" in capsys.readouterr().err


def test_sync_without_a_team_or_with_a_bad_address(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path), "sync"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jcct-desktop: no team database") and err.count("\n") == 1
    assert main(["--data-dir", str(tmp_path), "sync", "--team", "nonsense=1"]) == 2
    assert "Not a PostgreSQL address" in capsys.readouterr().err
    assert main(["team", "init", "nonsense=1"]) == 2


def test_an_unreachable_server_is_one_line_and_exit_1(tmp_path: Path, capsys) -> None:
    code = main(["--data-dir", str(tmp_path), "sync", "--team",
                 "postgresql://me@127.0.0.1:1/jcct"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "Cannot reach the team database (me@127.0.0.1:1/jcct)" in err
    assert "your notes are unchanged" in err


def test_a_saved_address_never_holds_a_password(tmp_path: Path) -> None:
    from jcct_desktop.team.connect import TeamError, shown

    with pytest.raises(TeamError, match="never stores passwords"):
        save_address(tmp_path, "postgresql://me:secret@db.example/jcct")
    assert not (tmp_path / SETTINGS_FILE).exists()
    assert "secret" not in shown("postgresql://me:secret@db.example/jcct")
    save_address(tmp_path, "service=jcct")
    assert json.loads((tmp_path / SETTINGS_FILE).read_text())["url"] == "service=jcct"
    assert (tmp_path / SETTINGS_FILE).stat().st_mode & 0o077 == 0
    assert load_settings(tmp_path).url == "service=jcct"
    assert shown("service=jcct") == "service jcct"
