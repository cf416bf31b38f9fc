"""A fast positional constructor for frozen slots dataclasses (the reference data's records).

A frozen dataclass's own ``__init__`` stores each field through ``object.__setattr__``, the
frozen class's ``__setattr__`` being the one that refuses. Opening 100,000 commitments spent
a tenth of a second there. The factory makes the record as an instance of a plain twin
class with the very same slots, stores each field with an ordinary attribute store (the
interpreter's fastest, where calling each slot descriptor's ``__set__`` built an argument
tuple per field: half the time again), then gives it its class (``__class__`` assignment,
which Python allows only between classes of the same layout; where it would not, the
factory calls each slot's ``__set__`` instead). What it makes is an ordinary instance of the
class (equal, hashed and as immutable as one the class makes), given every field
positionally in the class's field order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, cast

from jcct_desktop.core.deferred import DeferredText

T = TypeVar("T")


def record_factory(cls: type[T]) -> Callable[..., T]:
    """``make(*values)``: an instance of ``cls`` with its fields set to ``values`` in order.

    Only for a frozen dataclass with slots, every field an ``__init__`` field and no
    ``__post_init__`` (which the factory would skip); anything else is a TypeError.
    """
    if not dataclasses.is_dataclass(cls) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__} is not a dataclass with slots")
    params = getattr(cls, "__dataclass_params__")  # noqa: B009  (not in typeshed)
    if not params.frozen or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} must be frozen, without __post_init__")
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        raise TypeError(f"{cls.__name__} has fields its __init__ does not take")
    names = [f.name for f in fields]
    made = _by_twin(cls, names)
    return made if made is not None else _by_descriptors(cls, names)


def _by_twin(cls: type[T], names: list[str]) -> Callable[..., T] | None:
    twin = type(f"{cls.__name__}Draft", (), {"__slots__": tuple(vars(cls)["__slots__"])})
    scope: dict[str, Any] = {"_new_": object.__new__, "_cls_": cls, "_twin_": twin}
    body = "".join(f"    _record_.{n} = {n}\n" for n in names)
    source = (f"def make({', '.join(names)}):\n    _record_ = _new_(_twin_)\n{body}"
              "    _record_.__class__ = _cls_\n    return _record_\n")
    exec(compile(source, f"<record_factory {cls.__name__}>", "exec"), scope)
    make = cast(Callable[..., T], scope["make"])
    values = list(range(len(names)))
    try:  # a layout Python will not reassign (a slotted base's fields, a weak reference)
        probe = make(*values)
    except (TypeError, AttributeError):
        return None
    slots = [_slot(cls, n) for n in names]
    if type(probe) is not cls or [s.__get__(probe, cls) for s in slots] != values:
        return None
    return make


def _by_descriptors(cls: type[T], names: list[str]) -> Callable[..., T]:
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update({f"set_{n}": _slot(cls, n).__set__ for n in names})
    body = "".join(f"    set_{n}(self, {n})\n" for n in names)
    source = f"def make({', '.join(names)}):\n    self = new(cls)\n{body}    return self\n"
    exec(compile(source, f"<record_factory {cls.__name__}>", "exec"), scope)
    return cast(Callable[..., T], scope["make"])


def _slot(cls: type, name: str) -> Any:
    """The field's slot itself, the class's or a base's (a deferred text's too: the factory
    stores what it is given)."""
    descriptor = next(vars(k)[name] for k in cls.__mro__ if name in vars(k))
    return descriptor.slot if isinstance(descriptor, DeferredText) else descriptor
