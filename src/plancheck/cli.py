"""The command line: parse arguments, call the stages (load → read → evaluate → report), exit.

Exit codes: 0 compliant (or valid), 1 not compliant, 2 bad input or usage, 3 an internal error
(process.py). Every error is caught in one place, ``_Group.invoke``, and printed as one line on
stderr.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, get_args

import typer
from typer.core import TyperGroup

from plancheck import __version__
from plancheck.errors import UserError, UserErrors
from plancheck.report import FORMATS, choices
from plancheck.textfile import forget_files_read

if TYPE_CHECKING:
    from plancheck.plan.models import Plan


class _Group(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        """Run the command; every error is one line on stderr and its exit code (process.py)."""
        from plancheck.process import report_error

        if ctx.parent is None:
            forget_files_read()  # each command protects the files it reads (tests run many)
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:
            sys.exit(report_error(error))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Also refuse ``-o out/`` before the command runs: Path drops the "/" that says folder."""
        name, command, rest = super().resolve_command(ctx, args)
        raw = self._report_file_given(command, rest) if command is not None else None
        if raw is not None and raw != "-":
            from plancheck.output import refuse_folder_name

            refuse_folder_name(raw)
        return name, command, rest

    @staticmethod
    def _report_file_given(command: Any, args: list[str]) -> str | None:
        """The -o value in ``args`` as typed, when ``command`` writes a report file there."""
        options = {
            name: param
            for param in command.params
            if param.param_type_name == "option"
            for name in (*param.opts, *param.secondary_opts)
        }
        report_help = get_args(OutputOption)[1].help
        found: str | None = None
        position = 0
        while position < len(args):
            token = args[position]
            position += 1
            if token == "--":
                break
            if not token.startswith("-") or token == "-":
                if hasattr(command, "commands"):
                    break  # a group's own options come before its subcommand
                continue
            name, equals, value = token.partition("=")
            if not token.startswith("--") and name[:2] in options and len(name) > 2:
                name, equals, value = token[:2], "=", token[2:]  # -oFILE
            param = options.get(name)
            if param is None or param.is_flag or param.count:
                continue
            if not equals:
                value = args[position] if position < len(args) else ""
                position += 1
            if param.name == "output" and param.help == report_help:
                found = value  # given twice: the last one counts, as for click
        return found


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Check a government plan's indicators against the year's actual figures.",
)
plan_app = typer.Typer(cls=_Group, no_args_is_help=True, help="Check and describe plan files.")
app.add_typer(plan_app, name="plan")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"plancheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """plancheck: is each indicator of the plan met, failed, behind schedule, or unknown — and why."""


# --- shared options -------------------------------------------------------------------------

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="A plan folder (indicators.yaml, tasks.yaml) or indicators file. "
        "Default: the bundled Xuhui District plan.",
        readable=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to FILE (atomically); - is stdout."),
]
Lang = Enum("Lang", {"en": "en", "zh": "zh"}, type=str)
LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Report language. Default: from LANG (zh_* gives Chinese)."),
]


def _formats(subject: str) -> Any:
    """The --format choices of a command, straight from the report registry."""
    names = choices(subject)
    return Enum(f"{subject.title()}Format", {n: n for n in names}, type=str)


def _format_option(subject: str) -> Any:
    described = "; ".join(f"{n}: {FORMATS[n].help}" for n in choices(subject))
    return typer.Option("--format", "-f", help=described)


if TYPE_CHECKING:  # the checker sees strings; typer sees the registry's choices
    EvaluationFormat: TypeAlias = str
    IndicatorsFormat: TypeAlias = str
    TasksFormat: TypeAlias = str
    TaskcheckFormat: TypeAlias = str
else:
    EvaluationFormat = _formats("evaluation")
    IndicatorsFormat = _formats("indicators")
    TasksFormat = _formats("tasks")
    TaskcheckFormat = _formats("taskcheck")


def _lang(lang: Any) -> str:
    if lang is not None:
        return str(lang.value)
    env = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "zh" if env.lower().startswith("zh") else "en"


def _file(output: Path | None) -> Path | None:
    """The report's file, or None for standard output (no -o, or "-o -")."""
    return None if output is None or str(output) == "-" else output


