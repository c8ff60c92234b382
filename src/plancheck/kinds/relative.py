"""relative — a comparison with a named reference value: 低于全市平均值 is ``< city_average``.

In the plan: ``{kind: relative, op: "<", reference: city_average}``; the reference is one of the
plan's ``references``. The figure compared with is the submitted ``reference``, else the
``--reference`` file's, else the mean of the submitted units' figures (two or more units).
Passing: 1.2 with a city average of 1.8 — "1.2 < city average 1.8 (submitted)".
Failing: 1.8 with a city average of 1.8 — "below" is strict: "1.8 is not < city average 1.8".
Unknown: no reference given or computable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from plancheck.i18n import say
from plancheck.kinds.base import (
    COMPUTED,
    SYMBOL,
    Better,
    Facts,
    Judged,
    Kind,
    Row,
    Timing,
    compare,
    level_margin,
    met_where,
    model,
    reference_text,
    source,
)
from plancheck.kinds.phrasing import (
    NEUTRAL_WORDS,
    PREFIX,
    SCOPE,
    SCOPES,
    SUFFIX,
    ParsedTarget,
    comparison,
    form,
    not_understood,
)
from plancheck.messages import Reason, fragment, mean_decimals, numbers_apart

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class Relative(Kind):
    """A comparison with a named reference value, e.g. 低于全市平均值: ``< city_average``."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "与有名称的参照值比较，如低于全市平均值：< city_average。",
        "reference": "规划的 references 中某个参照值的键。",
    }

    kind: Literal["relative"]
    op: Literal[">=", ">", "<=", "<"]
    reference: Annotated[str, Field(description="Key of a reference in the plan's `references`.")]

    columns: ClassVar[tuple[str, ...]] = ("reference",)
    # Kind.closes_gap: its goal is another figure (the city's average, a new one each year), not
    # a level on the way from the baseline — no 时序进度 toward it, as versus.
    closes_gap: ClassVar[bool] = False
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "relative_met": (
            "{value} {op} {reference} {ref_value} ({source})",
            "{value} {op} {reference} {ref_value}（{source}）",
        ),
        "relative_not_met": (
            "{value} is not {op} {reference} {ref_value} ({source})",
            "{value} 未满足 {op} {reference} {ref_value}（{source}）",
        ),
        "needs_reference": (
            "needs the {reference}: add a 'reference' value, pass --reference, or submit all units",
            "需要{reference}：请填写 reference（参照值）、使用 --reference 或报送全部单位",
        ),
    }

    def describe(self) -> str:
        return f"{self.op} {self.reference}"

    def better(self) -> Better:
        return "lower" if self.op in ("<", "<=") else "higher"

    def says_which_way(self) -> Better | None:
        return self.better()

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        return "annual"

    def reference_used(self) -> str | None:
        return self.reference

    def margin(self, facts: Facts, judged: Judged) -> Array:
        return level_margin(facts, judged)

    def judge(self, facts: Facts) -> Judged:
        xp = facts.xp
        reference = facts.reference()
        known = ~xp.isnan(facts.value) & ~xp.isnan(reference.value)
        met = met_where(xp, known, compare(self.op, facts.value, reference.value))
        return Judged(met, reference.value, reference.shown("reference"))

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        name = reference_text(plan, self.reference)
        ref = row.get("reference")
        if ref is None:
            return (fragment("needs_reference", reference=name),)
        if row.get("reference_source") == COMPUTED:
            # A mean of the units is shown at ``mean_decimals`` (2.62, not 2.6187), the same
            # beside every unit's figure of the report; finer only where that tells the two
            # apart (numbers_apart), or where rounding would put the mean on the other side of
            # the figure (never "2.621 < city average 2.62" of a mean of 2.624).
            places = mean_decimals(indicator.decimals)
            rounded = round(ref, places)
            if (rounded > row.value, rounded < row.value) == (ref > row.value, ref < row.value):
                ref = rounded
        value, ref_value = numbers_apart(row.value, ref)
        return (
            fragment(
                "relative_met" if row.met else "relative_not_met",
                value=value,
                op=SYMBOL[self.op],
                reference=name,
                ref_value=ref_value,
                source=source(row, "reference"),
            ),
        )

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        if self.reference not in plan.references:
            yield ("target", "reference"), say("kind.unknown_reference", reference=self.reference)

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        if not isinstance(read, Relative):
            return False, ""
        same = self.reference == read.reference or named(
            plan.references.get(self.reference), parsed.scope
        )
        return read.op == self.op and same, ""


def named(group: object, scope: str | None) -> bool:
    """Is a plan's peer group or reference the one a scope word (全市…) names?"""
    name = getattr(group, "name", None)
    return bool(scope and isinstance(name, str) and name.startswith(scope))


def _relative(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    op, problem = comparison(match)
    if problem:
        return not_understood(text, problem)
    if op is None:
        return not_understood(text, say("phrase.no_comparison"))
    if op == "==":
        return not_understood(text, say("phrase.equal_average"))
    scope = match.group("scope")
    target = Relative(kind="relative", op=op, reference=SCOPES[scope][1])
    return ParsedTarget(text, target, "relative", unit=unit, scope=scope)


Relative.phrases = (
    form(
        "relative",
        "低于全市平均值",
        "%",
        "< city_average (全区平均值 → district_average, 全国平均水平 → national_average; "
        "a comparison word before, or 以上/以下 after)",
        rf"^{NEUTRAL_WORDS}?{PREFIX}?{SCOPE}(?:同期|同类)?平均(?:值|水平|数)?{SUFFIX}?$",
        _relative,
    ),
)
