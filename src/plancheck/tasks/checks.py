"""The task checks: each a small declared unit with a stable id, run on every task of the plan.

Milestone checks (one applies to each milestone, by its kind):

    deadline   a dated milestone: done, open (not yet due) or overdue
    target     a quantitative milestone: its value judged like an indicator target
    annual     a yearly duty (每年): done, open or overdue for each year of the period up to as_of

Task checks (after the milestones):

    unreported      the progress report says nothing about the task
    dropped         the task was dropped: reported with its reason; its milestones are not judged
    inconsistent    the task is reported done but a milestone is not

Deadlines are inclusive: a milestone due ON as_of is not yet overdue; one due the day before is.
A year's annual duty is due on 31 December of that year. Every finding has a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from plancheck.i18n import fill
from plancheck.messages import Reason, Text, dates, fragment
from plancheck.plan.models import Indicator, Milestone, Plan, Task
from plancheck.record import record
from plancheck.tasks.models import (
    Finding,
    FindingStatus,
    MilestoneKind,
    MilestoneReport,
    Progress,
    TaskCheck,
    TaskReport,
    TaskResult,
    TaskStatus,
    kind_of,
)


@record
class Context:
    plan: Plan
    as_of: dt.date


MilestoneRun = Callable[[Context, Task, Milestone, TaskReport | None], Iterator[Finding]]
TaskRun = Callable[[Context, Task, TaskReport | None, tuple[Finding, ...]], Iterator[Finding]]


@record
class MilestoneCheck:
    id: str
    kind: MilestoneKind  # the kind of milestone it applies to
    run: MilestoneRun


@record
class TaskLevelCheck:
    id: str
    run: TaskRun


MILESTONE_CHECKS: dict[MilestoneKind, MilestoneCheck] = {}
TASK_CHECKS: list[TaskLevelCheck] = []


def milestone_check(check_id: str, kind: MilestoneKind) -> Callable[[MilestoneRun], MilestoneRun]:
    def register(run: MilestoneRun) -> MilestoneRun:
        MILESTONE_CHECKS[kind] = MilestoneCheck(check_id, kind, run)
        return run

    return register


def task_check(check_id: str) -> Callable[[TaskRun], TaskRun]:
    def register(run: TaskRun) -> TaskRun:
        TASK_CHECKS.append(TaskLevelCheck(check_id, run))
        return run

    return register


def check_ids() -> list[str]:
    """Every check's stable id, in the order they run."""
    return [c.id for c in MILESTONE_CHECKS.values()] + [c.id for c in TASK_CHECKS]


# --- running them -----------------------------------------------------------------------------


def check_progress(plan: Plan, progress: Progress, *, strict: bool = False) -> TaskCheck:
    """Check every task of the plan against the progress report, as of its as_of date."""
    context = Context(plan, progress.as_of)
    results = []
    for task in plan.tasks:
        report = progress.report(task.id)
        findings: list[Finding] = []
        if report is None or report.status is not TaskStatus.DROPPED:
            for milestone in task.milestones:
                check = MILESTONE_CHECKS[kind_of(milestone)]
                findings.extend(check.run(context, task, milestone, report))
        for task_level in TASK_CHECKS:
            findings.extend(task_level.run(context, task, report, tuple(findings)))
        results.append(TaskResult(task, report, tuple(findings)))
    return TaskCheck(
        plan=plan,
        as_of=progress.as_of,
        as_of_source=progress.as_of_source,
        files=progress.files,
        results=tuple(results),
        strict=strict,
    )


def check_file(
    plan: Plan,
    path: Path,
    *,
    as_of: str | None = None,
    year: int | None = None,
    strict: bool = False,
) -> TaskCheck:
    """Read a progress file and check it: what ``tasks check`` and ``evaluate --tasks`` run."""
    from plancheck.tasks.read import read_progress

    if not plan.tasks:
        _refuse_without_tasks(plan)
    return check_progress(plan, read_progress(path, plan, as_of=as_of, year=year), strict=strict)


