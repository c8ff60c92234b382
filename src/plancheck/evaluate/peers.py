"""References and ranks computed from the submitted units themselves: the two reductions across
units, written once over plain sequences (whichever array library holds the figures).

When a submission holds several units (a city office's file of all districts), the reference of a
relative target is the mean of the units' values for that year, and the rank of a rank target is
the unit's place among them in the direction the indicator is good; ties share the better rank
(1, 2, 2, 4). A reference or rank given in the submission, or a reference file, always wins.
One unit alone has no peers.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence


def mean(values: Sequence[float]) -> tuple[float, int] | None:
    """The mean of the figures given (NaN is none) and how many, or None with fewer than two.

    As a person would compute it: math.fsum (the same whatever the order of the rows), taken to
    12 significant digits, so that a unit whose figure equals the mean is equal to it (0.1, 0.2,
    0.3 average 0.2, not 0.19999999999999998)."""
    given = [v for v in values if v == v]
    if len(given) < 2:
        return None
    return float(f"{math.fsum(given) / len(given):.12g}"), len(given)


def ranks(values: Sequence[float], higher_first: bool) -> tuple[list[float], int] | None:
    """Each unit's place among those with a figure (NaN: none), best first; ties share the
    better place. None with fewer than two figures."""
    keys = [(-v if higher_first else v) for v in values if v == v]
    if len(keys) < 2:
        return None
    ordered = sorted(keys)
    places = [
        float(bisect_left(ordered, -v if higher_first else v) + 1) if v == v else math.nan
        for v in values
    ]
    return places, len(keys)
