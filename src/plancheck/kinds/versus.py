"""versus — a comparison with another indicator of the plan, same unit and year: 高于GDP增长.

In the plan: ``{kind: versus, indicator: "1", op: ">", tolerance: 1}``. The other figure is the
same unit's figure for indicator "1" in the same year, from the same submission: no reference
column is needed. ``op: "~"`` is "in step" (与GDP增长基本同步): the two differ by at most
``tolerance`` (default 1, in the indicator's unit; the bound included).
Passing: 8.7 against GDP growth 8.1 for ``>``; 2.9 against 3.0 for ``~`` (0.1 apart).
Failing: 2.5 against 3.0 for ``>``; 1.5 against 3.0 for ``~`` (1.5 apart).
Unknown: the other indicator's figure was not submitted for that unit and year.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from plancheck.i18n import say
from plancheck.kinds.base import (
    SYMBOL,
    Better,
    Draft,
    Facts,
    Judged,
    Kind,
    Number,
    Row,
    Timing,
    compare,
    fmt,
    level_margin,
    met_where,
    model,
)
from plancheck.kinds.phrasing import ParsedTarget, form, not_understood
from plancheck.messages import Reason, Text, fragment, number, numbers_apart

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan

DEFAULT_TOLERANCE = 1.0
# Figures are decimals people typed; their difference in binary may exceed the tolerance by an
# ulp (5.3 − 4.3 is 0.9999999999999996 or 1.0000000000000009): the bound is included — a few
# units in the last place of the figures — and a figure typed just beyond it is beyond.
SLACK = 6e-16  # × the figures: at least twice what the subtraction and the decimals can be off


@model
class Versus(Kind):
    """Against another indicator's figure of the same unit and year (高于GDP增长, 基本同步)."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "与同一单位同一年度另一项指标的数值比较（高于GDP增长、基本同步）。",
        "indicator": "规划中另一项指标的编号。",
        "tolerance": '用于 op "~"：最大差值（默认 1）。',
    }

    kind: Literal["versus"]
    indicator: Annotated[str, Field(description="The id of the other indicator of the plan.")]
    op: Literal[">=", ">", "<=", "<", "~"]
    tolerance: Annotated[
        Number | None, Field(ge=0, description='For op "~": the largest difference (default 1).')
    ] = None

    closes_gap: ClassVar[bool] = False  # Kind.closes_gap: no gap from a baseline
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "versus_met": (
            "{value} {op} {other} ({name})",
            "{value} {op} {other}（{name}）",
        ),
        "versus_not_met": (
            "{value} is not {op} {other} ({name})",
            "{value} 未满足 {op} {other}（{name}）",
        ),
        "in_step_met": (
            "{value} is in step with {other} ({name}): {difference} apart, within {tolerance}",
            "{value} 与 {other}（{name}）基本同步：相差 {difference}，不超过 {tolerance}",
        ),
        "in_step_not_met": (
            "{value} is not in step with {other} ({name}): {difference} apart, more than "
            "{tolerance}",
            "{value} 与 {other}（{name}）不同步：相差 {difference}，超过 {tolerance}",
        ),
        "needs_other": (
            "needs the figure of indicator {name} for the same unit and year",
            "需要同一单位同一年度指标 {name} 的数值",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe": ("{op} indicator {id}", "{op} 指标 {id}"),
        "describe_in_step": (
            "in step with indicator {id} (±{allowed})",
            "与指标 {id} 同步（±{allowed}）",
        ),
        "no_other": (
            "'{text}' compares with '{other}', which names no one other indicator of the table: "
            "write a versus target with its id (until then it is never judged)",
            "“{text}”与“{other}”比较，但它不指向表中另一项确定的指标：请写出含其序号的 versus "
            "目标（写出之前不作判断）",
        ),
        "read_as": (
            "'{text}' read as indicator {id} ({name}), {target}",
            "“{text}”读作指标 {id} {name}，{target}",
        ),
        "read_as_in_step": (
            "'{text}' read as indicator {id} ({name}), {target}: set `tolerance` for another band",
            "“{text}”读作指标 {id} {name}，{target}：如需其他幅度，请设置 `tolerance`",
        ),
        "compares": (
            "'{text}' compares with the indicator '{other}': `indicator` is its id in this plan",
            "“{text}”与指标“{other}”比较：`indicator` 为该指标在本规划中的序号",
        ),
    }

    @property
    def allowed(self) -> float:
        return DEFAULT_TOLERANCE if self.tolerance is None else self.tolerance

    def describe(self) -> str:
        if self.op == "~":
            return self.said("describe_in_step", id=self.indicator, allowed=fmt(self.allowed))
        return self.said("describe", op=self.op, id=self.indicator)

    def better(self) -> Better:
        return "lower" if self.op in ("<", "<=") else "higher"

    def says_which_way(self) -> Better | None:
        return None if self.op == "~" else self.better()

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        return "annual"

    def drafted(self, draft: Draft) -> Kind:
        """高于GDP增长: the other indicator is the one of the table the words name."""
        parsed = draft.parsed
        mentioned = parsed.other or self.indicator
        other = resolve_other(mentioned, draft.names)
        if other is None or other == draft.ident:
            from plancheck.kinds.todo import Todo

            draft.todo("target", self.said("no_other", text=parsed.text, other=mentioned))
            return Todo(kind="todo", text=parsed.text)
        found = replace(self, indicator=other)
        other_name = dict(draft.names)[other]
        key = "read_as_in_step" if found.op == "~" else "read_as"
        draft.check("target", self.said(key, text=mentioned, id=other, name=other_name,
                                        target=found.describe()))  # fmt: skip
        return found

    def margin(self, facts: Facts, judged: Judged) -> Array | None:
        return None if self.op == "~" else level_margin(facts, judged)

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        other = facts.other(self.indicator)
        known = ~xp.isnan(facts.value) & ~xp.isnan(other)
        if self.op == "~":
            slack = (xp.maximum(xp.abs(facts.value), xp.abs(other)) + self.allowed) * SLACK
            held = xp.abs(facts.value - other) <= self.allowed + slack
        else:
            held = compare(self.op, facts.value, other)
        return Judged(met_where(xp, known, held), other, {"other": other})

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        name = _name(plan, self.indicator)
        other = row.get("other")
        if other is None:
            return (fragment("needs_other", name=name),)
        value, other_text = numbers_apart(row.value, other)
        if self.op == "~":
            key = "in_step_met" if row.met else "in_step_not_met"
            # The difference as the typed figures make it (15 digits: 5.3 − 4.3 is 1), told
            # apart from the tolerance when it is just beyond (1.00000000000001, not 1).
            apart = float(f"{abs(row.value - other):.15g}")
            difference = numbers_apart(apart, self.allowed)[0]
            return (fragment(key, value=value, other=other_text, name=name,
                             difference=difference, tolerance=number(self.allowed)),)  # fmt: skip
        key = "versus_met" if row.met else "versus_not_met"
        return (fragment(key, value=value, op=SYMBOL[self.op], other=other_text, name=name),)

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        """In step: 100 within the tolerance, else 0; an order: as a level, the other's figure
        the goal."""
        if self.op == "~":
            xp = facts.xp
            return xp.where(xp.isnan(judged.met), math.nan, judged.met * 100.0)
        return super().score(facts, judged, floor)

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        other = next((i for i in plan.indicators if i.id == self.indicator), None)
        if other is None:
            yield ("target", "indicator"), say("kind.unknown_indicator", indicator=self.indicator)
        elif other.id == indicator.id:
            yield ("target", "indicator"), say("kind.compared_with_itself")
        elif other.unit and indicator.unit and other.unit != indicator.unit:
            yield ("target", "indicator"), say("kind.other_unit", other=other.id,
                                               other_unit=other.unit, unit=indicator.unit)  # fmt: skip
        if self.tolerance is not None and self.op != "~":
            yield ("target", "tolerance"), say("kind.tolerance")

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        """The text names the other indicator (GDP增长); the plan gives its id."""
        if not isinstance(read, Versus) or read.op != self.op:
            return False, ""
        found = resolve_other(read.indicator, [(i.id, i.name) for i in plan.indicators])
        return found == self.indicator or read.indicator == self.indicator, ""


