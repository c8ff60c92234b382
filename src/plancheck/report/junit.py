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

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from plancheck.errors import UserError
from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import Reason, date_text, render, year_text
from plancheck.plan.models import Indicator
from plancheck.report import Options
from plancheck.report.check import done_line, file_line, warned
from plancheck.report.common import blocking_count, target_cell, value_cell, verdict, years_listed
from plancheck.report.escape import xml
from plancheck.report.labels import colon, label, noted, status_word, task_word
from plancheck.report.tasks_view import BAD, OK, TaskRow, task_rows
from plancheck.safetext import controls_but
from plancheck.submission.summary import CheckSummary

if TYPE_CHECKING:
    from plancheck.tasks.models import TaskCheck


def outcome(evaluation: Evaluation, result: Result) -> str | None:
    """The JUnit element for a result: None (passed), "failure", "error" or "skipped"."""
    return outcome_of(evaluation, result.indicator, result.year, result.status)


def outcome_of(evaluation: Evaluation, indicator: Indicator, year: int, status: Status
               ) -> str | None:  # fmt: skip
    """``outcome`` of a result of this indicator, year and status."""
    if status is Status.PASS:
        return None
    if year != evaluation.latest_year:  # history: the exit code is the latest year's
        return "skipped"
    if status is Status.FAIL:
        return "failure"
    blocking = evaluation.blocks(indicator, year, status)
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


# A test case: classname, name, outcome element (None: passed), message, and its body as XML
# text (``_text``: escaped as ElementTree escapes an element's text).
Case = tuple[str, str, str | None, str, str]
_COUNT_OF = {"failure": "failures", "error": "errors", "skipped": "skipped"}


class _Suite:
    """A <testsuite>: its name, its counts and its cases. The counts are known before the cases
    are written (they are attributes of the start tag): ``cases`` may be made as it is written."""

    def __init__(self, name: str, cases: Iterable[Case] | None = None,
                 counts: dict[str, int] | None = None) -> None:  # fmt: skip
        self.name = name
        self.cases: Iterable[Case] = [] if cases is None else cases
        self.counts = counts or no_counts()

    def case(self, classname: str, name: str, kind: str | None, message: str, body: str) -> None:
        assert isinstance(self.cases, list)
        self.cases.append((classname, name, kind, message, _text(body)))
        count(self.counts, kind)


def no_counts() -> dict[str, int]:
    """A suite's (or the document's) counts before any case."""
    return {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}


def count(counts: dict[str, int], kind: str | None) -> None:
    counts["tests"] += 1
    if kind is not None:
        counts[_COUNT_OF[kind]] += 1


class _Bodies:
    """The text of each result's case, as XML text, from pieces made once: the labels of the
    report's language, each status's line, each indicator's target line, each figure's line,
    each reason's text (results share them). A text whose every piece is plain (nothing that
    ``escape.xml`` or ElementTree would change) is the XML text as it is."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        c = colon(lang)
        self.status = {s: f"{label('status', lang)}{c}{status_word(s, lang)}\n" for s in Status}
        self.target = label("target", lang)
        self.actual = label("actual", lang)
        self.reason = f"{label('reason', lang)}{c}"
        self.note = f"\n{label('note', lang)}{c}"
        self.where = f"\n{label('where', lang)}{c}"
        self.colon = c
        labels = [*self.status.values(), self.target, self.actual, self.reason, self.note]
        self.plain_labels = all(map(_plain, [*labels, self.where]))
        self._targets: dict[int, tuple[Indicator, str, bool]] = {}
        self._values: dict[tuple[float | None, float | None, str | None], tuple[str, bool]] = {}
        self._reasons: dict[int, tuple[Reason, str, bool]] = {}

    def reason_text(self, reason: Reason) -> tuple[Reason, str, bool]:
        """The reason (kept with its text: its id stays its own), its text, and if it is plain."""
        found = self._reasons.get(id(reason))
        if found is None:
            text = render(reason, self.lang)
            found = self._reasons[id(reason)] = (reason, text, _plain(text))
        return found

    def body(self, result: Result, reason: tuple[Reason, str, bool]) -> str:
        """The case's text, escaped as ElementTree writes an element's text (``_text``)."""
        indicator = result.indicator
        target = self._targets.get(id(indicator))
        if target is None:
            text = f"{self.target}{self.colon}{target_cell(indicator, self.lang)}\n"
            target = self._targets[id(indicator)] = (indicator, text, _plain(text))
        key = (result.value, result.goal, indicator.unit)
        value = self._values.get(key)
        if value is None:
            text = f"{self.actual}{self.colon}{value_cell(result)}\n"
            value = self._values[key] = (text, _plain(text))
        text = f"{self.status[result.status]}{target[1]}{value[0]}{self.reason}{reason[1]}"
        plain = self.plain_labels and target[2] and value[1] and reason[2]
        if result.note:
            text += self.note + result.note
            plain = plain and _plain(result.note)
        if result.file:
            where = f"{result.file}:{result.line}" if result.line else result.file
            text += self.where + where
            plain = plain and _plain(where)
        return text if plain else _text(text)


def _plain(text: str) -> bool:
    """Nothing in it that ``escape.xml`` or ElementTree changes in an element's text: no control
    character but tab and line feed (a CR included), no ``&<>``, no U+FFFE or U+FFFF."""
    return _SHOWN.search(text) is None and _MARKUP.search(text) is None


_SHOWN = controls_but("\t\n")  # what ``escape.xml`` (``visible_controls``) writes out
_MARKUP = re.compile("[&<>\ufffe\uffff]")


def _body(result: Result, lang: str) -> str:
    """The text of a result's case as XML text (``_Bodies.body``, for one result)."""
    bodies = _Bodies(lang)
    return bodies.body(result, bodies.reason_text(result.reason))


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    return "".join(stream_evaluation(evaluation, options))


