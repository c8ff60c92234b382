"""qualitative — a direction without a number: 持续提升, 逐年下降, 保持稳定, 不低于上年.

In the plan: ``{kind: qualitative, direction: increase | decrease | maintain | not_lower |
not_higher}``. Judged against the unit's figure of the year before, and never silently passed
without it.
Passing: 91 after 90 for ``increase`` — "91 against 90 the year before: rising".
Failing: 90 after 90 for ``increase`` — "… not rising". Unknown: no figure for the year before
(in the period's first year, the plan's ``baseline`` of the year before counts). ``maintain``
holds when the figure is no worse than the year before (the way the indicator is good).

A target stated against the year before reads as one of these: 高于上年, 比上年提高 as
``increase``; 低于上年, 比上年下降 as ``decrease``; and the two that include the year before's
own figure, which say which way themselves (``maintain`` takes it from the indicator, so an
imported 不高于上年 on an indicator better higher would be judged the wrong way round):
- ``not_lower`` (不低于上年, 不低于上年水平, 不低于去年; "not lower" / 不低于上年): value ≥ the
  year before, higher is better. Passing: 90 after 90 — "90 against 90 the year before: not
  lower". Failing: 89 after 90 — "89 against 90 the year before: lower".
- ``not_higher`` (不高于上年, 不超过上年水平; "not higher" / 不高于上年): value ≤ the year
  before, lower is better. Passing: 2.5 after 3 — "2.5 against 3 the year before: not higher".
  Failing: 3.5 after 3 — "3.5 against 3 the year before: higher".
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, ClassVar, Literal

from plancheck.kinds.base import Better, Facts, Judged, Kind, Row, Timing, met_where, model
from plancheck.kinds.phrasing import ParsedTarget, form
from plancheck.messages import Reason, Text, fragment, numbers_apart

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, Plan

Direction = Literal["increase", "decrease", "maintain", "not_lower", "not_higher"]
WORDS = {
    "increase": Text("rising", "提升"),
    "decrease": Text("falling", "下降"),
    "maintain": Text("held", "保持"),
    "not_lower": Text("not lower", "不低于上年"),
    "not_higher": Text("not higher", "不高于上年"),
}


@model
class Qualitative(Kind):
    """A direction without a number (持续提升, 逐步完善): reported, never silently passed."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "没有数字的方向（持续提升、逐步完善）：如实报告，从不默认达标。",
    }

    kind: Literal["qualitative"]
    direction: Direction

    closes_gap: ClassVar[bool] = False  # Kind.closes_gap: no gap from a baseline
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "qualitative_met": (
            "{value} against {previous} the year before: {direction}",
            "{value}，上年为 {previous}：{direction}",
        ),
        "qualitative_not_met": (
            "{value} against {previous} the year before: not {direction}",
            "{value}，上年为 {previous}：未{direction}",
        ),
        # not_lower / not_higher: "not not lower" would not do, so a sentence each way
        "qualitative_not_lower": (
            "{value} against {previous} the year before: not lower",
            "{value}，上年为 {previous}：不低于上年",
        ),
        "qualitative_lower": (
            "{value} against {previous} the year before: lower",
            "{value}，上年为 {previous}：低于上年",
        ),
        "qualitative_not_higher": (
            "{value} against {previous} the year before: not higher",
            "{value}，上年为 {previous}：不高于上年",
        ),
        "qualitative_higher": (
            "{value} against {previous} the year before: higher",
            "{value}，上年为 {previous}：高于上年",
        ),
        "needs_previous": (
            "a qualitative target ({direction}): needs the previous year's value",
            "定性目标（{direction}）：需要上年数值",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe_increase": ("qualitative increase", "定性目标：提升"),
        "describe_decrease": ("qualitative decrease", "定性目标：下降"),
        "describe_maintain": ("qualitative maintain", "定性目标：保持"),
        "describe_not_lower": ("qualitative not lower", "定性目标：不低于上年"),
        "describe_not_higher": ("qualitative not higher", "定性目标：不高于上年"),
    }

    def describe(self) -> str:
        return self.said(f"describe_{self.direction}")

    def better(self) -> Better:
        return "lower" if self.direction in ("decrease", "not_higher") else "higher"

    def says_which_way(self) -> Better | None:
        return None if self.direction == "maintain" else self.better()

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        return "annual"

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        previous = facts.figures(facts.year - 1)
        # The year before the period's first is the baseline year: the plan's baseline is that
        # year's figure where none was submitted for it (a baseline of another year is not).
        base, base_year = facts.baseline()
        previous = xp.where(xp.isnan(previous) & (base_year == float(facts.year - 1)), base,
                            previous)  # fmt: skip
        value = facts.value
        if self.direction == "increase":
            held = value > previous
        elif self.direction == "decrease":
            held = value < previous
        else:  # no worse than the year before, the way the target (or else the indicator) is good
            way = self.says_which_way() or facts.indicator.direction
            held = value >= previous if way == "higher" else value <= previous
        known = ~xp.isnan(value) & ~xp.isnan(previous)
        return Judged(met_where(xp, known, held), previous, {"previous": previous})

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        direction = WORDS[self.direction]
        previous = row.get("previous")
        if previous is None:
            return (fragment("needs_previous", direction=direction),)
        value, before = numbers_apart(row.value, previous)
        if self.direction in _BOUND_SAID:
            met, missed = _BOUND_SAID[self.direction]
            return (fragment(met if row.met else missed, value=value, previous=before),)
        key = "qualitative_met" if row.met else "qualitative_not_met"
        return (fragment(key, value=value, previous=before, direction=direction),)

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        """100 when the direction holds, else 0."""
        xp = facts.xp
        return xp.where(xp.isnan(judged.met), math.nan, judged.met * 100.0)


