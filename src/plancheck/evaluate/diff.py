"""Compare two evaluations (an earlier and a later submission): per indicator, what changed.

Each unit's latest judged year in the old evaluation is compared with the new one's, indicator by
indicator, in the plan's order. The change is read from the statuses first, then the value:

    newly_failing  the new status is fail and the old one was not
    fixed          the old status was fail and the new one is pass
    improved       a better status (fail < unknown < missing < behind < pass), or the same status
                   with a value moved the good way (the indicator's ``direction``)
    worsened       a worse status, or the same status with a value moved the bad way
    unchanged      the same status and the same value (or no value to compare)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.plan.models import Indicator, Plan

RANK = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.MISSING: 2, Status.BEHIND: 3, Status.PASS: 4}


class Change(StrEnum):
    NEWLY_FAILING = "newly_failing"
    FIXED = "fixed"
    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class DiffRow:
    unit: str
    indicator: Indicator
    old: Result
    new: Result
    delta: float | None  # new value − old value, when both have one
    change: Change


@dataclass(frozen=True)
class Diff:
    plan: Plan
    old: Evaluation
    new: Evaluation
    rows: tuple[DiffRow, ...]

    @property
    def multi_unit(self) -> bool:
        return len({r.unit for r in self.rows}) > 1

    def summary(self) -> dict[str, int]:
        counts = Counter(r.change for r in self.rows)
        return {change.value: counts.get(change, 0) for change in Change}

    @property
    def regressed(self) -> bool:
        """Did an indicator start failing? (``plancheck diff`` exits 1 then.)"""
        return any(r.change is Change.NEWLY_FAILING for r in self.rows)


def classify(indicator: Indicator, old: Result, new: Result) -> tuple[Change, float | None]:
    delta = None
    if old.value is not None and new.value is not None:
        delta = round(new.value - old.value, 10)  # 2.3 − 2.2 is 0.1, not 0.09999999999999964
    if new.status is Status.FAIL and old.status is not Status.FAIL:
        return Change.NEWLY_FAILING, delta
    if old.status is Status.FAIL and new.status is Status.PASS:
        return Change.FIXED, delta
    if RANK[new.status] != RANK[old.status]:
        better = RANK[new.status] > RANK[old.status]
        return (Change.IMPROVED if better else Change.WORSENED), delta
    if not delta:
        return Change.UNCHANGED, delta
    good = delta > 0 if indicator.direction == "higher" else delta < 0
    return (Change.IMPROVED if good else Change.WORSENED), delta


def diff(old: Evaluation, new: Evaluation) -> Diff:
    """The change of every indicator for every unit judged in both evaluations."""

    def latest(evaluation: Evaluation) -> dict[tuple[str, str], Result]:
        return {
            (r.unit, r.indicator.id): r
            for r in evaluation.results
            if r.year == evaluation.latest_year
        }

    before, after = latest(old), latest(new)
    units = [u for u in new.units if u in old.units]
    rows = []
    for unit in units:
        for indicator in new.plan.indicators:
            key = (unit, indicator.id)
            if key in before and key in after:
                change, delta = classify(indicator, before[key], after[key])
                rows.append(DiffRow(unit, indicator, before[key], after[key], delta, change))
    return Diff(new.plan, old, new, tuple(rows))
