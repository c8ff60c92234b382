"""range — a band to stay in: 80–95 (also 80-95, 80~95, 80至95, 80%—95%).

In the plan: ``{kind: range, low: 80, high: 95}``: met when low ≤ figure ≤ high, both bounds
included and compared exactly (figures and bounds are decimals as typed).
Passing: 80, 88 and 95 against 80–95. Failing: 79.9 and 95.1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from plancheck.i18n import say
from plancheck.kinds.base import Facts, Judged, Kind, Number, Row, fmt, met_where, model
from plancheck.kinds.phrasing import NUM, ParsedTarget, fit_unit, form, not_understood, to_number
from plancheck.messages import Reason, fragment, number, numbers_apart

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class Range(Kind):
    """A band: ``low <= value <= high``."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "区间：low <= 数值 <= high。",
    }

    kind: Literal["range"]
    low: Number
    high: Number

    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "range_met": ("{value} lies within {low}–{high}", "{value} 在 {low}–{high} 区间内"),
        "range_not_met": ("{value} lies outside {low}–{high}", "{value} 超出 {low}–{high} 区间"),
    }
    # Everything else it says, plan validate's refusals and why a phrase is not read included:
    # kept here rather than in i18n.py, so that a kind copied from this one is one module.
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe": ("range {low}–{high}", "区间 {low}–{high}"),
        "order": ("high {high} is below low {low}", "上限 {high} 低于下限 {low}"),
        "bound_units": ("the two bounds have different units", "两个界限的单位不同"),
        "down": ("a range from {low} down to {high}", "区间从 {low} 降到 {high}"),
    }

    def edges(self) -> tuple[float, ...]:
        return (float(self.low), float(self.high))

    def band(self) -> tuple[float, float]:
        return float(self.low), float(self.high)

    def describe(self) -> str:
        return self.said("describe", low=fmt(self.low), high=fmt(self.high))

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        value = facts.value
        held = (value >= float(self.low)) & (value <= float(self.high))
        # The goal a figure is held against: the bound it is nearest to.
        goal = xp.where(value < float(self.low), float(self.low), float(self.high))
        return Judged(met_where(xp, ~xp.isnan(value), held), goal)

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        bound = float(self.low) if row.value < self.low else float(self.high)
        value, _ = numbers_apart(row.value, bound)
        key = "range_met" if row.met else "range_not_met"
        return (fragment(key, value=value, low=number(self.low), high=number(self.high)),)

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        """100 within the band, else 0."""
        xp = facts.xp
        return xp.where(xp.isnan(judged.met), math.nan, judged.met * 100.0)

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        if self.low > self.high:
            yield (
                ("target", "high"),
                self.said("order", high=f"{self.high:g}", low=f"{self.low:g}"),
            )
        low, high = indicator.bounds
        if (low is not None and self.high < low) or (high is not None and self.low > high):
            yield ("target", "low"), say("kind.never_met", target=self.describe(),
                                         low=fmt(low) if low is not None else "−∞",
                                         high=fmt(high) if high is not None else "∞")  # fmt: skip


def _range(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    said = match.group("u1") or match.group("u2") or ""
    if match.group("u1") and match.group("u2") and match.group("u1") != match.group("u2"):
        return not_understood(text, Range.said("bound_units"))
    low_fit = fit_unit(to_number(match.group("low")), "", said, unit, text)
    high_fit = fit_unit(to_number(match.group("high")), "", said, unit, text)
    if isinstance(low_fit, str) or isinstance(high_fit, str):
        return not_understood(text, low_fit if isinstance(low_fit, str) else str(high_fit))
    low, high = low_fit[0], high_fit[0]
    if low > high:
        return not_understood(text, Range.said("down", low=fmt(low), high=fmt(high)))
    target = Range(kind="range", low=low, high=high)
    return ParsedTarget(text, target, "range", unit=low_fit[1])


Range.phrases = (
    form(
        "range",
        "80–95",
        "%",
        "80 <= value <= 95, both included (80-95, 80~95, 80至95, 80%—95%; 控制在…以内 is a ceiling)",
        rf"^(?:保持在|控制在|稳定在|介于)?(?P<low>{NUM})(?P<u1>%|‰)?(?:-|~|—|–|至|到|——)"
        rf"(?P<high>{NUM})(?P<u2>%|‰)?(?:之间|区间|以内)?$",
        _range,
    ),
)
