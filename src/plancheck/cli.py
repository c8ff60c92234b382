"""The command line: parse arguments, call the stages (load → read → evaluate → report), exit.

Exit codes: 0 compliant (or valid), 1 not compliant, 2 bad input or usage, 3 an internal error
(process.py). Every error is caught in one place, ``_Group.invoke``, and printed as one line on
stderr; input errors also in the report, when the command's format shows them (``-f github``,
``-f junit``: ``report.render_error``).
"""

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, get_args

import typer
from typer.core import TyperGroup

from plancheck import __version__
from plancheck.app import Outcome
from plancheck.errors import UserError, UserErrors
from plancheck.record import record
from plancheck.report import FORMATS, Options, choices
from plancheck.textfile import forget_files_read

if TYPE_CHECKING:
    from plancheck.report import Report


class _Group(TyperGroup):
    def main(self, args: Any = None, *more: Any, **options: Any) -> Any:
        """Run with the language of the command line (--lang, else LANG) set for all it says:
        errors found while reading files, warnings and --help (i18n.py, help_zh.py)."""
        from plancheck import i18n

        given = sys.argv[1:] if args is None else [args] if isinstance(args, str) else list(args)
        previous = i18n.set_lang(i18n.from_arguments(given, os.environ))
        # Taken out below, wherever they stand: kept to be refused as any option given twice
        _LANGS_GIVEN[:] = i18n.langs_given(given)
        # The language is set for the whole run here, so a --lang en|zh is taken out wherever it
        # stands: `plancheck --lang zh evaluate …`, `plancheck plan --help --lang zh` (the groups
        # take no --lang of their own). A value it does not know is left for click to refuse.
        args = i18n.without_lang(given)
        args = self._lang_to_its_command(args)
        try:
            if i18n.current() != "zh":
                if (
                    args
                    and not any(arg in ("--help", "-h") for arg in args)
                    and not self._group_alone(args)
                ):
                    return super().main(args, *more, **options)
                from plancheck.help_zh import english_help  # a help page is printed

                with english_help(self):
                    return super().main(args, *more, **options)
            from plancheck.help_zh import chinese_help, translate

            translate(self)
            with chinese_help():
                return super().main(args, *more, **options)
        finally:
            i18n.set_lang(previous)

    def _group_alone(self, args: list[str]) -> bool:
        """Do the arguments name a group and nothing more (``plancheck plan``), whose help is
        then printed: laid out as ``--help`` lays it out, each command's line its first clause."""
        command: Any = self
        for token in args:
            commands = getattr(command, "commands", None)
            if commands is None or (command := commands.get(token)) is None:
                return False
        return getattr(command, "no_args_is_help", False) and hasattr(command, "commands")

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._options_to_its_command(args))

    def _options_to_its_command(self, args: list[str]) -> list[str]:
        """The options a group shares with its command, given before the command's name
        (``plancheck tasks --plan P check PROGRESS``, ``tasks -f json check …``), moved after
        it: the command reads them, as it reads a --lang wherever it stands. Left to the
        group, the group's own --plan, --format and --output were taken and the command run
        without them — the bundled plan checked, the report on the terminal — saying nothing."""
        own = {name: param for param in self.params if param.param_type_name == "option"
               for name in (*param.opts, *param.secondary_opts)}  # fmt: skip
        spans: list[tuple[str, list[str]]] = []  # each option before the command: name, tokens
        position = 0
        while position < len(args):
            token = args[position]
            if token == "--" or token == "-" or not token.startswith("-"):
                break
            name = token.partition("=")[0] if token.startswith("--") else token[:2]
            param: Any = own.get(name)
            if param is None:
                return args  # not the group's: click says so
            takes = not param.is_flag and not param.count
            taken = 2 if takes and token == name else 1  # -o FILE; --plan=P, -fjson are one
            if position + taken > len(args):
                return args  # an option without its value: click says so
            spans.append((name, args[position : position + taken]))
            position += taken
        commands: Any = getattr(self, "commands", {})
        command = commands.get(args[position]) if spans and position < len(args) else None
        if command is None or hasattr(command, "commands"):
            return args
        theirs = {name for param in command.params if param.param_type_name == "option"
                  for name in (*param.opts, *param.secondary_opts)} - {"--help", "-h"}  # fmt: skip
        stay = [token for name, tokens in spans if name not in theirs for token in tokens]
        moved = [token for name, tokens in spans if name in theirs for token in tokens]
        if not moved:
            return args
        return [*stay, args[position], *moved, *args[position + 1 :]]

    def _lang_to_its_command(self, args: list[str]) -> list[str]:
        """A --lang left (its value no language) before the command, ``plancheck --lang fr
        evaluate``, moved after it: the command's --lang refuses the value (``plancheck evaluate:
        Invalid value for '--lang'``), not the group as an option it does not have."""
        commands: Any = self.commands
        for position, token in enumerate(args):
            if token == "--":
                return args
            if not token.startswith("-"):
                commands = getattr(commands.get(token), "commands", None)  # plan, tasks
                if commands is None:
                    return args  # the command: it reads its own --lang
                continue
            if token.partition("=")[0] == "--lang":
                taken = 1 if "=" in token or position + 1 == len(args) else 2
                rest = [*args[:position], *args[position + taken :]]
                end = rest.index("--") if "--" in rest else len(rest)
                return [*rest[:end], *args[position : position + taken], *rest[end:]]
        return args

    def invoke(self, ctx: Any) -> Any:
        """Run the command; every error is one line on stderr and its exit code (process.py)."""
        from plancheck.process import report_error

        if ctx.parent is None:
            forget_files_read()  # each command protects the files it reads (tests run many)
            _ERRORS_AS.clear()
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:
            self._in_command(error, ctx)
            code = report_error(error)  # one line on stderr for each problem, always
            if isinstance(error, UserError):
                _input_errors_in_format(error)
            sys.exit(code)

    def _in_command(self, error: Exception, ctx: Any) -> None:
        """A usage error click's parser found in a command's arguments (``--year`` without its
        value, ``--strict=yes``) comes without the command's context: give it that, so that it
        is said as every usage error is, ``plancheck evaluate: … (see 'plancheck evaluate
        --help')``, not as the program's."""
        name = ctx.invoked_subcommand
        if name is None or getattr(error, "ctx", False) is not None:
            return  # not a usage error, one that names its command, or the group's own
        command = self.get_command(ctx, name)
        if command is not None:
            usage: Any = error  # click's UsageError, whose context names the command
            usage.ctx = command.context_class(command, info_name=name, parent=ctx)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Also refuse ``-o out/`` before the command runs: Path drops the "/" that says folder;
        and an option of one value given twice with two values, which click would take as the
        last alone: ``diff --unit A --unit B`` compared B, and said nothing of A."""
        name, command, rest = super().resolve_command(ctx, args)
        given, positional = self._given(command, rest) if command is not None else ([], [])
        self._refuse_twice(command, name, ctx, [*self._langs(command), *given])
        self._refuse_empty_paths(command, name, ctx, given)
        self._refuse_empty_arguments(command, name, ctx, positional)
        from plancheck.i18n import HELP

        # -o as a report file (not plan import's folder): its help, in English or translated
        report_help = (get_args(OutputOption)[1].help, HELP["--output"])
        outputs = [(value, param.help in report_help) for param, _, value in given
                   if param.name == "output"]  # fmt: skip
        output = outputs[-1] if outputs else None
        if output is not None and output[1] and output[0] != "-":
            from plancheck.output import refuse_folder_name

            refuse_folder_name(output[0])
        elif output is not None and not output[0]:  # plan import's folder: Path('') is "."
            from plancheck.i18n import say

            raise UserError(say("import.empty_folder_name"))
        return name, command, rest

    @staticmethod
    def _langs(command: Any) -> list[tuple[Any, str, str]]:
        """The --lang en|zh the run's language was read from (``main`` takes them out of the
        arguments, wherever they stood), as ``_given`` gives an option: the command's
        own --lang, once the command (not a group) is known."""
        if command is None or hasattr(command, "commands") or not _LANGS_GIVEN:
            return []
        param = next((p for p in command.params if p.name == "lang"), None)
        return [] if param is None else [(param, "--lang", value) for value in _LANGS_GIVEN]

    @staticmethod
    def _refuse_empty_paths(
        command: Any, name: Any, ctx: Any, given: list[tuple[Any, str, str]]
    ) -> None:
        """A usage error for a file option given an empty name (``--plan ""``, an unset shell
        variable): ``Path("")`` is the current folder, whose plan would be read unasked. -o says
        so of itself (``output.empty_name``)."""
        for param, typed, value in given:
            if value == "" and param.name in _FILE_OPTIONS:
                from plancheck.i18n import say

                usage = next(k for k in typer.BadParameter.__mro__ if k.__name__ == "UsageError")
                raise usage(
                    say("cli.empty_path", name=typed),
                    ctx=command.context_class(command, info_name=name, parent=ctx),
                )

    @staticmethod
    def _refuse_empty_arguments(command: Any, name: Any, ctx: Any, positional: list[str]) -> None:
        """A usage error for a file argument given an empty name (``plan validate ""``,
        ``evaluate "$FILE"`` with FILE unset): ``Path("")`` is the current folder, whose plan or
        files would be read unasked, as for an empty ``--plan ""``."""
        if "" not in positional:
            return
        from plancheck.i18n import say

        usage = next(k for k in typer.BadParameter.__mro__ if k.__name__ == "UsageError")
        context = command.context_class(command, info_name=name, parent=ctx)
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        if not arguments:  # indicators '', template '': click would say "extra argument(s) ()"
            import shlex

            key = "usage.extra_arguments" if len(positional) == 1 else "usage.extra_arguments_many"
            raise usage(say(key, arguments=" ".join(map(shlex.quote, positional))), ctx=context)
        if not any(p.name in _FILE_ARGUMENTS for p in arguments):
            return  # init says so of itself; plan schema's choice is click's to refuse
        number = positional.index("") + 1
        raise usage(say("cli.empty_argument", number=number), ctx=context)

    @staticmethod
    def _refuse_twice(command: Any, name: Any, ctx: Any, given: list[tuple[Any, str, str]]) -> None:
        """A usage error for an option of one value given twice with different values (the
        same value twice is that value: a command line built from pieces may repeat one; so is
        the same file named two ways, ``--plan pl --plan ./pl``)."""
        first: dict[str, str] = {}
        for param, typed, value in given:
            if param.multiple:
                continue
            if param.name in first and not _same_value(param.name, first[param.name], value):
                from plancheck.i18n import say

                # click's UsageError (typer's own copy of click in newer versions): the base of
                # BadParameter, said as every usage error is, with its command and its help
                usage = next(k for k in typer.BadParameter.__mro__ if k.__name__ == "UsageError")
                raise usage(
                    say("cli.option_twice", name=typed, first=first[param.name], second=value),
                    ctx=command.context_class(command, info_name=name, parent=ctx),
                )
            first.setdefault(param.name, value)

    @staticmethod
    def _given(command: Any, args: list[str]) -> tuple[list[tuple[Any, str, str]], list[str]]:
        """Each option of ``command`` in ``args`` that takes a value: its parameter, its name as
        typed and its value as typed, in order (flags and counts take none); and the arguments
        that are no option's, as typed, in order (a group's: none; none either after an option
        the command does not have, --help among them: click says so, or prints the help)."""
        options = {
            name: param
            for param in command.params
            if param.param_type_name == "option"
            for name in (*param.opts, *param.secondary_opts)
        }
        found: list[tuple[Any, str, str]] = []
        positional: list[str] = []
        unknown = False
        position = 0
        while position < len(args):
            token = args[position]
            position += 1
            if token == "--":
                if not hasattr(command, "commands"):
                    positional.extend(args[position:])
                break
            if not token.startswith("-") or token == "-":
                if hasattr(command, "commands"):
                    break  # a group's own options come before its subcommand
                positional.append(token)
                continue
            if token.startswith("--"):
                name, equals, value = token.partition("=")
            elif len(token) > 2:  # -oFILE; -o=FILE is the file "=FILE", as click reads it
                name, equals, value = token[:2], "=", token[2:]
            else:
                name, equals, value = token, "", ""
            param = options.get(name)
            unknown = unknown or param is None
            if param is None or param.is_flag or param.count:
                continue
            if not equals:
                if position == len(args):
                    break  # an option at the end, without its value: click says so
                value = args[position]
                position += 1
            found.append((param, name, value))
        return found, [] if unknown else positional


def _same_value(name: str, first: str, second: str) -> bool:
    """Two values of one option that are one: the same text, or, for a file or folder, two
    names of it (``pl`` and ``./pl``, ``pl/``, a symbolic link to it; a plan's folder and its
    indicators.yaml)."""
    if first == second:
        return True
    if name not in _FILE_OPTIONS | {"output"} or not first or not second or "-" in (first, second):
        return False
    try:
        if name == "plan":
            from plancheck.plan.load import INDICATORS_FILE

            first, second = (os.path.join(v, INDICATORS_FILE) if os.path.isdir(v) else v
                             for v in (first, second))  # fmt: skip
        if os.path.exists(first) and os.path.exists(second):
            return os.path.samefile(first, second)
        return Path(first).resolve() == Path(second).resolve()
    except (OSError, RuntimeError, ValueError):  # a name the system cannot resolve: two values
        return False


@record
class _ErrorsAs:
    """The report a command was asked for, so that its input errors are written there too:
    ``-f github`` annotations on stdout, ``-f junit -o FILE`` a report with an ``input`` case."""

    format: str
    output: Path | None
    options: Options
    inputs: Callable[[], list[Path]]  # every file the command reads: never written over


def _errors_as(fmt: str, output: Path | None, options: Options, *inputs: Path | None,
               plan: Path | None = None) -> None:  # fmt: skip
    """Say how the running command's input errors are reported (before it reads anything)."""

    def protected() -> list[Path]:
        from plancheck.app import plan_paths

        given = [p for p in inputs if p is not None]
        try:
            return [*given, *plan_paths(plan)]
        except UserError:  # a plan that is not there: nothing of it to write over but its name
            return [*given, *([plan] if plan is not None else [])]

    _ERRORS_AS[:] = [_ErrorsAs(fmt, output, options, protected)]


