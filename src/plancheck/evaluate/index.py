"""The plan's index of its indicators (法治指数 in the bundled plan): a score 0–100 a unit and year.

Each judged indicator scores 0–100 as its kind says (``Kind.score``): a level by where its value
lies between a floor (scores 0) and its target (scores 100, capped), in the direction the
indicator is good — the floor is the indicator's ``floor`` in the plan; by default 0 when higher is
better, and twice the target when lower is better; relative targets use the reference as the
target; rank targets score 100 at rank ``best`` or better and 0 at the last rank of the peer
group; qualitative targets 100 when the direction holds, else 0.

A blank figure (missing) scores 0, as a target not met: leaving a figure out never raises a
unit's index or its rank. Indicators that could not be judged (unknown: no reference, say) are
left out. The index says how many submitted figures were scored (its coverage); a unit with no
figure that year has no index (and no rank), nor category scores. Scores are
averaged within each category (weighted by each indicator's ``weight``), then across categories
(weighted by each category's ``weight``; default 1). Units are ranked by the index within each
year; ties share the better rank and are listed in the plan's order of its units (by name when
it lists none).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from plancheck.record import record

if TYPE_CHECKING:
    from plancheck.evaluate.arrays import Backend
    from plancheck.plan.models import Plan


@record
class IndexScore:
    unit: str
    year: int
    score: float | None  # 0–100; None when nothing was scored
    categories: tuple[tuple[str, float], ...]  # (category, score) in the plan's order
    scored: int  # submitted figures with a score (blank figures score 0 but are not counted)
    total: int  # indicators in the plan
    rank: int | None  # among the units of the same year that have a score


def combine(
    xp: Backend, plan: Plan, scores: Sequence[Any], figures: Sequence[Any]
) -> tuple[Any, list[tuple[str, Any]], Any]:
    """The index of one year over the units, from each indicator's scores (in the plan's order;
    NaN: not scored; 0 for a blank figure) and whether a figure was submitted (1.0 or 0.0):
    (index, [(category, its score or NaN)], how many submitted figures were scored)."""
    size = len(scores[0])
    submitted = xp.full(size, 0.0)
    given = xp.full(size, 0.0)  # figures submitted, scored or not (unknown: left out)
    overall_sum = xp.full(size, 0.0)
    overall_weight = xp.full(size, 0.0)
    categories = []
    for category in plan.categories:
        total = xp.full(size, 0.0)
        weight = xp.full(size, 0.0)
        count = xp.full(size, 0.0)
        for indicator, score, figure in zip(plan.indicators, scores, figures, strict=True):
            if indicator.category != category.name:
                continue
            has = ~xp.isnan(score)
            total = total + xp.where(has, score * indicator.weight, 0.0)
            weight = weight + xp.where(has, indicator.weight, 0.0)
            count = count + xp.where(has, 1.0, 0.0)
            submitted = submitted + xp.where(has, figure, 0.0)
            given = given + figure
        mean = xp.where(weight != 0.0, total / xp.where(weight != 0.0, weight, 1.0), 0.0)
        present = count > 0.0
        categories.append((category.name, xp.where(present, mean, math.nan)))
        overall_sum = overall_sum + xp.where(present, mean * category.weight, 0.0)
        overall_weight = overall_weight + xp.where(present, category.weight, 0.0)
    overall = xp.where(
        overall_weight != 0.0,
        overall_sum / xp.where(overall_weight != 0.0, overall_weight, 1.0),
        0.0,
    )
    # No figure at all (absent that year), or nothing to score (every figure unknown, no
    # category present): no index, and no category scores either. A unit whose figures could
    # not be judged still has its blank figures, which score 0.
    absent = (given == 0.0) | (overall_weight == 0.0)
    categories = [(name, xp.where(absent, math.nan, mean)) for name, mean in categories]
    return xp.where(absent, math.nan, overall), categories, submitted


def ranked(rows: list[IndexScore]) -> list[IndexScore]:
    """Rows of one year, best first, with their rank; equal scores share the better rank and
    keep the units' order (``rows`` come in it: the plan's members as the plan lists them, else
    by name — ``Submission.units``); units with no score last, unranked, in that order too.
    Every report lists the ranking in this order."""
    ordered = sorted(  # stable: a tie keeps the order the rows came in
        rows, key=lambda r: (r.score is None, 0.0 if r.score is None else -round(r.score, 9))
    )
    place: dict[float, int] = {}
    out = []
    for n, row in enumerate(ordered, start=1):
        rounded = round(row.score, 9) if row.score is not None else None
        if rounded is not None:
            place.setdefault(rounded, n)
        rank = place[rounded] if rounded is not None else None
        out.append(IndexScore(row.unit, row.year, row.score, row.categories, row.scored,
                              row.total, rank))  # fmt: skip
    return out
