"""Pieces every format shares for the task checks: verdict, ordering, cells.

The task section of a report is built the same way in every format: the verdict, the counts,
what needs attention (overdue first, each with its lead department), then every task grouped by
the plan's sections, the worst first within a section.
"""

from __future__ import annotations

from plancheck.messages import date_text
from plancheck.plan.models import Milestone, Task
from plancheck.report.labels import (
    TASK_SYMBOL,
    both,
    bracketed,
    colon,
    comma,
    counted,
    enumerated,
    label,
    noted,
    semicolon,
    task_word,
)
from plancheck.tasks.models import Finding, FindingStatus, TaskCheck, TaskResult, TaskState
from plancheck.tasks.reasons import render

ATTENTION = (TaskState.OVERDUE, TaskState.INCONSISTENT, TaskState.UNREPORTED)


def state_text(state: str, lang: str) -> str:
    """``✘ OVERDUE``, ``◐ in progress``: readable without colour."""
    return f"{TASK_SYMBOL[state]} {task_word(state, lang)}"


def task_verdict(check: TaskCheck, lang: str, shared: bool = False) -> str:
    """``COMPLIANT: no binding milestone is overdue; 2 overdue, not binding …`` and the like
    (``shared``: for a shared report, without naming options)."""
    c = label("colon", lang)
    if check.blocking_findings:
        return f"{label('not_compliant', lang)}{c}{tasks_blocking(check, lang, shared)}"
    suffix = "_shared" if shared else ""
    if check.strict:
        return f"{label('compliant', lang)}{c}{label('tasks_all_strict' + suffix, lang)}"
    text = f"{label('compliant', lang)}{c}{label('tasks_all_binding', lang)}"
    overdue = sum(1 for f in check.findings if f.status is FindingStatus.OVERDUE)
    if overdue:
        not_binding = label("tasks_not_binding" + suffix, lang, count=overdue)
        text += ("；" if lang == "zh" else "; ") + not_binding
    return text


def tasks_blocking(check: TaskCheck, lang: str, shared: bool = False) -> str:
    """``5 task findings: overdue, inconsistent or unreported (--strict)`` (``shared``: without
    naming the option)."""
    key = (
        f"tasks_blocking_strict{'_shared' if shared else ''}"
        if check.strict
        else "tasks_blocking_binding"
    )
    return counted(len(check.blocking_findings), key, lang)


def as_of_text(check: TaskCheck, lang: str) -> str:
    """``2023-12-31 (as the file says)``."""
    return noted(date_text(check.as_of, lang), label("as_of_" + check.as_of_source, lang), lang)


def section_title(document: str, section: str, lang: str) -> str:
    return f"{label('document_' + document, lang)} · {section}"


def title(result: TaskResult, lang: str) -> str:
    return task_title(result.task, lang)


def task_title(task: Task, lang: str) -> str:
    """The plan's own title, with the English one beside it in English reports."""
    return task.title if lang == "zh" else both(task.title, task.title_en, "{} ({})")


def lead(result: TaskResult, lang: str) -> str:
    """The lead department (牵头单位), and the partners after it: ``区法院 (partners: 区司法局)``,
    ``区法院（配合单位：区司法局）``."""
    report = result.report
    if report is None or not report.lead:
        text = label("no_lead", lang) if report is not None else "—"
    else:
        text = report.lead
    if report is not None and report.partners:
        partners = f"{label('partners', lang)}{colon(lang)}{enumerated(report.partners, lang)}"
        text = noted(text, partners, lang)
    return text


def who(result: TaskResult, lang: str) -> str:
    """`` — 区法院 (partners: 区司法局)`` after a task's title; nothing when it is unreported."""
    return f" — {lead(result, lang)}" if result.report is not None else ""


def attention_text(result: TaskResult, lang: str, title: str | None = None) -> str:
    """A task that needs attention, after its state: ``19 严格落实… — 区法院 (partners: 区司法局):
    19.1: not done…``, ``19 严格落实… — 区法院（配合单位：区司法局）：19.1：未完成…``; ``title``
    instead of the plan's own (a Word report's has the English one beside it)."""
    said = semicolon(lang).join(finding_text(f, lang) for f in problems(result))
    shown = result.task.title if title is None else title
    return f"{result.task.id} {shown}{who(result, lang)}{colon(lang)}{said}"


def attention(check: TaskCheck) -> list[TaskResult]:
    """Overdue tasks first, then inconsistent, then unreported; the plan's order within each."""
    order = {r.task.id: n for n, r in enumerate(check.results)}
    chosen = [r for r in check.results if r.state in ATTENTION]
    return sorted(chosen, key=lambda r: (ATTENTION.index(r.state), order[r.task.id]))


