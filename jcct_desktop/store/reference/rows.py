"""Reading the reference database's big tables quickly (issue 25: 100,000 commitments).

The selects are still written over the mapped tables' columns, compiled by SQLAlchemy, but
run on the raw ``sqlite3`` cursor: SQLAlchemy's per-row result machinery (a Python call per
row and per typed column) was most of the time it took to open a large archive. The few
conversions its types made are done here instead, once per distinct value: an archive
repeats the same dates, parties, kinds and agency lists many thousands of times.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Connection, Select

from jcct_desktop.core.deadlines import DateWindow, Precision

E = TypeVar("E", bound=StrEnum)


def raw_rows(conn: Connection, statement: Select[Any]) -> Iterator[tuple[Any, ...]]:
    """The statement's rows as plain tuples of what SQLite stores (ISO dates as text,
    booleans as 0/1): no per-row conversion. Only for selects without parameters.

    The cursor itself is the iterator: the caller's loop steps it in C (a generator
    resumed per row took a fifth of the time of reading 100,000 rows), and each row is let
    go as the next is read, where a list of them all held 30 MB more at once for 100,000
    commitments, for the same CPU time.
    """
    sql = compiled_sql(conn, statement)
    driver = conn.connection.driver_connection
    assert driver is not None  # an open connection always has one
    rows: Iterator[tuple[Any, ...]] = driver.execute(sql)
    return rows


def compiled_sql(conn: Connection, statement: Select[Any]) -> str:
    """The SQL text of a select without parameters, as SQLite is given it."""
    compiled = statement.compile(dialect=conn.dialect)
    if compiled.params:  # bound values would need the typed path's processing
        raise ValueError(f"raw_rows reads selects without parameters: {compiled.params}")
    return str(compiled)


def enum_reader(kind: type[E]) -> Callable[[str], E]:
    """``kind(value)`` as one dictionary look-up; an unknown value still raises ValueError."""
    members = {m.value: m for m in kind}

    def read(value: str) -> E:
        found = members.get(value)
        return found if found is not None else kind(value)

    return read


class Memo:
    """Each distinct stored value converted once: dates, JSON lists, date windows."""

    def __init__(self) -> None:
        self._days: dict[str, date] = {}
        self._lists: dict[str, tuple[str, ...]] = {}
        self._windows: dict[tuple[str, str, str], DateWindow] = {}
        self._precision = enum_reader(Precision)

    def day(self, text: str) -> date:
        found = self._days.get(text)
        if found is None:
            found = self._days[text] = date.fromisoformat(text)
        return found

    def strings(self, text: str) -> tuple[str, ...]:
        """A stored JSON list of strings (a commitment's agencies), as a tuple."""
        found = self._lists.get(text)
        if found is None:
            found = self._lists[text] = tuple(json.loads(text))
        return found

    def window(self, earliest: str | None, latest: str | None,
               precision: str | None) -> DateWindow | None:
        """One shared (frozen) window per distinct stored window; None for an undated
        milestone (no precision stored)."""
        if precision is None or earliest is None or latest is None:
            return None
        key = (earliest, latest, precision)
        found = self._windows.get(key)
        if found is None:
            found = self._windows[key] = DateWindow(self.day(earliest), self.day(latest),
                                                    self._precision(precision))
        return found
