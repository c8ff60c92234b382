"""The outcome of an evaluation: its results (each a status, a reason and a location, made from the
engine's arrays as they are read, ``Results``) and what the reports ask of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import field, replace
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from plancheck.evaluate.progress import Trend
from plancheck.messages import Reason, Text, decimals_written
from plancheck.plan.models import Indicator, Plan
from plancheck.record import record

if TYPE_CHECKING:
    from plancheck.evaluate.index import IndexScore
    from plancheck.submission.models import Observation
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


class Columns(NamedTuple):
    """The results of one indicator and year over a block of units, as columns: field n of
    ``Result`` is column n, so ``zip(*columns)`` gives the block's results' fields in order.
    Reports that write many results read the columns (``Results.blocks``) rather than a
    ``Result`` per row."""

    unit: Sequence[str]
    year: Sequence[int]
    indicator: Sequence[Indicator]
    status: Sequence[Status]
    value: Sequence[float | None]
    reason: Sequence[Reason]
    goal: Sequence[float | None]
    reference: Sequence[float | None]
    reference_source: Sequence[Text | None]
    rank: Sequence[int | None]
    rank_source: Sequence[Text | None]
    schedule: Sequence[str | None]
    trend: Sequence[Trend | None]
    note: Sequence[str]
    file: Sequence[str | None]
    line: Sequence[int | None]
    midterm: Sequence[str | None]


class Block(NamedTuple):
    """A block of units' results: ``columns[year]`` holds each indicator's ``Columns`` in the
    plan's order, and ``pairs`` the (position in the block, year) judged, in the results'
    order — the results are ``columns[year][i]`` row ``position`` for each pair and i."""

    pairs: Sequence[tuple[int, int]]
    columns: dict[int, Sequence[Columns]]


class Results(Sequence[Result]):
    """Every result of an evaluation, in its order (unit, year, then the plan's indicators).

    A national evaluation has a million results: they are not kept, but made each time they
    are read (``evaluate.engine``), a block of units at a time (``blocks``), so a report that
    writes them one by one (JSON) holds one block at a time. What is counted over all of them
    (the summary, the failing units, the decimals, --only's listing) is read from the engine's
    arrays (``statuses``, ``distinct_values``, ``tally``), without a Result made. A report that reads them several times or needs the same object
    twice (identity) asks for ``kept()``: the same results, made once and held.
    """

    def statuses(self, year: int | None = None) -> Iterator[tuple[str, int, Indicator, Status]]:
        """(unit, year, indicator, status) of each result (of ``year`` only, if given), in order."""
        raise NotImplementedError

    def tally(self) -> Counter[tuple[str, int, Status]]:
        """How many results of each unit and year have each status."""
        return Counter((u, y, status) for u, y, _, status in self.statuses())

    def distinct_values(self) -> Iterator[tuple[Indicator, Iterable[float]]]:
        """Each indicator (once or more) with values among its results: every value given
        appears, each at least once (what a figure's decimals are read from)."""
        raise NotImplementedError

    def kept(self) -> Results:
        """The same results, each made once and held: reading them twice gives the same objects."""
        raise NotImplementedError

    def of_year(self, year: int) -> Sequence[Result]:
        """The results of one judged year, in order, made once and held: a report's views of
        the latest year (what needs attention, the matrix, the trends) read them several times,
        and need not hold every year's."""
        return tuple(r for r in self if r.year == year)

    def of_indicators(self, ids: frozenset[str]) -> Iterable[Result]:
        """The results of these indicators, in order, made as they are read: a report's table
        of one category holds that category's results only."""
        return (r for r in self if r.indicator.id in ids)

    def blocks(self) -> Iterator[Block]:
        """The results a block of units at a time, as columns (``Block``): what iterating
        them zips into Results, for a report that writes a row per result from the columns."""
        raise NotImplementedError


def _failing(evaluation: Evaluation, indicator: Indicator, year: int, status: Status) -> bool:
    # What fails, and whatever makes the run non-compliant (a binding indicator missing or
    # unknown in the latest year; with --strict anything not passed there): a listing of the
    # failing never leaves out a reason the verdict is "not compliant".
    return status is Status.FAIL or evaluation.blocks(indicator, year, status)


def _binding(evaluation: Evaluation, indicator: Indicator, year: int, status: Status) -> bool:
    return indicator.binding


# What --only keeps in the listings of every report (the summary and the verdict count
# everything), by a result's indicator, year and status: ``Evaluation.keep`` asks it.
KEEPS: dict[str, Callable[[Evaluation, Indicator, int, Status], bool]] = {
    "failing": _failing,
    "binding": _binding,
}


class Listed(Sequence[Result]):
    """The results --only keeps, in order, made as they are read (as ``Results``); its length
    is counted from the arrays."""

    def __init__(self, evaluation: Evaluation) -> None:
        self._results, self._keep = evaluation.results, evaluation.keep

    def __iter__(self) -> Iterator[Result]:
        keep = self._keep
        return (r for r in self._results if keep(r.indicator, r.year, r.status))

    def __len__(self) -> int:
        keep = self._keep
        return sum(1 for _, y, i, status in self._results.statuses() if keep(i, y, status))

    def __getitem__(self, index: int) -> Result:  # type: ignore[override]
        return tuple(self)[index]


@record
class Evaluation:
    plan: Plan
    results: Results
    units: tuple[str, ...]
    years: tuple[int, ...]  # the judged years, ascending
    files: tuple[str, ...]
    strict: bool = False
    history: tuple[int, ...] = field(default=())  # years before the period: baselines only
    # The figures submitted for those years (of the units reported on): what a results file
    # keeps beside the results, so that judging it again gives the same verdicts.
    baselines: tuple[Observation, ...] = field(default=())
    index: tuple[IndexScore, ...] = field(default=())  # the rule-of-law index, every unit and year
    tasks: TaskCheck | None = None  # evaluate --tasks: the task checks, reported alongside
    # Every unit submitted (``units`` is the one --unit focuses on, or all of them).
    submitted_units: tuple[str, ...] = ()
    focus: str | None = None  # --unit
    city: tuple[IndicatorView, ...] = ()  # per indicator, the latest year: several units only
    only: str | None = None  # --only failing|binding: what the listings show

    @property
    def listed(self) -> Sequence[Result]:
        """The results a report lists one by one: all, or those --only keeps (made as they are
        read, as ``results``)."""
        if self.only is None:
            return self.results
        return Listed(self)

    def lists(self, result: Result) -> bool:
        """Does a report list this result one by one (--only)?"""
        return self.keep(result.indicator, result.year, result.status)

    def keep(self, indicator: Indicator, year: int, status: Status) -> bool:
        """Does --only keep a result of this indicator, year and status (``KEEPS``)?"""
        return self.only is None or KEEPS[self.only](self, indicator, year, status)

    @cached_property
    def kept_indicators(self) -> frozenset[str]:
        """The indicators --only keeps a result of in the latest year: what the city view,
        one row per indicator of that year, lists."""
        keep, latest = self.keep, self.latest_year
        return frozenset(i.id for _, y, i, s in self.results.statuses(latest) if keep(i, y, s))

    def kept(self) -> Evaluation:
        """This evaluation with its results made once and held (``Results.kept``): for a report
        that reads them several times."""
        return replace(self, results=self.results.kept())

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    @property
    def years_reported(self) -> tuple[int, ...]:
        """The judged years in which the report's units have results: every judged year of a
        whole file; of a unit it focuses on, the years that unit was judged in (a district
        that sent no 2022 figures has no 2022 row), the latest always."""
        return tuple(
            y for y in self.years if y == self.latest_year or any(self.summary(year=y).values())
        )

    @property
    def multi(self) -> bool:
        """More than one unit or year: reports show unit and year columns."""
        return len(self.units) > 1 or len(self.years) > 1

    def blocking(self, result: Result) -> bool:
        """Does this result make the run non-compliant?"""
        return self.blocks(result.indicator, result.year, result.status)

    def blocks(self, indicator: Indicator, year: int, status: Status) -> bool:
        """Does a result of this indicator, year and status make the run non-compliant?"""
        if year != self.latest_year:
            return False
        if self.strict:
            return status is not Status.PASS
        return indicator.binding and status in BLOCKING

    @property
    def compliant(self) -> bool:
        """No blocking result, and (with --tasks) no blocking task finding."""
        tasks_ok = self.tasks is None or self.tasks.compliant
        return tasks_ok and not self.failing_units

    @cached_property
    def failing_units(self) -> tuple[str, ...]:
        """Units with a blocking result, in the evaluation's order of units."""
        blocks, latest = self.blocks, self.latest_year  # only the latest year's results block
        return tuple(
            dict.fromkeys(
                u for u, y, i, status in self.results.statuses(latest) if blocks(i, y, status)
            )
        )

    @cached_property
    def _counts(self) -> dict[tuple[str | None, int | None], dict[Status, int]]:
        # One pass over the results for every summary a report asks for (per unit, per year):
        # each unit and year's counts added into the unit's, the year's and the whole's.
        counts: dict[tuple[str | None, int | None], dict[Status, int]] = {}
        for (unit, year, status), count in self.results.tally().items():
            for key in ((None, None), (unit, None), (None, year), (unit, year)):
                found = counts.get(key)
                if found is None:
                    counts[key] = {status: count}
                else:
                    found[status] = found.get(status, 0) + count
        return counts

    @cached_property
    def decimals(self) -> dict[str, int]:
        """Per indicator id, the decimals all its figures are printed with in a report: the
        most among the plan's own figures and the submitted ones, at most 4. Computed figures
        (means, projections) are rounded to it, so one indicator's column reads evenly."""
        found = {ind.id: ind.decimals for ind in self.plan.indicators}
        for indicator, values in self.results.distinct_values():
            places = found[indicator.id]
            for value in values:
                if places == 4:
                    break  # the most a report prints
                places = max(places, decimals_written(value))
            found[indicator.id] = places
        return found

    def summary(self, unit: str | None = None, year: int | None = None) -> dict[str, int]:
        counts = self._counts.get((unit, year), {})
        return {status.value: counts.get(status, 0) for status in Status}
