"""The arrays the rules of evaluation are written over, and the two libraries that run them.

Every rule (a kind's "is it met", a goal, a score, the status ladder, 时序进度, the trend, the
index) is written once, over arrays of the units of one indicator and year, with ordinary
operators (``value >= goal``, ``(value - base) / (goal - base)``) and the few functions of
``Backend`` (``where``, ``isnan``…). The same definition then runs on either library:

- ``PYTHON``: short arrays as Python lists (``Vec``), for a submission of a few units. It costs
  nothing to import, so a district's report starts as fast as the stack allows;
- ``NUMPY``: numpy arrays, for a city's or a country's file of thousands of units.

Both compute every element with the same IEEE double operations in the same order, so their
results are identical by construction; ``tests/test_arrays.py`` holds the two libraries to it,
operation by operation. Reductions across units (means, ranks) are not array operations here:
they are written once in ``peers.py`` and ``index.py`` over plain sequences.
"""

from __future__ import annotations

import array as flat
import math
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

NAN = math.nan
# Submissions with at least this many units run on numpy; fewer run on plain Python lists.
NUMPY_FROM_UNITS = 64


class Backend(Protocol):
    """What a rule may call besides the arithmetic and comparison operators."""

    name: str

    def full(self, size: int, value: float) -> Any: ...
    def array(self, values: Iterable[float]) -> Any: ...
    def where(self, condition: Any, yes: Any, no: Any) -> Any: ...
    def isnan(self, values: Any) -> Any: ...
    def abs(self, values: Any) -> Any: ...
    def minimum(self, a: Any, b: Any) -> Any: ...
    def maximum(self, a: Any, b: Any) -> Any: ...
    def power(self, base: Any, exponent: Any) -> Any: ...
    def tolist(self, values: Any) -> list[Any]: ...
    def doubles(self, values: Any) -> flat.array[float]:
        """An array of numbers as a flat array of doubles: what a judged slice keeps (8 bytes
        a figure, where a list holds a Python float of 32)."""
        ...

    def any(self, values: Any) -> bool: ...
    def view(self, column: flat.array[float], start: int, stop: int) -> Any:
        """``column[start:stop]`` of a flat array of doubles, as an array."""
        ...

    def decimal(self, values: Any) -> Any:
        """Each figure as the decimal a person would compute, to 12 significant digits (a
        compounded 7 % is 7, not 7.000000000000001). The same Python formatting on either
        library, so that both round alike."""
        ...


# --- plain Python --------------------------------------------------------------------------


def _divide(a: float, b: float) -> float:
    """IEEE division, as numpy does it: x/0 is ±inf, 0/0 is NaN (Python would raise)."""
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return NAN
        return math.copysign(math.inf, a) * math.copysign(1.0, b)


def _power(a: float, b: float) -> float:
    """numpy's float power: a negative base to a fractional power is NaN (Python: complex);
    ±0 to a negative power and an overflow are infinite, negative where IEEE says (a negative
    base to an odd whole power: (-0.0) ** -1 is -inf)."""
    try:
        result = a**b
    except (ZeroDivisionError, OverflowError):
        whole = abs(b) != math.inf and float(b).is_integer()
        if a < 0 and not whole:
            return NAN  # complex, had it not overflowed
        return math.copysign(math.inf, a) if whole and b % 2 == 1 else math.inf
    return NAN if isinstance(result, complex) else float(result)


def _elementwise(function: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Vec]:
    def apply(self: Vec, other: Any) -> Vec:
        if isinstance(other, Vec):
            return Vec([function(a, b) for a, b in zip(self.items, other.items, strict=True)])
        return Vec([function(a, other) for a in self.items])

    return apply


def _reflected(function: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Vec]:
    def apply(self: Vec, other: Any) -> Vec:
        return Vec([function(other, a) for a in self.items])

    return apply


class Vec:
    """A short array of floats or booleans with numpy's elementwise operators."""

    __slots__ = ("items",)

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __getitem__(self, index: int) -> Any:
        return self.items[index]

    def __repr__(self) -> str:
        return f"Vec({self.items!r})"

    __add__ = _elementwise(operator.add)
    __radd__ = _reflected(operator.add)
    __sub__ = _elementwise(operator.sub)
    __rsub__ = _reflected(operator.sub)
    __mul__ = _elementwise(operator.mul)
    __rmul__ = _reflected(operator.mul)
    __truediv__ = _elementwise(_divide)
    __rtruediv__ = _reflected(_divide)
    __pow__ = _elementwise(_power)
    __ge__ = _elementwise(operator.ge)
    __gt__ = _elementwise(operator.gt)
    __le__ = _elementwise(operator.le)
    __lt__ = _elementwise(operator.lt)
    __eq__ = _elementwise(operator.eq)  # type: ignore[assignment]
    __ne__ = _elementwise(operator.ne)  # type: ignore[assignment]
    __and__ = _elementwise(lambda a, b: bool(a) and bool(b))
    __or__ = _elementwise(lambda a, b: bool(a) or bool(b))
    __hash__ = None  # type: ignore[assignment]

    def __neg__(self) -> Vec:
        return Vec([-a for a in self.items])

    def __invert__(self) -> Vec:
        return Vec([not a for a in self.items])


