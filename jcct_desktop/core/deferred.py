"""What the reference data reads from its store when first asked for, not at open.

**Long verbatim texts of the records.**

Opening 100,000 commitments read each commitment's text and each milestone's wording (300
characters each, on average) only for the window to show none of them until one is picked:
a sixth of the time it took to open, and 60 MB. A record made by the store may hold, in that
field's slot, a ``(column, key)`` pair instead of the text, or, for a class whose records
name their text by a field of their own (a commitment by its id), the column alone: the
first read of the field asks ``column.text_of(key)`` and keeps the answer in the slot.
Everything that reads the field (attribute access, ``==``, ``hash``, ``repr``, pickling,
``dataclasses.astuple``) sees the text, so a record holds the same value whether its text
was read at once or later; a record made by the class itself holds its text from the start.

**A whole field of the catalog** (``Later``; its facts, which neither opening nor the
window's first paint reads): computed once, by whichever thread asks first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")


class TextColumn(Protocol):
    """Where the texts of one field come from (``store.reference`` implements it)."""

    def text_of(self, key: Any) -> str:
        """The text stored under ``key``; safe to call from any thread."""
        ...


class DeferredText:
    """A data descriptor over a slot that holds its text, or ``(column, key)`` (a key of
    several parts: ``(column, part, part)``; or the column alone, the key then the record's
    ``key_field``) until read.

    Setting goes straight to the slot (the frozen class's own ``__setattr__`` still refuses
    assignments; its ``__init__`` and pickling set fields through ``object.__setattr__``).
    """

    def __init__(self, slot: Any, key_field: str | None) -> None:
        self.slot = slot  # the member descriptor ``slots=True`` made for the field
        self.key_field = key_field

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, owner)
        if isinstance(value, str):
            return value
        if type(value) is tuple:  # (column, key) or (column, *key parts)
            text = value[0].text_of(value[1] if len(value) == 2 else value[1:])
        elif self.key_field is not None and hasattr(value, "text_of"):
            text = value.text_of(getattr(obj, self.key_field))
        else:  # not a deferred text: whatever the record was given
            return value
        self.slot.__set__(obj, text)  # same value every time: racing threads agree
        return text

    def __set__(self, obj: object, value: Any) -> None:
        self.slot.__set__(obj, value)

    def __delete__(self, obj: object) -> None:
        self.slot.__delete__(obj)


def defer_text(cls: type, name: str, key_field: str | None = None) -> None:
    """Let ``cls`` (a dataclass with slots) hold field ``name`` as ``(column, key)``, or
    with ``key_field`` as the column alone."""
    slot = vars(cls)[name]
    setattr(cls, name, DeferredText(slot, key_field))


class Later(Generic[T]):
    """A value computed on first ``get()``, once, whichever threads ask."""

    def __init__(self, load: Callable[[], T]) -> None:
        self._load: Callable[[], T] | None = load
        self._lock = threading.Lock()
        self._value: T | None = None

    def get(self) -> T:
        with self._lock:
            if self._load is not None:
                self._value = self._load()
                self._load = None  # what it held (a connection) is let go
            return self._value  # type: ignore[return-value]  # set by the load above


class ReadOnFirstUse:
    """A data descriptor for a field of a frozen dataclass (without slots) that may hold
    a ``Later``: read, it holds the value from then on."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = vars(obj)[self.name]
        if isinstance(value, Later):
            value = vars(obj)[self.name] = value.get()
        return value

    def __set__(self, obj: object, value: Any) -> None:
        vars(obj)[self.name] = value


def read_on_first_use(cls: type, name: str) -> None:
    """Let field ``name`` of ``cls`` be given as a ``Later``."""
    setattr(cls, name, ReadOnFirstUse(name))
