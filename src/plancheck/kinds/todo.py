"""todo — a target the importer could not read: kept with the cell's text, never judged.

In the plan: ``{kind: todo, text: "＞7、力争投入强度高于“十三五”时期实际"}``. Every figure is
`unknown` ("the plan's target '…' is not machine-readable yet"), so nothing passes without a
numeric basis; `plan validate` notes each one. Replace it with a real target.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar, Literal

from plancheck.kinds.base import Facts, Judged, Kind, Row, Timing, model, unknown
from plancheck.messages import Reason, fragment

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.kinds.phrasing import ParsedTarget
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class Todo(Kind):
    """A placeholder for a target not yet written: always unknown."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "尚未写出的目标的占位：总是无法判断。",
    }

    kind: Literal["todo"]
    text: str = ""

    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "todo": (
            "the plan's target '{text}' is not machine-readable yet: nothing is judged",
            "规划目标“{text}”尚无可判断的机器目标：不作判断",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe": ("todo: {text}", "待定：{text}"),
        "placeholder": (
            "(a todo placeholder: replace it with the target the text says)",
            "（todo 占位：请换成目标文字所说的目标）",
        ),
    }

    def describe(self) -> str:
        return self.said("describe", text=self.text)

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        return "annual"

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        """Not an error for `plan validate`: a note that the text says more than the plan does."""
        return False, self.said("placeholder")

    def judge(self, facts: Facts) -> Judged:
        return unknown(facts.xp, facts.size)

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        return (fragment("todo", text=self.text or indicator.target_text),)

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        return facts.xp.full(facts.size, math.nan)
