"""The notes read from a worker thread, over connections of its own that can only read.

The window's service starts every transaction with ``BEGIN IMMEDIATE`` (it writes); a search
running beside the window must never hold that lock while the officer saves a note, nor
share the window's connections. Here each thread gets its own read-only connection
(``mode=ro``) with a plain deferred ``BEGIN``: in WAL mode it reads the last committed notes
while the window writes.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event

from jcct_desktop.store.annotations.queries import AnnotationQueries
from jcct_desktop.store.notes.database import BUSY_TIMEOUT_S

if TYPE_CHECKING:
    from jcct_desktop.store.annotations.service import AnnotationService


def _engine(uri: str) -> Engine:
    # "sqlite://" with a creator: SQLAlchemy keeps one connection per thread
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False))

    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # BEGIN issued below, deferred: a reader's

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def worker_reader(service: AnnotationService) -> AnnotationQueries:
    """Read-only questions about the same notes file as ``service`` (which may be written
    meanwhile); close with ``reader.engine.dispose()``."""
    if service.read_only:  # opened for reading already (a read-only folder, a snapshot)
        return AnnotationQueries(service.engine)
    return AnnotationQueries(_engine(f"{service.db_path.resolve().as_uri()}?mode=ro"))