def decimal(x: float) -> float:
    """``x`` to 12 significant digits; NaN and infinities as they are."""
    return float(f"{x:.12g}") if x - x == 0 else x


def _items(values: Any, size: int) -> list[Any]:
    return values.items if isinstance(values, Vec) else [values] * size


class _Python:
    name = "python"

    def full(self, size: int, value: float) -> Vec:
        return Vec([value] * size)

    def array(self, values: Iterable[float]) -> Vec:
        return Vec(list(values))

    def where(self, condition: Any, yes: Any, no: Any) -> Vec:
        if not isinstance(condition, Vec):
            size = len(yes) if isinstance(yes, Vec) else len(no) if isinstance(no, Vec) else 1
            condition = Vec([condition] * size)
        size = len(condition)
        return Vec(
            [
                a if c else b
                for c, a, b in zip(
                    condition.items, _items(yes, size), _items(no, size), strict=True
                )
            ]
        )

    def isnan(self, values: Any) -> Vec:
        return Vec([a != a for a in values.items])

    def abs(self, values: Any) -> Vec:
        return Vec([abs(a) for a in values.items])

    # As numpy: NaN on either side is NaN; of two equal figures (0.0 and -0.0) the second.
    def minimum(self, a: Any, b: Any) -> Vec:
        return _pairwise(a, b, lambda x, y: x if x != x else y if y != y else x if x < y else y)

    def maximum(self, a: Any, b: Any) -> Vec:
        return _pairwise(a, b, lambda x, y: x if x != x else y if y != y else x if x > y else y)

    def power(self, base: Any, exponent: Any) -> Vec:
        return _pairwise(base, exponent, _power)

    def tolist(self, values: Any) -> list[Any]:
        return list(values.items)

    def doubles(self, values: Any) -> flat.array[float]:
        return flat.array("d", values.items)

    def any(self, values: Any) -> bool:
        return any(values.items)

    def view(self, column: flat.array[float], start: int, stop: int) -> Vec:
        return Vec(column[start:stop].tolist())

    def decimal(self, values: Any) -> Vec:
        return Vec([decimal(x) for x in values.items])


def _pairwise(a: Any, b: Any, function: Callable[[Any, Any], Any]) -> Vec:
    size = len(a) if isinstance(a, Vec) else len(b)
    return Vec([function(x, y) for x, y in zip(_items(a, size), _items(b, size), strict=True)])


# --- numpy ---------------------------------------------------------------------------------


class _Numpy:
    name = "numpy"

    def __init__(self) -> None:
        import numpy

        self.np = numpy

    def full(self, size: int, value: float) -> Any:
        return self.np.full(size, value, dtype=self.np.float64)

    def array(self, values: Iterable[float]) -> Any:
        return self.np.asarray(list(values) if not isinstance(values, Sequence) else values,
                               dtype=self.np.float64)  # fmt: skip

    def where(self, condition: Any, yes: Any, no: Any) -> Any:
        return self.np.where(condition, yes, no)

    def isnan(self, values: Any) -> Any:
        return self.np.isnan(values)

    def abs(self, values: Any) -> Any:
        return self.np.abs(values)

    def minimum(self, a: Any, b: Any) -> Any:
        return self.np.minimum(a, b)

    def maximum(self, a: Any, b: Any) -> Any:
        return self.np.maximum(a, b)

    def power(self, base: Any, exponent: Any) -> Any:
        """The C library's pow on each element, as plain Python computes it: numpy's own pow
        differs from it in the last bit for some figures (13.5 ** -0.99999)."""
        np = self.np
        a, b = np.broadcast_arrays(np.asarray(base, dtype=np.float64),
                                   np.asarray(exponent, dtype=np.float64))  # fmt: skip
        return self.array([_power(x, y) for x, y in zip(a.tolist(), b.tolist(), strict=True)])

    def tolist(self, values: Any) -> list[Any]:
        return list(values.tolist())

    def doubles(self, values: Any) -> flat.array[float]:
        return flat.array("d", self.np.ascontiguousarray(values, dtype=self.np.float64).tobytes())

    def any(self, values: Any) -> bool:
        return bool(self.np.any(values))

    def decimal(self, values: Any) -> Any:
        return self.array([decimal(x) for x in values.tolist()])

    def view(self, column: flat.array[float], start: int, stop: int) -> Any:
        return self.np.frombuffer(column, dtype=self.np.float64, count=stop - start,
                                  offset=start * column.itemsize)  # fmt: skip


PYTHON: Backend = _Python()
_numpy: Backend | None = None


def numpy_backend() -> Backend:
    global _numpy
    if _numpy is None:
        _numpy = _Numpy()
    return _numpy


def backend_for(units: int, forced: str | None = None) -> Backend:
    """The library for ``units`` units: numpy for many, plain Python for a few.

    ``forced`` ("python" or "numpy") is for the tests that hold the two to the same results.
    """
    choice = forced or ("numpy" if units >= NUMPY_FROM_UNITS else "python")
    return numpy_backend() if choice == "numpy" else PYTHON
