"""Frozen value classes: dataclasses made without compiling code for each one.

Python 3.11's ``@dataclass(frozen=True)`` writes a class's ``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__`` and ``__delattr__`` as source text and compiles each
with ``exec``: about 5 million instructions a class. plancheck imports some forty of them on
every run, a seventh of a small evaluation's start-up (``benchmarks/run.py``, in instructions).
``@record`` makes the same dataclass — ``dataclasses.fields``, ``replace``, ``asdict``, pickle
and pydantic see an ordinary one — whose six methods are these generic ones, shared by every
record class, reading the class's fields from a table made once.

    >>> @record
    ... class Point:
    ...     x: int
    ...     y: int = 0
    >>> Point(1) == Point(x=1, y=0), Point(1, 2)
    (True, Point(x=1, y=2))
    >>> Point(1).x = 3
    Traceback (most recent call last):
    dataclasses.FrozenInstanceError: cannot assign to field 'x'

An instance is made a little more slowly than a compiled ``__init__`` would (a loop over the
fields): right for classes made a few times per run, not for one per result (those are
NamedTuples: ``evaluate/models.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_MISSING = dataclasses.MISSING


class _Field(NamedTuple):
    name: str
    default: Any  # _MISSING when required
    factory: Any  # _MISSING unless default_factory
    positional: bool  # may be given by position (not kw_only)


class _Spec(NamedTuple):
    fields: tuple[_Field, ...]
    positional: tuple[_Field, ...]  # those that may be given by position, in order
    by_name: frozenset[str]
    compared: tuple[str, ...]  # in __eq__ and __hash__
    shown: tuple[str, ...]  # in __repr__
    post_init: bool


def _spec(cls: type[Any]) -> _Spec:
    fields = tuple(
        _Field(f.name, f.default, f.default_factory, not f.kw_only)
        for f in dataclasses.fields(cls)
        if f.init
    )
    return _Spec(
        fields,
        tuple(f for f in fields if f.positional),
        frozenset(f.name for f in fields),
        tuple(f.name for f in dataclasses.fields(cls) if f.compare),
        tuple(f.name for f in dataclasses.fields(cls) if f.repr),
        hasattr(cls, "__post_init__"),
    )


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    spec: _Spec = type(self).__record__
    name = type(self).__qualname__
    positional = spec.positional
    if len(args) > len(positional):
        raise TypeError(f"{name}() takes {len(positional)} positional arguments, {len(args)} given")
    state = self.__dict__
    for f, value in zip(positional, args, strict=False):
        if f.name in kwargs:
            raise TypeError(f"{name}() got multiple values for argument '{f.name}'")
        state[f.name] = value
    for key, value in kwargs.items():
        if key not in spec.by_name:
            raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
        state[key] = value
    for f in spec.fields:
        if f.name in state:
            continue
        if f.factory is not _MISSING:
            state[f.name] = f.factory()
        elif f.default is not _MISSING:
            state[f.name] = f.default
        else:
            raise TypeError(f"{name}() missing required argument: '{f.name}'")
    if spec.post_init:
        self.__post_init__()


def _repr(self: Any) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in type(self).__record__.shown)
    return f"{type(self).__qualname__}({shown})"


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, n) for n in type(self).__record__.compared)


def _eq(self: Any, other: object) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_MUTABLE: dict[str, Callable[..., Any] | None] = {
    "__init__": _init,
    "__repr__": _repr,
    "__eq__": _eq,
}
_METHODS = {**_MUTABLE, "__hash__": _hash, "__setattr__": _setattr, "__delattr__": _delattr}


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, kw_only: bool = False, frozen: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T] | None = None, /, *, kw_only: bool = False, frozen: bool = True) -> Any:
    """A dataclass with the shared methods above: frozen unless ``frozen=False`` (then, as a
    dataclass, unhashable); ``kw_only``: every field given by name."""

    def make(cls: type[T]) -> type[T]:
        # No method is generated; the class keeps its own methods and the generic ones are set.
        made = dataclasses.dataclass(init=False, repr=False, eq=False, kw_only=kw_only)(cls)
        made.__record__ = _spec(made)  # type: ignore[attr-defined]
        methods = _METHODS if frozen else {**_MUTABLE, "__hash__": None}
        for name, method in methods.items():
            if name not in cls.__dict__ or name == "__hash__":  # a class's own method stays
                setattr(made, name, method)
        return made

    return make if cls is None else make(cls)
