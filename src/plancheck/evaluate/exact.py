"""Python's own number texts and sums, computed for whole columns at once (numpy), exactly.

The columnar path (columnar.py) must print the very bytes the Python path prints: ``repr`` of
floats, ``round(x, n)``, ``f"{x:.4f}"`` (messages.number), ``f"{x:.0f}"`` (messages.share) and
``math.fsum``. Each function here reproduces one of them for the rows where that can be proved
exact with double arithmetic, and marks the rest (a value a hair from a rounding tie, a magnitude
where the formats differ); the caller computes those few rows with the Python function itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import polars as pl

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
_U = 2.0**-53  # unit roundoff


def fsum(terms: Sequence[Floats]) -> tuple[Floats, Bools]:
    """Row-wise ``math.fsum`` of columns (absent terms given as 0.0), and the rows to redo.

    Error-free sums (TwoSum) keep the exact total as ``s + e + e2``; ``fl(s + e)`` is then
    math.fsum's correctly rounded total (half-even ties included) whenever ``e`` was summed
    without error, or the remainder stays clear of the rounding boundary by more than the error
    left. The other rows are marked.
    """
    s = np.zeros_like(terms[0])
    e = np.zeros_like(terms[0])
    e2 = np.zeros_like(terms[0])
    spread2 = np.zeros_like(terms[0])
    for t in terms:
        s, err = _two_sum(s, t)
        e, err2 = _two_sum(e, err)
        e2 = e2 + err2
        spread2 = spread2 + np.abs(err2)
    r, lo = _two_sum(s, e)  # s + e == r + lo exactly
    d = lo + e2
    inexact = (e2 != 0) | (spread2 != 0)
    bound = np.where(
        inexact, 4 * _U * (np.abs(lo) + np.abs(e2)) + len(terms) * 4 * _U * spread2, 0.0
    )
    gap = np.spacing(np.abs(r))
    power_of_two = np.frexp(np.abs(r))[0] == 0.5
    toward_zero = np.sign(d) != np.sign(r)
    half = np.where(power_of_two & toward_zero, gap / 4, gap / 2)
    risky = (inexact & (np.abs(d) + bound >= half)) | (np.abs(lo) > half)
    risky |= ((r == 0) & inexact) | ~np.isfinite(r)
    return r, risky


def _two_sum(a: Floats, b: Floats) -> tuple[Floats, Floats]:
    total = a + b
    back = total - a
    return total, (a - (total - back)) + (b - back)


def round_to(x: Floats, digits: int) -> tuple[Floats, Bools]:
    """``round(x, digits)`` for each value, and the rows to redo with Python's round."""
    scale = 10.0**digits
    a = np.abs(x)
    y = a * scale
    f = np.floor(y)
    d = y - f
    risky = (np.abs(d - 0.5) <= y * 4 * _U + 1e-12) | (a >= 1e9) | ~np.isfinite(x)
    k = f + (d > 0.5)
    return np.copysign(k / scale, x), risky


def fixed4(x: Floats) -> tuple[pl.Series, Bools]:
    """``messages.number(x)`` texts, and the rows to redo.

    Whole numbers print as integers; others as ``f"{x:.4f}"`` less trailing zeros, which is the
    decimal ``k / 10⁴`` with ``k = round(|x| · 10⁴)`` (half-even on the exact value). With
    ``0 < k < 10¹³`` that decimal has at most 13 significant digits, so the nearest double to it
    prints (shortest round trip, as ``repr`` and Polars print) as exactly those digits.
    """
    a = np.abs(x)
    whole = np.floor(x) == x
    y = a * 1e4
    f = np.floor(y)
    d = y - f
    k = f + (d > 0.5)
    risky = (a >= 1e9) | ~np.isfinite(x)
    risky |= ~whole & ((np.abs(d - 0.5) <= y * 4 * _U + 1e-12) | (k == 0))
    shown = np.where(whole, x, np.copysign(k / 1e4, x))
    shown = np.where(risky | (shown == 0), 0.0, shown)  # -0.0 prints as 0
    return pl.Series(shown).cast(pl.String).str.strip_suffix(".0"), risky


def numbers(x: Floats) -> pl.Series:
    """``messages.number`` of each value: ``fixed4``'s texts, the rows it cannot prove redone by
    the Python function."""
    from plancheck.messages import number

    texts, risky = fixed4(x)
    return patch(texts, risky, x, number)


def percent(x: Floats) -> tuple[pl.Series, Bools]:
    """``messages.share(x)`` texts (``f"{x * 100:.0f}%"``), and the rows to redo."""
    y = x * 100
    a = np.abs(y)
    f = np.floor(a)
    d = a - f
    k = f + (d > 0.5) + ((d == 0.5) & (np.fmod(f, 2) == 1))
    risky = (a >= 2.0**52) | ~np.isfinite(y)
    digits = pl.Series(np.where(risky, 0.0, k)).cast(pl.Int64).cast(pl.String)
    sign = pl.Series(np.where(np.signbit(y), "-", ""))
    return sign + digits + "%", risky


def reprs(x: Floats, *, whole_as_int: bool) -> tuple[pl.Series, Bools]:
    """``repr`` of each float as the JSON encoder writes it (``figure``: whole numbers as ints).

    Polars prints the shortest round-trip digits as ``repr`` does, in the same notation from
    1e-4 up to 1e16; a whole number's ``.0`` is dropped for ``figure``.
    """
    a = np.abs(x)
    risky = ((a < 1e-4) & (a != 0)) | (a >= 1e16) | ~np.isfinite(x)
    if not whole_as_int:
        return pl.Series(x).cast(pl.String), risky
    text = pl.Series(np.where(x == 0, 0.0, x)).cast(pl.String).str.strip_suffix(".0")
    return text, risky


def patch(
    texts: pl.Series, risky: Bools, values: Floats, exact: Callable[[float], str]
) -> pl.Series:
    """Redo the marked rows with the Python function itself."""
    rows = np.flatnonzero(risky)
    if len(rows):
        texts = texts.scatter(rows, [exact(float(v)) for v in values[rows]])
    return texts
