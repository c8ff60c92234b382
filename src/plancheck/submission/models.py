"""What a submission says, once read: one Observation per unit, year and indicator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Observation(NamedTuple):
    """One submitted figure with the place it came from. A NamedTuple: cheap at a million rows."""

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


@dataclass(frozen=True)
class Submission:
    observations: tuple[Observation, ...]
    files: tuple[str, ...]

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.unit for o in self.observations))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({o.year for o in self.observations}))
