"""The task checks as functions: deadlines at the boundary, annual duties, dropped, inconsistent,
unreported, quantitative milestones, and what blocks compliance."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from plancheck.kinds.threshold import Threshold
from plancheck.plan.load import load_plan
from plancheck.plan.models import Milestone, Plan, Task
from plancheck.tasks import checks
from plancheck.tasks.checks import check_ids, check_progress
from plancheck.tasks.models import (
    FindingStatus,
    MilestoneReport,
    Progress,
    TaskCheck,
    TaskReport,
    TaskState,
    TaskStatus,
)
from plancheck.tasks.reasons import render

DUE = dt.date(2023, 6, 30)


@pytest.fixture(scope="module")
def bundled() -> Plan:
    return load_plan(None)


def plan_with(bundled: Plan, *milestones: Milestone, indicators: tuple[str, ...] = ()) -> Plan:
    task = Task(id="1", document="plan", section="一、测试", title="测试任务", text="测试",
                indicators=list(indicators), milestones=list(milestones))  # fmt: skip
    other = Task(id="2", document="annex", section="二、附件", title="另一任务", text="测试")
    return dataclasses.replace(bundled, tasks=[task, other])


def dated(binding: bool = False, due: dt.date = DUE) -> Milestone:
    return Milestone(id="1.1", text="按期完成", due=due, binding=binding)


def check(plan: Plan, as_of: dt.date, *reports: TaskReport, strict: bool = False) -> TaskCheck:
    return check_progress(plan, Progress(reports, as_of, "file", ("p.yaml",)), strict=strict)


def report(status: TaskStatus = TaskStatus.IN_PROGRESS, *milestones: MilestoneReport,
           task: str = "1", reason: str = "") -> TaskReport:  # fmt: skip
    return TaskReport(task=task, status=status, lead="区司法局", reason=reason,
                      milestones=milestones, file="p.yaml", line=3)  # fmt: skip


def statuses(result: TaskCheck, task: str = "1") -> dict[str, str]:
    found = next(r for r in result.results if r.task.id == task).findings
    return {f"{f.check}:{f.subject}": f.status.value for f in found}


# --- deadline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (DUE - dt.timedelta(days=1), "open"),  # due the day after as_of
        (DUE, "open"),  # due ON as_of: not yet overdue
        (DUE + dt.timedelta(days=1), "overdue"),  # due the day before as_of
    ],
)
def test_deadline_boundary(bundled: Plan, as_of: dt.date, expected: str) -> None:
    plan = plan_with(bundled, dated())
    not_done = MilestoneReport(id="1.1", done=False)
    result = check(plan, as_of, report(TaskStatus.IN_PROGRESS, not_done), report(task="2"))
    assert statuses(result) == {"deadline:1.1": expected}
    finding = result.results[0].findings[0]
    assert finding.late is (expected == "overdue")
    if expected == "overdue":
        assert render(finding.reason) == "not done; the deadline 2023-06-30 passed 1 day ago"
        assert render(finding.reason, "zh") == "未完成，期限为2023年6月30日，已逾期 1 天"


def test_deadline_done_and_not_reported(bundled: Plan) -> None:
    plan = plan_with(bundled, dated())
    late = dt.date(2023, 7, 5)
    done = MilestoneReport(id="1.1", done=True, date=late)
    result = check(plan, late, report(TaskStatus.DONE, done), report(task="2"))
    assert statuses(result) == {"deadline:1.1": "done"}
    assert render(result.results[0].findings[0].reason) == (
        "done on 2023-07-05, after the deadline 2023-06-30"
    )
    silent = check(plan, late, report(), report(task="2"))  # the task is reported, 1.1 is not
    finding = silent.results[0].findings[0]
    assert finding.status is FindingStatus.OVERDUE
    assert render(finding.reason).startswith("not reported; not done; the deadline")


# --- annual -----------------------------------------------------------------------------------


def test_annual_duty_missed_in_one_year(bundled: Plan) -> None:
    plan = plan_with(bundled, Milestone(id="1.1", text="每年听取汇报", recurring="annual"))
    entry = MilestoneReport(id="1.1", years=(2021, 2023))
    result = check(plan, dt.date(2023, 12, 31), report(TaskStatus.IN_PROGRESS, entry),
                   report(task="2"))  # fmt: skip
    assert statuses(result) == {
        "annual:1.1 (2021)": "done",
        "annual:1.1 (2022)": "overdue",
        "annual:1.1 (2023)": "done",
    }
    assert result.results[0].state is TaskState.OVERDUE
    missed = result.results[0].findings[1]
    assert (missed.year, missed.due) == (2022, dt.date(2022, 12, 31))


def test_annual_years_stop_at_as_of_and_the_period(bundled: Plan) -> None:
    plan = plan_with(bundled, Milestone(id="1.1", text="每年听取汇报", recurring="annual"))
    early = check(plan, dt.date(2022, 6, 30), report(), report(task="2"))
    assert list(statuses(early).values()) == ["overdue", "open"]  # 2021 missed, 2022 not yet due
    late = check(plan, dt.date(2030, 1, 1), report(), report(task="2"))
    assert len(statuses(late)) == 5  # 2021…2025, the plan period
    before = check(plan, dt.date(2020, 12, 31), report(), report(task="2"))
    assert statuses(before) == {}


# --- target -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "as_of", "expected", "reason"),
    [
        (92.0, DUE, "done", "92 meets the target ≥ 90"),
        (86.0, DUE, "open", "86 misses the target ≥ 90; not done yet; due 2023-06-30"),
        (86.0, DUE + dt.timedelta(days=1), "overdue",
         "86 misses the target ≥ 90; not done; the deadline 2023-06-30 passed 1 day ago"),
        (None, DUE + dt.timedelta(days=1), "overdue",
         "no figure reported; not done; the deadline 2023-06-30 passed 1 day ago"),
    ],
)  # fmt: skip
def test_quantitative_milestone_judged_like_an_indicator(
    bundled: Plan, value: float | None, as_of: dt.date, expected: str, reason: str
) -> None:
    target = Threshold(kind="threshold", op=">=", value=90)
    plan = plan_with(bundled, Milestone(id="1.1", text="90%以上", due=DUE, target=target, unit="%"))
    entry = MilestoneReport(id="1.1", value=value)
    result = check(plan, as_of, report(TaskStatus.IN_PROGRESS, entry), report(task="2"))
    finding = result.results[0].findings[0]
    assert (finding.check, finding.status.value, render(finding.reason)) == (
        "target",
        expected,
        reason,
    )
    assert finding.value == value


def test_quantitative_state_without_figure_and_the_figure_deciding(bundled: Plan) -> None:
    target = Threshold(kind="threshold", op=">=", value=90)
    plan = plan_with(bundled, Milestone(id="1.1", text="90%以上", due=DUE, target=target, unit="%"))
    late = DUE + dt.timedelta(days=1)
    said_done = MilestoneReport(id="1.1", done=True)
    finding = check(plan, late, report(TaskStatus.DONE, said_done), report(task="2"))
    assert render(finding.results[0].findings[0].reason) == "done; no figure reported"
    assert finding.results[0].findings[0].status is FindingStatus.DONE
    contradicted = MilestoneReport(id="1.1", done=True, value=80.0)
    result = check(plan, late, report(TaskStatus.IN_PROGRESS, contradicted), report(task="2"))
    first = result.results[0].findings[0]
    assert first.status is FindingStatus.OVERDUE
    assert render(first.reason) == (
        "80 misses the target ≥ 90; reported done, but the figure decides; "
        "not done; the deadline 2023-06-30 passed 1 day ago"
    )


# --- task checks ------------------------------------------------------------------------------


def test_unreported_task(bundled: Plan) -> None:
    plan = plan_with(bundled, dated())
    result = check(plan, DUE + dt.timedelta(days=1), report(task="2"))
    assert statuses(result) == {"deadline:1.1": "unreported", "unreported:1": "unreported"}
    first = result.results[0]
    assert first.state is TaskState.UNREPORTED
    assert render(first.reason) == "no progress report for this task"
    assert render(first.findings[0].reason) == (
        "no progress report; the deadline 2023-06-30 passed 1 day ago"
    )


def test_dropped_task_is_reported_with_its_reason_not_overdue(bundled: Plan) -> None:
    plan = plan_with(bundled, dated(binding=True))
    dropped = report(TaskStatus.DROPPED, reason="并入其他任务")
    result = check(plan, dt.date(2024, 1, 1), dropped, report(task="2"), strict=True)
    assert statuses(result) == {"dropped:1": "dropped"}
    assert render(result.results[0].reason) == "dropped: 并入其他任务"
    assert result.results[0].state is TaskState.DROPPED
    assert result.compliant


def test_done_task_with_undone_milestone_is_inconsistent(bundled: Plan) -> None:
    plan = plan_with(bundled, dated(), Milestone(id="1.2", text="后续", due=dt.date(2025, 12, 31)))
    entries = (MilestoneReport(id="1.1", done=True), MilestoneReport(id="1.2", done=False))
    result = check(plan, DUE, report(TaskStatus.DONE, *entries), report(task="2"))
    assert statuses(result)["inconsistent:1"] == "inconsistent"
    assert render(result.results[0].reason) == "reported done, but milestone 1.2 is not done"
    assert result.compliant  # a finding, not a failure, unless --strict
    assert not check(plan, DUE, report(TaskStatus.DONE, *entries), report(task="2"),
                     strict=True).compliant  # fmt: skip
    entries = (MilestoneReport(id="1.1", done=True), MilestoneReport(id="1.2", done=True))
    consistent = check(plan, DUE, report(TaskStatus.DONE, *entries), report(task="2"))
    assert "inconsistent:1" not in statuses(consistent)
    assert consistent.results[0].state is TaskState.DONE


def test_done_task_with_annual_duty_open_this_year_is_consistent(bundled: Plan) -> None:
    plan = plan_with(bundled, Milestone(id="1.1", text="每年", recurring="annual"))
    entry = MilestoneReport(id="1.1", years=(2021, 2022))
    result = check(plan, DUE, report(TaskStatus.DONE, entry), report(task="2"))
    assert "inconsistent:1" not in statuses(result)
    missed = MilestoneReport(id="1.1", years=(2021,))
    result = check(plan, DUE, report(TaskStatus.DONE, missed), report(task="2"))
    assert statuses(result)["inconsistent:1"] == "inconsistent"


# --- what blocks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("binding", "strict", "compliant"),
    [(False, False, True), (False, True, False), (True, False, False), (True, True, False)],
)
def test_overdue_blocks_when_binding_or_strict(
    bundled: Plan, binding: bool, strict: bool, compliant: bool
) -> None:
    plan = plan_with(bundled, dated(binding=binding))
    late = DUE + dt.timedelta(days=1)
    not_done = MilestoneReport(id="1.1", done=False)
    result = check(plan, late, report(TaskStatus.IN_PROGRESS, not_done), report(task="2"),
                   strict=strict)  # fmt: skip
    assert result.compliant is compliant
    on_time = check(plan, DUE, report(TaskStatus.IN_PROGRESS, not_done), report(task="2"),
                    strict=strict)  # fmt: skip
    assert on_time.compliant  # due ON as_of: nothing overdue


def test_unreported_binding_milestone_blocks_only_once_late(bundled: Plan) -> None:
    plan = plan_with(bundled, dated(binding=True))
    assert check(plan, DUE, report(task="2")).compliant
    assert not check(plan, DUE + dt.timedelta(days=1), report(task="2")).compliant
    # --strict: an unreported task blocks, with or without milestones
    assert not check(plan, DUE, report(), strict=True).compliant


# --- reading the results ----------------------------------------------------------------------


def test_sections_put_the_worst_first_and_summary_counts_every_state(bundled: Plan) -> None:
    plan = plan_with(bundled, dated())
    result = check(plan, DUE + dt.timedelta(days=1), report(task="2", status=TaskStatus.DONE))
    assert [(d, s, [r.task.id for r in rows]) for d, s, rows in result.sections()] == [
        ("plan", "一、测试", ["1"]),
        ("annex", "二、附件", ["2"]),
    ]
    assert result.summary() == {"overdue": 0, "inconsistent": 0, "unreported": 1,
                                "not_started": 0, "in_progress": 0, "done": 1, "dropped": 0}  # fmt: skip
    sample = check_progress(bundled, _sample(bundled))
    for _, _, rows in sample.sections():
        order = [list(TaskState).index(r.state) for r in rows]
        assert order == sorted(order)


def test_linked_tasks_by_task_and_by_milestone(bundled: Plan) -> None:
    result = check_progress(bundled, _sample(bundled))
    assert [r.task.id for r in result.linked("20")] == ["24", "A15"]
    assert [r.task.id for r in result.linked("3")] == ["6", "34"]


def _sample(plan: Plan) -> Progress:
    from pathlib import Path

    from plancheck.tasks.read import read_progress

    return read_progress(Path(__file__).parents[1] / "samples" / "progress-2023.yaml", plan)


# --- the checks are declared units ------------------------------------------------------------


def test_every_check_has_a_stable_id_and_examples() -> None:
    assert check_ids() == ["deadline", "target", "annual", "unreported", "dropped", "inconsistent"]
    units = [c.run for c in checks.MILESTONE_CHECKS.values()] + [c.run for c in checks.TASK_CHECKS]
    for run in units:
        doc = run.__doc__ or ""
        assert re.search(r"^\s*Pass:", doc, re.M), run.__name__
        assert re.search(r"^\s*(Fail|Reported):", doc, re.M), run.__name__


def test_several_undone_milestones_are_said_in_the_plural(bundled: Plan) -> None:
    plan = plan_with(bundled, dated(), Milestone(id="1.2", text="后续", due=dt.date(2025, 12, 31)))
    entries = (MilestoneReport(id="1.1", done=False), MilestoneReport(id="1.2", done=False))
    result = check(plan, DUE, report(TaskStatus.DONE, *entries), report(task="2"))
    assert render(result.results[0].reason) == (
        "reported done, but milestones 1.1, 1.2 are not done"
    )
