"""The record factory's fast path (issue 25): a record stored through a twin class of the
same slots, then given its class, is the class's own in every way; a class whose layout
Python will not reassign still gets the slower, faithful factory."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import weakref
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jcct_desktop.core import record_factory as factories
from jcct_desktop.core.deadlines import DateWindow, Precision
from jcct_desktop.core.model import Commitment, Fact, Figure, Kind, Milestone, Party, Sector
from jcct_desktop.core.record_factory import record_factory

RECORDS = (Commitment, Milestone, Sector, Fact, Figure)


@pytest.mark.parametrize("cls", RECORDS)
def test_the_reference_records_take_the_fast_path(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    assert factories._by_twin(cls, names) is not None


texts = st.text(max_size=12)
windows = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2099, 1, 1)).map(
    lambda d: DateWindow(d, d, Precision.DAY)))
milestones = st.builds(Milestone, texts, texts, texts, windows)
commitments = st.builds(
    Commitment, texts, texts, texts, st.integers(), texts, texts, st.sampled_from(Party),
    st.lists(texts, max_size=2).map(tuple), st.sampled_from(Kind),
    st.lists(milestones, max_size=3).map(tuple), st.lists(texts, max_size=2).map(tuple),
    st.one_of(st.none(), texts))
sectors = st.builds(Sector, texts, texts, texts, st.one_of(st.none(), texts), st.integers(),
                    st.booleans())
facts = st.builds(Fact, texts, texts, texts, texts,
                  st.lists(st.builds(Figure, st.floats(allow_nan=False), texts,
                                     st.one_of(st.none(), st.integers()), texts),
                           max_size=2).map(tuple), st.integers())


@given(st.one_of(commitments, milestones, sectors, facts))
def test_what_it_makes_is_what_the_class_makes(by_class: Any) -> None:
    cls = type(by_class)
    values = [getattr(by_class, f.name) for f in dataclasses.fields(cls)]
    made: Any = record_factory(cls)(*values)
    assert type(made) is cls and made.__class__ is cls and isinstance(made, cls)
    assert made == by_class and hash(made) == hash(by_class) and repr(made) == repr(by_class)
    assert dataclasses.astuple(made) == dataclasses.astuple(by_class)
    assert pickle.loads(pickle.dumps(made)) == by_class
    assert copy.deepcopy(made) == by_class
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, dataclasses.fields(cls)[0].name, "changed")
    assert not hasattr(made, "__dict__")


@dataclass(frozen=True, slots=True)
class Awkward:
    """Field names the generated code must not confuse with its own."""

    cls: int
    self: int
    new: int
    make: int


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Weak:
    a: int


@dataclass(frozen=True, slots=True)
class Base:
    a: int


@dataclass(frozen=True, slots=True)
class Child(Base):
    b: str


def test_awkward_field_names_are_stored_as_given() -> None:
    made = record_factory(Awkward)(1, 2, 3, 4)
    assert type(made) is Awkward and made == Awkward(cls=1, self=2, new=3, make=4)


@pytest.mark.parametrize("cls, values", [(Weak, (1,)), (Child, (1, "b"))])
def test_other_layouts_are_made_faithfully_too(cls: type, values: tuple[object, ...]) -> None:
    made: object = record_factory(cls)(*values)
    assert type(made) is cls and made == cls(*values) and hash(made) == hash(cls(*values))
    if cls is Weak:
        assert weakref.ref(made)() is made
