"""The search worker reads the notes over read-only connections of its own: it never holds
the write lock the window's edits need, and it cannot write."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy.exc import OperationalError

from jcct_desktop.store.annotations.worker_reader import worker_reader


def test_an_edit_goes_through_while_the_worker_reads(service) -> None:
    reader = worker_reader(service)
    service.add_note(commitment_id="2011-II-1", text="first quokka")
    with reader.engine.connect() as conn, conn.begin():  # a read under way on the worker
        assert conn.exec_driver_sql("SELECT count(*) FROM notes").scalar_one() == 1
        start = time.perf_counter()
        service.add_note(commitment_id="2011-SOFT-2", text="second quokka")
        assert time.perf_counter() - start < 5  # not the 15 s busy timeout: no lock held
        # the read sees the notes as they were when it began
        assert conn.exec_driver_sql("SELECT count(*) FROM notes").scalar_one() == 1
    assert reader.search_notes("quokka") == {"2011-II-1", "2011-SOFT-2"}
    reader.engine.dispose()


def test_the_worker_reader_cannot_write(service) -> None:
    reader = worker_reader(service)
    with pytest.raises(OperationalError, match="readonly"), reader.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM notes")
    reader.engine.dispose()


def test_each_thread_reads_over_its_own_connection(service) -> None:
    reader = worker_reader(service)
    service.set_starred(commitment_id="2011-II-1", starred=True)
    seen: dict[str, object] = {}

    def read(name: str) -> None:
        with reader.engine.connect() as conn:
            seen[name] = conn.connection.dbapi_connection
        seen[name + " starred"] = reader.starred_ids()

    threads = [threading.Thread(target=read, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["a"] is not seen["b"]
    assert seen["a starred"] == seen["b starred"] == {"2011-II-1"}
    reader.engine.dispose()