def stream_evaluation(evaluation: Evaluation, options: Options) -> Iterator[str]:
    """``render_evaluation`` piece by piece: each unit's suites are made as they are written
    (the totals of the document's start tag are counted from the statuses first)."""
    lang = options.lang
    tasks = _task_suites(task_rows(evaluation, lang) or [], lang)
    totals = no_counts()
    for _, year, indicator, status in evaluation.results.statuses():
        count(totals, outcome_of(evaluation, indicator, year, status))
    for suite in tasks:
        for key in totals:
            totals[key] += suite.counts[key]
    years = years_listed(evaluation.years, lang)
    shown = verdict(evaluation, lang, blocking_count(evaluation))
    name = f"plancheck{colon(lang)}{plan_title(evaluation, lang)} — {years} — {shown}"
    return _document(name, itertools.chain(_unit_suites(evaluation, lang), tasks), totals)


def _unit_suites(evaluation: Evaluation, lang: str) -> Iterator[_Suite]:
    """Per unit, a suite per category of the plan, in order: one unit's results held at a time."""
    plan = evaluation.plan
    multi_unit = len(evaluation.units) > 1
    bodies = _Bodies(lang)
    titles = {c.name: category_name(evaluation, c.name, lang) for c in plan.categories}
    for unit, results in itertools.groupby(evaluation.results, key=lambda r: r.unit):
        grouped: dict[str, list[Result]] = {}
        for r in results:
            grouped.setdefault(r.indicator.category, []).append(r)
        for category in plan.categories:
            rows = grouped.get(category.name)
            if not rows:
                continue
            counts = no_counts()
            for r in rows:
                count(counts, outcome(evaluation, r))
            title = titles[category.name]
            name = f"{unit} · {title}" if multi_unit else title
            yield _Suite(name, _cases(evaluation, unit, title, rows, bodies), counts)


def _cases(evaluation: Evaluation, unit: str, title: str, rows: list[Result], bodies: _Bodies
           ) -> Iterator[Case]:  # fmt: skip
    """The cases of one suite (a unit's category), as they are written."""
    multi_year = len(evaluation.years) > 1
    classname = "plancheck." + (f"{unit}." if len(evaluation.units) > 1 else "") + title
    lang = bodies.lang
    names: dict[tuple[int, int], tuple[Indicator, str]] = {}
    for r in rows:
        key = (id(r.indicator), r.year)
        name = names.get(key)
        if name is None:
            text = (
                noted(indicator_name(r, lang), year_text(r.year, lang), lang)
                if multi_year
                else indicator_name(r, lang)
            )
            name = names[key] = (r.indicator, text)
        reason = bodies.reason_text(r.reason)
        yield classname, name[1], outcome(evaluation, r), reason[1], bodies.body(r, reason)


def _task_suites(rows: list[TaskRow], lang: str) -> list[_Suite]:
    """One suite per section of the plan, one case per milestone finding."""
    sections: dict[str, list[TaskRow]] = {}
    for row in rows:
        sections.setdefault(row.section, []).append(row)
    suites = []
    for section, members in sections.items():
        suite = _Suite(f"{label('tasks_heading', lang)} · {section}")
        for row in members:
            c = colon(lang)
            body = [f"{label('status', lang)}{c}{task_word(row.status, lang)}",
                    f"{label('reason', lang)}{c}{row.reason}"]  # fmt: skip
            if row.file:
                body.append(
                    f"{label('where', lang)}{c}{row.file}:{row.line}" if row.line else row.file
                )
            name = f"{row.subject} {row.text}"
            suite.case(
                f"plancheck.tasks.{row.task}",
                name,
                task_outcome(row),
                row.reason,
                "\n".join(body),
            )
        suites.append(suite)
    return suites


