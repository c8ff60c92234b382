"""What each command does, below the command line: one function per command.

The CLI (``cli.py``) turns arguments into a request, calls the function of its command, and
writes the ``Outcome`` — the report, the exit code, the warnings — where the user asked. Nothing
here reads ``sys.argv`` or writes to a terminal; everything the stages need is in the request:

    load plan → read submission → evaluate (one engine, every size) → join the task checks → report
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from plancheck.errors import UserError, UserErrors
from plancheck.report import Options

if TYPE_CHECKING:
    from plancheck.evaluate.models import Evaluation
    from plancheck.plan.models import Plan

# Years a submission, a template or --year may speak of.
YEARS = range(1900, 2101)


@dataclass(frozen=True)
class Outcome:
    """A command's result: the report to write, the exit code, lines for stderr (warnings and
    notes, each saying which it is), and every path the command read or may not replace
    (``-o`` never names one of them)."""

    report: str | bytes
    code: int = 0
    warnings: tuple[str, ...] = ()
    protected: tuple[Path, ...] = ()
    messages: tuple[str, ...] = ()  # lines for stdout after the report (plan import, init)


@dataclass(frozen=True)
class EvaluateRequest:
    files: list[Path]
    format: str = "table"
    options: Options = field(default_factory=Options)
    plan: Path | None = None
    year: int | None = None
    strict: bool = False
    unit: str | None = None
    reference: Path | None = None
    sheet: str | None = None
    tasks: Path | None = None  # a progress report on the plan's tasks
    only: str | None = None  # failing | binding: what the report lists


def load(plan: Path | None, *, tasks: bool = True) -> Plan:
    """The plan, or its first problem as one line (``plan validate`` lists them all)."""
    from plancheck.plan.load import load_plan

    try:
        return load_plan(plan, tasks=tasks)
    except UserErrors as errors:
        first, more = errors.errors[0], len(errors.errors) - 1
        if not more:
            raise first from None
        where = f" {plan}" if plan is not None else ""
        raise UserError(
            f"{first.message} (and {more} more: plancheck plan validate{where})",
            first.file,
            first.line,
            first.column,
        ) from None


def plan_paths(plan: Path | None) -> tuple[Path, ...]:
    """Every file of the plan, read or not (tasks.yaml too): a report never replaces one."""
    from plancheck.plan.load import plan_files

    return tuple(p for p in plan_files(plan) if p is not None)


def check_year(year: int | None, option: str = "--year") -> None:
    if year is not None and year not in YEARS:
        raise UserError(f"{option} {year}: not a year (1900–2100)")


def judge(request: EvaluateRequest) -> tuple[Evaluation, tuple[str, ...]]:
    """The evaluation a request asks for, and the reading's warnings."""
    from plancheck.evaluate.engine import evaluate
    from plancheck.submission.read import read_references, read_submission
    from plancheck.submission.values import fold

    check_year(request.year)
    plan = load(request.plan, tasks=request.tasks is not None)  # tasks.yaml only with --tasks
    submission = read_submission(request.files, plan, request.year, sheet=request.sheet)
    official = read_references(request.reference, plan, request.year) if request.reference else None
    unit = fold(request.unit) if request.unit is not None else None  # as unit cells are read
    if unit is not None:
        check_unit(plan, unit, submission.units)
    evaluation = evaluate(plan, submission, strict=request.strict, references=official, unit=unit)
    if request.only is not None:
        evaluation = replace(evaluation, only=request.only)
    if request.tasks is not None:
        from plancheck.tasks.checks import check_file

        checked = check_file(
            plan, request.tasks, year=evaluation.latest_year, strict=request.strict
        )
        evaluation = replace(evaluation, tasks=checked)
    return evaluation, tuple(f"warning: {warning}" for warning in submission.warnings)


def check_unit(plan: Plan, unit: str, submitted: tuple[str, ...]) -> None:
    """``--unit`` names a unit of the submission; else the nearest one is suggested."""
    if unit in submitted:
        return
    import difflib

    close = difflib.get_close_matches(unit, list(submitted), n=1, cutoff=0.3)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise UserError(f"--unit {unit}: not a unit of the submission{hint} (units: "
                    f"{', '.join(submitted)})")  # fmt: skip


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused: a national file makes millions of small objects
    (cells, results, report lines) and no reference cycles, and the collector would walk all of
    them again and again (a third of the time of a 345k-row evaluation). Reference counting
    still frees everything; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def evaluate(request: EvaluateRequest) -> Outcome:
    """``plancheck evaluate``: 0 compliant, 1 not compliant."""
    from plancheck.report import render, slow_note

    with _collector_paused():
        evaluation, warnings = judge(request)
        report = render(request.format, "evaluation", evaluation, request.options)
    note = slow_note(request.format, len(evaluation.listed))
    warnings += (note,) if note else ()
    read = (*request.files, *filter(None, (request.reference, request.tasks)))
    return Outcome(report, 0 if evaluation.compliant else 1, warnings,
                   (*read, *plan_paths(request.plan)))  # fmt: skip


def listing(subject: str, plan: Path | None, fmt: str, options: Options) -> Outcome:
    """``plancheck indicators`` and ``plancheck tasks``: the plan's own lists."""
    from plancheck.report import render

    return Outcome(render(fmt, subject, load(plan), options), protected=plan_paths(plan))


