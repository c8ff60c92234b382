"""Progress against time (时序进度) and over the years: will the target be met at this pace?

Two measures, both documented in the README, both written over arrays of units:

Straight line (a baseline and this year):
    share of the way = (value − baseline) / (target − baseline)      (a kind may define its own)
    share of time    = (year − baseline year) / (target year − baseline year)
    on schedule when the share of the way ≥ the share of time; not measured when the baseline
    was already at or past the target (no gap to close).

Trend (two or more years, the baseline counting as one), after the UN SDG progress chart, with
linear rather than compound rates because most indicators are percentages:
    observed rate  = least-squares slope of the series (per year)
    required rate  = (target − first value) / (target year − first year)
    ratio          = observed rate / required rate
    projection     = the trend line's value in the target year, kept within the indicator's
                     valid range (a rate does not project past 100 %) — a count (次, 件, 人…)
                     never below 0 (``projection_bounds``)
    achieved            the latest value meets the target
    on track            ratio ≥ 1 (the projection meets the target)
    lagging             0.5 ≤ ratio < 1
    seriously lagging   0 ≤ ratio < 0.5 (including no change)
    going backwards     ratio < 0 (moving away from the target)
A year after the target year has no trend (the engine draws none): the target year has passed,
and the result itself is the verdict.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from plancheck.evaluate.arrays import Backend
    from plancheck.plan.models import Indicator

# Shares and rates come from decimals people typed, in binary floating point: 60 % of a gap can
# come out as 0.59999999999999998. Comparisons allow this much, so that an exact hit is a hit.
TOLERANCE = 1e-9
ON_TRACK, LAGGING = 1.0, 0.5  # ratio thresholds (see above)

VERDICTS = ("achieved", "on_track", "lagging", "seriously_lagging", "going_backwards")


class Trend(NamedTuple):
    verdict: str  # one of VERDICTS
    series: tuple[tuple[int, float], ...]  # (year, value), ascending
    slope: float  # observed change per year
    projection: float  # the trend line's value in the target year
    ratio: float | None  # observed / required rate; None when no change was required


class Trends(NamedTuple):
    """The trend of every unit, as arrays: ``verdict`` an index into VERDICTS (NaN: none)."""

    verdict: Any
    slope: Any
    projection: Any
    ratio: Any  # NaN when no change was required


def trends(
    xp: Backend,
    points: Sequence[tuple[int, Any]],
    goal: Any,
    higher_is_better: bool,
    met: Any,
    target_year: int,
    bounds: tuple[float | None, float | None] = (None, None),
) -> Trends:
    """The trend of each unit's series. ``points``: (year, values over the units; NaN where the
    unit has no figure that year), ascending by year. A unit with fewer than two figures has no
    trend (verdict NaN). Sums run in year order: the same in either array library."""
    size = len(goal)
    n = xp.full(size, 0.0)
    sum_x = xp.full(size, 0.0)
    sum_y = xp.full(size, 0.0)
    masks = []
    for year, values in points:
        has = ~xp.isnan(values)
        masks.append(has)
        n = n + xp.where(has, 1.0, 0.0)
        sum_x = sum_x + xp.where(has, float(year), 0.0)
        sum_y = sum_y + xp.where(has, values, 0.0)
    enough = n >= 2.0
    count = xp.where(enough, n, 1.0)
    mean_x = sum_x / count
    mean_y = sum_y / count
    sxx = xp.full(size, 0.0)
    sxy = xp.full(size, 0.0)
    first_year = xp.full(size, math.nan)
    first = xp.full(size, math.nan)
    for (year, values), has in zip(points, masks, strict=True):
        dx = float(year) - mean_x
        sxx = sxx + xp.where(has, dx * dx, 0.0)
        sxy = sxy + xp.where(has, dx * (values - mean_y), 0.0)
        unset = xp.isnan(first_year) & has
        first_year = xp.where(unset, float(year), first_year)
        first = xp.where(unset, values, first)
    slope = xp.where(sxx != 0.0, sxy / xp.where(sxx != 0.0, sxx, 1.0), 0.0)
    projection = mean_y - slope * mean_x + slope * float(target_year)
    low, high = bounds
    if low is not None:
        projection = xp.where(projection < low, low, projection)
    if high is not None:
        projection = xp.where(projection > high, high, projection)
    span = float(target_year) - first_year
    required = xp.where(span > 0.0, (goal - first) / xp.where(span > 0.0, span, 1.0), 0.0)
    # No rate is required when the series started at or beyond the target (it slipped back since).
    toward_required = required if higher_is_better else -required
    has_ratio = toward_required > 0.0
    ratio = xp.where(has_ratio, slope / xp.where(has_ratio, required, 1.0), math.nan)
    toward = slope if higher_is_better else -slope
    verdict = xp.where(
        ratio >= ON_TRACK - TOLERANCE,
        1.0,
        xp.where(ratio >= LAGGING - TOLERANCE, 2.0, xp.where(ratio >= -TOLERANCE, 3.0, 4.0)),
    )
    verdict = xp.where(has_ratio, verdict, xp.where(toward < 0.0, 4.0, 3.0))
    verdict = xp.where(met == 1.0, 0.0, verdict)
    verdict = xp.where(enough & ~xp.isnan(goal), verdict, math.nan)
    return Trends(verdict, slope, projection, ratio)


# A unit of things counted — 次, 件, 人, 个… (万人, 人次), per year or per population too (次/年,
# 人/万人): no count is below 0, so neither is its projection, whatever way its line goes.
# A set, not a pattern: compiling one would cost every run's start-up more than it reads.
_COUNTED = frozenset(
    [
        "人次",
        "次",
        "件",
        "人",
        "个",
        "家",
        "项",
        "户",
        "所",
        "座",
        "处",
        "名",
        "起",
        "宗",
        "例",
        "张",
        "台",
        "辆",
        "套",
        "篇",
        "部",
        "场",
        "批",
    ]
)
_COUNT_SCALES = "万千百亿"


def projection_bounds(indicator: Indicator) -> tuple[float | None, float | None]:
    """The range a projection is kept within: the indicator's valid range (``bounds``), and
    from 0 up for a count that has no minimum of its own."""
    low, high = indicator.bounds
    unit = "".join((indicator.unit or "").split())
    counted = unit.partition("/")[0] if unit.partition("/")[2] else unit
    counted = counted[1:] if counted[:1] in _COUNT_SCALES and len(counted) > 1 else counted
    if low is None and counted in _COUNTED:
        low = 0.0
    return low, high


def time_share(year: int, start_year: Any, target_year: int) -> Any:
    """The share of the time from the start (baseline) year to the target year gone by ``year``."""
    return (float(year) - start_year) / (float(target_year) - start_year)
