"""Small pieces every format shares: the verdict sentence, target and value cells, ordering."""

from __future__ import annotations

import re

from plancheck.evaluate.index import IndexScore
from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import TREND_WORDS, number, numbers_apart
from plancheck.plan.models import Indicator
from plancheck.report.labels import counted, label

_BARE_NUMBER = re.compile(r"[\d.]+")
# "Needs attention" lists the worst first.
SEVERITY = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.MISSING: 2, Status.BEHIND: 3, Status.PASS: 4}


def verdict(evaluation: Evaluation, lang: str) -> str:
    """``NOT COMPLIANT: 1 binding indicators not met`` or ``COMPLIANT: every binding …``."""
    blocking = sum(1 for r in evaluation.results if evaluation.blocking(r))
    tasks = evaluation.tasks
    if blocking:
        key = "strict_blocking" if evaluation.strict else "binding_blocking"
        text = f"{label('not_compliant', lang)}: {counted(blocking, key, lang)}"
        if tasks is not None and not tasks.compliant:  # both parts fail: say both
            from plancheck.report.taskcheck import tasks_blocking

            text += ("；" if lang == "zh" else "; ") + tasks_blocking(tasks, lang)
        return text
    if tasks is not None and not tasks.compliant:
        from plancheck.report.taskcheck import task_verdict  # evaluate --tasks

        return task_verdict(tasks, lang)
    key = "all_met_strict" if evaluation.strict else "all_binding_met"
    return f"{label('compliant', lang)}: {label(key, lang)}"


def summary_heading(evaluation: Evaluation, lang: str) -> str:
    """``Summary``, with the years it counts when there are several: the counts are of every
    judged year, the verdict and the binding/expected lines of the latest."""
    years = evaluation.years
    span = f" {years[0]}–{years[-1]}" if len(years) > 1 else ""
    return f"{label('summary', lang)}{span}"


def target_cell(indicator: Indicator) -> str:
    """The plan's own words for the target, with the unit when the words are a bare number."""
    text, unit = indicator.target_text, indicator.unit
    if not unit or not any(ch.isdigit() for ch in text) or text.endswith(unit):
        return text
    if _BARE_NUMBER.fullmatch(text):
        return f"{text}%" if unit == "%" else f"{text} {unit}"
    return f"{text} ({unit})"


def value_cell(result: Result) -> str:
    """The figure beside its target: with as many decimals as tell it from the goal it was
    judged against (99.99999% next to a target of 100%, not 100%)."""
    if result.value is None:
        return "—"
    shown = number(result.value)
    if result.goal is not None:
        shown = numbers_apart(result.value, result.goal)[0]
    unit = result.indicator.unit
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}" if unit else shown


def attention(evaluation: Evaluation) -> list[Result]:
    """Results that are not a pass in the latest year, worst and binding first."""
    units = {unit: n for n, unit in enumerate(evaluation.units)}
    return sorted(
        (
            r
            for r in evaluation.results
            if r.year == evaluation.latest_year and r.status != Status.PASS
        ),
        key=lambda r: (
            SEVERITY[r.status],
            not r.indicator.binding,
            units[r.unit],
            _order(r.indicator),
        ),
    )


def _order(indicator: Indicator) -> tuple[int, str]:
    return (int(indicator.id), "") if indicator.id.isdecimal() else (10**9, indicator.id)


def timing_cell(indicator: Indicator, target_year: int, lang: str) -> str:
    if indicator.timing == "annual":
        return label("annual", lang)
    return label("by_target_year", lang, year=target_year)


def latest_index(evaluation: Evaluation) -> list[IndexScore]:
    """The index of the latest year, best first (the ranking; units with no score last)."""
    return sorted(
        (i for i in evaluation.index if i.year == evaluation.latest_year),
        key=lambda i: (i.rank is None, i.rank or 0, i.unit),
    )


def matrix(evaluation: Evaluation) -> list[tuple[str, list[Result]]]:
    """Per unit, its latest-year results in the plan's order (the units × indicators matrix)."""
    latest = evaluation.latest_year
    return [
        (unit, [r for r in evaluation.results if r.unit == unit and r.year == latest])
        for unit in evaluation.units
    ]


TREND_ORDER = ("going_backwards", "seriously_lagging", "lagging", "on_track", "achieved")


def progress_rows(evaluation: Evaluation) -> list[Result]:
    """Latest-year results that have a trend, the most worrying first."""
    rows = [r for r in evaluation.results if r.year == evaluation.latest_year and r.trend]
    return sorted(
        rows,
        key=lambda r: (TREND_ORDER.index(r.trend.verdict) if r.trend else 0, r.unit,
                       _order(r.indicator)),
    )  # fmt: skip


def arrow(result: Result) -> str:
    """Which way the series moves, judged by the direction the indicator is good."""
    if result.trend is None or result.trend.slope == 0:
        return "→"
    rising = result.trend.slope > 0
    return "↗" if rising else "↘"


def series_cell(result: Result) -> str:
    if result.trend is None:
        return ""
    return " → ".join(f"{number(v)}" for _, v in result.trend.series)


def progress_table(evaluation: Evaluation, lang: str) -> tuple[list[str], list[list[str]]]:
    """The progress table (header, rows) every format prints: series, arrow, projection, trend."""
    target_year = evaluation.plan.info.target_year
    header = [
        label("unit", lang),
        label("indicator", lang),
        label("series", lang),
        "",
        label("projection", lang, year=target_year),
        label("target", lang),
        label("trend", lang),
    ]
    rows = []
    for r in progress_rows(evaluation):
        words = TREND_WORDS[r.trend.verdict] if r.trend else None
        rows.append(
            [
                r.unit,
                f"{r.indicator.id} {r.indicator.name}",
                series_cell(r),
                arrow(r),
                number(r.trend.projection) if r.trend else "",
                target_cell(r.indicator),
                (words.zh if lang == "zh" else words.en) if words else "",
            ]
        )
    return header, rows


def index_table(evaluation: Evaluation, lang: str) -> tuple[list[str], list[list[str]]]:
    """The latest year's index ranking (header, rows): rank, unit, index, categories, coverage."""
    categories = evaluation.plan.categories
    header = [
        label("rank", lang),
        label("unit", lang),
        label("score", lang),
        *(c.name for c in categories),
        label("coverage", lang),
    ]
    rows = []
    for score in latest_index(evaluation):
        by_category = dict(score.categories)
        rows.append(
            [
                str(score.rank) if score.rank is not None else "—",
                score.unit,
                f"{score.score:.1f}" if score.score is not None else "—",
                *(
                    f"{by_category[c.name]:.1f}" if c.name in by_category else "—"
                    for c in categories
                ),
                f"{score.scored}/{score.total}",
            ]
        )
    return header, rows