# The options that name a file or folder read (-o says of itself that its name is empty).
_FILE_OPTIONS = frozenset({"plan", "reference", "progress"})  # progress: --tasks
# The arguments that name a file or folder read: an empty one is refused (init says so itself).
_FILE_ARGUMENTS = frozenset({"files", "path", "source", "notes", "progress"})

# How the running command shows its input errors (set by the command, cleared for each run).
_ERRORS_AS: list[_ErrorsAs] = []
_LANGS_GIVEN: list[str] = []  # the run's --lang values, in order (_Group.main)


def _input_errors_in_format(error: UserError) -> None:
    """The input errors in the command's report format, when it has a way to show them (the CI
    formats): the same place as a report; a failure to write it is said, and the exit stays 2."""
    from plancheck.process import report_error
    from plancheck.report import render_error

    if not _ERRORS_AS:
        return
    target = _ERRORS_AS[0]
    errors = error.errors if isinstance(error, UserErrors) else [error]
    try:
        shown = render_error(target.format, errors, target.options)
        if shown is not None:
            _emit(shown, target.output, target.inputs())
    except Exception as again:
        if str(again) != str(error):  # -o over an input: refused once, said once
            report_error(again)


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


Lang = Enum("Lang", {"en": "en", "zh": "zh"}, type=str)
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="The language of reports, errors, warnings and help. "
        "Default: from LC_ALL, LC_MESSAGES or LANG (zh_* gives Chinese).",
    ),
]


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
Only = Enum("Only", {"failing": "failing", "binding": "binding"}, type=str)
YearOption = Annotated[
    int | None, typer.Option("--year", "-y", help="The year, when the file does not say it.")
]
SheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        help="The sheet of .xlsx files (default: the active tab, or the first visible sheet).",
    ),
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
    CheckFormat: TypeAlias = str
    IndicatorsFormat: TypeAlias = str
    TasksFormat: TypeAlias = str
    TaskcheckFormat: TypeAlias = str