# The reasons of a bound by the year before: (met, not met) — "not not lower" would not do.
_BOUND_SAID = {
    "not_lower": ("qualitative_not_lower", "qualitative_lower"),
    "not_higher": ("qualitative_not_higher", "qualitative_higher"),
}


def _qualitative(direction: Direction, name: str | None = None):  # type: ignore[no-untyped-def]
    """The builder of a direction without a number: the same for every direction (``name``:
    the form's, when it is not "qualitative: <direction>")."""

    def build(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
        target = Qualitative(kind="qualitative", direction=direction)
        return ParsedTarget(text, target, name or f"qualitative: {direction}", unit=unit)

    return build


_MOD = r"(?:持续|稳步|稳定|不断|逐步|逐年|进一步|有所|明显|显著|大幅|全面|继续|切实|较大幅度|大力)*"
_UP = r"(?:提升|提高|上升|增长|增加|改善|优化|完善|健全|增强|扩大|加强|加大|拓展|深化|向好|好转)"
_DOWN = r"(?:下降|降低|减少|压降|缩小|减轻|回落|缩减)"
# The year before, as plans write it: 上年, 上一年(度), 上年度, 去年, 前一年, with 同期 or 水平.
_LAST = r"(?:上一?年度?|去年|前一年)(?:同期)?(?:的?(?:平均)?水平)?"
# A rise or a fall on the year before is a figure's own (提高, 下降), not 完善 or 优化.
_RISE = r"(?:提高|提升|增长|增加|上升|增强|扩大)"
_SINCE_LAST = rf"(?:比|较|与){_LAST}(?:相比)?{_MOD}"

LAST_YEAR_INCREASE = "qualitative: above the year before"
LAST_YEAR_UP = "qualitative: up on the year before"
LAST_YEAR_DECREASE = "qualitative: below the year before"
LAST_YEAR_DOWN = "qualitative: down on the year before"

Qualitative.phrases = (
    form(
        "qualitative: increase",
        "持续提升",
        None,
        "rising: judged against the year before, never silently passed (稳步提高, 逐步完善, 不断增强…)",
        rf"^{_MOD}{_UP}(?:{_MOD}{_UP})*$|^稳中有(?:升|进|增)$",
        _qualitative("increase"),
    ),
    form(
        "qualitative: decrease",
        "逐年下降",
        None,
        "falling: judged against the year before (持续降低, 逐步减少…)",
        rf"^{_MOD}{_DOWN}$|^稳中有降$",
        _qualitative("decrease"),
    ),
    form(
        "qualitative: maintain",
        "保持稳定",
        None,
        "held: no worse than the year before (保持平稳, 基本稳定, 巩固…)",
        r"^(?:保持|总体|基本|持续)?(?:稳定|平稳)(?:向好)?$|^(?:持续)?巩固(?:提升)?$|^保持$",
        _qualitative("maintain"),
    ),
    form(
        LAST_YEAR_INCREASE,
        "高于上年",
        None,
        "rising: above the year before, strictly (超过上年, 高于上年水平, 高于去年同期…)",
        rf"^(?:高于|超过|大于|多于){_LAST}$",
        _qualitative("increase", LAST_YEAR_INCREASE),
    ),
    form(
        LAST_YEAR_UP,
        "比上年提高",
        None,
        "rising: above the year before, strictly (较上年增长, 较上年有所提升…)",
        rf"^{_SINCE_LAST}{_RISE}$",
        _qualitative("increase", LAST_YEAR_UP),
    ),
    form(
        LAST_YEAR_DECREASE,
        "低于上年",
        None,
        "falling: below the year before, strictly (少于上年, 低于上年水平…)",
        rf"^(?:低于|少于|小于){_LAST}$",
        _qualitative("decrease", LAST_YEAR_DECREASE),
    ),
    form(
        LAST_YEAR_DOWN,
        "比上年下降",
        None,
        "falling: below the year before, strictly (较上年减少, 比上年有所降低…)",
        rf"^{_SINCE_LAST}{_DOWN}$",
        _qualitative("decrease", LAST_YEAR_DOWN),
    ),
    form(
        "qualitative: not_lower",
        "不低于上年",
        None,
        "not lower: ≥ the year before, higher is better (不低于上年水平, 不低于去年, 不低于上一年度…)",
        rf"^(?:不低于|不少于|不小于){_LAST}$",
        _qualitative("not_lower"),
    ),
    form(
        "qualitative: not_higher",
        "不高于上年",
        None,
        "not higher: ≤ the year before, lower is better (不高于上年水平, 不超过上年…)",
        rf"^(?:不高于|不超过|不多于|不大于){_LAST}$",
        _qualitative("not_higher"),
    ),
)
