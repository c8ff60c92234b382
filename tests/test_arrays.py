"""The array operations the rules are written with, on both libraries (evaluate/arrays.py), and
the two reductions across units (evaluate/peers.py).

Each operation is checked for what it must give — NaN in, NaN out; x/0 is ±inf and 0/0 NaN as
IEEE says, not a ZeroDivisionError; a negative base to a fractional power is NaN, not a complex
number — and then, on random figures with NaN, infinities and signed zeros, the two libraries
must give the very same doubles (compared by ``repr``, which tells -0.0 from 0.0).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.evaluate import peers
from plancheck.evaluate.arrays import NUMPY_FROM_UNITS, PYTHON, Backend, backend_for, numpy_backend

NAN, INF = math.nan, math.inf
BACKENDS = [PYTHON, numpy_backend()]
# numpy warns of x/0 and inf - inf; the rules guard their divisions, these tests do not.
pytestmark = pytest.mark.filterwarnings(
    "ignore:divide by zero:RuntimeWarning",
    "ignore:invalid value:RuntimeWarning",
    "ignore:overflow:RuntimeWarning",
)


@pytest.fixture(params=BACKENDS, ids=lambda b: b.name)
def xp(request: pytest.FixtureRequest) -> Backend:
    backend: Backend = request.param
    return backend


def shown(values: list[Any]) -> list[str]:
    """Floats as repr (nan, -0.0 and 0.0 told apart), booleans as themselves."""
    return [repr(bool(v)) if isinstance(v, bool) or type(v).__name__ == "bool_" else repr(float(v))
            for v in values]  # fmt: skip


def out(xp: Backend, values: Any) -> list[str]:
    return shown(xp.tolist(values))


# --- what each operation gives ------------------------------------------------------------------


def test_arithmetic_is_ieee(xp: Backend) -> None:
    a = xp.array([1.0, -1.0, 0.0, NAN, 6.0])
    b = xp.array([0.0, 0.0, 0.0, 1.0, 3.0])
    assert out(xp, a / b) == ["inf", "-inf", "nan", "nan", "2.0"]
    assert out(xp, a + b) == ["1.0", "-1.0", "0.0", "nan", "9.0"]
    assert out(xp, a - b) == ["1.0", "-1.0", "0.0", "nan", "3.0"]
    assert out(xp, a * b) == ["0.0", "-0.0", "0.0", "nan", "18.0"]
    assert out(xp, -a) == ["-1.0", "1.0", "-0.0", "nan", "-6.0"]
    # a scalar on either side
    assert out(xp, 12.0 / b) == ["inf", "inf", "inf", "12.0", "4.0"]
    assert out(xp, 10.0 - a) == ["9.0", "11.0", "10.0", "nan", "4.0"]
    assert out(xp, 2.0 * a + 1.0) == ["3.0", "-1.0", "1.0", "nan", "13.0"]
    assert out(xp, a / -0.0) == ["-inf", "inf", "nan", "nan", "-inf"]


def test_comparisons_at_the_bound_and_with_nan(xp: Backend) -> None:
    a = xp.array([5.0, 5.0, 4.0, NAN])
    goal = xp.full(4, 5.0)
    assert out(xp, a >= goal) == ["True", "True", "False", "False"]
    assert out(xp, a > goal) == ["False", "False", "False", "False"]
    assert out(xp, a <= goal) == ["True", "True", "True", "False"]
    assert out(xp, a < goal) == ["False", "False", "True", "False"]
    assert out(xp, a == goal) == ["True", "True", "False", "False"]
    assert out(xp, a != goal) == ["False", "False", "True", "True"]  # NaN is unequal to all
    assert out(xp, a > 4.0) == ["True", "True", "False", "False"]
    assert out(xp, a > 4.0) == ["True", "True", "False", "False"]


def test_boolean_algebra(xp: Backend) -> None:
    yes = xp.array([1.0, 1.0, 0.0, 0.0]) == 1.0
    other = xp.array([1.0, 0.0, 1.0, 0.0]) == 1.0
    assert out(xp, yes & other) == ["True", "False", "False", "False"]
    assert out(xp, yes | other) == ["True", "True", "True", "False"]
    assert out(xp, ~yes) == ["False", "False", "True", "True"]
    assert xp.any(yes) is True and xp.any(yes & ~yes) is False


def test_where_broadcasts_scalars(xp: Backend) -> None:
    condition = xp.array([1.0, 0.0, NAN]) == 1.0
    assert out(xp, xp.where(condition, 1.0, 0.0)) == ["1.0", "0.0", "0.0"]
    assert out(xp, xp.where(condition, xp.array([7.0, 8.0, 9.0]), NAN)) == ["7.0", "nan", "nan"]
    assert out(xp, xp.where(condition, NAN, xp.array([7.0, 8.0, 9.0]))) == ["nan", "8.0", "9.0"]
    nested = xp.where(condition, 0.0, xp.where(xp.isnan(xp.array([1.0, NAN, NAN])), 4.0, 1.0))
    assert out(xp, nested) == ["0.0", "4.0", "4.0"]


def test_isnan_abs(xp: Backend) -> None:
    a = xp.array([NAN, -2.5, INF, -0.0])
    assert out(xp, xp.isnan(a)) == ["True", "False", "False", "False"]
    assert out(xp, xp.abs(a)) == ["nan", "2.5", "inf", "0.0"]


def test_minimum_and_maximum_keep_nan_on_either_side(xp: Backend) -> None:
    a = xp.array([NAN, 1.0, 3.0, NAN])
    b = xp.array([1.0, NAN, 2.0, NAN])
    assert out(xp, xp.minimum(a, b)) == ["nan", "nan", "2.0", "nan"]
    assert out(xp, xp.maximum(a, b)) == ["nan", "nan", "3.0", "nan"]
    assert out(xp, xp.minimum(a, 2.0)) == ["nan", "1.0", "2.0", "nan"]
    assert out(xp, xp.maximum(xp.minimum(a, 100.0), 0.0)) == ["nan", "1.0", "3.0", "nan"]


def test_power_is_real(xp: Backend) -> None:
    base = xp.array([-8.0, 0.0, 4.0, 1e200, NAN, 1.07])
    assert out(xp, xp.power(base, 0.5))[:5] == ["nan", "0.0", "2.0", "1e+100", "nan"]
    assert out(xp, xp.power(xp.array([0.0]), -1.0)) == ["inf"]
    assert out(xp, xp.power(xp.array([1e200]), 2.0)) == ["inf"]
    assert out(xp, xp.array([2.0, -2.0]) ** 2.0) == ["4.0", "4.0"]


@pytest.mark.parametrize(
    ("base", "exponent"),
    [(13.5, -0.99999), (-0.0, -1.0), (-1e200, 3.0), (-1.25e-42, -7.5), (1.07 * 1.075, 0.5)],
)
def test_power_is_the_same_double_on_both(base: float, exponent: float) -> None:
    """numpy's own pow is off by one bit on 13.5 ** -0.99999; Python raises on (-0.0) ** -1."""
    python, numpy = BACKENDS
    assert out(python, python.power(python.array([base]), exponent)) == out(
        numpy, numpy.power(numpy.array([base]), exponent)
    )