else:
    EvaluationFormat = _formats("evaluation")
    CheckFormat = _formats("check")
    IndicatorsFormat = _formats("indicators")
    TasksFormat = _formats("tasks")
    TaskcheckFormat = _formats("taskcheck")


def _lang(lang: Any) -> str:
    """The report's language: the command's --lang, else the run's (a --lang before the
    command, or LANG), set by ``_Group.main``."""
    from plancheck.i18n import current

    return str(lang.value) if lang is not None else current()


def _file(output: Path | None) -> Path | None:
    """The report's file, or None for standard output (no -o, or "-o -")."""
    return None if output is None or str(output) == "-" else output


def _emit(text: "Report", output: Path | None, inputs: list[Path]) -> None:
    """Write the report to stdout or -o FILE; never over ``inputs`` or any file read (output.py).
    A deferred report is made now, after the warnings (a slow format's note) are on stderr."""
    from plancheck.report import made

    text = made(text)
    output = _file(output)
    if output is None:
        from plancheck.process import write_stdout

        if isinstance(text, bytes) and sys.stdout.isatty():
            from plancheck.i18n import say

            raise UserError(say("output.binary_terminal"))

        write_stdout(text)
        return
    from plancheck.output import write_report

    write_report(text, output, inputs)


def _options(fmt: str, lang: Any, output: Path | None) -> Options:
    """How a report is laid out: the language, and colour and width on a terminal."""
    terminal = _file(output) is None and sys.stdout.isatty()
    # No colour with NO_COLOR, or on a terminal that shows none (TERM=dumb: an editor's shell,
    # some CI logs), where its escape sequences would be printed as text.
    plain = "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"
    color = terminal and not plain and fmt == "table"
    width = _terminal_width() if terminal else 100
    return Options(lang=_lang(lang), color=color, width=width)