def _refuse_without_tasks(plan: Plan) -> None:
    """A plan without tasks has nothing a progress report could be checked against: said of its
    folder (no tasks.yaml there) or of its tasks.yaml (that lists none), not as unknown tasks."""
    from plancheck.errors import UserError
    from plancheck.i18n import say
    from plancheck.plan.load import INDICATORS_FILE, TASKS_FILE

    listed = [f for f in plan.files if f.name == TASKS_FILE]
    if listed:
        raise UserError(say("tasks.plan_lists_none", tasks=TASKS_FILE), listed[0])
    folder = plan.files[0].parent if plan.files else Path(plan.source)
    raise UserError(
        say("tasks.plan_has_no_tasks", tasks=TASKS_FILE, indicators=INDICATORS_FILE), folder
    )


# --- milestone checks -------------------------------------------------------------------------


def _finding(
    check_id: str,
    status: FindingStatus,
    reason: Reason,
    ctx: Context,
    task: Task,
    source: TaskReport | MilestoneReport | None,
    *,
    milestone: Milestone | None = None,
    year: int | None = None,
    due: dt.date | None = None,
    value: float | None = None,
) -> Finding:
    return Finding(
        check=check_id,
        status=status,
        task=task,
        reason=reason,
        milestone=milestone,
        year=year,
        due=due,
        late=_late(due, ctx.as_of),
        value=value,
        file=source.file if source else None,
        line=source.line if source else None,
    )


def _late(due: dt.date | None, as_of: dt.date) -> bool:
    """Past its deadline: due strictly before as_of (due ON as_of is still in time)."""
    return due is not None and due < as_of


def _days(due: dt.date, as_of: dt.date) -> Text:
    days = (as_of - due).days
    return Text(fill("en", "{days} days", {"days": days}), f"{days} 天")


def _not_done(
    due: dt.date | None, as_of: dt.date, prefix: Reason = ()
) -> tuple[FindingStatus, Reason]:
    """Not done: overdue when the deadline has passed, else open."""
    if due is None:
        return FindingStatus.OPEN, (*prefix, fragment("open_no_due"))
    if _late(due, as_of):
        overdue = fragment("overdue", due=dates(due), days=_days(due, as_of))
        return FindingStatus.OVERDUE, (*prefix, overdue)
    return FindingStatus.OPEN, (*prefix, fragment("open", due=dates(due)))


def _unreported(due: dt.date | None, as_of: dt.date) -> Reason:
    if due is None:
        return (fragment("unreported"),)
    if _late(due, as_of):
        return (fragment("unreported_late", due=dates(due), days=_days(due, as_of)),)
    return (fragment("unreported_due", due=dates(due)),)


def _done(entry: MilestoneReport, due: dt.date | None) -> Reason:
    """Done — on a date, and after the deadline when it was late."""
    if entry.date is not None and due is not None and entry.date > due:
        return (fragment("done_late", date=dates(entry.date), due=dates(due)),)
    if entry.date is not None:
        return (fragment("done_on", date=dates(entry.date)),)
    return (fragment("done"),)


@milestone_check("deadline", MilestoneKind.DATED)
def deadline(
    ctx: Context, task: Task, milestone: Milestone, report: TaskReport | None
) -> Iterator[Finding]:
    """A dated milestone is done by its deadline (inclusive).

    Pass: 19.1 (due 2022-12-31) reported ``state: done`` → done ("done on 2022-11-30").
    Open: as_of 2022-12-31, not done → open ("not done yet; due 2022-12-31"): due ON as_of is
    not yet overdue.
    Fail: as_of 2023-01-01, not done or not reported → overdue ("not done; the deadline
    2022-12-31 passed 1 day ago").
    A task reported ``done`` as a whole (``"25": done``) has its unreported deadlines done with
    it; one it reports ``not_done`` makes it inconsistent.
    """
    due = milestone.due
    if report is None:
        yield _finding("deadline", FindingStatus.UNREPORTED, _unreported(due, ctx.as_of), ctx,
                       task, None, milestone=milestone, due=due)  # fmt: skip
        return
    entry = report.milestone(milestone.id)
    source = entry or report
    if entry is None and report.status is TaskStatus.DONE:
        with_task: Reason = (fragment("done_with_task"),)
        yield _finding("deadline", FindingStatus.DONE, with_task, ctx, task, source,
                       milestone=milestone, due=due)  # fmt: skip
        return
    if entry is not None and entry.done:
        reason = _done(entry, due)
        yield _finding(
            "deadline", FindingStatus.DONE, reason, ctx, task, source, milestone=milestone, due=due
        )
        return
    prefix = (fragment("not_reported"),) if entry is None or entry.done is None else ()
    status, reason = _not_done(due, ctx.as_of, prefix)
    yield _finding("deadline", status, reason, ctx, task, source, milestone=milestone, due=due)