def test_decimal_is_twelve_significant_digits(xp: Backend) -> None:
    a = xp.array([0.1 + 0.2, 7.000000000000001, 1.0 - 0.97**4 * 0.975, NAN, INF, -INF, 13.5])
    assert out(xp, xp.decimal(a)) == [
        "0.3", "7.0", "0.13683951025", "nan", "inf", "-inf", "13.5",
    ]  # fmt: skip


def test_full_array_view(xp: Backend) -> None:
    assert out(xp, xp.full(3, 2.5)) == ["2.5", "2.5", "2.5"]
    assert out(xp, xp.array(x / 2 for x in range(3))) == ["0.0", "0.5", "1.0"]
    column = array("d", [0.0, 1.0, NAN, 3.0, 4.0])
    assert out(xp, xp.view(column, 1, 4)) == ["1.0", "nan", "3.0"]
    assert out(xp, xp.view(column, 2, 2)) == []


def test_doubles_keep_every_double_as_it_is(xp: Backend) -> None:
    """What a judged slice keeps: the same doubles, bit for bit (NaN, -0.0, infinities)."""
    values = [1.5, -0.0, math.nan, math.inf, -math.inf, 0.1 + 0.2, 1e308]
    kept = xp.doubles(xp.array(values))
    assert isinstance(kept, array) and kept.typecode == "d"
    assert kept.tobytes() == array("d", values).tobytes()
    assert xp.doubles(xp.array([1.0, 2.0]) > 1.5).tolist() == [0.0, 1.0]  # a mask as 0/1


