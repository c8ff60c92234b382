"""average_growth — an average yearly growth over the period so far: 年均增长7%以上.

In the plan: ``{kind: average_growth, op: ">", value: 7}`` (">7" or "＞7" in a 年均/累计 column,
年均增长7%以上). Each year's figure is that year's growth in %; the compound average of the
years from the period's start to this one, 100 × ((Π(1 + g/100))^(1/n) − 1), is held against
the number every year (timing annual). Every year's figure is needed.
Passing: 14.6 in 2021 and 10.1 in 2022 average 12.3 % a year: "> 7" is met in 2022.
Failing: 6.5 and 7.2 average 6.85 %: "> 7" is missed.

``measure: level`` (a 6 in a 年均增长（%） column on 一般公共预算收入, in 亿元): each year's figure
is the level itself; its average yearly growth from the baseline (a submitted baseline-year
figure, else the plan's ``baseline``) is 100 × ((value / baseline)^(1/years) − 1), held
against the number every year. Passing: 1500 in 2020 and 1690 in 2022 average 6.14 % a year:
">= 6" is met. Failing: 1680 in 2022 is 5.83 % a year. Unknown: no baseline.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

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
from plancheck.messages import (
    Reason,
    apart_from_edges,
    derived_decimals,
    fragment,
    number,
    numbers_apart,
    year_spans,
)

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class AverageGrowth(Kind):
    """The compound average yearly growth since the period began, against a level."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "规划期开始以来的年均复合增长，对照一个水平。",
        "measure": "rate（默认）：每年的数值是当年的增速（%）；level：数值是水平值，年均增长从基数起算。",
    }

    kind: Literal["average_growth"]
    op: Literal[">=", ">", "<=", "<"]
    value: Number
    measure: Annotated[
        Literal["rate", "level"] | None,
        Field(
            description="rate (default): each year's figure is that year's growth in %; level: "
            "the figure is the level, its average growth measured from the baseline."
        ),
    ] = None

    closes_gap: ClassVar[bool] = False  # Kind.closes_gap: no gap from a baseline
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "average_met": (
            "{average}% a year on average over {years} meets the target {op} {goal}",
            "{years}年年均 {average}%，达到目标 {op} {goal}",
        ),
        "average_not_met": (
            "{average}% a year on average over {years} misses the target {op} {goal}",
            "{years}年年均 {average}%，未达到目标 {op} {goal}",
        ),
        "average_needs_years": (
            "an average yearly growth: needs the figure of every year since {start} "
            "(none for {years})",
            "年均增长目标：需要 {start}年以来每年的数值（{years}年未报送）",
        ),
        "average_needs_baseline": (
            "an average yearly growth of the level: needs a {base_year} baseline value",
            "水平值的年均增长目标：需要 {base_year}年基数",
        ),
        "average_base_not_positive": (
            "an average yearly growth of the level: the {base_year} baseline {base} is not "
            "above 0, so no growth rate can be measured from it",
            "水平值的年均增长目标：{base_year}年基数 {base} 不大于 0，无法据此计算增长率",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe": ("average yearly growth {op} {value}%", "年均增长 {op} {value}%"),
        "describe_level": (
            "average yearly growth of the level {op} {value}%",
            "水平值年均增长 {op} {value}%",
        ),
        "level": (
            "'{text}' in the {column} column read as {target} (the indicator is a level, in "
            "{unit}: each year's figure is measured from its baseline)",
            "{column}栏的“{text}”读作{target}（该指标是水平值，单位为{unit}：每年的数值与基期值相比）",
        ),
        "needs_baseline": (
            "'{text}' is an average growth of the level from its baseline: give the indicator a "
            "baseline {{year, value}}",
            "“{text}”是水平值较基期的年均增长：请给出该指标的基期值 {{year, value}}",
        ),
    }

    def describe(self) -> str:
        key = "describe_level" if self.measure == "level" else "describe"
        return self.said(key, op=self.op, value=fmt(self.value))

    def better(self) -> Better:
        return "lower" if self.op in ("<", "<=") else "higher"

    def says_which_way(self) -> Better | None:
        return self.better()

    def goal_symbol(self) -> str:
        return SYMBOL[self.op]

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        return "annual"

    def stated_in(self, unit: str | None) -> str | None:
        """6 under 年均增长（%） on 亿元 is a growth of 6%, not 6 亿元."""
        return "%" if self.measure == "level" else unit

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        """A bare "＞7" in a 年均 column reads as a level: the column makes it an average."""
        op = getattr(read, "op", None)
        value = getattr(read, "value", None)
        same = op == self.op and value is not None and abs(value - self.value) < 1e-9
        return same and read.kind in ("average_growth", "threshold"), ""

    def margin(self, facts: Facts, judged: Judged) -> Array:
        return level_margin(facts, judged, judged.shown["average"])

    def judge(self, facts: Facts) -> Judged:
        if self.measure == "level":
            return self._judge_level(facts)
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

    def _judge_level(self, facts: Facts) -> Judged:
        """The level's average yearly growth since its baseline's year."""
        xp = facts.xp
        base, base_year = facts.baseline()
        years = float(facts.year) - base_year
        known = ~xp.isnan(facts.value) & ~xp.isnan(base) & (base > 0.0) & (years > 0.0)
        safe_base = xp.where(known, base, 1.0)
        ratio = xp.where(known, facts.value / safe_base, 1.0)
        rooted = xp.power(xp.maximum(ratio, 0.0), 1.0 / xp.where(known, years, 1.0))
        average = xp.decimal((rooted - 1.0) * 100.0)
        goal = xp.full(facts.size, float(self.value))
        met = met_where(xp, known, compare(self.op, average, goal))
        shown = {"average": xp.where(known, average, math.nan), "baseline": base,
                 "baseline_year": base_year}  # fmt: skip
        return Judged(met, goal, shown)

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        start = plan.info.period.start
        span = year_spans(start, row.year)
        average = row.get("average")
        if self.measure == "level":
            if average is None:
                base, given_year = row.get("baseline"), row.get("baseline_year")
                base_year = int(given_year) if given_year is not None else plan.info.baseline_year
                if base is not None and base <= 0:  # a growth rate from 0 or below is none
                    return (fragment("average_base_not_positive", base_year=str(base_year),
                                     base=number(base)),)  # fmt: skip
                return (fragment("average_needs_baseline", base_year=str(base_year)),)
            since = int(row.get("baseline_year") or plan.info.baseline_year) + 1
            span = year_spans(since, row.year)
        if average is None:
            missing = years_without(row, start)
            return (fragment("average_needs_years", start=str(start), years=missing),)
        # The average is computed: at the indicator's decimals or two (6.5%, not 6.4988%), told
        # apart from the goal it would print as (6.9996%, never 7% of a target > 7 not met).
        shown = apart_from_edges(average, derived_decimals(indicator.decimals), (self.value,))
        goal = numbers_apart(average, float(self.value))[1]  # finer only if they print alike
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
    fitted = fit_unit(to_number(match.group("num")), "", match.group("unit") or "", unit, text)
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
