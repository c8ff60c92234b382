"""JSON: the stable contract for scripts and CI (documented in the README)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from plancheck.evaluate.models import Evaluation, Result
from plancheck.messages import render
from plancheck.plan.models import Indicator, Plan, Task
from plancheck.report import Options
from plancheck.report.check import render_check_json as render_check  # noqa: F401 (the registry)
from plancheck.report.escape import json_safe

if TYPE_CHECKING:  # for annotations only: importing them costs every run's start-up
    from plancheck.evaluate.diff import Diff
    from plancheck.tasks.models import TaskCheck, TaskResult

COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def dumps(data: Any) -> str:
    """Indented JSON in which every item of a list of objects is one compact line.

    Readable and diff-friendly (one result per line), and written by the C encoder, which
    ``indent=`` would switch off: fast at a million results.
    The text of names and notes is kept exactly; control characters are JSON escapes.
    """
    return json_safe("".join(_encode(data, "")) + "\n")


def _encode(value: Any, indent: str) -> list[str]:
    inner = indent + "  "
    if isinstance(value, dict) and value:
        parts = ["{\n"]
        for n, (key, item) in enumerate(value.items()):
            parts += [inner, COMPACT.encode(key), ": ", *_encode(item, inner)]
            parts.append(",\n" if n < len(value) - 1 else "\n")
        return [*parts, indent, "}"]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        lines = ",\n".join(inner + COMPACT.encode(v) for v in value)
        return ["[\n", lines, "\n", indent, "]"]
    return [COMPACT.encode(value)]


def figure(x: float | None) -> float | int | None:
    """Whole numbers as integers (95, not 95.0); the same text for the same input, always."""
    if x is None:
        return None
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def dump(item: object) -> dict[str, Any]:
    """A plan model (an indicator, a task) as JSON data, without its empty fields."""
    from plancheck.plan.models import validator

    data: dict[str, Any] = validator(type(item)).dump_python(item, mode="json", exclude_none=True)
    return data


def plan_data(plan: Plan) -> dict[str, Any]:
    """Which plan judged the figures: the head of every JSON report."""
    return {
        "id": plan.info.id,
        "title": plan.info.title,
        "title_en": plan.info.title_en,
        "source": plan.source,
    }


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    plan = evaluation.plan
    multi_unit = len(evaluation.units) > 1
    data: dict[str, Any] = {
        "plan": plan_data(plan),
        "year": evaluation.latest_year,
        "years": list(evaluation.years),
        "files": list(evaluation.files),
        "strict": evaluation.strict,
        "compliant": evaluation.compliant,
        "summary": evaluation.summary(),
        "results": [_result(r, options, multi_unit) for r in evaluation.results],
    }
    data["index"] = [
        {
            "unit": score.unit,
            "year": score.year,
            "score": round(score.score, 2) if score.score is not None else None,
            "rank": score.rank,
            "categories": {name: round(value, 2) for name, value in score.categories},
            "scored": score.scored,
            "total": score.total,
        }
        for score in evaluation.index
    ]
    if multi_unit:
        data["units"] = {
            unit: {
                "compliant": unit not in evaluation.failing_units,
                "summary": evaluation.summary(unit=unit),
            }
            for unit in evaluation.units
        }
        data["failing_units"] = list(evaluation.failing_units)
    _add_tasks(data, evaluation, options)
    return dumps(data)


def result_fields(indicator: Indicator) -> dict[str, Any]:
    """What every result says of its indicator (shared with the columnar path's writer)."""
    return {
        "id": indicator.id,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "category": indicator.category,
        "binding": indicator.binding,
        "timing": indicator.timing,
        "measure": indicator.unit,
        "target_text": indicator.target_text,
    }


def _result(result: Result, options: Options, multi_unit: bool) -> dict[str, Any]:
    indicator = result.indicator
    item: dict[str, Any] = {"unit": result.unit} if multi_unit else {}
    item.update(
        {
            "year": result.year,
            **result_fields(indicator),
            "status": result.status.value,
            "value": figure(result.value),
            "reason": render(result.reason, options.lang),
            "reference": figure(result.reference),
            "rank": result.rank,
            "schedule": result.schedule,
            "progress": _trend(result),
            "midterm": result.midterm,
            "note": result.note or None,
            "file": result.file,
            "line": result.line,
        }
    )
    return item


def _trend(result: Result) -> dict[str, Any] | None:
    trend = result.trend
    if trend is None:
        return None
    return {
        "verdict": trend.verdict,
        "series": {str(year): figure(value) for year, value in trend.series},
        "slope": round(trend.slope, 6),
        "projection": round(trend.projection, 6),
        "ratio": None if trend.ratio is None else round(trend.ratio, 6),
    }


def indicator_data(indicator: Indicator) -> dict[str, Any]:
    data = dump(indicator)
    data["unit"] = indicator.unit
    data["better"] = indicator.direction
    return data


def render_indicators(plan: Plan, options: Options) -> str:
    return dumps([indicator_data(i) for i in plan.indicators])


def task_data(task: Task) -> dict[str, Any]:
    return dump(task)


def render_tasks(plan: Plan, options: Options) -> str:
    return dumps([task_data(t) for t in plan.tasks])


# --- task checks (plancheck tasks check; evaluate --tasks) ------------------------------------


def taskcheck_data(check: TaskCheck, options: Options) -> dict[str, Any]:
    """The task checks as data: counts, then every task of the plan in the plan's order."""
    return {
        "as_of": check.as_of.isoformat(),
        "as_of_source": check.as_of_source,
        "files": list(check.files),
        "strict": check.strict,
        "compliant": check.compliant,
        "summary": check.summary(),
        "milestones": check.milestone_summary(),
        "tasks": [_task_result(r, check, options) for r in check.results],
    }


def _task_result(result: TaskResult, check: TaskCheck, options: Options) -> dict[str, Any]:
    from plancheck.tasks.reasons import render as render_reason

    task, report = result.task, result.report
    return {
        "id": task.id,
        "document": task.document,
        "section": task.section,
        "title": task.title,
        "title_en": task.title_en,
        "indicators": list(task.indicators),
        "state": result.state.value,
        "reason": render_reason(result.reason, options.lang),
        "status": report.status.value if report else None,
        "lead": report.lead or None if report else None,
        "partners": list(report.partners) if report else [],
        "evidence": list(report.evidence) if report else [],
        "note": report.note or None if report else None,
        "file": report.file if report else None,
        "line": report.line if report else None,
        "milestones": [
            {
                "id": m.id,
                "state": None if m.done is None else ("done" if m.done else "not_done"),
                "value": figure(m.value),
                "years": list(m.years),
                "date": m.date.isoformat() if m.date else None,
                "note": m.note or None,
                "line": m.line,
            }
            for m in (report.milestones if report else ())
        ],
        "findings": [
            {
                "check": f.check,
                "status": f.status.value,
                "milestone": f.milestone.id if f.milestone else None,
                "year": f.year,
                "due": f.due.isoformat() if f.due else None,
                "late": f.late,
                "binding": f.binding,
                "blocking": check.blocking(f),
                "value": figure(f.value),
                "reason": render_reason(f.reason, options.lang),
                "file": f.file,
                "line": f.line,
            }
            for f in result.findings
        ],
    }


def _linked_tasks(check: TaskCheck, indicator_id: str) -> list[dict[str, Any]]:
    return [
        {
            "id": r.task.id,
            "title": r.task.title,
            "state": r.state.value,
            "lead": r.report.lead or None if r.report else None,
        }
        for r in check.linked(indicator_id)
    ]


def _add_tasks(data: dict[str, Any], evaluation: Evaluation, options: Options) -> None:
    """``evaluate --tasks``: the task section, and each result's linked tasks with their state."""
    check = evaluation.tasks
    if check is None:
        return
    for item, result in zip(data["results"], evaluation.results, strict=True):
        item["tasks"] = _linked_tasks(check, result.indicator.id)
    data["tasks"] = taskcheck_data(check, options)


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    plan = check.plan
    data: dict[str, Any] = {
        "plan": plan_data(plan),
        **taskcheck_data(check, options),
    }
    return dumps(data)


# --- plancheck diff --------------------------------------------------------------------------


def render_diff(diff: Diff, options: Options) -> str:
    """plancheck diff: both sides, the count of each change, and one row per unit and indicator."""

    def side(evaluation: Evaluation) -> dict[str, Any]:
        return {
            "files": list(evaluation.files),
            "year": evaluation.latest_year,
            "compliant": evaluation.compliant,
            "summary": evaluation.summary(year=evaluation.latest_year),
        }

    def state(result: Result) -> dict[str, Any]:
        return {
            "status": result.status.value,
            "value": figure(result.value),
            "reason": render(result.reason, options.lang),
        }

    data = {
        "plan": plan_data(diff.plan),
        "old": side(diff.old),
        "new": side(diff.new),
        "regressed": diff.regressed,
        "summary": diff.summary(),
        "rows": [
            {
                "unit": row.unit,
                "id": row.indicator.id,
                "name": row.indicator.name,
                "name_en": row.indicator.name_en,
                "old": state(row.old),
                "new": state(row.new),
                "delta": figure(row.delta),
                "change": row.change.value,
            }
            for row in diff.rows
        ],
    }
    return dumps(data)
