"""yearly — a target the plan sets year by year: 保持在合理区间、各年度视情提出.

In the plan: ``{kind: yearly, targets_by_year: {2021: ">= 6", 2022: "5.5%左右"}}``. Each year's
goal is a target text (a machine form such as ">= 6", or a phrase the parser reads: 6%以上,
5.5%左右) judged as its own kind; a year without one is `unknown`, never a pass.
Passing: 8.1 in 2021 against ">= 6". Failing: 3.0 in 2022 against "5.5%左右".
Unknown: 2023 when targets_by_year has no 2023.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from plancheck.i18n import say
from plancheck.kinds.base import (
    Draft,
    Facts,
    Judged,
    Kind,
    Pace,
    Progress,
    Row,
    Timing,
    model,
    unknown,
)
from plancheck.kinds.phrasing import ParsedTarget, form
from plancheck.messages import Fragment, Reason, fragment, year_span, year_spans

if TYPE_CHECKING:
    from plancheck.kinds.base import Array
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan


@model
class Yearly(Kind):
    """A goal for each year, given by the plan (各年度视情提出)."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "每年一个目标，由规划给出（各年度视情提出）。",
        "targets_by_year": '年份 → 该年的目标表述，如 {2021: ">= 6"}。',
    }

    kind: Literal["yearly"]
    targets_by_year: Annotated[
        dict[int, str], Field(description='Year → its target text, e.g. {2021: ">= 6"}.')
    ] = field(default_factory=dict)

    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "yearly_goal": ("the {year} goal is {goal}", "{year}年目标为 {goal}"),
        "yearly_none": (
            "the plan sets this target year by year and gives none for {year}: "
            "add it to the indicator's targets_by_year",
            "规划逐年确定该指标目标，未给出 {year}年目标：请在 targets_by_year 中补充",
        ),
        "yearly_outside": (
            "the plan sets this target year by year, within its period {period}: {year} lies "
            "outside it, with no goal to judge against",
            "规划逐年确定该指标目标，仅限规划期{period}年：{year}年不在规划期内，无目标可供判断",
        ),
    }
    texts: ClassVar[dict[str, tuple[str, str]]] = {
        "describe_none": ("yearly (no year's goal yet)", "逐年目标（尚未给出各年目标）"),
        "describe": ("yearly ({goals})", "逐年目标（{goals}）"),
        "each_year": (
            "'{text}': the plan sets the goal of each year; give them in targets_by_year (a year "
            "without one is unknown)",
            "“{text}”：规划逐年确定目标；请在 targets_by_year 中给出（未给出的年度为未知）",
        ),
        "goals": (
            "'{text}': the plan sets each year's goal; give them in `targets_by_year`",
            "“{text}”：规划逐年确定目标；请在 `targets_by_year` 中给出",
        ),
    }

    @cached_property
    def by_year(self) -> dict[int, Kind]:
        """Each year's goal read as a target (problems() has said which cannot be read)."""
        from plancheck.plan.phrases import parse_target

        found = {}
        for year, text in self.targets_by_year.items():
            parsed = parse_target(text)
            if parsed.target is not None and not isinstance(parsed.target, Yearly):
                found[year] = parsed.target
        return found

    def describe(self) -> str:
        if not self.targets_by_year:
            return self.said("describe_none")
        goals = ", ".join(
            f"{year}: {self.targets_by_year[year]}" for year in sorted(self.targets_by_year)
        )
        return self.said("describe", goals=goals)

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        return "annual"

    def drafted(self, draft: Draft) -> Kind:
        """The table cannot give each year's goal: a person must."""
        draft.todo("target", self.said("each_year", text=draft.parsed.text))
        return self

    def margin(self, facts: Facts, judged: Judged) -> Array | None:
        goal = self.by_year.get(facts.year)
        return None if goal is None else goal.margin(facts, judged)

    def judge(self, facts: Facts) -> Judged:
        goal = self.by_year.get(facts.year)
        if goal is None:
            return unknown(facts.xp, facts.size)
        return goal.judge(facts)

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        goal = self.by_year.get(row.year)
        if goal is None:
            start, end = plan.info.period.start, plan.info.period.end
            if not start <= row.year <= end:  # a goal there is refused (problems): none to add
                period = year_spans(start, end)
                return (fragment("yearly_outside", period=period, year=str(row.year)),)
            return (fragment("yearly_none", year=str(row.year)),)
        return self._goal_said(row.year), *goal.reason(row, indicator, plan)

    def progress(self, facts: Facts, judged: Judged) -> Progress | None:
        """The year's goal measures its own 时序进度 (toward a level or a band; none toward a
        rank, a reference or another indicator)."""
        goal = self.by_year.get(facts.year)
        return None if goal is None else goal.progress(facts, judged)

    def behind(
        self, row: Row, pace: Pace, target_year: int, indicator: Indicator, plan: Plan
    ) -> Reason:
        """Not yet met, due by the target year: the year's goal, then why as its own kind says
        it ("the 2021 goal is 6%以上; 5.5 has not yet reached ≥ 6, due by 2025; …")."""
        goal = self.by_year.get(row.year)
        if goal is None:  # no goal: unknown, never behind
            return super().behind(row, pace, target_year, indicator, plan)
        return (self._goal_said(row.year),
                *goal.behind(row, pace, target_year, indicator, plan))  # fmt: skip

    def _goal_said(self, year: int) -> Fragment:
        # The plan's text of the year's goal, its operator as every reason writes it (≥, not >=).
        text = self.targets_by_year[year].replace(">=", "≥").replace("<=", "≤")
        return fragment("yearly_goal", year=str(year), goal=text)

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        goal = self.by_year.get(facts.year)
        if goal is None:
            return facts.xp.full(facts.size, math.nan)
        return goal.score(facts, judged, floor)

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        from plancheck.plan.phrases import parse_target

        start, end = plan.plan.period.start, plan.plan.period.end
        for year, text in self.targets_by_year.items():
            where = ("target", "targets_by_year", str(year))
            if not start <= year <= end:
                yield where, say("kind.year_outside", year=year, period=year_span(start, end))
            parsed = parse_target(text, indicator.unit)
            if parsed.target is None:
                yield where, say("kind.goal_not_understood", year=year, text=text,
                                 reason=parsed.reason)  # fmt: skip
            elif isinstance(parsed.target, Yearly):
                yield where, say("kind.goal_no_level", year=year, text=text)
            else:  # the year's goal as its own kind sees it: a reference, peers, another indicator
                for _, message in parsed.target.problems(indicator, plan):
                    yield where, say("kind.goal_problem", year=year, text=text, problem=message)

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        return isinstance(read, Yearly), ""


def _yearly(match: object, text: str, unit: str | None) -> ParsedTarget:
    note = Yearly.said("goals", text=text)
    return ParsedTarget(text, Yearly(kind="yearly"), "yearly", unit=unit, notes=(note,))


Yearly.phrases = (
    form(
        "yearly",
        "保持在合理区间、各年度视情提出",
        "%",
        "each year's own goal from `targets_by_year`; a year without one is unknown",
        r"^.*(?:各年度视情提出|年度视情提出|每年视情|逐年确定|年度目标另行).*$",
        _yearly,
    ),
)
