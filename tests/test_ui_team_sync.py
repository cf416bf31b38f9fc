"""File → Sync with team database in the real window, against a real PostgreSQL server: the
sync runs on a worker, views follow, the status bar says when and what; an unreachable server
is a message, not a frozen window."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.team.settings import SETTINGS_FILE
from jcct_desktop.ui.annotations import note_list
from jcct_desktop.ui.team_sync import TeamSync, attach_team_sync
from tests.pg_server import PgServer
from tests.team_support import officer, sync_as
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-NEV-1"


@pytest.fixture
def mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("JCCT_TEAM_URL", raising=False)
    service = AnnotationService(open_user_db(tmp_path / "me"), user="me")
    yield service
    service.close()


def test_menu_sync_brings_in_a_colleagues_note_with_its_author(
    qtbot, make_window, tmp_path: Path, mine: AnnotationService, team_url: str,
    monkeypatch: pytest.MonkeyPatch, pg: PgServer,
) -> None:
    # the items are signed by the role that pushed them: the server's own superuser here
    colleague = officer(tmp_path, "wang")
    colleague.add_note(commitment_id=CID, text="Draft rule published for comment")
    sync_as(pg, colleague, team_url)  # signed "wang" by the server
    window = make_window(annotations=mine)
    team = attach_team_sync(window, mine, None, headless=True)
    assert team is not None
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert team.action in file_menu.actions()
    monkeypatch.setattr(TeamSync, "ask", classmethod(lambda cls, parent: team_url))
    window.select_commitment(CID)

    with qtbot.waitSignal(team.finished, timeout=20_000) as done:
        team.action.trigger()  # no address yet: asked once, then remembered
    assert "brought in" in done.args[0] and "from wang" in done.args[0]
    saved = json.loads((mine.data_dir / SETTINGS_FILE).read_text())
    assert saved["url"] == team_url
    texts = [n.text for n in mine.all()[0].notes]
    assert texts == ["Draft rule published for comment"]
    assert team.label.text().startswith("Last sync") and team.label.text().endswith("2 new")
    assert "brought in 1 history entry, 1 note from wang" in team.label.toolTip()
    # the notes list (told by the notifier) shows who wrote the note
    qtbot.waitUntil(lambda: any(s.endswith("· wang") for s in _note_stamps(window)),
                    timeout=5000)


def _note_stamps(window) -> list[str]:
    from PySide6.QtWidgets import QListWidget

    stamps = []
    for view in window.findChildren(QListWidget):
        for row in range(view.count()):
            if view.item(row).data(note_list.NOTE_ID) is not None:
                stamps.append(str(view.item(row).data(note_list.STAMP_ROLE)))
    return stamps


def test_an_unreachable_server_never_blocks_the_window(
    qtbot, make_window, tmp_path: Path, mine: AnnotationService
) -> None:
    window = make_window(annotations=mine)
    team = attach_team_sync(window, mine, "postgresql://me@127.0.0.1:1/jcct", headless=True)
    assert team is not None
    started = time.monotonic()
    with qtbot.waitSignal(team.finished, timeout=10_000) as done:
        assert team.sync_now()
        assert time.monotonic() - started < 0.5  # handed to the worker at once
        mine.add_note(commitment_id=CID, text="typed while the sync tries")  # edits go on
    assert done.args[0].startswith("Team sync failed: Cannot reach the team database")
    assert time.monotonic() - started < 6
    assert team.action.isEnabled()
    assert [n.text for n in mine.all()[0].notes] == ["typed while the sync tries"]


def test_sync_on_start_and_every_n_minutes_from_the_settings(
    qtbot, make_window, tmp_path: Path, mine: AnnotationService, team_url: str
) -> None:
    (mine.data_dir / SETTINGS_FILE).write_text(json.dumps(
        {"url": team_url, "sync_on_start": True, "every_minutes": 15}))
    window = make_window(annotations=mine)
    team = TeamSync(window, mine)
    with qtbot.waitSignal(team.finished, timeout=20_000) as done:
        team.start_schedule()
    assert done.args[0].startswith("Team sync: ")
    assert team.timer.isActive() and team.timer.interval() == 15 * 60_000
    team.stop()
    assert not team.timer.isActive()


def test_a_password_given_to_the_window_is_refused_not_used(
    qtbot, make_window, tmp_path: Path, mine: AnnotationService, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(annotations=mine)
    team = attach_team_sync(window, mine, "postgresql://me:hunter2@127.0.0.1:1/jcct",
                            headless=True)
    assert team is not None
    monkeypatch.setattr(TeamSync, "ask", classmethod(lambda cls, parent: pytest.fail("asked")))
    assert team.sync_now() is False  # nothing started, nothing sent anywhere
    assert team.sync_now(ask=True) is False  # the menu: said, not asked for another
    shown = window.statusBar().currentMessage()
    assert "~/.pgpass" in shown and "hunter2" not in shown
    assert not (mine.data_dir / SETTINGS_FILE).exists()
