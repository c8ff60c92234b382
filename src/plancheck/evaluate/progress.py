"""Progress against time (时序进度) and over the years: will the target be met at this pace?

Two measures, both documented in the README:

Straight line (one year and a baseline):
    gap share  = (value − baseline) / (target − baseline)
    time share = (year − baseline year) / (target year − baseline year)
    on schedule when gap share ≥ time share; not measured when the baseline was already at or
    past the target (no gap to close).

Trend (two or more years, the baseline counting as one), after the UN SDG progress chart, with
linear rather than compound rates because most indicators are percentages:
    observed rate  = least-squares slope of the series (per year)
    required rate  = (target − first value) / (target year − first year)
    ratio          = observed rate / required rate
    projection     = the trend line's value in the target year
    achieved            the latest value meets the target
    on track            ratio ≥ 1 (the projection meets the target)
    lagging             0.5 ≤ ratio < 1
    seriously lagging   0 ≤ ratio < 0.5 (including no change)
    going backwards     ratio < 0 (moving away from the target)
"""

from __future__ import annotations

import math
from typing import NamedTuple

# Shares and rates come from decimals people typed, in binary floating point: 60 % of a gap can
# come out as 0.59999999999999998. Comparisons allow this much, so that an exact hit is a hit.
TOLERANCE = 1e-9
ON_TRACK, LAGGING = 1.0, 0.5  # ratio thresholds (see above)


class Schedule(NamedTuple):
    gap_share: float
    time_share: float

    @property
    def on_track(self) -> bool:
        return self.gap_share >= self.time_share - TOLERANCE


def schedule(
    value: float,
    baseline: float,
    goal: float,
    year: int,
    baseline_year: int,
    target_year: int,
    higher_is_better: bool,
) -> Schedule | None:
    """The shares for one year, or None when the plan leaves no gap (the baseline is at or past
    the target) or no time to measure."""
    toward = goal - baseline if higher_is_better else baseline - goal
    if toward <= 0 or target_year <= baseline_year:
        return None
    return Schedule(
        (value - baseline) / (goal - baseline),
        (year - baseline_year) / (target_year - baseline_year),
    )


VERDICTS = ("achieved", "on_track", "lagging", "seriously_lagging", "going_backwards")


class Trend(NamedTuple):
    verdict: str  # one of VERDICTS
    series: tuple[tuple[int, float], ...]  # (year, value), ascending
    slope: float  # observed change per year
    projection: float  # the trend line's value in the target year
    ratio: float | None  # observed / required rate; None when no change was required


def trend(
    series: list[tuple[int, float]],
    goal: float,
    higher_is_better: bool,
    met: bool,
    target_year: int,
) -> Trend | None:
    """The trend verdict of a series (two or more years), or None for a shorter one."""
    if len(series) < 2:
        return None
    points = tuple(sorted(series))
    slope, intercept = _least_squares(points)
    projection = intercept + slope * target_year
    first_year, first = points[0]
    required = (goal - first) / (target_year - first_year) if target_year > first_year else 0.0
    # No rate is required when the series started at or beyond the target (it slipped back since).
    required_toward = required if higher_is_better else -required
    ratio = slope / required if required_toward > 0 else None
    if met:
        verdict = "achieved"
    else:
        toward = slope if higher_is_better else -slope
        if ratio is None:
            verdict = "going_backwards" if toward < 0 else "seriously_lagging"
        elif ratio >= ON_TRACK - TOLERANCE:
            verdict = "on_track"
        elif ratio >= LAGGING - TOLERANCE:
            verdict = "lagging"
        elif ratio >= -TOLERANCE:
            verdict = "seriously_lagging"
        else:
            verdict = "going_backwards"
    return Trend(verdict, points, slope, projection, ratio)


def _least_squares(points: tuple[tuple[int, float], ...]) -> tuple[float, float]:
    n = len(points)
    mean_x = math.fsum(x for x, _ in points) / n
    mean_y = math.fsum(y for _, y in points) / n
    sxx = math.fsum((x - mean_x) ** 2 for x, _ in points)
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx if sxx else 0.0
    return slope, mean_y - slope * mean_x
