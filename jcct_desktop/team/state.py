"""What this computer remembers of its last team sync (read by the window at start-up, so
nothing here loads the PostgreSQL driver)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jcct_desktop.store.notes.models import TeamSyncStateRow


@dataclass(frozen=True)
class LastSync:
    when: str  # ISO time (UTC)
    brought_in: dict[str, object]  # the summary the sync recorded: pulled, kinds, authors…


def last_sync(local: Engine) -> LastSync | None:
    """The most recent sync with any team database, for the status bar."""
    with Session(local) as session:
        row = session.scalars(select(TeamSyncStateRow)
                              .order_by(TeamSyncStateRow.last_sync.desc())).first()
        if row is None or row.last_sync is None:
            return None
        try:
            summary = json.loads(row.brought_in)
        except ValueError:
            summary = {}
        return LastSync(row.last_sync, summary if isinstance(summary, dict) else {})
