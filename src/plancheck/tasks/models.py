"""What a progress report says (TaskReport, MilestoneReport) and what the checks found (TaskCheck).

All frozen: a report is read once, checked once, and every report format only formats the result.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from enum import StrEnum

from plancheck.messages import Reason, Text, fragment
from plancheck.plan.models import Milestone, Plan, Task
from plancheck.record import record

# --- what the office reports ----------------------------------------------------------------


class TaskStatus(StrEnum):
    """A task's status as the office reports it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"  # needs a reason


STATUS_TEXT = {
    TaskStatus.NOT_STARTED: Text("not started", "未启动"),
    TaskStatus.IN_PROGRESS: Text("in progress", "推进中"),
    TaskStatus.DONE: Text("done", "已完成"),
    TaskStatus.DROPPED: Text("dropped", "已终止"),
}


class MilestoneKind(StrEnum):
    """How a milestone is reported and checked (see ``kind_of``)."""

    DATED = "dated"  # a commitment with a deadline: reported done / not_done
    QUANTITATIVE = "quantitative"  # a level to reach (has a target): reported by its value
    ANNUAL = "annual"  # a duty every year of the period: reported by the years it was done


def kind_of(milestone: Milestone) -> MilestoneKind:
    """Recurring first (a yearly duty is reported per year), then a target, else a deadline."""
    if milestone.recurring == "annual":
        return MilestoneKind.ANNUAL
    if milestone.target is not None:
        return MilestoneKind.QUANTITATIVE
    return MilestoneKind.DATED


@record
class MilestoneReport:
    """One milestone as reported: its state (dated), value (quantitative) or years (annual)."""

    id: str
    done: bool | None = None  # dated milestones: done / not_done; None when not said
    value: float | None = None  # quantitative milestones: the current figure
    years: tuple[int, ...] = ()  # annual duties: the years it was done, ascending
    date: dt.date | None = None  # when it was done, if said
    note: str = ""
    file: str | None = None
    line: int | None = None


@record
class TaskReport:
    """One task as reported: status, who leads it (牵头单位), partners, evidence, milestones."""

    task: str  # the plan's task id
    status: TaskStatus
    lead: str = ""
    partners: tuple[str, ...] = ()
    reason: str = ""  # why a dropped task was dropped
    evidence: tuple[str, ...] = ()
    note: str = ""
    milestones: tuple[MilestoneReport, ...] = ()
    file: str | None = None
    line: int | None = None

    def milestone(self, milestone_id: str) -> MilestoneReport | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)


@record
class Progress:
    """A progress submission: the reported tasks and the date the report speaks for."""

    reports: tuple[TaskReport, ...]
    as_of: dt.date
    as_of_source: str  # "file", "option" (--as-of) or "year" (the end of the report's year)
    files: tuple[str, ...]

    def report(self, task_id: str) -> TaskReport | None:
        return next((r for r in self.reports if r.task == task_id), None)


# --- what the checks find -------------------------------------------------------------------


class FindingStatus(StrEnum):
    OVERDUE = "overdue"  # the deadline passed and it is not done
    INCONSISTENT = "inconsistent"  # reported done, but a milestone is not
    UNREPORTED = "unreported"  # no report for the task
    OPEN = "open"  # not done, not yet due
    DONE = "done"  # done, or the target met
    DROPPED = "dropped"  # the task was dropped (with its reason); its milestones are not judged


class TaskState(StrEnum):
    """A task's overall state in a report: the worst finding, else its reported status."""

    OVERDUE = "overdue"
    INCONSISTENT = "inconsistent"
    UNREPORTED = "unreported"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


# Worst first: the order of tasks within a section of a report.
STATE_ORDER = {state: n for n, state in enumerate(TaskState)}
_FROM_STATUS = {
    TaskStatus.NOT_STARTED: TaskState.NOT_STARTED,
    TaskStatus.IN_PROGRESS: TaskState.IN_PROGRESS,
    TaskStatus.DONE: TaskState.DONE,
    TaskStatus.DROPPED: TaskState.DROPPED,
}


