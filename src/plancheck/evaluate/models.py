"""The outcome of an evaluation: frozen results, each with its status, reason and location."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import field
from enum import StrEnum
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from plancheck.evaluate.progress import Trend
from plancheck.messages import Reason, Text, decimals_written
from plancheck.plan.models import Indicator, Plan
from plancheck.record import record

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


@record
class IndicatorView:
    """One indicator in one year across every unit submitted: the city office's view."""

    indicator: Indicator
    year: int
    mean: float | None  # the units' mean (as a computed city average: fsum, 12 digits)
    low: float | None
    high: float | None
    count: int  # units with a figure
    failing: tuple[str, ...]  # units whose result is fail, in the evaluation's order
    focus: str | None = None  # the --unit, when one is focused on
    value: float | None = None  # its figure
    rank: int | None = None  # its place among the units, the way the indicator is good


def _failing(result: Result) -> bool:
    return result.status is Status.FAIL


def _binding(result: Result) -> bool:
    return result.indicator.binding


# What --only keeps in the listings of a report (the summary and the verdict count everything).
ONLY: dict[str, Callable[[Result], bool]] = {"failing": _failing, "binding": _binding}


@record
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
    # Every unit submitted (``units`` is the one --unit focuses on, or all of them).
    submitted_units: tuple[str, ...] = ()
    focus: str | None = None  # --unit
    city: tuple[IndicatorView, ...] = ()  # per indicator, the latest year: several units only
    only: str | None = None  # --only failing|binding: what the listings show

    @property
    def listed(self) -> tuple[Result, ...]:
        """The results a report lists one by one: all, or those --only keeps."""
        if self.only is None:
            return self.results
        keep = ONLY[self.only]
        return tuple(r for r in self.results if keep(r))

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
        each = Counter(map(attrgetter("unit", "year", "status"), self.results))
        for (unit, year, status), count in each.items():
            for key in ((None, None), (unit, None), (None, year), (unit, year)):
                counts.setdefault(key, Counter())[status] += count
        return counts

    @cached_property
    def decimals(self) -> dict[str, int]:
        """Per indicator id, the decimals all its figures are printed with in a report: the
        most among the plan's own figures and the submitted ones, at most 4. Computed figures
        (means, projections) are rounded to it, so one indicator's column reads evenly."""
        found = {ind.id: ind.decimals for ind in self.plan.indicators}
        seen: set[tuple[str, float]] = set()
        for r in self.results:
            if r.value is None or (r.indicator.id, r.value) in seen:
                continue
            seen.add((r.indicator.id, r.value))
            found[r.indicator.id] = max(found[r.indicator.id], decimals_written(r.value))
        return found

    def summary(self, unit: str | None = None, year: int | None = None) -> dict[str, int]:
        counts = self._counts.get((unit, year), Counter())
        return {status.value: counts.get(status, 0) for status in Status}