def _emit(text: str | bytes, output: Path | None, inputs: list[Path]) -> None:
    """Write the report to stdout or -o FILE; never over ``inputs`` or any file read (output.py)."""
    output = _file(output)
    if output is None:
        from plancheck.process import write_stdout

        if isinstance(text, bytes) and sys.stdout.isatty():
            raise UserError("a binary file (xlsx) is not for the terminal: give -o FILE")
        write_stdout(text)
        return
    from plancheck.output import write_report

    write_report(text, output, inputs)


def _render(fmt: Any, subject: str, obj: object, lang: Any, output: Path | None) -> str:
    from plancheck.report import Options, render

    fmt = str(fmt.value)
    terminal = _file(output) is None and sys.stdout.isatty()
    color = terminal and "NO_COLOR" not in os.environ and fmt == "table"
    width = _terminal_width() if terminal else 100
    return render(fmt, subject, obj, Options(lang=_lang(lang), color=color, width=width))


def _terminal_width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((100, 24)).columns)


def _load(plan: Path | None, *, tasks: bool = True) -> Plan:
    from plancheck.plan.load import load_plan

    try:
        return load_plan(plan, tasks=tasks)
    except UserErrors as errors:  # one line here; 'plan validate' lists them all
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


# --- commands -------------------------------------------------------------------------------


@app.command()
def evaluate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files (CSV, YAML or xlsx).", metavar="FILE", readable=False
        ),
    ],
    plan: PlanOption = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="The year, when the file does not say it.")
    ] = None,
    fmt: Annotated[EvaluationFormat, _format_option("evaluation")] = "table",
    output: OutputOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Not compliant unless every indicator passes.")
    ] = False,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Report on this unit; all units inform peers.")
    ] = None,
    reference: Annotated[
        Path | None,
        typer.Option(
            "--reference",
            help="Official reference values (e.g. city averages), CSV/YAML.",
            readable=False,
        ),
    ] = None,
    lang: LangOption = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The sheet of .xlsx files (default: the first).")
    ] = None,
    progress: Annotated[
        Path | None,
        typer.Option(
            "--tasks",
            help="A progress report on the plan's tasks (YAML/CSV): adds a tasks section; "
            "see 'plancheck tasks check'.",
            readable=False,
        ),
    ] = None,
) -> None:
    """Judge a submission's figures against the plan; exit 0 compliant, 1 not, 2 bad input."""
    from plancheck.evaluate.engine import evaluate as judge
    from plancheck.submission.read import read_references, read_submission
    from plancheck.submission.values import fold

    unit = fold(unit) if unit is not None else None  # as the file's unit cells are read
    loaded = _load(plan, tasks=progress is not None)  # tasks.yaml only with --tasks
    submission = read_submission(files, loaded, year, sheet=sheet)
    for warning in submission.warnings:
        typer.echo(f"warning: {warning}", err=True)
    official = read_references(reference, loaded, year) if reference else None
    evaluation = judge(loaded, submission, strict=strict, references=official, unit=unit)
    if progress is not None:
        from dataclasses import replace

        from plancheck.tasks.checks import check_file

        checked = check_file(loaded, progress, year=evaluation.latest_year, strict=strict)
        evaluation = replace(evaluation, tasks=checked)
    inputs = [*files, *([reference] if reference else []), *([progress] if progress else [])]
    _emit(_render(fmt, "evaluation", evaluation, lang, output), output, inputs)
    raise typer.Exit(0 if evaluation.compliant else 1)


