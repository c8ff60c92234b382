"""JUnit XML for CI test reports (Jenkins, GitLab, Azure…): one test case per indicator.

Test suites: one per category (per unit and category when several units are judged), and one per
task section when the evaluation has a tasks section (one test case per milestone finding).

How a status maps to JUnit (documented in the README):

    pass                               passed (no child element)
    fail                               <failure type="fail">
    behind                             <skipped>: not due yet, not a failure (<failure> under --strict)
    missing, unknown — blocking        <error>: the binding indicator could not be judged
    missing, unknown — not blocking    <skipped>
    milestone done                     passed
    milestone open, dropped            <skipped>
    milestone overdue, inconsistent    <failure>
    milestone unreported               <error> when blocking, else <skipped>
    not pass in an earlier year        <skipped>: compliance is judged on the latest year

Every element's ``message`` is the reason, in the report's language; the element's text adds the
target, the value, the note and the submission's file:line. Every text goes through ``escape.xml``
(control characters visible, nothing XML 1.0 forbids; ElementTree escapes the markup). Times are
0: the output is the same for the same input, byte for byte.

Also here: input errors (``render_error``: one failing case named ``input``, classname
``plancheck.input``, per error, so that a dashboard shows why a run gave exit 2), ``plancheck
check`` (a passing case per file) and ``plancheck tasks check`` (the task suites alone).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from plancheck.errors import UserError
from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import render
from plancheck.report import Options
from plancheck.report.check import done_line, file_line
from plancheck.report.common import target_cell, value_cell, verdict
from plancheck.report.escape import xml
from plancheck.report.labels import label, status_word
from plancheck.report.tasks_view import BAD, OK, TaskRow, task_rows
from plancheck.submission.summary import CheckSummary

if TYPE_CHECKING:
    from plancheck.tasks.models import TaskCheck


def outcome(evaluation: Evaluation, result: Result) -> str | None:
    """The JUnit element for a result: None (passed), "failure", "error" or "skipped"."""
    status = result.status
    if status is Status.PASS:
        return None
    if result.year != evaluation.latest_year:  # history: the exit code is the latest year's
        return "skipped"
    if status is Status.FAIL:
        return "failure"
    blocking = evaluation.blocking(result)
    if status is Status.BEHIND:
        return "failure" if blocking else "skipped"
    return "error" if blocking else "skipped"


def task_outcome(row: TaskRow) -> str | None:
    if row.status in OK:
        return None
    if row.status == "unreported":
        return "error" if row.blocking else "skipped"
    if row.status in BAD:
        return "failure"
    return "skipped"


def indicator_name(result: Result, lang: str) -> str:
    indicator = result.indicator
    return f"{indicator.id} {indicator.name if lang == 'zh' else indicator.name_en}"


def plan_title(evaluation: Evaluation, lang: str) -> str:
    info = evaluation.plan.info
    return info.title if lang == "zh" else info.title_en


def category_name(evaluation: Evaluation, category: str, lang: str) -> str:
    return category if lang == "zh" else evaluation.plan.category(category).name_en


class _Suite:
    def __init__(self, name: str) -> None:
        self.element = ET.Element("testsuite", {"name": xml(name)})
        self.counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}

    def case(self, classname: str, name: str, kind: str | None, message: str, body: str) -> None:
        case = ET.SubElement(
            self.element,
            "testcase",
            {"classname": xml(classname), "name": xml(name), "time": "0"},
        )
        self.counts["tests"] += 1
        if kind is not None:
            child = ET.SubElement(case, kind, {"type": kind, "message": xml(message)})
            child.text = xml(body)
            self.counts[{"failure": "failures", "error": "errors", "skipped": "skipped"}[kind]] += 1
        else:
            ET.SubElement(case, "system-out").text = xml(body)

    def close(self) -> ET.Element:
        for key in ("tests", "failures", "errors", "skipped"):
            self.element.set(key, str(self.counts[key]))
        self.element.set("time", "0")
        return self.element


def _body(result: Result, lang: str) -> str:
    lines = [
        f"{label('status', lang)}: {status_word(result.status, lang)}",
        f"{label('target', lang)}: {target_cell(result.indicator)}",
        f"{label('actual', lang)}: {value_cell(result)}",
        f"{label('reason', lang)}: {render(result.reason, lang)}",
    ]
    if result.note:
        lines.append(f"{label('note', lang)}: {result.note}")
    if result.file:
        where = f"{result.file}:{result.line}" if result.line else result.file
        lines.append(f"{label('where', lang)}: {where}")
    return "\n".join(lines)


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    lang = options.lang
    plan = evaluation.plan
    multi_unit = len(evaluation.units) > 1
    multi_year = len(evaluation.years) > 1
    suites: list[ET.Element] = []
    for unit in evaluation.units:
        for category in plan.categories:
            rows = [
                r
                for r in evaluation.results
                if r.unit == unit and r.indicator.category == category.name
            ]
            if not rows:
                continue
            title = category_name(evaluation, category.name, lang)
            suite = _Suite(f"{unit} · {title}" if multi_unit else title)
            for r in rows:
                name = indicator_name(r, lang) + (f" ({r.year})" if multi_year else "")
                classname = "plancheck." + (f"{unit}." if multi_unit else "") + title
                suite.case(
                    classname, name, outcome(evaluation, r), render(r.reason, lang), _body(r, lang)
                )
            suites.append(suite.close())
    suites += _task_suites(task_rows(evaluation, lang) or [], lang)
    years = ", ".join(map(str, evaluation.years))
    name = f"plancheck: {plan_title(evaluation, lang)} — {years} — {verdict(evaluation, lang)}"
    return _document(name, suites)


def _task_suites(rows: list[TaskRow], lang: str) -> list[ET.Element]:
    """One suite per section of the plan, one case per milestone finding."""
    sections: dict[str, list[TaskRow]] = {}
    for row in rows:
        sections.setdefault(row.section, []).append(row)
    suites = []
    for section, members in sections.items():
        suite = _Suite(f"{label('tasks_heading', lang)} · {section}")
        for row in members:
            body = [f"{label('status', lang)}: {label('finding_' + row.status, lang)}",
                    f"{label('reason', lang)}: {row.reason}"]  # fmt: skip
            if row.file:
                body.append(
                    f"{label('where', lang)}: {row.file}:{row.line}" if row.line else row.file
                )
            name = f"{row.subject} {row.text}"
            suite.case(
                f"plancheck.tasks.{row.task}",
                name,
                task_outcome(row),
                row.reason,
                "\n".join(body),
            )
        suites.append(suite.close())
    return suites


def _document(name: str, suites: list[ET.Element]) -> str:
    """The <testsuites> root: its name, the totals of its suites, time 0; indented."""
    root = ET.Element("testsuites", {"name": xml(name)})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite_element in suites:
        for key in totals:
            totals[key] += int(suite_element.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- input errors (exit 2), plancheck check, plancheck tasks check ---------------------------


def render_error(errors: Sequence[UserError], options: Options) -> str:
    """Input errors as a report a CI dashboard shows: one failing test case named ``input``
    (classname ``plancheck.input``) per error, its message the error as stderr says it."""
    suite = _Suite("input")
    for error in errors:
        where = error.location if error.file is not None else "<input>"
        body = f"{where}: {' '.join(error.message.split())}"
        suite.case("plancheck.input", "input", "failure", str(error), body)
    count = len(errors)
    return _document(f"plancheck: bad input — {count} error{'s' if count != 1 else ''}",
                     [suite.close()])  # fmt: skip


def render_check(summary: CheckSummary, options: Options) -> str:
    """``plancheck check -f junit``: one passing case per file (classname ``plancheck.check``),
    what was read and the file's warnings as its output."""
    lang = options.lang
    suite = _Suite("check")
    for n, file in enumerate(summary.files):
        lines = [file_line(file, lang), *(f"warning: {w}" for w in file.warnings)]
        if n == 0:
            lines += [f"warning: {w}" for w in summary.warnings]
        suite.case("plancheck.check", file.file, None, "", "\n".join(lines))
    return _document(f"plancheck check: {done_line(summary, lang)}", [suite.close()])


class TasksOnly:
    """A task check where the evaluation's tasks section is read (``task_rows``)."""

    def __init__(self, check: TaskCheck) -> None:
        self.tasks = check


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    """``plancheck tasks check -f junit``: a suite per section, a case per milestone finding."""
    from plancheck.report.taskcheck import task_verdict

    lang = options.lang
    title = check.plan.info.title if lang == "zh" else check.plan.info.title_en
    name = f"plancheck: {title} — {check.as_of.isoformat()} — {task_verdict(check, lang)}"
    return _document(name, _task_suites(task_rows(TasksOnly(check), lang) or [], lang))
