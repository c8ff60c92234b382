"""What a submission says, once read: its figures laid out indicator × year × unit.

A city's file of every district for five years is a million figures: they are kept in flat
arrays (``array('d')``, NaN where nothing was given), not one object each. Cell (i, y, u) —
the plan's i-th indicator, the y-th year, the u-th unit — is at ``(i * years + y) * units + u``.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterator
from dataclasses import field
from typing import NamedTuple

from plancheck.record import record


class Observation(NamedTuple):
    """One submitted figure with the place it came from."""

    unit: str
    year: int
    indicator: str  # the plan's indicator id
    value: float | None  # None: no figure given (empty cell, N/A, —)
    reference: float | None
    rank: int | None
    note: str
    file: str
    line: int


class RawRecord(NamedTuple):
    """A row as a reader found it: canonical field name → (text or YAML value, column label)."""

    file: str
    line: int
    cells: dict[str, tuple[object, str]]
    # Where a field's value is (line, column), asked only for a problem: a YAML record's fields
    # are each on a line of their own.
    where: Callable[[str], tuple[int | None, int | None]] | None = None


class BlankCells(NamedTuple):
    """The columns of a cube of ``size`` cells, nothing in them yet: values, references and
    ranks NaN; lines and file indexes 0."""

    value: array[float]
    reference: array[float]
    rank: array[float]
    line: array[int]
    file: array[int]


def blank_cells(size: int) -> BlankCells:
    nan = array("d", [math.nan])
    zero = array("l", [0])
    return BlankCells(nan * size, nan * size, nan * size, zero * size, zero * size)


@record(frozen=False)
class Submission:
    """Every figure of the files read, by indicator, year and unit."""

    files: tuple[str, ...]
    units: tuple[str, ...]  # in the plan's order of its peer group members, then by name
    years: tuple[int, ...]  # ascending
    indicators: tuple[str, ...]  # the plan's indicator ids, in the plan's order
    value: array[float]
    reference: array[float]
    rank: array[float]
    line: array[int]  # the line of the row that gave the cell; 0: no row
    file: array[int]  # index into files
    reported: set[tuple[int, int]]  # (unit, year) positions with at least one row
    notes: dict[int, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # rows and columns skipped, one line each
    sheets: dict[str, str] = field(default_factory=dict)  # workbook file → the sheet read

    def cell(self, i: int, y: int, u: int) -> int:
        return (i * len(self.years) + y) * len(self.units) + u

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every row given, indicator by indicator (for small uses: tests, listings)."""
        return tuple(self._observations())

    def observations_of(
        self, years: tuple[int, ...], units: tuple[str, ...]
    ) -> Iterator[Observation]:
        """The rows given for ``units`` in ``years``, unit by unit, year by year, in the plan's
        order of indicators (a baseline year's figures, for a report that keeps them)."""
        position = {name: u for u, name in enumerate(self.units)}
        for unit in units:
            for year in years:
                y = self.years.index(year)
                for i in range(len(self.indicators)):
                    cell = self.cell(i, y, position[unit])
                    if self.line[cell]:
                        yield self._observation(cell)

    def _observations(self) -> Iterator[Observation]:
        for cell, line in enumerate(self.line):
            if line:
                yield self._observation(cell)

    def _observation(self, cell: int) -> Observation:
        """The row that gave ``cell``, as read."""
        units, years = len(self.units), len(self.years)
        u, y, i = cell % units, (cell // units) % years, cell // (units * years)
        value, reference, rank = self.value[cell], self.reference[cell], self.rank[cell]
        return Observation(
            self.units[u],
            self.years[y],
            self.indicators[i],
            None if math.isnan(value) else value,
            None if math.isnan(reference) else reference,
            None if math.isnan(rank) else int(rank),
            self.notes.get(cell, ""),
            self.files[self.file[cell]],
            self.line[cell],
        )
