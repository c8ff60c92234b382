"""The rule-of-law index (法治指数): one score from 0 to 100 per unit and year.

Each judged indicator scores 0–100 by where its value lies between a floor (scores 0) and its
target (scores 100, capped), in the direction the indicator is good:

- threshold and change targets: floor → target. The floor is the indicator's ``floor`` in the
  plan; by default 0 when higher is better, and twice the target when lower is better;
- relative targets: the same, with the reference (e.g. the city average) as the target;
- rank targets: rank ``best`` or better scores 100, the last rank of the peer group 0;
- qualitative targets: 100 when the direction holds, else 0.

Indicators without a judgment (missing, unknown) are left out, and the index says how many were
scored (its coverage); a unit with none scored that year has no index (and no rank). Scores are averaged within each category (weighted by each indicator's
``weight``), then across categories (weighted by each category's ``weight``; default 1). Units are
ranked by the index within each year; ties share the better rank.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from plancheck.evaluate.models import Result, Status
from plancheck.plan.models import Plan, Qualitative, Rank


@dataclass(frozen=True)
class IndexScore:
    unit: str
    year: int
    score: float | None  # 0–100; None when nothing was scored
    categories: tuple[tuple[str, float], ...]  # (category, score) in the plan's order
    scored: int  # indicators with a score
    total: int  # indicators in the plan
    rank: int | None  # among the units of the same year that have a score


def indicator_score(result: Result, plan: Plan) -> float | None:
    """0–100 for one result, or None when it has no judgment to score."""
    if result.status in (Status.MISSING, Status.UNKNOWN) or result.value is None:
        return None
    indicator = result.indicator
    target = indicator.target
    if isinstance(target, Qualitative):
        return 100.0 if result.status is Status.PASS else 0.0
    if isinstance(target, Rank):
        if result.rank is None:
            return None
        size = plan.peer_groups[target.peers].size or max(result.rank, target.best + 1)
        if result.rank <= target.best:
            return 100.0
        return _clamp((size - result.rank) / max(size - target.best, 1))
    goal = result.goal
    if goal is None:
        return None
    higher = indicator.direction == "higher"
    floor = indicator.floor if indicator.floor is not None else (0.0 if higher else 2 * goal)
    if floor == goal:
        return 100.0 if result.status is Status.PASS else 0.0
    return _clamp((result.value - floor) / (goal - floor))


def _clamp(fraction: float) -> float:
    return max(0.0, min(1.0, fraction)) * 100.0


def compute(plan: Plan, results: Iterable[Result]) -> tuple[IndexScore, ...]:
    """The index of every unit and year in ``results``, ranked within each year."""
    scores: dict[tuple[str, int], dict[str, list[tuple[float, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for result in results:
        key = (result.unit, result.year)
        scores[key]  # a unit with nothing scored still gets an index row (of 0)
        score = indicator_score(result, plan)
        if score is not None:
            scores[key][result.indicator.category].append((score, result.indicator.weight))
    total = len(plan.indicators)
    rows: list[IndexScore] = []
    for (unit, year), by_category in scores.items():
        categories = []
        overall: list[tuple[float, float]] = []
        for category in plan.categories:
            pairs = by_category.get(category.name)
            if not pairs:
                continue
            mean = _weighted(pairs)
            categories.append((category.name, mean))
            overall.append((mean, category.weight))
        scored = sum(len(p) for p in by_category.values())
        score = _weighted(overall) if scored else None
        rows.append(IndexScore(unit, year, score, tuple(categories), scored, total, None))
    return _ranked(rows)


def _weighted(pairs: list[tuple[float, float]]) -> float:
    weight = math.fsum(w for _, w in pairs)
    if not weight:
        return 0.0
    return math.fsum(s * w for s, w in pairs) / weight


def _ranked(rows: list[IndexScore]) -> tuple[IndexScore, ...]:
    ranked: list[IndexScore] = []
    for year in sorted({r.year for r in rows}):
        same_year = sorted(
            (r for r in rows if r.year == year),
            key=lambda r: (r.score is None, -(r.score or 0.0), r.unit),
        )
        place: dict[float, int] = {}
        for n, row in enumerate(same_year, start=1):
            rounded = round(row.score, 9) if row.score is not None else None
            if rounded is not None:  # equal scores share a rank
                place.setdefault(rounded, n)
            ranked.append(
                IndexScore(
                    row.unit,
                    row.year,
                    row.score,
                    row.categories,
                    row.scored,
                    row.total,
                    place[rounded] if rounded is not None else None,
                )
            )
    return tuple(ranked)