def resolve_other(mentioned: str, indicators: list[tuple[str, str]]) -> str | None:
    """The id of the indicator a phrase names ("GDP增长" → "1" 国内生产总值（GDP）增长（％）;
    经济增长 → 地区生产总值增长): the one whose name, without brackets and spaces, holds the
    words — or, of several, the one it is; None if none or several."""
    words = _plain(mentioned)
    if not words:
        return None
    found = [
        (ident, plain)
        for ident, name in indicators
        if ident == mentioned or words in (plain := _plain(name))
    ]
    if len(found) == 1:
        return found[0][0]
    exact = [ident for ident, plain in found if plain == words]
    return exact[0] if len(exact) == 1 else None


# The economy's output goes by several names: GDP, 地区生产总值, 国内生产总值（GDP）, and its growth
# by 经济增长/经济增速; and 增速 is 增长.
_OUTPUT = re.compile(r"^经济(?=增长|增速)|(?:地区|国内)?生产总值(?:gdp)?|gdp")


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    folded = re.sub(r"\((?:%|‰|[^()]*单位[^()]*)\)", "", folded)  # a unit in brackets
    plain = re.sub(r"[\s()（）\[\]“”\"'、]", "", folded).casefold()
    return _OUTPUT.sub("gdp", plain).replace("增速", "增长")