def tasks_check(
    progress: Path,
    *,
    plan: Path | None,
    fmt: str,
    options: Options,
    as_of: str | None = None,
    strict: bool = False,
) -> Outcome:
    """``plancheck tasks check``: 0 compliant, 1 a blocking milestone (or anything, --strict)."""
    from plancheck.report import render
    from plancheck.tasks.checks import check_file

    checked = check_file(load(plan), progress, as_of=as_of, strict=strict)
    report = render(fmt, "taskcheck", checked, options)
    return Outcome(report, 0 if checked.compliant else 1,
                   protected=(progress, *plan_paths(plan)))  # fmt: skip


def template(
    *,
    plan: Path | None,
    fmt: str | None,
    output: Path | None,
    year: int | None,
    units: str | None,
    lang: str,
    force: bool,
) -> Outcome:
    """``plancheck template``: a blank submission; never replaces a file unless --force."""
    from plancheck.template import choose_format, parse_units, render

    check_year(year)
    if output is not None and output.is_file() and not force:
        raise UserError("exists already, and may be filled in; give --force to replace it", output)
    chosen = choose_format(fmt, str(output) if output else None)
    content = render(chosen, load(plan), year=year, units=parse_units(units), lang=lang)
    return Outcome(content, protected=plan_paths(plan))


def diff(old: Path, new: Path, *, plan: Path | None, fmt: str, options: Options) -> Outcome:
    """``plancheck diff``: 1 when an indicator newly fails."""
    from plancheck.evaluate.diff import diff as compare
    from plancheck.evaluate.engine import evaluate as engine
    from plancheck.report import render
    from plancheck.submission.read import read_submission

    loaded = load(plan)
    before = engine(loaded, read_submission([old], loaded))
    after = engine(loaded, read_submission([new], loaded))
    changes = compare(before, after)
    report = render(fmt, "diff", changes, options)
    return Outcome(report, 1 if changes.regressed else 0,
                   protected=(old, new, *plan_paths(plan)))  # fmt: skip


def validate(path: Path | None) -> Outcome:
    """``plancheck plan validate``: the plan's problems (exit 2) or one line; notes on stderr."""
    from plancheck.plan.consistency import TargetTextCheck
    from plancheck.plan.load import load_plan

    check = TargetTextCheck()
    try:
        loaded = load_plan(path, checks=[check])
    except UserErrors as errors:
        raise PlanProblems(errors.errors, tuple(check.notes)) from None
    summary = (f"{loaded.source}: valid plan, {len(loaded.indicators)} indicators, "
               f"{len(loaded.tasks)} tasks\n")  # fmt: skip
    return Outcome(summary, warnings=tuple(check.notes))


class PlanProblems(UserErrors):
    """A plan's problems, with the notes found before them (printed first)."""

    def __init__(self, errors: list[UserError], notes: tuple[str, ...]) -> None:
        super().__init__(errors)
        self.notes = notes

    def __str__(self) -> str:
        return "\n".join([*self.notes, super().__str__()])


def schema(which: str) -> Outcome:
    """``plancheck plan schema``: the JSON Schema of indicators.yaml or tasks.yaml."""
    import json

    from plancheck.plan.models import IndicatorsFile, TasksFile, validator

    model = IndicatorsFile if which == "indicators" else TasksFile
    found = validator(model).json_schema()
    found["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    found["title"] = f"plancheck {which}.yaml"
    return Outcome(json.dumps(found, ensure_ascii=False, indent=2) + "\n")


def import_plan(source: Path, output: Path, *, period: str | None, force: bool) -> Outcome:
    """``plancheck plan import``: draft a plan's YAML files; list what a person must check."""
    from plancheck.plan import importers
    from plancheck.plan.consistency import TargetTextCheck
    from plancheck.plan.load import load_plan

    years = importers.parse_period(period) if period else None
    imported = importers.import_plan(source, years)
    written = importers.write(imported, output, source, force=force)
    load_plan(output, checks=[TargetTextCheck()])  # the draft must validate as written
    indicators_count, tasks_count = imported.counts
    lines = [f"wrote {written[0]} ({indicators_count} indicators) and {written[1]} "
             f"({tasks_count} tasks) from {source}"]  # fmt: skip
    lines += [f"note: {note}" for note in imported.notes]
    todos = sum(1 for f in imported.findings if f.kind == "TODO")
    if imported.findings:
        lines.append(f"to do {todos}, to check {len(imported.findings) - todos}:")
    lines += [f"  {output / f.file}:{f.line}: {f.kind}: {f.message}" for f in imported.findings]
    lines.append(f"next: plancheck plan validate {output}")
    return Outcome("", messages=tuple(lines))


def init(folder: Path, *, period: str | None) -> Outcome:
    """``plancheck init``: a new plan folder that evaluates out of the box."""
    from plancheck.plan.importers import parse_period
    from plancheck.plan.importers.starter import write_starter

    years = parse_period(period) if period else None
    written = write_starter(folder, years)
    lines = [f"wrote {path}" for path in written]
    lines.append(f"next: plancheck evaluate {written[2]} --plan {folder}")
    return Outcome("", messages=tuple(lines))