def _terminal_width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((100, 24)).columns)


def _value(choice: Any) -> str:
    return str(getattr(choice, "value", choice))


def _chosen(ctx: typer.Context, subject: str, fmt: Any, output: Path | None) -> str:
    """The report's format: -f as typed, else the one -o's extension names, else the table
    (the option's default, shown in --help)."""
    from plancheck.report import chosen

    typed = ctx.get_parameter_source("fmt")
    given = typed is not None and typed.name not in ("DEFAULT", "DEFAULT_MAP")
    return chosen(subject, _value(fmt) if given else None, None if output is None else str(output))


def _finish(outcome: Outcome, output: Path | None = None) -> None:
    """Warnings on stderr, the report where the user asked, then the exit code."""
    from plancheck.safetext import one_line

    for warning in outcome.warnings:
        typer.echo(one_line(warning), err=True)
    if outcome.report:
        _emit(outcome.report, output, list(outcome.protected))
    for message in outcome.messages:  # a folder's name is the user's: never a second line
        typer.echo(one_line(message))
    raise typer.Exit(outcome.code)


# --- commands -------------------------------------------------------------------------------


@app.command()
def evaluate(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files (CSV, YAML or xlsx).", metavar="FILE", readable=False
        ),
    ],
    plan: PlanOption = None,
    year: YearOption = None,
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
    sheet: SheetOption = None,
    progress: Annotated[
        Path | None,
        typer.Option(
            "--tasks",
            help="A progress report on the plan's tasks (YAML, CSV or xlsx): adds a tasks section; "
            "see 'plancheck tasks check'.",
            readable=False,
        ),
    ] = None,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            help="The table format for several units or years: every result, not the compact "
            "matrix and summary.",
        ),
    ] = False,
    office: Annotated[
        str | None,
        typer.Option(
            "--office",
            help="The issuing office a shared report (docx, html, markdown) names. "
            "Default: the plan's office; '' for none.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The date a shared report bears (YYYY-MM-DD). "
            "Default: 31 December of the latest year judged.",
        ),
    ] = None,
    only: Annotated[
        Only | None,
        typer.Option(
            "--only",
            help="List only the failing results, or only the binding indicators' "
            "(the summary and the verdict still count everything).",
        ),
    ] = None,
) -> None:
    """Judge a submission's figures against the plan; exit 0 compliant, 1 not, 2 bad input."""
    from dataclasses import replace

    from plancheck import app as application

    name = _chosen(ctx, "evaluation", fmt, output)  # -f, else what -o's extension says
    options = replace(_options(name, lang, output), details=details)
    _errors_as(name, output, options, *files, reference, progress, plan=plan)
    request = application.EvaluateRequest(
        files=files,
        format=name,
        options=options,
        plan=plan,
        year=year,
        strict=strict,
        unit=unit,
        reference=reference,
        sheet=sheet,
        tasks=progress,
        office=office,
        date=date,
        only=_value(only) if only is not None else None,
    )
    _finish(application.evaluate(request), output)


