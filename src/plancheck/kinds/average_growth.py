"""average_growth — an average yearly growth over the period so far: 年均增长7%以上.

In the plan: ``{kind: average_growth, op: ">", value: 7}`` (">7" or "＞7" in a 年均/累计 column,
年均增长7%以上). Each year's figure is that year's growth in %; the compound average of the
years from the period's start to this one, 100 × ((Π(1 + g/100))^(1/n) − 1), is held against
the number every year (timing annual). Every year's figure is needed.
Passing: 14.6 in 2021 and 10.1 in 2022 average 12.3 % a year: "> 7" is met in 2022.
Failing: 6.5 and 7.2 average 6.85 %: "> 7" is missed.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, ClassVar, Literal

from plancheck.i18n import say
from plancheck.kinds.base import (
    SYMBOL,
    Better,
    Facts,
    Judged,
    Kind,
    Number,
    Row,
    Timing,
    compare,
    figures_since_start,
    fmt,
    level_margin,
    met_where,
    model,
    years_without,
)
from plancheck.kinds.phrasing import (
    NUM,
    PREFIX,
    SUFFIX,
    ParsedTarget,
    comparison,
    fit_unit,
    form,
    not_understood,
    to_number,
)
from plancheck.messages import Reason, fragment, numbers_apart

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class AverageGrowth(Kind):
    """The compound average yearly growth since the period began, against a level."""

    kind: Literal["average_growth"]
    op: Literal[">=", ">", "<=", "<"]
    value: Number

    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "average_met": (
            "{average}% a year on average over {years} meets the target {op} {goal}",
            "{years} 年均 {average}%，达到目标 {op} {goal}",
        ),
        "average_not_met": (
            "{average}% a year on average over {years} misses the target {op} {goal}",
            "{years} 年均 {average}%，未达到目标 {op} {goal}",
        ),
        "average_needs_years": (
            "an average yearly growth: needs the figure of every year since {start} "
            "(none for {years})",
            "年均增长目标：需要 {start} 年以来每年的数值（{years} 年未报送）",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe": ("average yearly growth {op} {value}%", "年均增长 {op} {value}%"),
    }

    def describe(self) -> str:
        return self.said("describe", op=self.op, value=fmt(self.value))

    def better(self) -> Better:
        return "lower" if self.op in ("<", "<=") else "higher"

    def goal_symbol(self) -> str:
        return SYMBOL[self.op]

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        return "annual"

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        """A bare "＞7" in a 年均 column reads as a level: the column makes it an average."""
        op = getattr(read, "op", None)
        value = getattr(read, "value", None)
        same = op == self.op and value is not None and abs(value - self.value) < 1e-9
        return same and read.kind in ("average_growth", "threshold"), ""

    def margin(self, facts: Facts, judged: Judged) -> Array:
        return level_margin(facts, judged, judged.shown["average"])

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        product = xp.full(facts.size, 1.0)
        rates, gaps = figures_since_start(facts)
        known = gaps == 0.0
        for rate in rates:
            product = product * (1.0 + rate / 100.0)
        average = xp.decimal((xp.power(product, 1.0 / len(rates)) - 1.0) * 100.0)
        goal = xp.full(facts.size, float(self.value))
        met = met_where(xp, known & ~xp.isnan(average), compare(self.op, average, goal))
        shown = {"average": xp.where(known, average, math.nan), "gaps": gaps}
        return Judged(met, goal, shown)

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        start = plan.info.period.start
        span = f"{start}–{row.year}" if row.year > start else str(start)
        average = row.get("average")
        if average is None:
            missing = years_without(row, start)
            return (fragment("average_needs_years", start=str(start), years=missing),)
        shown, goal = numbers_apart(average, float(self.value))
        key = "average_met" if row.met else "average_not_met"
        return (fragment(key, average=shown, years=span, op=SYMBOL[self.op], goal=goal),)

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        """Where the average lies between the floor (default 0) and the target."""
        xp = facts.xp
        average = judged.shown["average"]
        goal = float(self.value)
        higher = facts.indicator.direction == "higher"
        low = floor if floor is not None else (0.0 if higher else 2 * goal)
        if low == goal:
            return xp.where(xp.isnan(judged.met), math.nan, judged.met * 100.0)
        fraction = (average - low) / (goal - low)
        scored = xp.minimum(xp.maximum(fraction, 0.0), 1.0) * 100.0
        return xp.where(xp.isnan(judged.met), math.nan, scored)


def _average(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    op, problem = comparison(match)
    if problem:
        return not_understood(text, problem)
    fitted = fit_unit(to_number(match.group("num")), "", match.group("unit") or "", unit)
    if isinstance(fitted, str):
        return not_understood(text, fitted)
    if op == "==":
        return not_understood(text, say("phrase.equal_number"))
    target = AverageGrowth(kind="average_growth", op=op or ">=", value=fitted[0])
    return ParsedTarget(text, target, "average growth", unit=fitted[1] or "%")


AverageGrowth.phrases = (
    form(
        "average growth",
        "年均增长7%以上",
        "%",
        ">= 7: the compound average of the yearly growth rates so far (年均增长…, 年均…以上)",
        rf"^(?:年均|年平均|平均每年)(?:增长|增速|提高)?(?:率)?{PREFIX}?(?P<num>{NUM})"
        rf"(?P<unit>%?){SUFFIX}?$",  # not 年均增长6%左右: an approximate average, as 约6% is
        _average,
    ),
)