def finding_text(finding: Finding, lang: str) -> str:
    """``19.1: not done; the deadline 2022-12-31 passed 365 days ago``, ``19.1：未完成，…`` (a
    task's: the reason)."""
    reason = render(finding.reason, lang)
    if finding.milestone is None:
        return reason
    if finding.year is not None:  # the reason starts with the year already
        return f"{finding.milestone.id} {reason}"
    return f"{finding.milestone.id}{colon(lang)}{reason}"


def problems(result: TaskResult) -> list[Finding]:
    """What makes a task need attention, worst first: overdue, inconsistent, unreported."""
    rank = {FindingStatus.OVERDUE: 0, FindingStatus.INCONSISTENT: 1, FindingStatus.UNREPORTED: 2}
    chosen = [f for f in result.findings if f.status in rank]
    if any(f.milestone is None and f.status is FindingStatus.UNREPORTED for f in chosen):
        chosen = [f for f in chosen if f.milestone is None or f.late]  # the task, and what is late
    return sorted(chosen, key=lambda f: rank[f.status])


def state_tag(state: str, lang: str) -> str:
    """What a line of a task's row begins with when it is a finding: its state in words beside
    the symbol, readable in print and by a screen reader — ``[✘ OVERDUE] ``, ``【✘ 逾期】 `` (the
    space after it: a narrow cell wraps there, not inside the brackets)."""
    shown = state_text(state, lang)
    return f"【{shown}】 " if lang == "zh" else f"[{shown}] "


def detail_line(state: str | None, text: str, lang: str) -> str:
    """A line of a task's row (``details``) as text: ``[✘ OVERDUE] 19.1: not done…``,
    ``【✘ 逾期】 19.1：未完成…``; a note or evidence as it is."""
    return text if state is None else state_tag(state, lang) + text


def details(result: TaskResult, lang: str) -> list[tuple[str | None, str]]:
    """The lines of a task's row: each finding (status, text), then its note and evidence."""
    lines: list[tuple[str | None, str]] = [
        (f.status.value, finding_text(f, lang)) for f in result.findings
    ]
    report = result.report
    if report is not None:
        if not result.findings:
            lines.append((None, render(result.reason, lang)))
        if report.note:
            lines.append((None, f"{label('note', lang)}{label('colon', lang)}{report.note}"))
        for item in report.evidence:
            lines.append((None, f"{label('evidence', lang)}{label('colon', lang)}{item}"))
        for entry in report.milestones:
            if entry.note:
                lines.append(
                    (None, f"{entry.id} {label('note', lang)}{label('colon', lang)}{entry.note}")
                )
    return lines


def linked_text(result: TaskResult, lang: str) -> str:
    """A task linked to an indicator, as one line: ``24 健全… [◐ in progress, 区民政局]``,
    ``24 健全…（◐ 推进中，区民政局）``."""
    who = result.report.lead if result.report is not None and result.report.lead else "—"
    state = f"{state_text(result.state.value, lang)}{comma(lang)}{who}"
    shown = bracketed(state, lang) if lang == "zh" else f" [{state}]"
    return f"{result.task.id} {result.task.title}{shown}"


def milestone_text(milestone: Milestone, lang: str) -> str:
    """A milestone in the task list, with when it is due: ``19.1 … (2022-12-31)``,
    ``19.1 …（2022年12月31日）``, ``34.1 …（每年）``."""
    if milestone.recurring:
        due = label("every_year", lang)
    else:
        due = date_text(milestone.due, lang) if milestone.due else ""
    return noted(f"{milestone.id} {milestone.text}", due, lang)


def summary_sentence(check: TaskCheck, lang: str) -> str:
    """The counts of tasks per state and of milestone findings per status as a shared report's
    sentence, the states that occur only: ``任务情况：逾期 2 项，…；节点逾期 2 个，…。``."""

    def counts(summary: dict[str, int], key: str) -> str:
        # the words as prose: the terminal's OVERDUE is "overdue" in a sentence
        return comma(lang).join(
            label(key, lang, n=n, state=task_word(state, lang).lower())
            for state, n in summary.items()
            if n
        )

    text = counts(check.summary(), "tasks_count")
    milestones = counts(check.milestone_summary(), "milestones_count")
    if milestones:
        text += semicolon(lang) + label("milestones_phrase", lang, text=milestones)
    return label("tasks_sentence", lang, text=text)


def summary_text(check: TaskCheck, lang: str) -> tuple[str, str]:
    """The counts of tasks per state and of milestone findings per status, as two lines."""
    tasks = check.summary()
    milestones = check.milestone_summary()
    first = " · ".join(f"{state_text(k, lang)} {v}" for k, v in tasks.items())
    second = " · ".join(f"{state_text(k, lang)} {v}" for k, v in milestones.items())
    return (
        f"{label('tasks_summary', lang)}{label('colon', lang)}{first}",
        f"{label('milestones_summary', lang)}{label('colon', lang)}{second}",
    )