@milestone_check("target", MilestoneKind.QUANTITATIVE)
def target(
    ctx: Context, task: Task, milestone: Milestone, report: TaskReport | None
) -> Iterator[Finding]:
    """A quantitative milestone is judged like an indicator target (evaluate.engine.judge_alone).

    Pass: 10.1 (≥ 90 %, due 2025-12-31) reported 92 → done ("92 meets the target ≥ 90"); with no
    figure, ``state: done`` → done ("done; no figure reported"). The figure decides when both
    are given.
    Open: 86 before the deadline → open ("86 misses the target ≥ 90; not done yet; due
    2025-12-31").
    Fail: 86, or no figure, after the deadline → overdue.
    """
    due = milestone.due
    if report is None:
        yield _finding("target", FindingStatus.UNREPORTED, _unreported(due, ctx.as_of), ctx,
                       task, None, milestone=milestone, due=due)  # fmt: skip
        return
    entry = report.milestone(milestone.id)
    source = entry or report
    value = entry.value if entry is not None else None
    if value is None and entry is not None and entry.done:  # reported done, without a figure
        reason = (*_done(entry, due), fragment("no_figure"))
        yield _finding(
            "target", FindingStatus.DONE, reason, ctx, task, source, milestone=milestone, due=due
        )
        return
    if value is None:
        prefix = (fragment("no_figure"),)
        status, reason = _not_done(due, ctx.as_of, prefix)
        yield _finding("target", status, reason, ctx, task, source, milestone=milestone, due=due)
        return
    met, judged = _judge(ctx.plan, milestone, value, ctx.as_of.year)
    if entry is not None and entry.done is not None and met is not None and entry.done != met:
        said = Text("done", "已完成") if entry.done else Text("not done", "未完成")
        judged = (*judged, fragment("figure_decides", state=said))
    if met:
        status, reason = FindingStatus.DONE, judged
    elif met is None:  # the target needs what a progress report cannot give (a reference…)
        status, reason = FindingStatus.OPEN, judged
    else:
        status, reason = _not_done(due, ctx.as_of, judged)
    yield _finding(
        "target", status, reason, ctx, task, source, value=value, milestone=milestone, due=due
    )


def _judge(plan: Plan, milestone: Milestone, value: float, year: int) -> tuple[bool | None, Reason]:
    """The milestone's target judged by the indicator judges, as if it were an indicator."""
    assert milestone.target is not None
    as_indicator = Indicator(
        id=milestone.id,
        category="",
        name=milestone.text,
        name_en=milestone.text_en or milestone.text,
        binding=milestone.binding,
        unit=milestone.unit,
        target_text=milestone.text,
        target=milestone.target,
        timing="by_target_year",
    )
    from plancheck.evaluate.engine import judge_alone

    try:
        return judge_alone(plan, as_indicator, value, year)
    except KeyError:  # a reference or peer group the plan does not define
        return None, (fragment("cannot_judge", kind=milestone.target.kind),)