@app.command()
def check(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files (CSV, YAML or xlsx).", metavar="FILE", readable=False
        ),
    ],
    plan: PlanOption = None,
    year: YearOption = None,
    fmt: Annotated[CheckFormat, _format_option("check")] = "table",
    output: OutputOption = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="A unit the submission must hold.")
    ] = None,
    reference: Annotated[
        Path | None,
        typer.Option(
            "--reference",
            help="Official reference values (e.g. city averages), CSV/YAML: checked too.",
            readable=False,
        ),
    ] = None,
    lang: LangOption = None,
    sheet: SheetOption = None,
) -> None:
    """Check that submissions are well-formed; exit 0 when they are (met or not), 2 when not.

    Everything evaluate refuses is refused here (structure, values, units of measure, years,
    duplicates); nothing is judged. One line per file: its figures, units and years.
    """
    from plancheck import app as application

    name = _chosen(ctx, "check", fmt, output)  # -f, else what -o's extension says
    options = _options(name, lang, output)
    _errors_as(name, output, options, *files, reference, plan=plan)
    request = application.EvaluateRequest(
        files=files,
        format=name,
        options=options,
        plan=plan,
        year=year,
        unit=unit,
        reference=reference,
        sheet=sheet,
    )
    _finish(application.check(request), output)


