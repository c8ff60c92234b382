"""threshold — a level to reach: ``value OP number``.

In the plan: ``{kind: threshold, op: ">=", value: 50}`` (50以上, 不低于50, ≥50, a bare 50).
Passing: 50 against 50以上 — "50 meets the target ≥ 50".
Failing: 49.9 against 50以上 — "49.9 misses the target ≥ 50"; 4.0 against 低于4.0 (``< 4``).
Chinese legal convention (民法典 第一千二百五十九条): 以上/以下/不低于/不超过 include the number,
高于/低于/超过/不满 exclude it. A bare number is a floor, a bare 0 a ceiling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, Literal

from plancheck.i18n import say
from plancheck.kinds.base import (
    AVERAGE_COLUMN,
    SYMBOL,
    Better,
    Draft,
    Facts,
    Judged,
    Kind,
    Number,
    Op,
    Row,
    compare,
    fmt,
    level_margin,
    level_reason,
    met_where,
    model,
)
from plancheck.kinds.phrasing import (
    DOWN,
    NEUTRAL_WORDS,
    NUM,
    PREFIX,
    SINCE,
    SUFFIX,
    SUFFIX_OPS,
    UP,
    UP_VERBS,
    Form,
    ParsedTarget,
    comparison,
    fit_unit,
    form,
    not_understood,
    to_number,
)
from plancheck.messages import Reason
from plancheck.safetext import LazyPattern

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class Threshold(Kind):
    """A level to reach: ``value OP number``. 50以上 is ``>= 50``; 低于4 is ``< 4``."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "要达到的水平：数值 OP 目标数。50以上即 >= 50；低于4即 < 4。",
    }

    kind: Literal["threshold"]
    op: Op
    value: Number

    has_level: ClassVar[bool] = True
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "met": ("{value} meets the target {op} {goal}", "{value} 达到目标 {op} {goal}"),
        "not_met": ("{value} misses the target {op} {goal}", "{value} 未达到目标 {op} {goal}"),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "bare_default": (
            "(a bare number is read as {op} by default)",
            "（单独一个数字默认读作 {op}）",
        ),
        "ceiling": (
            "the bare number '{text}' read as {target}: the name says lower is better (a floor "
            "would be >=)",
            "单独的数字“{text}”读作 {target}：指标名称表明越低越好（下限应为 >=）",
        ),
        "average_growth": (
            "'{text}' in the {column} column read as {target} (the name says it is a growth)",
            "{column}栏的“{text}”读作{target}（指标名称表明是增长率）",
        ),
        "every_year": (
            "'{text}' in the {column} column read as {target} every year",
            "{column}栏的“{text}”读作每年 {target}",
        ),
    }

    def describe(self) -> str:
        return f"{self.op} {fmt(self.value)}"

    def better(self) -> Better:
        return "lower" if self.op in ("<", "<=") else "higher"

    def says_which_way(self) -> Better | None:
        return None if self.op == "==" else self.better()

    def goal_symbol(self) -> str:
        return SYMBOL[self.op]

    def band(self) -> tuple[float, float] | None:
        """``== 100`` is met from neither side: a band of one figure."""
        return (float(self.value), float(self.value)) if self.op == "==" else None

    def margin(self, facts: Facts, judged: Judged) -> Array:
        return level_margin(facts, judged)

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        goal = xp.full(facts.size, self.value)
        return Judged(met_where(xp, ~xp.isnan(facts.value), compare(self.op, facts.value, goal)),
                      goal)  # fmt: skip

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        return level_reason(row, self.op, "met", "not_met")

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        if not isinstance(read, Threshold) or abs(read.value - self.value) > 1e-9 * max(
            1.0, abs(read.value)
        ):
            return False, ""
        if read.op != self.op:
            if parsed.implicit:  # a bare number: the plan may know which way is good
                return False, self.said("bare_default", op=read.op)
            return False, ""
        return True, ""

    def drafted(self, draft: Draft) -> Kind:
        """A bare number on a name where less is better is a ceiling; in the 年均/累计 column a
        level holds every year, and on a growth it is the average yearly growth."""
        super().drafted(draft)
        text = draft.parsed.text
        if draft.parsed.implicit and draft.lower_is_better():
            # A bare "3" on 万人刑事案件发案率 is a ceiling, not a floor.
            ceiling = replace(self, op="<=")
            draft.check("target", self.said("ceiling", text=text, target=ceiling.describe()))
            return ceiling
        if draft.column != "average":
            return self
        if self.op != "==" and draft.growth_word():
            from plancheck.kinds.average_growth import AverageGrowth

            growth = AverageGrowth(kind="average_growth", op=self.op, value=self.value)
            column = draft.average_header or AVERAGE_COLUMN  # the table's own header
            draft.check("target", self.said("average_growth", text=text, column=column,
                                            target=growth.describe()))  # fmt: skip
            return growth
        if self.op != "==" and _of_a_level(draft):
            return self._level_growth(draft)
        column = draft.average_header or AVERAGE_COLUMN
        draft.check("target", self.said("every_year", text=text, column=column,
                                        target=self.describe()))  # fmt: skip
        return self

    def _level_growth(self, draft: Draft) -> Kind:
        """6 (or ＞7) under 年均增长（%） on a level (一般公共预算收入, 亿元): the level's average
        yearly growth from its baseline, not a level of 6 亿元."""
        from plancheck.kinds.average_growth import AverageGrowth

        assert self.op != "=="
        growth = AverageGrowth(kind="average_growth", op=self.op, value=self.value,
                               measure="level")  # fmt: skip
        text = draft.parsed.text
        draft.check("target", AverageGrowth.said("level", text=text, column=draft.average_header,
                                                 target=growth.describe(),
                                                 unit=draft.parsed.unit))  # fmt: skip
        if draft.baseline is None:
            draft.todo("baseline", AverageGrowth.said("needs_baseline", text=text))
        return growth

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        low, high = indicator.bounds
        never = (
            (high is not None and (self.value > high or (self.op == ">" and self.value == high)))
            if self.op in (">=", ">", "==")
            else (low is not None and (self.value < low or (self.op == "<" and self.value == low)))
        )
        if never or (self.op == "==" and low is not None and self.value < low):
            yield ("target", "value"), say("kind.never_met", target=self.describe(),
                                  low=fmt(low) if low is not None else "−∞",
                                  high=fmt(high) if high is not None else "∞")  # fmt: skip
        if indicator.floor is not None:
            higher = indicator.direction == "higher"
            if (indicator.floor >= self.value) if higher else (indicator.floor <= self.value):
                side = say("kind.below") if higher else say("kind.above")
                better = say("kind.higher_better") if higher else say("kind.lower_better")
                yield ("floor",), say("kind.floor_side", floor=f"{indicator.floor:g}", side=side,
                                      value=f"{self.value:g}", direction=better)  # fmt: skip


