"""cumulative — a total over the plan period: 〔13.5〕 in a 年均/累计 column ("〔〕内为5年累计数").

In the plan: ``{kind: cumulative, amount: 13.5, compound: reduction | growth | none}``.
- ``reduction``: each year's figure is that year's fall in % (单位GDP能源消耗降低 2.7); the
  cumulative fall from the base year is 100 × (1 − Π(1 − r/100)) over the years of the period up
  to this one — every year's figure is needed;
- ``growth``: each year's figure is that year's growth in %: 100 × (Π(1 + g/100) − 1);
- ``none``: the figure is a level (人均预期寿命 〔1〕): the change is value − baseline;
- ``sum``: each year's figure is that year's flow (城镇新增就业 〔5500〕, 累计新增5500): the total is
  the sum of the years' figures — every year's figure is needed.
Met when the cumulative change reaches ``amount``; judged at the target year (by_target_year),
and before it the share of the amount done is held against the share of the time gone. A year
after the target year is judged on the period's total (reduction, growth, sum: the years to the
target year), not on one that runs on past the period.
Passing: reduction 〔13.5〕 with 3.0, 3.0, 3.0, 3.0, 2.5 — 13.6 % since 2020.
Failing: 2.7 and 0.1 in 2021–2022 is 2.8 %: behind in 2022 (20 % of the way at 40 % of the time).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from plancheck.i18n import say
from plancheck.kinds.base import (
    Draft,
    Facts,
    Judged,
    Kind,
    Number,
    Pace,
    Progress,
    Row,
    Timing,
    figures_since_start,
    fmt,
    met_where,
    model,
    years_without,
)
from plancheck.kinds.phrasing import NUM, ParsedTarget, fit_unit, form, not_understood, to_number
from plancheck.messages import (
    Param,
    Reason,
    Text,
    apart_from_edges,
    derived_decimals,
    fragment,
    numbers_apart,
    share,
    shares_apart,
)

if TYPE_CHECKING:
    from plancheck.kinds.base import Array, Better
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan

Compound = Literal["reduction", "growth", "none", "sum"]


@model
class Cumulative(Kind):
    """A cumulative change over the period from the base year (〔13.5〕: 5-year total)."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "从基期起整个规划期的累计变化（〔13.5〕：五年累计）。",
        "amount": "规划期内的变化，如 13.5（%）或 1（水平值）。",
        "compound": "reduction/growth：各年增速（%）复合计算；none：水平值；sum：各年流量（新增）相加。",
    }

    kind: Literal["cumulative"]
    amount: Annotated[
        Number, Field(description="The change over the period, e.g. 13.5 (%) or 1 (a level).")
    ]
    compound: Annotated[
        Compound,
        Field(
            description="reduction/growth: yearly rates in %, compounded; none: a level; "
            "sum: yearly flows (新增), added up."
        ),
    ] = "none"

    has_level: ClassVar[bool] = False
    over_period: ClassVar[bool] = True
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "cumulative_met": (
            "{achieved} {what} since {base_year} reaches the cumulative {amount}",
            "较 {base_year}年累计{what} {achieved}，达到累计目标 {amount}",
        ),
        "cumulative_not_met": (
            "{achieved} {what} since {base_year} misses the cumulative {amount}",
            "较 {base_year}年累计{what} {achieved}，未达到累计目标 {amount}",
        ),
        "cumulative_not_yet": (
            "{achieved} {what} since {base_year}, not yet the cumulative {amount} due by {year}",
            "较 {base_year}年累计{what} {achieved}，尚未达到 {year}年累计目标 {amount}",
        ),
        "cumulative_schedule_on": (
            "{share} of the cumulative target done with {time} of the time gone: on schedule",
            "已完成累计目标的 {share}，时间已过 {time}：符合时序进度",
        ),
        "cumulative_schedule_off": (
            "{share} of the cumulative target done with {time} of the time gone: behind schedule",
            "已完成累计目标的 {share}，时间已过 {time}：落后于时序进度",
        ),
        "cumulative_schedule_fell": (
            "fell instead of rising, away from the cumulative target, with {time} of the time "
            "gone: behind schedule",
            "不升反降，与累计目标方向相反，时间已过 {time}：落后于时序进度",
        ),
        "cumulative_schedule_rose": (
            "rose instead of falling, away from the cumulative target, with {time} of the time "
            "gone: behind schedule",
            "不降反升，与累计目标方向相反，时间已过 {time}：落后于时序进度",
        ),
        "cumulative_needs_years": (
            "a cumulative target: needs the figure of every year since {start} (none for {years})",
            "累计目标：需要 {start}年以来每年的数值（{years}年未报送）",
        ),
        "cumulative_needs_baseline": (
            "a cumulative change: needs a {base_year} baseline value",
            "累计变化目标：需要 {base_year}年基数",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe_none": ("cumulative {amount} from the baseline", "较基期累计 {amount}"),
        "describe_reduction": ("cumulative reduction {amount}%", "累计降低 {amount}%"),
        "describe_growth": ("cumulative growth {amount}%", "累计增长 {amount}%"),
        "describe_sum": ("a total of {amount} over the period", "规划期累计 {amount}"),
        "total": ("a {years}-year total ({note})", "{years}年累计数（{note}）"),
        "period": ("a total over the period", "规划期累计数"),
        "reduction": (
            "a reduction compounded (the name says {word})",
            "按年复合计算的降低（指标名称含“{word}”）",
        ),
        "growth": (
            "a growth compounded (the name says {word})",
            "按年复合计算的增长（指标名称含“{word}”）",
        ),
        "rise": (
            "a rise of the level from its baseline (the name says {word})",
            "水平值较基期的上升（指标名称含“{word}”）",
        ),
        "rise_assumed": (
            "a rise of the level from its baseline (the name does not say which way: for a fall, "
            "write `amount: -{amount}`)",
            "水平值较基期的上升（指标名称未说明方向：如为下降，请写 `amount: -{amount}`）",
        ),
        "which_way": (
            "'{text}' is {total}, on an indicator where less is better: a fall of {amount} from "
            "its baseline, or of {amount}%, or a rise? write the target (until then it is never "
            "judged)",
            "“{text}”为{total}，而该指标越低越好：是较基期下降 {amount}、下降 {amount}%，还是上升？"
            "请写明目标（写明之前不作判断）",
        ),
        "flow": (
            "'{text}' is {total} on a name that says {word}: is each year's figure that year's "
            "(write `compound: sum`) or the running total (write a threshold)? write the target "
            "(until then it is never judged)",
            "“{text}”为{total}，而指标名称含“{word}”：每年报送的是当年数（写 `compound: sum`）还是"
            "累计至当年的总数（写阈值目标）？请写明目标（写明之前不作判断）",
        ),
        "sum": (
            "the sum of each year's figure (the name says {word}: a yearly flow)",
            "各年数值之和（指标名称含“{word}”：每年的流量）",
        ),
        "needs_baseline": (
            "'{text}' is a change from the baseline: give the indicator a baseline {{year, value}}",
            "“{text}”是较基期的变化：请给出该指标的基期值 {{year, value}}",
        ),
        "read_as": ("'{text}' read as {total}, {how}", "“{text}”读作{total}，{how}"),
        "bracketed": (
            "〔〕 read as a cumulative total over the plan period (〔〕内为5年累计数): say in "
            "`compound` whether each year's figure is a rate to compound (reduction, growth) or "
            "a level (none)",
            "〔〕读作规划期累计数（〔〕内为5年累计数）：请在 `compound` 中写明每年的数值是需复合计算的"
            "比率（reduction、growth）还是水平值（none）",
        ),
    }

    def describe(self) -> str:
        if self.compound == "none":
            return self.said("describe_none", amount=f"{self.amount:+g}")
        if self.compound == "sum":
            return self.said("describe_sum", amount=fmt(self.amount))
        return self.said(f"describe_{self.compound}", amount=fmt(self.amount))

    def better(self) -> Better:
        if self.compound in ("none", "sum"):
            return "lower" if self.amount < 0 else "higher"
        return "higher"  # a bigger fall (of energy use per GDP) or a bigger growth is better

    def says_which_way(self) -> Better | None:
        return self.better()

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        """A total over the period is reached by the target year, binding or not."""
        return "by_target_year"

    def drafted(self, draft: Draft) -> Kind:
        """〔13.5〕: the name says whether each year's figure is a rate to compound, and which
        way a level goes; where less is better and the name does not say, a person must."""
        text = draft.parsed.text
        total = draft.total()
        said = self.said("total", years=total[0], note=total[1]) if total else self.said("period")
        if total:
            draft.note(str(total[1]))
        if (found := draft.flow_word()) and found.startswith("累计"):
            # 〔100〕 on 累计培训人数: each year's figure may be the running total itself.
            from plancheck.kinds.todo import Todo

            draft.todo("target", self.said("flow", text=text, total=said, word=found))
            return Todo(kind="todo", text=text)
        if found:
            # 〔5500〕 on 城镇新增就业: the sum of each year's flow.
            compound: Compound = "sum"
            how = self.said("sum", word=found)
        elif found := draft.reduction_word():
            compound = "reduction"
            how = self.said("reduction", word=found)
        elif found := draft.growth_word():
            compound, how = "growth", self.said("growth", word=found)
        elif draft.lower_is_better() and not draft.rise_word():
            # 〔18〕 on PM2.5浓度: a rise would pass where the plan surely means a fall.
            from plancheck.kinds.todo import Todo

            amount = fmt(self.amount)
            draft.todo("target", self.said("which_way", text=text, total=said, amount=amount))
            return Todo(kind="todo", text=text)
        else:
            found = draft.rise_word()
            compound = "none"
            how = (
                self.said("rise", word=found)
                if found
                else self.said("rise_assumed", amount=fmt(self.amount))
            )
            if draft.baseline is None:
                draft.todo("baseline", self.said("needs_baseline", text=text))
        draft.check("target", self.said("read_as", text=text, total=said, how=how))
        return Cumulative(kind="cumulative", amount=self.amount, compound=compound)

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        if indicator.timing == "annual":
            # A total over the period is reached by its end: held every year it would fail in
            # every year before the target year, however well on schedule.
            yield ("timing",), say("kind.total_every_year", target=self.describe())

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        base_year = facts.plan.info.baseline_year
        since = xp.full(facts.size, float(base_year))
        if self.compound == "none":
            base, since = facts.baseline()
            achieved = xp.decimal(facts.value - base)
            known = ~xp.isnan(facts.value) & ~xp.isnan(base)
        elif self.compound == "sum":
            # A total over the period is the period's: a year after it adds nothing to it.
            flows, gaps = figures_since_start(facts, through=facts.plan.info.target_year)
            known = gaps == 0.0
            total = xp.full(facts.size, 0.0)
            for flow in flows:
                total = total + flow
            achieved = xp.decimal(total)
        else:
            product = xp.full(facts.size, 1.0)
            rates, gaps = figures_since_start(facts, through=facts.plan.info.target_year)
            known = gaps == 0.0
            sign = -1.0 if self.compound == "reduction" else 1.0
            for rate in rates:
                product = product * (1.0 + sign * rate / 100.0)
            achieved = xp.decimal(sign * (product - 1.0) * 100.0)
        reached = achieved >= self.amount if self.amount >= 0 else achieved <= self.amount
        goal = xp.full(facts.size, float(self.amount))
        shown = {"achieved": xp.where(known, achieved, math.nan), "base_year": since}
        if self.compound != "none":
            shown["gaps"] = gaps
        return Judged(met_where(xp, known, reached), goal, shown)

    def progress(self, facts: Facts, judged: Judged) -> Progress | None:
        xp = facts.xp
        share = judged.shown["achieved"] / float(self.amount) if self.amount else None
        if share is None:
            return None
        start = xp.full(facts.size, 0.0)
        return Progress(share, start, judged.shown["base_year"])

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        """The share of the cumulative amount done, 0–100 (a level: as a change)."""
        xp = facts.xp
        achieved = judged.shown["achieved"]
        low = floor if floor is not None else 0.0
        span = float(self.amount) - low
        fraction = (achieved - low) / (span if span else 1.0)
        scored = xp.minimum(xp.maximum(fraction, 0.0), 1.0) * 100.0
        return xp.where(xp.isnan(judged.met), math.nan, scored)

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        achieved = row.get("achieved")
        if achieved is None:
            start = plan.info.period.start
            if self.compound == "none":
                base_year = str(plan.info.baseline_year)
                return (fragment("cumulative_needs_baseline", base_year=base_year),)
            missing = years_without(row, start)
            return (fragment("cumulative_needs_years", start=str(start), years=missing),)
        key = "cumulative_met" if row.met else "cumulative_not_met"
        return (fragment(key, **self._figures(row, achieved, indicator)),)

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        """〔13.5〕 says the amount, not whether the yearly figures compound: that is the plan's.
        So does 累计下降13.5% (a change of -13.5% over the period) of a compounded reduction, and
        a bare 13.5 (in a column of totals, 累计)."""
        from plancheck.kinds.change import Change

        if isinstance(read, Change) and parsed.over_period and read.measure == "percent":
            signed = -self.amount if self.compound == "reduction" else self.amount
            return self.compound in ("reduction", "growth") and abs(read.amount - signed) < 1e-9, ""
        if parsed.implicit and (value := getattr(read, "value", None)) is not None:
            return abs(value - self.amount) < 1e-9, ""  # a bare 10 under 累计: the amount
        same = isinstance(read, Cumulative) and abs(read.amount - self.amount) < 1e-9
        return same, ""

    def behind(
        self, row: Row, pace: Pace, target_year: int, indicator: Indicator, plan: Plan
    ) -> Reason:
        achieved = row.get("achieved")
        assert achieved is not None  # behind: it was judged
        params = self._figures(row, achieved, indicator)
        head = fragment("cumulative_not_yet", **params, year=str(target_year))
        if pace.share is None or pace.time is None:
            return (head,)
        if pace.away:  # the change went the other way: never "-22% of the cumulative target done"
            rose = (achieved > 0) != (self.compound == "reduction")
            key = "cumulative_schedule_rose" if rose else "cumulative_schedule_fell"
            return head, fragment(key, time=share(pace.time))
        done, time = shares_apart(pace.share, pace.time)
        key = "cumulative_schedule_on" if pace.on_track else "cumulative_schedule_off"
        return head, fragment(key, share=done, time=time)

    def _figures(self, row: Row, achieved: float, indicator: Indicator) -> dict[str, Param]:
        # The change achieved is computed: at the indicator's decimals or two, told apart from
        # the amount it would print as (never "13.5% … misses the cumulative 13.5%").
        places = derived_decimals(indicator.decimals)
        shown = apart_from_edges(achieved, places, (float(self.amount),))
        amount = numbers_apart(achieved, float(self.amount))[1]  # finer only if they print alike
        if self.compound == "none":
            what = Text("change", "变化")
        elif self.compound == "sum":
            what = Text("added", "新增")
        else:
            # A compounded change the other way is said as what it is: an 8.74% rise of a
            # reduction target, never "-8.74% fall" (下降 -8.74%); a growth's, a fall.
            falls = (self.compound == "reduction") != shown.startswith("-")
            shown, amount = f"{shown.removeprefix('-')}%", f"{amount}%"
            if self.compound == "reduction":
                what = Text("fall", "下降") if falls else Text("rise", "上升")
            else:
                what = Text("fall", "下降") if falls else Text("growth", "增长")
        base_year = str(int(row.get("base_year") or 0))
        return {"achieved": shown, "amount": amount, "what": what, "base_year": base_year}


