"""The tasks section of an evaluation, flattened for the junit, github and html formats.

``Evaluation.tasks`` (the milestone checks, when a progress report was given) is read duck-typed
and only when present, so these formats work with or without it: ``task_rows`` is None without a
tasks section. One row per finding: a milestone, one year of an annual duty, or the task itself.
"""

from __future__ import annotations

import importlib
from collections import Counter
from typing import Any

from plancheck.record import record

# Finding statuses (plancheck.tasks.models.FindingStatus values) and how the formats treat them;
# the others (open, dropped: not due yet, or no longer judged) are waiting.
OK = frozenset({"done"})
BAD = frozenset({"overdue", "inconsistent", "unreported"})


@record
class TaskRow:
    task: str  # the task id
    title: str  # the task's title in the report's language
    document: str  # "plan" or "annex"
    section: str
    subject: str  # "19.1", "34.1 (2022)" or the task id
    text: str  # the milestone's words, or the task's title
    status: str  # a finding status: done, open, overdue, unreported, inconsistent, dropped
    blocking: bool
    reason: str
    file: str | None
    line: int | None


def status_counts(rows: list[TaskRow]) -> list[tuple[str, int]]:
    """How many rows have each finding status, the statuses that occur, worst first: in the
    order of ``FindingStatus`` (``TaskState``'s, which every format's task counts follow)."""
    statuses = importlib.import_module("plancheck.tasks.models").FindingStatus
    counts = Counter(row.status for row in rows)
    return [(s.value, counts[s.value]) for s in statuses if counts[s.value]]


def _subject(finding: Any, lang: str) -> str:
    """``19.1``, ``34.1 (2022)``, ``34.1（2022年）`` or the task id."""
    if lang != "zh" or finding.milestone is None or finding.year is None:
        return str(finding.subject)
    return f"{finding.milestone.id}（{finding.year}年）"


def task_rows(evaluation: object, lang: str) -> list[TaskRow] | None:
    check: Any = getattr(evaluation, "tasks", None)
    if check is None:
        return None
    render = importlib.import_module("plancheck.tasks.reasons").render
    rows = []
    for result in check.results:
        task = result.task
        title = (task.title_en or task.title) if lang == "en" else task.title
        for finding in result.findings:
            milestone = finding.milestone
            if milestone is None:
                text = title
            else:
                text = (milestone.text_en or milestone.text) if lang == "en" else milestone.text
            rows.append(
                TaskRow(
                    task=task.id,
                    title=title,
                    document=task.document,
                    section=task.section,
                    subject=_subject(finding, lang),
                    text=text,
                    status=str(finding.status.value),
                    blocking=bool(check.blocking(finding)),
                    reason=render(finding.reason, lang),
                    file=finding.file,
                    line=finding.line,
                )
            )
    return rows