@record
class Finding:
    """One verdict of one check: on a task, a milestone, or one year of an annual duty."""

    check: str  # the check's stable id: deadline, target, annual, unreported, inconsistent, dropped
    status: FindingStatus
    task: Task
    reason: Reason
    milestone: Milestone | None = None
    year: int | None = None  # the year of an annual duty
    due: dt.date | None = None
    late: bool = False  # the deadline is before as_of (a milestone due ON as_of is not late)
    value: float | None = None
    file: str | None = None
    line: int | None = None

    @property
    def binding(self) -> bool:
        """A milestone the plan marks ``binding: true`` counts like a binding indicator."""
        return self.milestone is not None and self.milestone.binding

    @property
    def subject(self) -> str:
        """What the finding is about: ``19.1``, ``34.1 (2022)`` or the task id."""
        if self.milestone is None:
            return self.task.id
        return self.milestone.id if self.year is None else f"{self.milestone.id} ({self.year})"


@record
class TaskResult:
    """A task of the plan, its report (None: unreported) and what the checks found."""

    task: Task
    report: TaskReport | None
    findings: tuple[Finding, ...]

    @property
    def state(self) -> TaskState:
        statuses = {f.status for f in self.findings}
        for worst in (FindingStatus.OVERDUE, FindingStatus.INCONSISTENT, FindingStatus.UNREPORTED):
            if worst in statuses:
                return TaskState(worst.value)
        if self.report is None:  # not reached: an unreported task always has its finding
            return TaskState.UNREPORTED
        return _FROM_STATUS[self.report.status]

    @property
    def reason(self) -> Reason:
        """The task's own verdict (unreported, inconsistent, dropped), else its reported status."""
        for finding in self.findings:
            if finding.milestone is None:
                return finding.reason
        overdue = [f.subject for f in self.findings if f.status is FindingStatus.OVERDUE]
        if overdue:
            return (fragment("overdue_milestones", milestones=", ".join(overdue)),)
        assert self.report is not None  # an unreported task always has its finding
        return (fragment("reported", status=STATUS_TEXT[self.report.status]),)

    @property
    def milestone_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.milestone is not None)


@record
class TaskCheck:
    """Every task of the plan checked against a progress report, as of one date."""

    plan: Plan
    as_of: dt.date
    as_of_source: str
    files: tuple[str, ...]
    results: tuple[TaskResult, ...]  # the plan's order
    strict: bool = False

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.results for f in r.findings)

    def blocking(self, finding: Finding) -> bool:
        """Does this finding make the run non-compliant?

        By default only a *binding* milestone (``binding: true`` in the plan) that is overdue, or
        past its deadline with no report at all. With ``--strict`` every overdue milestone and
        annual duty, every inconsistent task and every unreported task.
        """
        if self.strict:
            if finding.status is FindingStatus.UNREPORTED:
                return finding.milestone is None or (finding.binding and finding.late)
            return finding.status in (FindingStatus.OVERDUE, FindingStatus.INCONSISTENT)
        if not finding.binding:
            return False
        return finding.status is FindingStatus.OVERDUE or (
            finding.status is FindingStatus.UNREPORTED and finding.late
        )

    @property
    def blocking_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if self.blocking(f))

    @property
    def compliant(self) -> bool:
        return not self.blocking_findings

    def summary(self) -> dict[str, int]:
        """How many tasks are in each state, every state named (zeros included)."""
        counts = Counter(r.state for r in self.results)
        return {state.value: counts.get(state, 0) for state in TaskState}

    def milestone_summary(self) -> dict[str, int]:
        """How many milestone findings (one per annual year) have each status."""
        counts = Counter(f.status for r in self.results for f in r.milestone_findings)
        kept = (
            FindingStatus.OVERDUE,
            FindingStatus.UNREPORTED,
            FindingStatus.OPEN,
            FindingStatus.DONE,
        )
        return {s.value: counts.get(s, 0) for s in kept}

    def linked(self, indicator_id: str) -> tuple[TaskResult, ...]:
        """The tasks that drive an indicator: linked by the task or by one of its milestones."""
        return tuple(
            r
            for r in self.results
            if indicator_id in r.task.indicators
            or any(m.indicator == indicator_id for m in r.task.milestones)
        )

    def sections(self) -> list[tuple[str, str, list[TaskResult]]]:
        """(document, section, tasks) in the plan's order; within a section the worst first."""
        groups: dict[tuple[str, str], list[TaskResult]] = {}
        for result in self.results:
            groups.setdefault((result.task.document, result.task.section), []).append(result)
        order = {r.task.id: n for n, r in enumerate(self.results)}
        return [
            (
                document,
                section,
                sorted(rows, key=lambda r: (STATE_ORDER[r.state], order[r.task.id])),
            )
            for (document, section), rows in groups.items()
        ]