@app.command()
def indicators(
    ctx: typer.Context,
    plan: PlanOption = None,
    fmt: Annotated[IndicatorsFormat, _format_option("indicators")] = "table",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """List the plan's indicators with their targets."""
    from plancheck import app as application

    name = _chosen(ctx, "indicators", fmt, output)  # -f, else what -o's extension says
    _finish(application.listing("indicators", plan, name, _options(name, lang, output)),
            output)  # fmt: skip


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
        from plancheck import app as application

        name = _chosen(ctx, "tasks", fmt, output)  # -f, else what -o's extension says
        options = _options(name, lang, output)
        _finish(application.listing("tasks", plan, name, options), output)


@tasks_app.command("check")
def tasks_check(
    ctx: typer.Context,
    progress: Annotated[
        Path,
        typer.Argument(help="A progress report on the tasks (YAML, CSV or xlsx).", readable=False),
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
    from plancheck import app as application

    name = _chosen(ctx, "taskcheck", fmt, output)  # -f, else what -o's extension says
    options = _options(name, lang, output)
    _errors_as(name, output, options, progress, plan=plan)
    outcome = application.tasks_check(progress, plan=plan, fmt=name, options=options,
                                      as_of=as_of, strict=strict)  # fmt: skip
    _finish(outcome, output)


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
        typer.Option("--units", help="Units to list, separated by commas (or 、): 徐汇区,长宁区."),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it exists (it may be filled in).")
    ] = False,
) -> None:
    """Print a blank submission to fill in and pass to evaluate: every indicator, value empty."""
    from plancheck import app as application

    outcome = application.template(
        plan=plan,
        fmt=_value(fmt) if fmt is not None else None,
        output=_file(output),
        year=year,
        units=units,
        lang=_lang(lang),
        force=force,
    )
    _finish(outcome, output)


@app.command()
def diff(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="The earlier and the later submission (2022.csv 2023.csv), or one file with "
            "both years (districts.csv --year 2022 --year 2023).",
            metavar="OLD [NEW]",
            readable=False,
        ),
    ],
    plan: PlanOption = None,
    years: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            "-y",
            help="One file: the two years to compare, earlier first (default: its two latest). "
            "Two files: the year of both (once) or of each (twice), when they do not say it.",
        ),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Compare this unit; all units inform peers.")
    ] = None,
    sheet: SheetOption = None,
    fmt: Annotated[DiffFormat, _format_option("diff")] = "table",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Compare two submissions, or two years of one: per indicator the value and status change;
    exit 1 if one newly fails."""
    from plancheck import app as application

    name = _chosen(ctx, "diff", fmt, output)  # -f, else what -o's extension says
    options = _options(name, lang, output)
    _errors_as(name, output, options, *files, plan=plan)
    request = application.DiffRequest(
        files=files,
        format=name,
        options=options,
        plan=plan,
        years=tuple(years or ()),
        unit=unit,
        sheet=sheet,
    )
    _finish(application.diff(request), output)


@plan_app.command("validate")
def plan_validate(
    path: Annotated[
        Path | None,
        typer.Argument(help="Plan folder or indicators.yaml (default: bundled).", readable=False),
    ] = None,
    lang: LangOption = None,  # read before the arguments are parsed (i18n.from_arguments)
) -> None:
    """Check a plan's YAML files; print every problem as file:line:column: message.

    Also checks that each machine target says what its target_text says; target texts the
    phrase parser does not know are printed as notes (on stderr), not errors.
    """
    from plancheck import app as application
    from plancheck.safetext import one_line

    try:
        outcome = application.validate(path)
    except application.PlanProblems as problems:
        for note in problems.notes:
            typer.echo(one_line(note), err=True)
        raise UserErrors(problems.errors) from None
    _finish(outcome)


SchemaFile = Enum("SchemaFile", {"indicators": "indicators", "tasks": "tasks"}, type=str)


@plan_app.command("schema")
def plan_schema(
    which: Annotated[
        SchemaFile, typer.Argument(help="Which file's schema to print.")
    ] = "indicators",  # type: ignore[assignment]
    lang: LangOption = None,
) -> None:
    """Print the JSON Schema of indicators.yaml (or tasks.yaml) for editors."""
    from plancheck import app as application

    _finish(application.schema(_value(which)))


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
    notes: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Text files of the notes printed under the table (注：①…), "
            "when they are kept apart from it.",
            metavar="NOTES",
            readable=False,
            show_default=False,
        ),
    ] = None,
    period: PeriodOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite indicators.yaml/tasks.yaml in the folder.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Draft a plan's YAML files from its document; list what a person must check."""
    from plancheck import app as application

    _finish(application.import_plan(source, output, period=period, force=force, notes=notes or ()))


