"""The outcome of an evaluation: frozen results, each with its status, reason and location."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from plancheck.evaluate.progress import Trend
from plancheck.messages import Reason, Text
from plancheck.plan.models import Indicator, Plan

if TYPE_CHECKING:
    from plancheck.evaluate.index import IndexScore
    from plancheck.tasks.models import TaskCheck


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    BEHIND = "behind"
    MISSING = "missing"
    UNKNOWN = "unknown"


# Statuses that make a binding indicator non-compliant (with --strict: anything but pass).
BLOCKING = frozenset({Status.FAIL, Status.MISSING, Status.UNKNOWN})


class Result(NamedTuple):
    """One indicator of one unit in one year: its status and why. Immutable (a NamedTuple:
    a national evaluation makes a million of them)."""

    unit: str
    year: int
    indicator: Indicator
    status: Status
    value: float | None
    reason: Reason
    goal: float | None = None
    reference: float | None = None
    reference_source: Text | None = None
    rank: int | None = None
    rank_source: Text | None = None
    schedule: str | None = None  # "on" / "off" track of the straight line (时序进度), if known
    trend: Trend | None = None  # the verdict over the years, when there are two or more
    note: str = ""
    file: str | None = None
    line: int | None = None
    # The mid-term class (README "Mid-term"): achieved_early, ahead, on_track, lagging; None
    # when not classed (no baseline, not judged, at or after the target year).
    midterm: str | None = None


@dataclass(frozen=True)
class Evaluation:
    plan: Plan
    results: tuple[Result, ...]
    units: tuple[str, ...]
    years: tuple[int, ...]  # the judged years, ascending
    files: tuple[str, ...]
    strict: bool = False
    history: tuple[int, ...] = field(default=())  # years before the period: baselines only
    index: tuple[IndexScore, ...] = field(default=())  # the rule-of-law index, every unit and year
    tasks: TaskCheck | None = None  # evaluate --tasks: the task checks, reported alongside

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    @property
    def multi(self) -> bool:
        """More than one unit or year: reports show unit and year columns."""
        return len(self.units) > 1 or len(self.years) > 1

    def blocking(self, result: Result) -> bool:
        """Does this result make the run non-compliant?"""
        if result.year != self.latest_year:
            return False
        if self.strict:
            return result.status is not Status.PASS
        return result.indicator.binding and result.status in BLOCKING

    @property
    def compliant(self) -> bool:
        """No blocking result, and (with --tasks) no blocking task finding."""
        tasks_ok = self.tasks is None or self.tasks.compliant
        return tasks_ok and not self.failing_units

    @cached_property
    def failing_units(self) -> tuple[str, ...]:
        """Units with a blocking result, in the evaluation's order of units."""
        return tuple(dict.fromkeys(r.unit for r in self.results if self.blocking(r)))

    @cached_property
    def _counts(self) -> dict[tuple[str | None, int | None], Counter[Status]]:
        # One pass over the results for every summary a report asks for (per unit, per year).
        counts: dict[tuple[str | None, int | None], Counter[Status]] = {}
        for r in self.results:
            for key in ((None, None), (r.unit, None), (None, r.year), (r.unit, r.year)):
                counts.setdefault(key, Counter())[r.status] += 1
        return counts

    def summary(self, unit: str | None = None, year: int | None = None) -> dict[str, int]:
        counts = self._counts.get((unit, year), Counter())
        return {status.value: counts.get(status, 0) for status in Status}