@app.command()
def indicators(
    plan: PlanOption = None,
    fmt: Annotated[IndicatorsFormat, _format_option("indicators")] = "table",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """List the plan's indicators with their targets."""
    _emit(_render(fmt, "indicators", _load(plan), lang, output), output, [])


tasks_app = typer.Typer(
    cls=_Group, help="List the plan's tasks; 'tasks check' checks a progress report on them."
)
app.add_typer(tasks_app, name="tasks")


@tasks_app.callback(invoke_without_command=True)
def tasks(
    ctx: typer.Context,
    plan: PlanOption = None,
    fmt: Annotated[TasksFormat, _format_option("tasks")] = "table",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """List the plan's tasks with their milestones; 'tasks check PROGRESS' checks progress."""
    if ctx.invoked_subcommand is None:
        _emit(_render(fmt, "tasks", _load(plan), lang, output), output, [])


@tasks_app.command("check")
def tasks_check(
    progress: Annotated[
        Path, typer.Argument(help="A progress report on the tasks (YAML or CSV).", readable=False)
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The date the report speaks for (YYYY-MM-DD) when the file has no as_of. "
            "Default: 31 December of the report's year.",
        ),
    ] = None,
    fmt: Annotated[TaskcheckFormat, _format_option("taskcheck")] = "table",
    output: OutputOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Not compliant when anything is overdue, inconsistent or unreported "
            "(default: only binding milestones overdue).",
        ),
    ] = False,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Check a progress report on the plan's tasks; exit 0 compliant, 1 not, 2 bad input."""
    from plancheck.tasks.checks import check_file

    checked = check_file(_load(plan), progress, as_of=as_of, strict=strict)
    _emit(_render(fmt, "taskcheck", checked, lang, output), output, [progress])
    raise typer.Exit(0 if checked.compliant else 1)


if TYPE_CHECKING:
    TemplateFormat = str
    DiffFormat = str
else:
    TemplateFormat = Enum("TemplateFormat", {n: n for n in ("csv", "yaml", "xlsx")}, type=str)
    DiffFormat = _formats("diff")


@app.command()
def template(
    plan: PlanOption = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="The year of the figures (written in).")
    ] = None,
    fmt: Annotated[
        TemplateFormat | None,
        typer.Option("--format", "-f", help="csv, yaml or xlsx. Default: from -o's extension."),
    ] = None,
    units: Annotated[
        str | None,
        typer.Option("--units", help="Units to list, comma-separated: 徐汇区,长宁区."),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it exists (it may be filled in).")
    ] = False,
) -> None:
    """Print a blank submission to fill in and pass to evaluate: every indicator, value empty."""
    from plancheck.template import choose_format, parse_units, render

    output = _file(output)
    if output is not None and output.is_file() and not force:
        raise UserError("exists already, and may be filled in; give --force to replace it", output)
    name = str(getattr(fmt, "value", fmt)) if fmt is not None else None
    chosen = choose_format(name, str(output) if output else None)
    content = render(chosen, _load(plan), year=year, units=parse_units(units), lang=_lang(lang))
    _emit(content, output, [])