@milestone_check("annual", MilestoneKind.ANNUAL)
def annual(
    ctx: Context, task: Task, milestone: Milestone, report: TaskReport | None
) -> Iterator[Finding]:
    """A yearly duty (每年) is done once in every year of the plan period, up to as_of.

    Each year's duty is due on 31 December of that year; years after as_of are not checked.
    Pass: 34.1 with ``years: [2021, 2022, 2023]``, as_of 2023-12-31 → done for each year.
    Open: 2023 not among the years, as_of 2023-12-31 → open for 2023 (due ON as_of).
    Fail: 2022 not among them → overdue for 2022 ("2022: not done; the deadline 2022-12-31
    passed 365 days ago").
    """
    period = ctx.plan.info.period
    entry = report.milestone(milestone.id) if report is not None else None
    source = entry or report
    for year in range(period.start, min(period.end, ctx.as_of.year) + 1):
        due = dt.date(year, 12, 31)
        reason: Reason
        if report is None:
            reason = (fragment("year_unreported", year=str(year), due=dates(due)),)
            status = FindingStatus.UNREPORTED
        elif entry is not None and year in entry.years:
            status, reason = FindingStatus.DONE, (fragment("year_done", year=str(year)),)
        elif _late(due, ctx.as_of):
            status = FindingStatus.OVERDUE
            reason = (
                fragment("year_overdue", year=str(year), due=dates(due),
                         days=_days(due, ctx.as_of)),
            )  # fmt: skip
        else:
            status = FindingStatus.OPEN
            reason = (fragment("year_open", year=str(year), due=dates(due)),)
        if entry is None and report is not None:
            reason = (fragment("not_reported"), *reason)
        yield _finding(
            "annual", status, reason, ctx, task, source, milestone=milestone, due=due, year=year
        )


# --- task checks ------------------------------------------------------------------------------


@task_check("unreported")
def unreported(
    ctx: Context, task: Task, report: TaskReport | None, found: tuple[Finding, ...]
) -> Iterator[Finding]:
    """Every task of the plan has a progress report.

    Pass: task 19 appears in the file, with any status.
    Fail: task 7 appears nowhere → unreported ("no progress report for this task"); its
    milestones are listed as unreported too, with their deadlines.
    """
    if report is None:
        yield _finding("unreported", FindingStatus.UNREPORTED, (fragment("unreported"),), ctx,
                       task, None)  # fmt: skip


@task_check("dropped")
def dropped(
    ctx: Context, task: Task, report: TaskReport | None, found: tuple[Finding, ...]
) -> Iterator[Finding]:
    """A dropped task is reported with its reason; its milestones are not judged, never overdue.

    Pass: task 12 reported in progress → nothing to say here.
    Reported: task 25 ``status: dropped, reason: 并入任务24`` → dropped ("dropped: 并入任务24"),
    even though its milestone 25.1 is past its deadline.
    """
    if report is not None and report.status is TaskStatus.DROPPED:
        reason = (fragment("dropped", reason=report.reason),)
        yield _finding("dropped", FindingStatus.DROPPED, reason, ctx, task, report)


@task_check("inconsistent")
def inconsistent(
    ctx: Context, task: Task, report: TaskReport | None, found: tuple[Finding, ...]
) -> Iterator[Finding]:
    """A task reported done has every milestone done.

    Pass: task 25 ``status: done`` with 25.1 ``state: done``.
    Fail: task 23 ``status: done`` with 23.1 ``not_done`` → inconsistent ("reported done, but
    milestone 23.1 is not done"). An annual duty's current year, not yet due, does not count
    against it; a missed earlier year, or a target milestone without its figure, does.
    """
    if report is None or report.status is not TaskStatus.DONE:
        return
    undone = [
        f.milestone.id
        for f in found
        if f.milestone is not None
        and (
            f.status is FindingStatus.OVERDUE or (f.status is FindingStatus.OPEN and f.year is None)
        )
    ]
    if undone:
        ids = ", ".join(dict.fromkeys(undone))
        key = "inconsistent" if len(dict.fromkeys(undone)) == 1 else "inconsistent_many"
        reason = (fragment(key, milestones=ids),)
        yield _finding("inconsistent", FindingStatus.INCONSISTENT, reason, ctx, task, report)
