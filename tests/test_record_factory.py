"""The fast constructor of the reference data's records (core.record_factory): what it makes
is what the class makes, and it refuses the classes it cannot make faithfully."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jcct_desktop.core.deadlines import DateWindow, Precision
from jcct_desktop.core.model import Commitment, Kind, Milestone, Party, Sector
from jcct_desktop.core.record_factory import record_factory

texts = st.text(max_size=20)
windows = st.one_of(st.none(), st.dates().map(lambda d: DateWindow(d, d, Precision.DAY)))
milestones = st.builds(Milestone, texts, texts, texts, windows)
commitments = st.builds(
    Commitment, texts, texts, texts, st.integers(), texts, texts, st.sampled_from(Party),
    st.tuples(texts), st.sampled_from(Kind), st.lists(milestones, max_size=3).map(tuple),
    st.lists(texts, max_size=3).map(tuple), st.one_of(st.none(), texts))


@given(commitments)
def test_a_made_commitment_is_the_classs_own(made_by_class: Commitment) -> None:
    values = [getattr(made_by_class, f.name) for f in dataclasses.fields(Commitment)]
    made = record_factory(Commitment)(*values)
    assert type(made) is Commitment
    assert made == made_by_class and hash(made) == hash(made_by_class)
    assert repr(made) == repr(made_by_class)
    assert dataclasses.astuple(made) == dataclasses.astuple(made_by_class)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.title = "changed"  # type: ignore[misc]
    assert not hasattr(made, "__dict__")  # slots, as the class makes it


def test_every_field_is_required_in_order() -> None:
    make = record_factory(Sector)
    sector = make("NEV", "jcct-22", "New energy vehicles", None, 3, False)
    assert sector == Sector(code="NEV", meeting="jcct-22", name="New energy vehicles",
                            parent=None, position=3, heading_inferred=False)
    with pytest.raises(TypeError):
        make("NEV", "jcct-22")


@dataclass(frozen=True)
class NoSlots:
    a: int


@dataclass(slots=True)
class NotFrozen:
    a: int


@dataclass(frozen=True, slots=True)
class Checked:
    a: int

    def __post_init__(self) -> None:
        if self.a < 0:
            raise ValueError(self.a)


@dataclass(frozen=True, slots=True)
class Derived:
    a: int
    b: int = field(init=False, default=0)


@pytest.mark.parametrize("cls", [NoSlots, NotFrozen, Checked, Derived, int])
def test_classes_it_would_make_unfaithfully_are_refused(cls: type) -> None:
    with pytest.raises(TypeError):
        record_factory(cls)
