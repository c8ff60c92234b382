"""Progress against time (时序进度): has a unit closed as much of its gap as time has passed?

    gap share  = (value − baseline) / (target − baseline)
    time share = (year − baseline year) / (target year − baseline year)

A unit is on schedule when its gap share is at least its time share (the straight line from the
baseline to the target).
"""

from __future__ import annotations

from typing import NamedTuple


class Schedule(NamedTuple):
    gap_share: float
    time_share: float

    @property
    def on_track(self) -> bool:
        return self.gap_share >= self.time_share


def schedule(
    value: float, baseline: float, goal: float, year: int, baseline_year: int, target_year: int
) -> Schedule | None:
    """The shares for one year, or None when the plan leaves no gap or no time to measure."""
    if goal == baseline or target_year <= baseline_year:
        return None
    return Schedule(
        (value - baseline) / (goal - baseline), (year - baseline_year) / (target_year - baseline_year)
    )