_VERSUS_OPS: dict[str, Literal[">=", ">", "<=", "<", "~"]] = {
    "高于": ">", "快于": ">", "不低于": ">=", "低于": "<", "慢于": "<", "不高于": "<=",
}  # fmt: skip
# Another indicator's name: no number or comparison sign in it, not a scope's average
# (低于全市平均值 is a relative target), and not the year before (不低于上年 is the unit's own
# figure of the year before: a qualitative target, never an indicator named 上年).
_OTHER = r"(?P<other>(?!全市|全区|全县|全省|全国|本市|本区|上一?年|去年|前一年)[^\d%‰<>=≥≤]+?)"
# The same period (of the year before), as the whole of a name: no indicator either.
_SAME_PERIOD = ("同期", "同期水平")


def _versus(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    word = match.groupdict().get("pre")
    op = _VERSUS_OPS[word] if word else "~"
    other = match.group("other")
    if other in _SAME_PERIOD:
        return not_understood(text, say("phrase.no_form"))
    if "平均" in other:
        return not_understood(text, say("phrase.no_scope"))
    target = Versus(kind="versus", indicator=other, op=op)
    note = Versus.said("compares", text=text, other=other)
    name = "versus: in step" if op == "~" else "versus: another indicator"
    return ParsedTarget(text, target, name, unit=unit, other=other, notes=(note,))


Versus.phrases = (
    form(
        "versus: another indicator",
        "高于GDP增长",
        "%",
        "> indicator 1 (高于/快于 another indicator of the plan, the same unit and year; 低于/慢于: <)",
        rf"^(?P<pre>高于|快于|不低于|低于|慢于|不高于){_OTHER}$",
        _versus,
    ),
    form(
        "versus: in step",
        "与GDP增长基本同步",
        "%",
        "~ indicator 1: within a tolerance of it, by default 1 (与…(基本)同步)",
        rf"^与{_OTHER}(?:基本)?同步(?:增长)?$",
        _versus,
    ),
)


def _name(plan: Plan, indicator_id: str) -> Text:
    """The other indicator as a reason names it: its id and its name in the reason's language
    (an English reason never says "(1 国内生产总值（GDP）增长)" of an indicator with name_en)."""
    other = next((i for i in plan.indicators if i.id == indicator_id), None)
    if other is None:
        return Text(indicator_id, indicator_id)
    return Text(f"{indicator_id} {other.name_en or other.name}", f"{indicator_id} {other.name}")
