"""around — an approximate level: 5.5%左右, 约95%.

In the plan: ``{kind: around, value: 5.5, tolerance: 0.5}``: met when the figure lies within
``tolerance`` of the value, both bounds included; without a tolerance, 10 % of the value
(5.5%左右: 4.95 to 6.05) — a documented convention the plan can change.
Passing: 5.2 against 5.5%左右. Failing: 4.8 against 5.5%左右 (more than 0.55 away).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from plancheck.kinds.base import Facts, Judged, Kind, Number, Row, fmt, met_where, model
from plancheck.kinds.phrasing import NUM, ParsedTarget, fit_unit, form, not_understood, to_number
from plancheck.messages import Reason, fragment, number, numbers_apart

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan

DEFAULT_SHARE = 0.1  # 左右 without a tolerance: within 10 % of the value
# The bound is included, whatever binary floating point makes of 5.5 − 4.95 (0.5499999999999998
# or 0.5500000000000007): a difference within a few units in the last place of the figures is
# on the bound — and a figure typed just beyond it (4.9499999999) is beyond.
SLACK = 6e-16  # × the figures: at least twice what the subtraction and the decimals can be off


@model
class Around(Kind):
    """An approximate level: within ``tolerance`` of ``value``."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "约数：与 value 相差不超过 tolerance。",
        "tolerance": "与 value 的最大差距（默认：其 10%）。",
    }

    kind: Literal["around"]
    value: Number
    tolerance: Annotated[
        Number | None,
        Field(ge=0, description="The largest distance from value (default: 10 % of it)."),
    ] = None

    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "around_met": (
            "{value} is within {goal} ± {tolerance}",
            "{value} 在 {goal} ± {tolerance} 以内",
        ),
        "around_not_met": (
            "{value} is outside {goal} ± {tolerance}",
            "{value} 超出 {goal} ± {tolerance}",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe": ("around {value} ± {allowed}", "{value} 左右（± {allowed}）"),
        "read_as": (
            "'{text}' read as within 10% of {value}: set `tolerance` if the plan means another "
            "band",
            "“{text}”读作在 {value} 上下 10% 以内：如规划另有幅度，请设置 `tolerance`",
        ),
    }

    @property
    def allowed(self) -> float:
        if self.tolerance is not None:
            return self.tolerance
        return float(f"{abs(self.value) * DEFAULT_SHARE:.12g}")

    def edges(self) -> tuple[float, ...]:
        return (
            float(f"{self.value - self.allowed:.15g}"),
            float(f"{self.value + self.allowed:.15g}"),
        )

    def band(self) -> tuple[float, float]:
        low, high = self.edges()
        return low, high

    def describe(self) -> str:
        return self.said("describe", value=fmt(self.value), allowed=fmt(self.allowed))

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        goal = xp.full(facts.size, float(self.value))
        slack = (xp.maximum(xp.abs(facts.value), xp.abs(goal)) + self.allowed) * SLACK
        held = xp.abs(facts.value - goal) <= self.allowed + slack
        return Judged(met_where(xp, ~xp.isnan(facts.value), held), goal)

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        value, goal = numbers_apart(row.value, float(self.value))
        # A figure just beyond a bound is not shown as the bound (4.94999999999999, not 4.95).
        edge = self.value - self.allowed if row.value < self.value else self.value + self.allowed
        near, _ = numbers_apart(row.value, float(f"{edge:.15g}"))
        value = near if len(near) > len(value) else value
        key = "around_met" if row.met else "around_not_met"
        return (fragment(key, value=value, goal=goal, tolerance=number(self.allowed)),)

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        """左右 says the level, not the band: a declared ``tolerance`` is the plan's own band
        (the phrase's note asks for one), so only the value must be the text's."""
        value = getattr(read, "value", None)
        same = read.kind == "around" and value is not None and abs(value - self.value) < 1e-9
        return same, ""

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        """100 within the band, else 0."""
        xp = facts.xp
        return xp.where(xp.isnan(judged.met), math.nan, judged.met * 100.0)


def _around(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    raw = match.group("num") or match.group("num2")
    said = match.group("unit") or match.group("unit2") or ""
    fitted = fit_unit(to_number(raw), "", said, unit, text)
    if isinstance(fitted, str):
        return not_understood(text, fitted)
    note = Around.said("read_as", text=text, value=fmt(fitted[0]))
    target = Around(kind="around", value=fitted[0])
    return ParsedTarget(text, target, "around", unit=fitted[1], notes=(note,))


def _around_band(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    """5.5%左右（上下浮动0.5个百分点）: the level and its band, both the text's."""
    said = match.group("unit") or ""
    fitted = fit_unit(to_number(match.group("num")), "", said, unit, text)
    if isinstance(fitted, str):
        return not_understood(text, fitted)
    band = to_number(match.group("band"))
    target = Around(kind="around", value=fitted[0], tolerance=band)
    return ParsedTarget(text, target, "around_band", unit=fitted[1])


Around.phrases = (
    form(
        "around_band",
        "3%左右（上下浮动0.2个百分点）",
        "%",
        "within 0.2 of 3, both included (the band the text gives: 上下浮动…个百分点 on a rate in %)",
        rf"^(?:保持在|达到|增长|实现)?(?:约|大约)?(?P<num>{NUM})(?P<unit>%)(?:左右)?"
        rf"\(上下(?:浮动|波动)(?P<band>{NUM})个百分点(?:以内)?\)$",
        _around_band,
    ),
    form(
        "around",
        "5.5%左右",
        "%",
        "within 10% of 5.5 (左右, 约, 大约; set `tolerance` for another band)",
        rf"^(?:保持在|达到|增长|实现)?(?:约|大约)?(?P<num>{NUM})(?P<unit>%|‰)?(?:左右|上下)$"
        rf"|^(?:保持在|达到|增长|实现)?(?:约|大约)(?P<num2>{NUM})(?P<unit2>%|‰)?$",
        _around,
    ),
)
