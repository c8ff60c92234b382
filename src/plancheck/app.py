"""What each command does, below the command line: one function per command.

The CLI (``cli.py``) turns arguments into a request, calls the function of its command, and
writes the ``Outcome`` — the report, the exit code, the warnings — where the user asked. Nothing
here reads ``sys.argv`` or writes to a terminal; everything the stages need is in the request:

    load plan → read submission → evaluate (one engine, every size) → join the task checks → report
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from plancheck import i18n
from plancheck.errors import UserError, UserErrors
from plancheck.i18n import say
from plancheck.record import record
from plancheck.report import Options, Report

if TYPE_CHECKING:
    from plancheck.evaluate.models import Evaluation
    from plancheck.plan.models import Plan
    from plancheck.submission.models import Submission

# Years a submission, a template or --year may speak of.
YEARS = range(1900, 2101)


@record
class Outcome:
    """A command's result: the report to write, the exit code, lines for stderr (warnings and
    notes, each saying which it is), and every path the command read or may not replace
    (``-o`` never names one of them)."""

    report: Report
    code: int = 0
    warnings: tuple[str, ...] = ()
    protected: tuple[Path, ...] = ()
    messages: tuple[str, ...] = ()  # lines for stdout after the report (plan import, init)


@record
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
    office: str | None = None  # --office: the issuing office a shared report names ("" none)
    date: str | None = None  # --date YYYY-MM-DD: the date a shared report bears


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
            say("app.plan_more", message=first.message, more=more, where=where),
            first.file,
            first.line,
            first.column,
        ) from None


def plan_paths(plan: Path | None) -> tuple[Path, ...]:
    """Every file of the plan, read or not: a report never replaces one — nor becomes one, so
    the tasks.yaml a plan does not have yet is among them (the next run would read a report
    written there as the plan's tasks)."""
    from plancheck.plan.load import TASKS_FILE, plan_files

    indicators, _ = plan_files(plan)
    return indicators, indicators.with_name(TASKS_FILE)


def check_year(year: int | None, option: str = "--year") -> None:
    if year is not None and year not in YEARS:
        raise UserError(say("app.not_a_year", option=option, year=year))


@record
class Reading:
    """What a request's files say, read and checked, before anything is judged."""

    plan: Plan
    submission: Submission
    references: dict[tuple[int, str], float] | None
    unit: str | None  # --unit, folded as unit cells are read
    warnings: tuple[str, ...]  # of the submission, then of the reference file


def read(request: EvaluateRequest) -> Reading:
    """The plan, the submission and the reference file of a request: every input error of
    ``evaluate`` but those of the progress file (exit 2), and nothing judged."""
    from plancheck.submission.read import read_references, read_submission
    from plancheck.submission.values import fold

    check_year(request.year)
    plan = load(request.plan, tasks=request.tasks is not None)  # tasks.yaml only with --tasks
    submission = read_submission(request.files, plan, request.year, sheet=request.sheet)
    official, warned = (
        read_references(request.reference, plan, request.year, _judged(plan, submission.years))
        if request.reference
        else (None, [])
    )
    if request.reference is not None and official is not None:
        warned = [*warned, *_unused_references(request.reference, official, submission.years)]
    unit = fold(request.unit) if request.unit is not None else None
    if unit is not None:
        check_unit(plan, unit, submission.units)
    return Reading(plan, submission, official, unit, (*submission.warnings, *warned))


def _judged(plan: Plan, years: tuple[int, ...]) -> tuple[int, ...]:
    """The years of a submission that are judged: those of the plan period and after (the
    years before it are baselines)."""
    return tuple(year for year in years if year >= plan.info.period.start)


def _unused_references(
    path: Path, official: dict[tuple[int, str], float], years: tuple[int, ...]
) -> list[str]:
    """A warning when --reference gives no figure for a year of the submission (a file of
    another year, or of empty cells): every relative target would be unknown, its reason asking
    for the --reference that was given, and nothing said of the file."""
    held = sorted({year for year, _ in official})
    if any(year in years for year in held):
        return []
    if not held:
        return [say("read.reference_empty", file=str(path))]
    listed = say("list").join(map(str, years))
    return [say("read.reference_unused", file=str(path), years=listed,
                held=say("list").join(map(str, held)))]  # fmt: skip


def judge(request: EvaluateRequest) -> tuple[Evaluation, tuple[str, ...]]:
    """The evaluation a request asks for, and the reading's warnings (as the reader says them:
    ``2023.csv:1:4: column 'x' is not used…``)."""
    from plancheck.evaluate.engine import evaluate

    reading = read(request)
    plan, submission = reading.plan, reading.submission
    evaluation = evaluate(plan, submission, strict=request.strict,
                          references=reading.references, unit=reading.unit)  # fmt: skip
    if request.only is not None:
        evaluation = replace(evaluation, only=request.only)
    if request.tasks is not None:
        from plancheck.tasks.checks import check_file

        checked = check_file(
            plan, request.tasks, year=evaluation.latest_year, strict=request.strict
        )
        evaluation = replace(evaluation, tasks=checked)
    return evaluation, reading.warnings


def check_unit(plan: Plan, unit: str, submitted: tuple[str, ...]) -> None:
    """``--unit`` names a unit of the submission; else the nearest one is suggested."""
    if unit in submitted:
        return
    import difflib

    # 0.6: 徐汇 finds 徐汇区; 长宁区 does not find 徐汇区 (only 区 in common)
    close = difflib.get_close_matches(unit, list(submitted), n=1, cutoff=0.6)
    hint = say("read.did_you_mean", hint=close[0]) if close else ""
    raise UserError(say("app.unit_not_submitted", unit=i18n.option_text(unit), hint=hint,
                        units=say("list").join(submitted)))  # fmt: skip


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


def _paused(report: Report) -> Report:
    """A report made as it is written keeps the collector paused while it is made."""
    from plancheck.report import Deferred

    if isinstance(report, str | bytes):
        return report
    if isinstance(report, Deferred):
        made = report.make

        def make() -> str | bytes:
            with _collector_paused():
                return made()

        return Deferred(make)

    def pieces() -> Iterator[str]:
        with _collector_paused():
            yield from report

    return pieces()


def evaluate(request: EvaluateRequest) -> Outcome:
    """``plancheck evaluate``: 0 compliant, 1 not compliant."""
    from plancheck.report import slow_note, stream, with_warnings

    day = report_day(request.date)
    options = replace(request.options, office=request.office, date=day)
    with _collector_paused():
        evaluation, said = judge(request)
        report = _paused(stream(request.format, "evaluation", evaluation, options))
    note = slow_note(request.format, len(evaluation.listed), options)
    warnings = (*(say("app.warning", warning=warning) for warning in said), *filter(None, [note]))
    read = (*request.files, *filter(None, (request.reference, request.tasks)))
    files = (*evaluation.files, *(str(p) for p in filter(None, [request.reference])))
    report = with_warnings(request.format, report, (*said, *filter(None, [note])), files, options)
    return Outcome(report, 0 if evaluation.compliant else 1, warnings,
                   (*read, *plan_paths(request.plan)))  # fmt: skip


def check(request: EvaluateRequest) -> Outcome:
    """``plancheck check``: 0 when the submission reads and could be judged, whatever the
    judgement; every input error of ``evaluate`` is exit 2 here too. Nothing is reported of
    compliance: the report says, per file, what was read."""
    from plancheck.evaluate.engine import evaluate as engine
    from plancheck.report import render
    from plancheck.submission.summary import summarise

    reading = read(request)
    # The engine refuses what reads but cannot be judged (only baseline years): so does check.
    engine(reading.plan, reading.submission, references=reading.references, unit=reading.unit)
    read_files = (*request.files, *filter(None, (request.reference,)))
    reference = tuple(str(p) for p in filter(None, (request.reference,)))
    summary = summarise(reading.plan, reading.submission, reading.warnings, reference)
    report = render(request.format, "check", summary, request.options)
    return Outcome(report, 0, protected=(*read_files, *plan_paths(request.plan)))


def report_day(text: str | None) -> dt.date | None:
    """``--date``: a day written YYYY-MM-DD, in 1900–2100."""
    if text is None:
        return None
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(say("app.not_a_date", text=i18n.option_text(text))) from None

    check_year(day.year, "--date")
    return day


def listing(subject: str, plan: Path | None, fmt: str, options: Options) -> Outcome:
    """``plancheck indicators`` and ``plancheck tasks``: the plan's own lists."""
    from plancheck.report import render

    loaded = load(plan)
    notes = (_no_tasks_note(loaded),) if subject == "tasks" and not loaded.tasks else ()
    return Outcome(render(fmt, subject, loaded, options), warnings=notes,
                   protected=plan_paths(plan))  # fmt: skip


def _no_tasks_note(plan: Plan) -> str:
    """Why ``plancheck tasks`` lists nothing, said of the plan's folder (no tasks.yaml there) or
    of its tasks.yaml (that lists none): a plan without tasks is valid, its list is empty."""
    from plancheck.plan.load import INDICATORS_FILE, TASKS_FILE

    listed = [f for f in plan.files if f.name == TASKS_FILE]
    if listed:
        return say("tasks.listing_lists_none", where=listed[0], tasks=TASKS_FILE)
    folder = plan.files[0].parent if plan.files else Path(plan.source)
    return say("tasks.listing_no_file", where=folder, tasks=TASKS_FILE, indicators=INDICATORS_FILE)


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
    chosen = choose_format(fmt, str(output) if output else None)  # -o's extension says it
    if output is not None:
        from plancheck.output import refuse_unreachable

        refuse_unreachable(output)  # asked whether it exists before it is written
    if output is not None and output.is_file() and not force:
        raise UserError(say("app.exists"), output)
    named: tuple[int, str] | None = None  # the year -o's name gives, and that name
    if output is not None:
        from plancheck.submission.read import year_from_name

        in_name = year_from_name(output)
        named = None if in_name is None else (in_name, output.name)
    if year is not None and named is not None and named[0] != year:
        # The cells' year would win over the name's in evaluate: a file that says two years.
        raise UserError(say("template.year_disagrees", year=year, named=named[0]), output)

    content = render(chosen, load(plan), year=year, units=parse_units(units), lang=lang,
                     named=named)  # fmt: skip
    return Outcome(content, protected=plan_paths(plan))


@record
class DiffRequest:
    files: list[Path]  # OLD NEW, or one file holding both years
    format: str = "table"
    options: Options = field(default_factory=Options)
    plan: Path | None = None
    years: tuple[int, ...] = ()  # --year, once or twice
    unit: str | None = None
    sheet: str | None = None


def diff(request: DiffRequest) -> Outcome:
    """``plancheck diff``: 1 when an indicator newly fails.

    Two files: each is evaluated on its own (``--year`` once: the year of both when they do not
    say it; twice: the year of each). One file: the file is evaluated as it stood in each of the
    two years (``--year A --year B``; default its two latest judged years), so the earlier year
    is judged as it was then, without the figures of the later one."""
    from plancheck.evaluate.diff import diff as compare
    from plancheck.evaluate.diff import two_years, up_to, without_figures
    from plancheck.evaluate.engine import evaluate as engine
    from plancheck.report import render
    from plancheck.submission.read import read_submission, same_file
    from plancheck.submission.values import fold

    files, years = request.files, request.years
    for year in years:
        check_year(year)
    if not 1 <= len(files) <= 2:
        raise UserError(say("diff.files"))
    if len(files) == 2 and same_file(*files):  # a typo: every indicator "unchanged", exit 0
        raise UserError(say("diff.same_file"), files[1])
    if len(years) > 2:
        raise UserError(say("diff.years_at_most_twice"))
    if len(files) == 1 and len(years) == 2 and years[0] == years[1]:  # two files: each's year
        raise UserError(say("diff.year_twice", year=years[0]))
    loaded = load(request.plan)
    unit = fold(request.unit) if request.unit is not None else None
    if len(files) == 2:
        old_year, new_year = (years * 2)[:2] if years else (None, None)
        sides = [read_submission([f], loaded, y, sheet=request.sheet)
                 for f, y in zip(files, (old_year, new_year), strict=True)]  # fmt: skip
    else:
        if len(years) == 1:
            raise UserError(say("diff.one_year", year=years[0]), files[0])
        whole = read_submission(files, loaded, sheet=request.sheet)
        first, second = two_years(loaded, whole, years)
        sides = [up_to(whole, first), up_to(whole, second)]
    only_in = None
    if unit is not None:
        every = tuple(dict.fromkeys(u for side in sides for u in side.units))
        check_unit(loaded, unit, every)  # a unit of neither side: the nearest one suggested

        # A unit on one side only is compared against an absent side, as the unfocused diff
        # compares it (the other side evaluated with the unit and no figures of it).
        has = [unit in side.units for side in sides]
        only_in = None if all(has) else ("old" if has[0] else "new")
        sides = [
            side if there else without_figures(side, unit)
            for side, there in zip(sides, has, strict=True)
        ]

    before, after = (engine(loaded, side, unit=unit) for side in sides)
    changes = compare(before, after, only_in)
    report = render(request.format, "diff", changes, request.options)
    return Outcome(report, 1 if changes.regressed else 0,
                   protected=(*files, *plan_paths(request.plan)))  # fmt: skip


def validate(path: Path | None) -> Outcome:
    """``plancheck plan validate``: the plan's problems (exit 2) or one line; notes on stderr."""
    from plancheck.plan.consistency import TargetTextCheck
    from plancheck.plan.load import load_plan

    check = TargetTextCheck()
    try:
        loaded = load_plan(path, checks=[check])
    except UserErrors as errors:
        raise PlanProblems(errors.errors, tuple(check.notes)) from None
    source = say("app.bundled_plan") if path is None else loaded.source
    summary = say("app.valid_plan", source=source, indicators=len(loaded.indicators),
                  tasks=len(loaded.tasks)) + "\n"  # fmt: skip

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

    from plancheck.plan.models import IndicatorsFile, TasksFile, json_schema

    model = IndicatorsFile if which == "indicators" else TasksFile
    found = json_schema(model, i18n.current())
    found["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    found["title"] = f"plancheck {which}.yaml"
    return Outcome(json.dumps(found, ensure_ascii=False, indent=2) + "\n")


def import_plan(
    source: Path,
    output: Path,
    *,
    period: str | None,
    force: bool,
    notes: Sequence[Path] = (),
) -> Outcome:
    """``plancheck plan import``: draft a plan's YAML files; list what a person must check."""
    from plancheck.plan import importers
    from plancheck.plan.consistency import TargetTextCheck
    from plancheck.plan.load import load_plan

    _refuse_file_name(output, "plancheck plan import")
    years = importers.parse_period(period) if period is not None else None
    imported = importers.import_plan(source, years, notes)

    def check(folder: Path) -> None:
        load_plan(folder, checks=[TargetTextCheck()])

    # The draft must validate as written, before it replaces anything (all or nothing).
    written = importers.write(imported, output, source, force=force, validate=check)
    indicators_count, tasks_count = imported.counts
    lines = [say("import.wrote", indicators=written[0], indicators_count=indicators_count,
                 tasks=written[1], tasks_count=tasks_count, source=source)]  # fmt: skip
    lines += [say("import.note", note=note) for note in imported.notes]
    todos = sum(1 for f in imported.findings if f.kind == "TODO")
    if imported.findings:
        lines.append(say("import.findings", todo=todos, check=len(imported.findings) - todos))
    lines += [f"  {output / f.file}:{f.line}: {f.kind}: {f.message}" for f in imported.findings]
    from plancheck.plan.importers.starter import shell_word

    lines.append(say("import.next", folder=shell_word(str(output))))
    return Outcome("", messages=tuple(lines))


def init(folder: Path, *, period: str | None, install: str | None = None) -> Outcome:
    """``plancheck init``: a new plan folder that evaluates out of the box."""
    from plancheck.plan.importers import parse_period
    from plancheck.plan.importers.starter import write_starter

    _refuse_file_name(folder, "plancheck init")
    _refuse_unsearchable(folder)

    years = parse_period(period) if period is not None else None
    written = write_starter(folder, years, install)
    lines = [say("init.wrote", path=path) for path in written]
    from plancheck.plan.importers.starter import shell_word

    lines.append(say("init.next", file=shell_word(str(written[2])), folder=shell_word(str(folder))))
    return Outcome("", messages=tuple(lines))


# What a file is named like, never a plan's folder (a folder so named, already there, is used).
_FILE_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".csv", ".xlsx", ".docx", ".txt", ".md"})


def _refuse_file_name(folder: Path, command: str) -> None:
    """A UserError for ``-o plan.yaml``: the command writes a folder of files, and a folder
    named like a file would leave indicators.yaml at plan.yaml/indicators.yaml unnoticed."""
    if folder.suffix.lower() in _FILE_SUFFIXES and not folder.exists():  # a file: said later
        suggest = folder.with_suffix("")
        raise UserError(say("app.folder_not_file", command=command, suggest=suggest), folder)


def _refuse_unsearchable(folder: Path) -> None:
    """A UserError when init could not look at ``folder`` (a folder on the way the user may not
    search) or not list it (a folder the user may not read), said before init asks whether it
    exists and is empty, which would raise."""
    import os
    import stat

    from plancheck.errors import os_reason
    from plancheck.i18n import say
    from plancheck.textfile import looked_up

    def refused(reason: str) -> UserError:
        return UserError(say("import.cannot_make_folder", reason=reason), folder)

    found = looked_up(folder, refused)
    if found is None or not stat.S_ISDIR(found.st_mode):
        return
    try:
        with os.scandir(folder) as entries:
            next(entries, None)
    except OSError as exc:
        raise UserError(say("init.cannot_read_folder", reason=os_reason(exc)), folder) from None
