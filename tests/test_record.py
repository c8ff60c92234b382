"""``plancheck.record``: a dataclass without compiled methods behaves as ``@dataclass(frozen=True)``
would — for construction, equality, hashing, repr, copying, pickling and pydantic's validation."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Annotated

import pytest
from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from plancheck.record import record


@record
class Point:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


@record(kw_only=True)
class Named:
    __pydantic_config__ = ConfigDict(extra="forbid")
    name: str
    weight: Annotated[float, Field(ge=0)] = 1.0


@record(kw_only=True)
class Heavier(Named):
    extra: int = 2

    @property
    def double(self) -> float:
        return self.weight * 2


@record(frozen=False)
class Counter:
    count: int = 0


@dataclasses.dataclass(frozen=True)
class CompiledPoint:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


def test_construction_matches_a_compiled_dataclass() -> None:
    for cls in (Point, CompiledPoint):
        made = cls(1, tags=["a"])
        assert (made.x, made.y, made.tags) == (1, 0, ["a"])
        assert cls(1).tags is not cls(1).tags  # a fresh default each time
    assert repr(Point(1, 2)) == repr(CompiledPoint(1, 2)).replace("CompiledPoint", "Point")
    assert [f.name for f in dataclasses.fields(Point)] == ["x", "y", "tags"]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing required argument: 'x'"),
        ((1, 2, [], 4), {}, "takes 3 positional arguments, 4 given"),
        ((1,), {"x": 2}, "multiple values for argument 'x'"),
        ((1,), {"z": 2}, "unexpected keyword argument 'z'"),
    ],
)
def test_wrong_arguments_are_refused(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)


def test_keyword_only_refuses_positions() -> None:
    with pytest.raises(TypeError, match="takes 0 positional"):
        Named("a")  # type: ignore[misc]
    assert Heavier(name="a", extra=3).double == 2.0


def test_equality_and_hash_follow_the_fields_and_the_class() -> None:
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(2, 1)
    assert Point(1) != CompiledPoint(1)
    assert Named(name="a") != Heavier(name="a")  # a subclass is another class
    assert hash(Named(name="a")) == hash(Named(name="a"))
    assert len({Named(name="a"), Named(name="a"), Named(name="b")}) == 2


def test_frozen_unless_said_mutable() -> None:
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x  # type: ignore[misc]
    counter = Counter()
    counter.count += 1
    assert counter == Counter(1)
    with pytest.raises(TypeError):
        hash(counter)  # mutable: unhashable, as a dataclass


def test_replace_asdict_and_pickle() -> None:
    point = Point(1, 2, ["a"])
    assert dataclasses.replace(point, y=5) == Point(1, 5, ["a"])
    assert dataclasses.asdict(point) == {"x": 1, "y": 2, "tags": ["a"]}
    assert pickle.loads(pickle.dumps(Heavier(name="a"))) == Heavier(name="a")


def test_pydantic_validates_it_strictly() -> None:
    validator = TypeAdapter(Heavier)
    made = validator.validate_python({"name": "a", "weight": 3})
    assert made == Heavier(name="a", weight=3.0)
    with pytest.raises(ValidationError, match="unexpected_keyword_argument"):
        validator.validate_python({"name": "a", "colour": "red"})
    with pytest.raises(ValidationError, match="greater_than_equal"):
        validator.validate_python({"name": "a", "weight": -1})