def test_the_library_is_chosen_by_size() -> None:
    assert backend_for(1).name == "python"
    assert backend_for(NUMPY_FROM_UNITS - 1).name == "python"
    assert backend_for(NUMPY_FROM_UNITS).name == "numpy"
    assert backend_for(1, "numpy").name == "numpy"
    assert backend_for(10_000, "python").name == "python"


# --- the two libraries give the same doubles ----------------------------------------------------

doubles = st.one_of(
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 5.0, 13.5, 100.0, NAN, INF, -INF, 1e308, 5e-324]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-200, 200).map(lambda x: round(x, 2)),
)
pairs = st.integers(1, 8).flatmap(
    lambda n: st.tuples(st.lists(doubles, min_size=n, max_size=n), st.lists(doubles, min_size=n, max_size=n))
)  # fmt: skip

BINARY: dict[str, Callable[[Backend, Any, Any], Any]] = {
    "+": lambda xp, a, b: a + b,
    "-": lambda xp, a, b: a - b,
    "*": lambda xp, a, b: a * b,
    "/": lambda xp, a, b: a / b,
    "**": lambda xp, a, b: xp.power(a, b),
    ">=": lambda xp, a, b: a >= b,
    ">": lambda xp, a, b: a > b,
    "<=": lambda xp, a, b: a <= b,
    "<": lambda xp, a, b: a < b,
    "==": lambda xp, a, b: a == b,
    "!=": lambda xp, a, b: a != b,
    "minimum": lambda xp, a, b: xp.minimum(a, b),
    "maximum": lambda xp, a, b: xp.maximum(a, b),
    "where": lambda xp, a, b: xp.where(a > b, a, b),
    "abs(a-b)<=1": lambda xp, a, b: xp.abs(a - b) <= 1.0,
    "decimal": lambda xp, a, b: xp.decimal(a / b),
    "share": lambda xp, a, b: xp.where(xp.isnan(b), NAN, (a - b) / xp.where(b > 0, b, 1.0)),
    "scalar first": lambda xp, a, b: 1.0 - a / 100.0,
}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(pairs, st.sampled_from(sorted(BINARY)))
def test_both_libraries_compute_the_same_doubles(
    pair: tuple[list[float], list[float]], op: str
) -> None:
    a, b = pair
    python, numpy = BACKENDS
    with_python = shown(python.tolist(BINARY[op](python, python.array(a), python.array(b))))
    with_numpy = shown(numpy.tolist(BINARY[op](numpy, numpy.array(a), numpy.array(b))))
    assert with_python == with_numpy, (op, a, b)


# --- means and ranks across units (peers.py) ----------------------------------------------------


def test_ranks_tie_on_the_better_place() -> None:
    assert peers.ranks([90.0, 95.0, 95.0, 80.0], higher_first=True) == ([3.0, 1.0, 1.0, 4.0], 4)
    assert peers.ranks([1.0, 2.0, 2.0, 3.0, 5.0], higher_first=False) == (
        [1.0, 2.0, 2.0, 4.0, 5.0],
        5,
    )
    places, count = peers.ranks([NAN, 3.0, 3.0], higher_first=False) or ([], 0)
    assert shown(places) == ["nan", "1.0", "1.0"] and count == 2
    assert peers.ranks([NAN, 3.0], higher_first=True) is None  # one figure: no peers


def test_mean_as_a_person_computes_it() -> None:
    assert peers.mean([0.1, 0.2, 0.3]) == (0.2, 3)
    assert peers.mean([NAN, 80.0, 90.0]) == (85.0, 2)
    assert peers.mean([NAN, 80.0]) is None


figures = st.lists(
    st.one_of(st.sampled_from([NAN, 1.0, 2.0, 2.0, 3.0]), st.floats(-5, 5)), max_size=9
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(figures, st.booleans())
def test_a_rank_is_one_more_than_the_units_strictly_better(
    values: list[float], higher: bool
) -> None:
    found = peers.ranks(values, higher)
    given_ = [v for v in values if v == v]
    if len(given_) < 2:
        assert found is None
        return
    assert found is not None
    places, count = found
    assert count == len(given_)
    for value, place in zip(values, places, strict=True):
        if value != value:
            assert place != place
        else:
            better = [v for v in given_ if (v > value if higher else v < value)]
            assert place == 1 + len(better)