def _bracketed(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    amount = to_number(match.group("num"))
    notes = (Cumulative.said("bracketed"),)
    compound: Compound = "none"
    target = Cumulative(kind="cumulative", amount=amount, compound=compound)
    return ParsedTarget(text, target, "cumulative", unit=unit, notes=notes)


def _added(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    fitted = fit_unit(to_number(match.group("num")), match.group("mag") or "",
                      match.group("unit"), unit, text)  # fmt: skip
    if isinstance(fitted, str):
        return not_understood(text, fitted)
    amount, unit = fitted
    target = Cumulative(kind="cumulative", amount=amount, compound="sum")
    return ParsedTarget(text, target, "cumulative_sum", unit=unit, over_period=True)


Cumulative.phrases = (
    form(
        "cumulative",
        "〔13.5〕",
        "%",
        "a five-year total (〔〕, as the national table writes it); the importer reads 降低/增长 in "
        "the indicator's name as a compounded reduction or growth",
        rf"^[〔\[【(](?P<num>{NUM})[〕\]】)]%?$",
        _bracketed,
    ),
    form(
        "cumulative_sum",
        "累计新增5500万人",
        "万人",
        "the sum of the yearly figures over the period (each year's figure is that year's flow: "
        "城镇新增就业)",
        rf"^累计新增(?P<num>{NUM})(?P<mag>万|亿)?(?P<unit>[^\d]*?)$",
        _added,
    ),
)