# A name that says its figure is a rate or a change itself (城镇调查失业率, 单位GDP能耗降低).
_RATE_NAME = LazyPattern(r"增长|增速|增幅|涨幅|率|降低|下降|减少|提高")  # plan import only


def _of_a_level(draft: Draft) -> bool:
    """Is the target in a column of yearly averages (年均, 年均增长（%）, 年均/累计) on a level:
    an indicator in a unit of its own (亿元, 万人), not % nor a rate, whose name does not say it
    is a rate or a change?"""
    unit = "".join((draft.parsed.unit or "").split())
    if not unit or unit in ("%", "‰", "％") or "率" in unit or "百分点" in unit:
        return False
    return "年均" in draft.average_header and not _RATE_NAME.search(draft.name)


# --- phrases --------------------------------------------------------------------------------

_LEVEL = rf"^{NEUTRAL_WORDS}?{PREFIX}?(?P<num>{NUM})(?P<mag>万|亿)?(?P<unit>[^\d<>=≥≤]*?){SUFFIX}?$"


def _threshold(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    op, problem = comparison(match)
    if problem:
        return not_understood(text, problem)
    value = to_number(match.group("num"))
    fitted = fit_unit(value, match.group("mag") or "", match.group("unit"), unit, text)
    if isinstance(fitted, str):
        return not_understood(text, fitted)
    value, unit = fitted
    if op is None:  # a bare number
        bare: Op = "<=" if value == 0 else ">="
        name = "bare zero" if value == 0 else "bare number"
        return ParsedTarget(text, Threshold(kind="threshold", op=bare, value=value), name,
                            unit=unit, implicit=True)  # fmt: skip
    return ParsedTarget(
        text, Threshold(kind="threshold", op=op, value=value), "threshold", unit=unit
    )


def _per(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    said = f"{match.group('unit')}/{match.group('per')}" if match.group("unit") else ""
    prefix = (match.group("neutral") or "") + (match.group("pre") or "")
    rewritten = Threshold.phrases[0].pattern.match(
        f"{prefix}{match.group('num')}{said}{match.group('post') or ''}"
    )
    assert rewritten is not None
    parsed = _threshold(rewritten, text, unit)
    return replace(parsed, form="per" if parsed.understood else None)


def _to_level(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    op: Op = ">=" if match.group("verb") in UP_VERBS else "<="
    post = match.group("post")
    if post and SUFFIX_OPS[post] != op:
        return not_understood(text, say("phrase.two_ways", verb=match.group("verb"), post=post))
    fitted = fit_unit(
        to_number(match.group("num")), match.group("mag") or "", match.group("unit"), unit, text
    )
    if isinstance(fitted, str):
        return not_understood(text, fitted)
    value, unit = fitted
    target = Threshold(kind="threshold", op=op, value=value)
    return ParsedTarget(text, target, "change: to a level", unit=unit)


def _coverage(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    fitted = fit_unit(100.0, "", "%", unit)
    if isinstance(fitted, str):
        return not_understood(text, say("phrase.full_coverage", problem=fitted))
    target = Threshold(kind="threshold", op=">=", value=100.0)
    return ParsedTarget(text, target, "full coverage", unit=fitted[1])


Threshold.phrases = (
    form(
        "threshold",
        "不低于95%",
        "%",
        ">= 95 (以上/以下/以内/不低于/不少于/不高于/不超过/达到/保持 include the number; "
        "高于/低于/超过/不足/不满 exclude it; ≥ ≤ > < as written)",
        _LEVEL,
        _threshold,
        broad=True,
    ),
    form(
        "per",
        "每万人12人",
        "人/万人",
        ">= 12 per 10,000 people (每万人/每年… before the number: the unit is 人/万人, 次/年…)",
        rf"^每(?P<per>万人|千人|百人|十万人|年|月|季度){NEUTRAL_WORDS}?{PREFIX}?"
        rf"(?:拥有|有)?(?P<num>{NUM})(?P<unit>[^\d<>=≥≤]*?){SUFFIX}?$",
        _per,
    ),
    form(
        "change: to a level",
        "降至3‰以下",
        "‰",
        "<= 3 (提高到/提升至…: >=; 下降到/降低至…: <=)",
        rf"^{SINCE}(?P<verb>{UP}|{DOWN})(?:到|至)(?P<num>{NUM})(?P<mag>万|亿)?"
        rf"(?P<unit>[^\d<>=≥≤]*?){SUFFIX}?$",
        _to_level,
    ),
    form(
        "full coverage",
        "全覆盖",
        "%",
        ">= 100 on a % indicator (实现全覆盖, 100%覆盖)",
        r"^(?:实现|达到)?(?:全覆盖|100%覆盖|全面覆盖)$",
        _coverage,
    ),
)

__all__ = ["Form", "Threshold"]