@app.command()
def diff(
    old: Annotated[
        Path, typer.Argument(help="The earlier submission (e.g. 2022.csv).", readable=False)
    ],
    new: Annotated[
        Path, typer.Argument(help="The later submission (e.g. 2023.csv).", readable=False)
    ],
    plan: PlanOption = None,
    fmt: Annotated[DiffFormat, _format_option("diff")] = "table",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Compare two submissions: per indicator the value and status change; exit 1 if one newly fails."""
    from plancheck.evaluate.diff import diff as compare
    from plancheck.evaluate.engine import evaluate as judge
    from plancheck.submission.read import read_submission

    loaded = _load(plan)
    before = judge(loaded, read_submission([old], loaded))
    after = judge(loaded, read_submission([new], loaded))
    changes = compare(before, after)
    _emit(_render(fmt, "diff", changes, lang, output), output, [old, new])
    raise typer.Exit(1 if changes.regressed else 0)


@plan_app.command("validate")
def plan_validate(
    path: Annotated[
        Path | None,
        typer.Argument(help="Plan folder or indicators.yaml (default: bundled).", readable=False),
    ] = None,
) -> None:
    """Check a plan's YAML files; print every problem as file:line:column: message.

    Also checks that each machine target says what its target_text says; target texts the
    phrase parser does not know are printed as notes (on stderr), not errors.
    """
    from plancheck.plan.consistency import TargetTextCheck
    from plancheck.plan.load import load_plan

    check = TargetTextCheck()
    try:
        loaded = load_plan(path, checks=[check])
    finally:
        for note in check.notes:
            typer.echo(note, err=True)
    typer.echo(
        f"{loaded.source}: valid plan, {len(loaded.indicators)} indicators, "
        f"{len(loaded.tasks)} tasks"
    )


SchemaFile = Enum("SchemaFile", {"indicators": "indicators", "tasks": "tasks"}, type=str)


@plan_app.command("schema")
def plan_schema(
    which: Annotated[
        SchemaFile, typer.Argument(help="Which file's schema to print.")
    ] = "indicators",  # type: ignore[assignment]
) -> None:
    """Print the JSON Schema of indicators.yaml (or tasks.yaml) for editors."""
    import json

    from plancheck.plan.models import IndicatorsFile, TasksFile

    model = IndicatorsFile if which.value == "indicators" else TasksFile
    from plancheck.plan.models import validator

    schema = validator(model).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"plancheck {which.value}.yaml"
    typer.echo(json.dumps(schema, ensure_ascii=False, indent=2))


PeriodOption = Annotated[
    str | None,
    typer.Option("--period", help="The plan's years, e.g. 2021-2025, when the text does not say."),
]


@plan_app.command("import")
def plan_import(
    source: Annotated[
        Path, typer.Argument(help="The plan: .docx, .xlsx, .csv or text.", readable=False)
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for indicators.yaml and tasks.yaml.")
    ],
    period: PeriodOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite indicators.yaml/tasks.yaml in the folder.")
    ] = False,
) -> None:
    """Draft a plan's YAML files from its document; list what a person must check."""
    from plancheck.plan import importers
    from plancheck.plan.consistency import TargetTextCheck
    from plancheck.plan.load import load_plan

    years = importers.parse_period(period) if period else None
    imported = importers.import_plan(source, years)
    written = importers.write(imported, output, source, force=force)
    load_plan(output, checks=[TargetTextCheck()])  # the draft must validate as written
    indicators_count, tasks_count = imported.counts
    typer.echo(
        f"wrote {written[0]} ({indicators_count} indicators) and {written[1]} "
        f"({tasks_count} tasks) from {source}"
    )
    for note in imported.notes:
        typer.echo(f"note: {note}")
    todos = sum(1 for f in imported.findings if f.kind == "TODO")
    if imported.findings:
        typer.echo(f"to do {todos}, to check {len(imported.findings) - todos}:")
    for finding in imported.findings:
        typer.echo(f"  {output / finding.file}:{finding.line}: {finding.kind}: {finding.message}")
    typer.echo(f"next: plancheck plan validate {output}")


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="A new or empty folder for the plan.")],
    period: PeriodOption = None,
) -> None:
    """Start a plan from scratch: indicators.yaml, tasks.yaml, a sample submission, a CI job."""
    from plancheck.plan.importers import parse_period
    from plancheck.plan.importers.starter import write_starter

    years = parse_period(period) if period else None
    written = write_starter(folder, years)
    for path in written:
        typer.echo(f"wrote {path}")
    typer.echo(f"next: plancheck evaluate {written[2]} --plan {folder}")


def main() -> None:
    # pydantic looks for plugins by reading every installed package's entry points the first
    # time a model is validated: ~25 ms of each run. plancheck uses none (typer turns them off
    # for its own validators too); a user who sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    from plancheck.process import run

    # Not standalone: click would say a usage error in four lines and a broken pipe as exit 1.
    run(lambda: app(standalone_mode=False, prog_name="plancheck"))
