"""change — a change from the baseline: 提高5个百分点, 下降10%, 翻一番.

In the plan: ``{kind: change, measure: points | percent | factor, amount: 5}``. The goal is the
baseline (a submitted baseline-year figure, else the plan's ``baseline``) changed by ``amount``:
points are added, percent is a share of the baseline, a factor multiplies it.
Passing: 85 with a baseline of 80 and +5 points — "85 meets the target ≥ 85 (+5 pt from the
baseline 80)". Failing: 84 — "84 misses the target ≥ 85 (…)". Unknown: no baseline in the plan or the submission.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from plancheck.i18n import say
from plancheck.kinds.base import (
    AVERAGE_COLUMN,
    Better,
    Draft,
    Facts,
    Judged,
    Kind,
    Number,
    Row,
    fmt,
    level_margin,
    met_where,
    model,
)
from plancheck.kinds.phrasing import (
    CN,
    DOWN,
    DOWN_VERBS,
    NUM,
    SINCE,
    UP,
    ParsedTarget,
    cn_number,
    form,
    not_understood,
    to_number,
)
from plancheck.messages import Reason, Text, fragment, number, numbers_apart

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class Change(Kind):
    """A change from the baseline: 提高5个百分点 (points, +5), 下降10% (percent, -10), 翻一番 (factor, 2)."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "相对于基数的变化：提高5个百分点（points，+5）、下降10%（percent，-10）、翻一番（factor，2）。",
        "amount": "带符号的变化量（points/percent）或倍数（factor）。",
    }

    kind: Literal["change"]
    measure: Literal["points", "percent", "factor"]
    amount: Annotated[
        Number, Field(description="Signed change (points/percent) or multiple (factor).")
    ]

    has_level: ClassVar[bool] = True
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "change_met": (
            "{value} meets the target {op} {goal} ({change} from the baseline {baseline})",
            "{value} 达到目标 {op} {goal}（较基数 {baseline} {change}）",
        ),
        "change_not_met": (
            "{value} misses the target {op} {goal} ({change} from the baseline {baseline})",
            "{value} 未达到目标 {op} {goal}（较基数 {baseline} {change}）",
        ),
        "needs_baseline": (
            "needs a {base_year} baseline value to judge a change target",
            "需要 {base_year}年基数才能判断变化目标",
        ),
        "change_base_not_positive": (
            "a change of {change} is a share of the baseline: the {base_year} baseline {baseline} "
            "is not above 0, so no such change can be measured from it",
            "变化目标 {change} 按基数的比例计算：{base_year}年基数 {baseline} 不大于 0，无法据此判断",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe_points": ("change {amount} points", "变化 {amount} 个百分点"),
        "change_points": ("{amount} pt", "{amount} 个百分点"),  # in a reason: (+5 pt from …)
        "describe_percent": ("change {amount}%", "变化 {amount}%"),
        "describe_factor": ("change x{factor}", "变为基期的 {factor} 倍"),
        "since": (
            "'{text}' is measured from {year}: the plan's baseline_year should be {year}",
            "“{text}”从 {year}年起算：规划的 baseline_year 应为 {year}",
        ),
        "baseline_not_positive": (
            "the change {change} is a share of the baseline, but the {year} baseline {baseline} "
            "is not above 0: the indicator is judged unknown every year (unless a submission "
            "gives its {year} figure, above 0)",
            "变化目标 {change} 按基数的比例计算，但 {year}年基数 {baseline} 不大于 0：该指标每年"
            "均无法判断（除非报送文件给出大于 0 的 {year}年数值）",
        ),
        "average": (
            "'{text}' in the {column} column: a change each year or over the period? write the "
            "target (until then it is never judged)",
            "{column}栏的“{text}”：是每年的变化还是整个规划期的变化？请写明目标（写明之前不作判断）",
        ),
        "total": (
            "'{text}' read as a total over the period: {target} of the level from its baseline, "
            "by the target year",
            "“{text}”读作规划期累计：到目标年度，水平值较基期{target}",
        ),
    }

    def describe(self) -> str:
        if self.measure == "factor":
            return self.said("describe_factor", factor=fmt(self.amount))
        return self.said(f"describe_{self.measure}", amount=f"{self.amount:+g}")

    def rising(self) -> bool:
        return self.amount >= 1 if self.measure == "factor" else self.amount >= 0

    def better(self) -> Better:
        return "higher" if self.rising() else "lower"

    def says_which_way(self) -> Better | None:
        return self.better()

    def goal_symbol(self) -> str:
        """A rise is met at the goal or above it, a fall at the goal or below (``judge``)."""
        return "≥" if self.rising() else "≤"

    def drafted(self, draft: Draft) -> Kind:
        """A change said to be a total (累计下降13.5%) is one over the period, in whichever column:
        on a name whose figure is a year's fall or growth in % (单位GDP能耗降低), the yearly rates
        compounded, as 〔13.5〕 is read; on a level, its change from the baseline. Otherwise, in
        the 年均/累计 column a change says neither each year nor over the period: a todo."""
        super().drafted(draft)
        if draft.parsed.over_period:
            return self._total(draft)
        if draft.column != "average":
            return self
        from plancheck.kinds.todo import Todo

        column = draft.average_header or AVERAGE_COLUMN  # the table's own header
        draft.todo("target", self.said("average", text=draft.parsed.text, column=column))
        return Todo(kind="todo", text=draft.average)

    def _total(self, draft: Draft) -> Kind:
        from plancheck.kinds.cumulative import Compound, Cumulative

        text = draft.parsed.text
        falls = self.amount < 0
        word = draft.reduction_word() if falls else draft.growth_word()
        if self.measure != "percent" or word is None:
            draft.check("target", self.said("total", text=text, target=self.describe()))
            return self
        compound: Compound = "reduction" if falls else "growth"
        how = Cumulative.said(compound, word=word)
        draft.check("target", Cumulative.said("read_as", text=text, total=Cumulative.said("period"),
                                              how=how))  # fmt: skip
        return Cumulative(kind="cumulative", amount=abs(self.amount), compound=compound)

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        if self.measure == "factor" and self.amount <= 0:
            # ×0 or ×-2 of the baseline is no change a plan sets (翻一番 is 2, 减半 0.5).
            yield ("target", "amount"), say("kind.factor_not_positive", factor=fmt(self.amount))
        elif self.measure == "percent" and self.amount < -100:
            # A fall of 100 % leaves nothing: no level can fall further than to 0.
            yield ("target", "amount"), say("kind.fall_beyond_all", amount=fmt(self.amount))

    def warnings(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        baseline = indicator.baseline
        if self.measure != "points" and baseline is not None and baseline.value <= 0:
            # ``judge`` measures no share of a baseline of 0 or below: unknown every year,
            # unless a submission gives the baseline year's figure (it comes first).
            change = f"×{self.amount:g}" if self.measure == "factor" else f"{self.amount:+g}%"
            yield ("baseline", "value"), self.said(
                "baseline_not_positive", change=change, year=baseline.year,
                baseline=number(baseline.value))  # fmt: skip

    def margin(self, facts: Facts, judged: Judged) -> Array:
        return level_margin(facts, judged)

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        base, base_year = facts.baseline()
        if self.measure == "points":
            goal = base + self.amount
        elif self.measure == "percent":
            goal = base * (1 + self.amount / 100)
        else:
            goal = base * self.amount
        # 100 × 1.1 is 110.00000000000001 in binary floating point: the goal is the decimal a
        # person would compute (12 significant digits), so that 110 meets "10% more than 100".
        goal = xp.decimal(goal)
        known = ~xp.isnan(facts.value) & ~xp.isnan(base)
        if self.measure != "points":
            # A share of a baseline of 0 or below is no change a plan sets: 10% more than 0 is
            # 0 (any figure would meet it), and 10% less than -5 is -4.5, a rise.
            known = known & (base > 0.0)
        reached = facts.value >= goal if self.rising() else facts.value <= goal
        return Judged(met_where(xp, known, reached), goal,
                      {"baseline": base, "baseline_year": base_year})  # fmt: skip

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        base = row.get("baseline")
        if base is None or row.goal is None:
            return (fragment("needs_baseline", base_year=str(plan_baseline_year(plan))),)
        if self.measure == "points":
            en, zh = self.texts["change_points"]
            change = Text(
                en.format(amount=f"{self.amount:+g}"), zh.format(amount=f"{self.amount:+g}")
            )
        elif self.measure == "percent":
            change = Text(f"{self.amount:+g}%", f"{self.amount:+g}%")
        else:
            change = Text(f"×{self.amount:g}", f"×{self.amount:g}")
        if self.measure != "points" and base <= 0:
            base_year = int(row.get("baseline_year") or plan_baseline_year(plan))
            return (fragment("change_base_not_positive", change=change, base_year=str(base_year),
                             baseline=number(base)),)  # fmt: skip
        value, goal = numbers_apart(row.value, row.goal)
        key = "change_met" if row.met else "change_not_met"
        return (fragment(key, value=value, op=self.goal_symbol(), goal=goal, change=change,
                         baseline=number(base)),)  # fmt: skip


def plan_baseline_year(plan: Plan) -> int:
    return int(plan.info.baseline_year)


def _since_notes(match: re.Match[str], text: str) -> tuple[str, ...]:
    year = match.groupdict().get("year")
    if not year:
        return ()
    return (Change.said("since", text=text, year=year),)


def _by(measure: Literal["points", "percent"], name: str):  # type: ignore[no-untyped-def]
    def build(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
        amount = to_number(match.group("num"))
        if match.group("verb") in DOWN_VERBS:
            amount = -amount
        target = Change(kind="change", measure=measure, amount=amount)
        return ParsedTarget(text, target, name, unit=unit, notes=_since_notes(match, text),
                            over_period=_total(match))  # fmt: skip

    return build


def _factor(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    if match.group("times"):
        times = cn_number(match.group("times"))
        if times is None:
            return not_understood(text, say("phrase.not_a_number", text=match.group("times")))
        factor = float(2**times)
    else:
        raw = match.group("n")
        figure = cn_number(raw) if not re.fullmatch(NUM, raw) else to_number(raw)
        if figure is None:
            return not_understood(text, say("phrase.not_a_number", text=raw))
        factor = 1.0 + float(figure)
    target = Change(kind="change", measure="factor", amount=factor)
    return ParsedTarget(text, target, "change: factor", unit=unit, notes=_since_notes(match, text),
                        over_period=_total(match))  # fmt: skip


def _total(match: re.Match[str]) -> bool:
    """累计 before the verb (累计下降13.5%, 比2020年累计提高5个百分点): a total over the period."""
    return "累计" in match.group(0)


Change.phrases = (
    form(
        "change: points",
        "提高5个百分点",
        "%",
        "+5 points from the baseline (下降/降低/减少: -; 比2020年/较基期/累计 before it: the same)",
        rf"^(?:累计)?{SINCE}(?:累计)?(?P<verb>{UP}|{DOWN})(?:了)?(?P<num>{NUM})个?百分点(?:及?以上)?$",
        _by("points", "change: points"),
    ),
    form(
        "change: percent",
        "下降10%",
        None,
        "-10% of the baseline (提高/增长/增加/上升: +)",
        rf"^(?:累计)?{SINCE}(?:累计)?(?P<verb>{UP}|{DOWN})(?:了)?(?P<num>{NUM})%(?:及?以上)?$",
        _by("percent", "change: percent"),
    ),
    form(
        "change: factor",
        "翻一番",
        None,
        "x2 the baseline (翻两番 x4; 增长1倍 x2, 提高2倍 x3)",
        rf"^(?:累计)?{SINCE}(?:累计)?(?:翻(?P<times>\d+|{CN})番|(?P<verb>{UP})(?:了)?(?P<n>{NUM}|{CN})倍)$",
        _factor,
    ),
)