def _folder_name(text: str) -> Path:
    """``init``'s folder as typed: an empty name is no folder (``Path("")`` would be the current
    one, and the plan written there unasked)."""
    if not text:
        from plancheck.i18n import say

        raise typer.BadParameter(say("init.empty_folder_name"))
    return Path(text)


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="A new or empty folder for the plan.", parser=_folder_name)
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="The plan's years (default 2026-2030); the sample submission is of its "
            "second year.",
        ),
    ] = None,
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            help="What the CI job installs plancheck from: a pinned VCS reference "
            "(git+https://github.com/OWNER/plancheck@v0.1.0) or a folder (./plancheck). "
            "Default: that reference with OWNER and REF to fill in.",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Start a plan from scratch: indicators.yaml, tasks.yaml, a sample submission, a CI job."""
    from plancheck import app as application

    _finish(application.init(folder, period=period, install=install))


_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugin_loader() -> None:
    """With plugins off, pydantic's plugin loader only returns none, yet importing it imports
    ``importlib.metadata`` (email, zipfile, csv…): a sixth of a district's run. A loader that
    returns none, as pydantic's own does when the variable turns plugins off, stands in for it;
    anything else asked of it (a later pydantic's) is pydantic's own loader's."""
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] not in ("__all__", "1", "true"):
        return  # the user's own choice of plugins: pydantic's loader reads it
    if _PLUGIN_LOADER not in sys.modules:
        import types

        loader = types.ModuleType(_PLUGIN_LOADER)
        setattr(loader, "get_plugins", tuple)  # noqa: B010  # () as pydantic's returns
        setattr(loader, "__getattr__", _real_plugin_loader)  # noqa: B010
        sys.modules[_PLUGIN_LOADER] = loader


def _real_plugin_loader(name: str) -> Any:
    """A name the stand-in does not have: pydantic's own loader, imported in its place."""
    import importlib

    if name.startswith("__"):
        raise AttributeError(name)  # what import machinery probes (__path__, __spec__…)
    sys.modules.pop(_PLUGIN_LOADER, None)
    return getattr(importlib.import_module(_PLUGIN_LOADER), name)


def main() -> None:
    # pydantic looks for plugins by reading every installed package's entry points the first
    # time a model is validated: ~25 ms of each run. plancheck uses none (typer turns them off
    # for its own validators too); a user who sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    _no_plugin_loader()
    from plancheck.process import run

    # Not standalone: click would say a usage error in four lines and a broken pipe as exit 1.
    run(lambda: app(standalone_mode=False, prog_name="plancheck"))
