"""References and ranks computed from the submitted units themselves.

When a submission holds several units (a city office's file of all districts), the reference of a
relative target is the mean of the units' values for that year, and the rank of a rank target is
the unit's place among them in the direction the indicator is good; ties share the better rank
(1, 2, 2, 4). A reference or rank given in the submission, or a reference file, always wins.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from plancheck.plan.models import Plan, Rank, Relative
from plancheck.submission.models import Observation


@dataclass(frozen=True)
class Peers:
    """Computed figures: (year, indicator) → (mean, units) and (unit, year, indicator) → rank."""

    means: dict[tuple[int, str], tuple[float, int]]
    ranks: dict[tuple[str, int, str], tuple[int, int]]


def compute(plan: Plan, observations: tuple[Observation, ...]) -> Peers:
    wanted = {i.id: i for i in plan.indicators if isinstance(i.target, Relative | Rank)}
    values: dict[tuple[int, str], list[tuple[str, float]]] = defaultdict(list)
    for o in observations:
        if o.indicator in wanted and o.value is not None:
            values[(o.year, o.indicator)].append((o.unit, o.value))
    means: dict[tuple[int, str], tuple[float, int]] = {}
    ranks: dict[tuple[str, int, str], tuple[int, int]] = {}
    for (year, indicator_id), pairs in values.items():
        if len({unit for unit, _ in pairs}) < 2:
            continue  # one unit alone has no peers to compare with
        indicator = wanted[indicator_id]
        if isinstance(indicator.target, Relative):
            means[(year, indicator_id)] = (mean([v for _, v in pairs]), len(pairs))
        else:
            higher_first = indicator.direction == "higher"
            ordered = sorted((v for _, v in pairs), reverse=higher_first)
            first_place: dict[float, int] = {}
            for place, v in enumerate(ordered, start=1):
                first_place.setdefault(v, place)
            for unit, v in pairs:
                ranks[(unit, year, indicator_id)] = (first_place[v], len(pairs))
    return Peers(means, ranks)


def mean(numbers: list[float]) -> float:
    """The mean as a person would compute it: math.fsum (the same whatever the order of the
    rows), taken to 12 significant digits, so that a unit whose figure equals the mean is equal
    to it (0.1, 0.2, 0.3 average 0.2, not 0.19999999999999998)."""
    import math

    return float(f"{math.fsum(numbers) / len(numbers):.12g}")
