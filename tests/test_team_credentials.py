"""Credentials (issue 19, probe 14): a password in an address given on the command line, in
the environment or in team.json is refused with a pointer to ~/.pgpass and service files, and
never saved; team.json is written whole, 0600, through an unpredictable temporary, fsync'd."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.team.connect import TeamError
from jcct_desktop.team.settings import SETTINGS_FILE, save_address, secrets_in

SECRET = "hunter2"
WITH_SECRETS = [
    f"postgresql://alice:{SECRET}@db.example/jcct",
    f"postgres://alice:{SECRET}@db.example:5432/jcct?sslmode=verify-full",
    f"postgresql://alice@db.example/jcct?password={SECRET}",
    f"postgresql://alice@db.example/jcct?sslkey=/k.pem&sslpassword={SECRET}",
    f"host=db.example user=alice password={SECRET}",
    f"host=db.example user=alice sslpassword = '{SECRET}'",
]
WITHOUT = ["service=jcct", "postgresql://alice@db.example/jcct?sslmode=verify-full",
           "host=db.example user=alice passfile=/home/alice/.pgpass"]


@pytest.fixture(autouse=True)
def _no_team_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JCCT_TEAM_URL", raising=False)


def test_secrets_are_found_in_urls_and_key_value_addresses() -> None:
    assert all(secrets_in(a) for a in WITH_SECRETS)
    assert secrets_in(WITH_SECRETS[3]) == ["sslpassword"]
    assert not any(secrets_in(a) for a in WITHOUT)


@pytest.mark.parametrize("address", WITH_SECRETS)
def test_a_password_on_the_command_line_is_refused(tmp_path: Path, capsys,
                                                   address: str) -> None:
    for argv in (["--data-dir", str(tmp_path), "sync", "--team", address],
                 ["--data-dir", str(tmp_path), "--team", address, "sync"],
                 ["team", "init", address]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "~/.pgpass" in err and "service" in err
        assert SECRET not in err
    assert not (tmp_path / SETTINGS_FILE).exists()


def test_a_password_in_the_environment_or_team_json_is_refused(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JCCT_TEAM_URL", WITH_SECRETS[0])
    assert main(["--data-dir", str(tmp_path), "sync"]) == 2
    err = capsys.readouterr().err
    assert "JCCT_TEAM_URL" in err and "~/.pgpass" in err and SECRET not in err
    monkeypatch.delenv("JCCT_TEAM_URL")
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"url": WITH_SECRETS[4]}))
    assert main(["--data-dir", str(tmp_path), "sync"]) == 2
    err = capsys.readouterr().err
    assert SETTINGS_FILE in err and "~/.pgpass" in err and SECRET not in err


@pytest.mark.parametrize("address", WITH_SECRETS)
def test_no_secret_setting_is_ever_saved(tmp_path: Path, address: str) -> None:
    with pytest.raises(TeamError, match="never stores passwords"):
        save_address(tmp_path, address)
    assert not (tmp_path / SETTINGS_FILE).exists()


def test_team_json_is_written_whole_private_and_never_through_a_fixed_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched\n")
    (tmp_path / f".{SETTINGS_FILE}.tmp").symlink_to(victim)  # the old fixed temporary name
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    save_address(tmp_path, "service=jcct")
    assert victim.read_text() == "untouched\n"
    saved = tmp_path / SETTINGS_FILE
    assert json.loads(saved.read_text())["url"] == "service=jcct"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert synced[0] == "file" and synced[-1] == "folder"  # the file, then its rename
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f".{SETTINGS_FILE}.tmp", SETTINGS_FILE, "victim.txt"]  # no temporary left behind
