"""The child killed by ``test_team_sync_crash``: one sync, nothing else (forked from a
forkserver that has imported this module, so each run costs milliseconds, not an import)."""

from __future__ import annotations

from pathlib import Path

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.team.sync import run_sync


def sync_once(data_dir: str, url: str) -> None:
    service = AnnotationService(open_user_db(Path(data_dir)))
    try:
        run_sync(service, url)
    finally:
        service.close()