def _document(name: str, suites: Iterable[_Suite], totals: dict[str, int] | None = None
              ) -> Iterator[str]:  # fmt: skip
    """The <testsuites> root: its name, the totals of its suites (counted beforehand when the
    suites are made as they are written), time 0; indented two spaces an element, as
    ``ElementTree.indent`` lays it out, and escaped as ``ElementTree`` escapes (every text
    through ``escape.xml`` first): the document written piece by piece."""
    if totals is None:
        suites = list(suites)
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for suite in suites:
            for key in totals:
                totals[key] += suite.counts[key]
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    head = (f'<testsuites name="{_attribute(name)}" tests="{totals["tests"]}" '
            f'failures="{totals["failures"]}" errors="{totals["errors"]}" time="0"')  # fmt: skip
    each = iter(suites)
    first = next(each, None)
    if first is None:
        yield head + " />\n"
        return
    yield head + ">"
    attributes = _Attributes()  # one for the document: names and messages recur across suites
    for suite in itertools.chain((first,), each):
        yield from _suite(suite, attributes)
    yield "\n</testsuites>\n"


def _suite(suite: _Suite, attributes: _Attributes) -> Iterator[str]:
    c = suite.counts
    attribute = attributes.__getitem__
    head = (f'\n  <testsuite name="{attribute(suite.name)}" tests="{c["tests"]}" '
            f'failures="{c["failures"]}" errors="{c["errors"]}" skipped="{c["skipped"]}" '
            'time="0"')  # fmt: skip
    cases = iter(suite.cases)
    first = next(cases, None)
    if first is None:
        yield head + " />"
        return
    yield head + ">"
    for classname, name, kind, message, body in itertools.chain((first,), cases):
        case = (
            f'\n    <testcase classname="{attribute(classname)}" name="{attribute(name)}" time="0">'
        )
        if kind is None:
            child = "<system-out" + (f">{body}</system-out>" if body else " />")
        else:
            child = (f'<{kind} type="{kind}" message="{attribute(message)}"'
                     + (f">{body}</{kind}>" if body else " />"))  # fmt: skip
        yield f"{case}\n      {child}\n    </testcase>"
    yield "\n  </testsuite>"


class _Attributes(dict[str, str]):
    """An attribute's value as ElementTree writes it, by value (names and messages repeat):
    ``escape.xml``, then ``&<>"``, the line breaks and the tab as references."""

    def __missing__(self, value: str) -> str:
        text = xml(value)
        if _ATTRIBUTE_SPECIAL.search(text) is not None:
            text = text.translate(_ATTRIBUTE)
        if len(self) < 1 << 16:
            self[value] = text
        return text


def _attribute(value: str) -> str:
    return _Attributes()[value]


def _text(value: str) -> str:
    """An element's text as ElementTree writes it: ``escape.xml``, then ``&<>``."""
    return xml.__wrapped__(value).translate(_TEXT)


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;",
     "\t": "&#09;"}
)  # fmt: skip
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]')


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
    name = f"plancheck: bad input — {count} error{'s' if count != 1 else ''}"
    return "".join(_document(name, [suite]))


def render_check(summary: CheckSummary, options: Options) -> str:
    """``plancheck check -f junit``: one passing case per file (classname ``plancheck.check``),
    what was read and the file's warnings as its output."""
    lang = options.lang
    suite = _Suite("check")
    for n, file in enumerate(summary.files):
        lines = [file_line(file, lang), *(warned(w, lang) for w in file.warnings)]
        if n == 0:
            lines += [warned(w, lang) for w in summary.warnings]
        suite.case("plancheck.check", file.file, None, "", "\n".join(lines))
    return "".join(_document(f"plancheck check{colon(lang)}{done_line(summary, lang)}", [suite]))


class TasksOnly:
    """A task check where the evaluation's tasks section is read (``task_rows``)."""

    def __init__(self, check: TaskCheck) -> None:
        self.tasks = check


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    """``plancheck tasks check -f junit``: a suite per section, a case per milestone finding."""
    from plancheck.report.taskcheck import task_verdict

    lang = options.lang
    title = check.plan.info.title if lang == "zh" else check.plan.info.title_en
    name = f"plancheck{colon(lang)}{title} — {date_text(check.as_of, lang)} — {task_verdict(check, lang)}"
    return "".join(_document(name, _task_suites(task_rows(TasksOnly(check), lang) or [], lang)))
