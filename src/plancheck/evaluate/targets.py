"""One small judge per kind of target. Each says whether a value meets its target, and why.

A judge returns ``met=None`` when it lacks what it needs (a reference, a rank, a baseline): the
verdict is then ``unknown``, never a silent pass. Bounds follow the plan's operators exactly.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from plancheck.messages import Reason, Text, fragment, number, numbers_apart
from plancheck.plan.models import (
    Change,
    Indicator,
    Plan,
    Qualitative,
    Rank,
    Relative,
    Threshold,
)

COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


@dataclass(frozen=True)
class Facts:
    """What is known about one unit's indicator in one year, besides the plan."""

    value: float
    year: int
    reference: float | None = None
    reference_source: Text | None = None
    rank: int | None = None
    rank_source: Text | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    previous: float | None = None


class Judgement(NamedTuple):
    met: bool | None
    reason: Reason
    goal: float | None  # the level the value was held against, when there is one


def judge(indicator: Indicator, plan: Plan, facts: Facts) -> Judgement:
    """Dispatch to the judge of the indicator's kind of target."""
    return JUDGES[indicator.target.kind](indicator, plan, facts)


def threshold(indicator: Indicator, plan: Plan, facts: Facts) -> Judgement:
    """A level: ``50以上`` is ``>= 50``.

    Pass: 50 against ``>= 50`` ("50 meets the target ≥ 50").
    Fail: 49.9 against ``>= 50`` ("49.9 misses the target ≥ 50").
    """
    target = indicator.target
    assert isinstance(target, Threshold)
    met = COMPARE[target.op](facts.value, target.value)
    value, goal = numbers_apart(facts.value, target.value)
    params = {"value": value, "op": SYMBOL[target.op], "goal": goal}
    return Judgement(met, (fragment("met" if met else "not_met", **params),), target.value)


def relative(indicator: Indicator, plan: Plan, facts: Facts) -> Judgement:
    """A comparison with a reference: ``低于全市平均值`` is ``< city_average``.

    Pass: 1.2 with a city average of 1.8 ("1.2 < city average 1.8").
    Fail: 1.8 with a city average of 1.8 — "below" is strict.
    Unknown: no reference given or computable.
    """
    target = indicator.target
    assert isinstance(target, Relative)
    ref = plan.references[target.reference]
    name = Text(ref.name_en, ref.name)
    if facts.reference is None:
        return Judgement(None, (fragment("needs_reference", reference=name),), None)
    met = COMPARE[target.op](facts.value, facts.reference)
    value, ref_value = numbers_apart(facts.value, facts.reference)
    return Judgement(
        met,
        (
            fragment(
                "relative_met" if met else "relative_not_met",
                value=value,
                op=SYMBOL[target.op],
                reference=name,
                ref_value=ref_value,
                source=facts.reference_source or Text("submitted", "报送值"),
            ),
        ),
        facts.reference,
    )


def rank(indicator: Indicator, plan: Plan, facts: Facts) -> Judgement:
    """A position among peers: ``全市前列`` read as rank 5 or better of 16.

    Pass: rank 5 with ``best: 5``.  Fail: rank 6.  Unknown: no rank given or computable.
    """
    target = indicator.target
    assert isinstance(target, Rank)
    group = plan.peer_groups[target.peers]
    peers = Text(group.name_en, group.name)
    if facts.rank is None:
        return Judgement(None, (fragment("needs_rank", peers=peers),), None)
    met = facts.rank <= target.best
    return Judgement(
        met,
        (
            fragment(
                "rank_met" if met else "rank_not_met",
                rank=str(facts.rank),
                best=str(target.best),
                peers=peers,
                source=facts.rank_source or Text("submitted", "报送值"),
            ),
        ),
        float(target.best),
    )


def change(indicator: Indicator, plan: Plan, facts: Facts) -> Judgement:
    """A change from the baseline: ``提高5个百分点`` is baseline + 5 points.

    Pass: 85 with a baseline of 80 and ``+5 points``.  Fail: 84.
    Unknown: no baseline in the plan or the submission.
    """
    target = indicator.target
    assert isinstance(target, Change)
    base_year = facts.baseline_year or plan.info.baseline_year
    if facts.baseline is None:
        return Judgement(None, (fragment("needs_baseline", base_year=str(base_year)),), None)
    base = facts.baseline
    if target.measure == "points":
        goal, change_text = base + target.amount, f"{target.amount:+g} pt"
    elif target.measure == "percent":
        goal, change_text = base * (1 + target.amount / 100), f"{target.amount:+g}%"
    else:
        goal, change_text = base * target.amount, f"×{target.amount:g}"
    # Computed in binary floating point, 100 × 1.1 is 110.00000000000001: the goal is the decimal
    # a person would compute (12 significant digits), so that 110 meets "10% more than 100".
    goal = float(f"{goal:.12g}")
    rising = target.amount >= 1 if target.measure == "factor" else target.amount >= 0
    met = facts.value >= goal if rising else facts.value <= goal
    value_text, goal_text = numbers_apart(facts.value, goal)
    return Judgement(
        met,
        (
            fragment(
                "change_goal",
                value=value_text,
                goal=goal_text,
                change=change_text,
                baseline=number(base),
            ),
        ),
        goal,
    )


def qualitative(indicator: Indicator, plan: Plan, facts: Facts) -> Judgement:
    """A direction without a number (持续提升): judged against the year before, never assumed.

    Pass: 91 after 90 for ``increase``.  Fail: 90 after 90.  Unknown: no earlier value.
    """
    target = indicator.target
    assert isinstance(target, Qualitative)
    words = {
        "increase": Text("rising", "提升"),
        "decrease": Text("falling", "下降"),
        "maintain": Text("held", "保持"),
    }
    direction = words[target.direction]
    if facts.previous is None:
        return Judgement(None, (fragment("needs_previous", direction=direction),), None)
    if target.direction == "increase":
        met = facts.value > facts.previous
    elif target.direction == "decrease":
        met = facts.value < facts.previous
    else:
        good_is_higher = indicator.direction == "higher"
        met = facts.value >= facts.previous if good_is_higher else facts.value <= facts.previous
    key = "qualitative_met" if met else "qualitative_not_met"
    value, previous = numbers_apart(facts.value, facts.previous)
    return Judgement(
        met,
        (fragment(key, value=value, previous=previous, direction=direction),),
        facts.previous,
    )


JUDGES: dict[str, Callable[[Indicator, Plan, Facts], Judgement]] = {
    "threshold": threshold,
    "relative": relative,
    "rank": rank,
    "change": change,
    "qualitative": qualitative,
}
