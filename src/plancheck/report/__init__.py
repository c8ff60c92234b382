"""Report formats: each a module of pure functions (subject, Options) → str, behind one registry.

Binary formats (a Word document, a workbook) return ``bytes`` instead; the CLI refuses to write
those to a terminal.

The CLI's ``--format`` choices come from ``FORMATS``. A new format is one module and one line here.
Modules are imported only when used, so ``plancheck --help`` pays for none of them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from plancheck.record import record

if TYPE_CHECKING:
    from plancheck.errors import UserError


@record
class Options:
    lang: str = "en"  # "en" or "zh"
    color: bool = False  # ANSI colours (the table format on a terminal)
    width: int = 100  # the table format's line width
    details: bool = False  # the table format: every result, also for several units or years
    office: str | None = None  # --office: the issuing office a shared report names
    date: dt.date | None = None  # --date: the date a shared report bears


class Format(NamedTuple):
    module: str
    subjects: frozenset[str]  # what it can render: evaluation, indicators, tasks, taskcheck
    help: str
    # Results past which the format is known to be slow (said once on stderr), or None.
    slow_above: int | None = None
    # Slow only when it lays out every result (--details), not in its compact default.
    slow_in_details_only: bool = False
    # Reads an evaluation's results once, in order (``Evaluation.results`` are made as they
    # are read), or holds what it reads again itself (a year's: ``Results.of_year``): the
    # others are given them made once and held (``Evaluation.kept``).
    one_pass: bool = False
    # What a file of this format is named like (-o report.md): the format -o implies
    suffixes: tuple[str, ...] = ()


_ALL = frozenset({"evaluation", "indicators", "tasks", "taskcheck", "diff"})  # tasks check, diff
_CI = frozenset({"evaluation", "taskcheck", "check"})  # check: plancheck check
FORMATS: dict[str, Format] = {
    # Past this many results the terminal's layout is slow: said once on stderr.
    "table": Format(
        "plancheck.report.table",
        _ALL | {"check"},
        "for the terminal (default)",
        20_000,
        True,
        one_pass=True,  # its compact view holds the latest year's results, --details all
        suffixes=(".txt",),
    ),
    "markdown": Format(
        "plancheck.report.markdown",
        _ALL,
        "GitHub-flavoured markdown to share",
        one_pass=True,
        suffixes=(".md", ".markdown"),
    ),
    "json": Format(
        "plancheck.report.json",
        _ALL | {"check"},
        "the stable contract for scripts and CI",
        one_pass=True,
        suffixes=(".json",),
    ),
    "junit": Format(
        "plancheck.report.junit", _CI, "JUnit XML for CI", one_pass=True, suffixes=(".xml",)
    ),
    "github": Format("plancheck.report.github", _CI, "GitHub annotations", one_pass=True),
    "html": Format(
        "plancheck.report.html",
        frozenset({"evaluation", "diff", "taskcheck"}),
        "one file to share, print",
        one_pass=True,
        suffixes=(".html", ".htm"),
    ),
    # Its tables' rows are written as text (report/docx.py): seconds for a national file, no note.
    "docx": Format(
        "plancheck.report.docx",
        frozenset({"evaluation"}),
        "a Word document (A4)",
        one_pass=True,  # a year's results held (what needs attention), a category's per table
        suffixes=(".docx",),
    ),
    "csv": Format(
        "plancheck.report.csv",
        frozenset({"evaluation"}),
        "one row per result (Excel)",
        one_pass=True,
        suffixes=(".csv",),
    ),
    "xlsx": Format(
        "plancheck.report.xlsx",
        frozenset({"evaluation"}),
        "the same, a workbook",
        one_pass=True,
        suffixes=(".xlsx",),
    ),
}


def choices(subject: str) -> list[str]:
    return [name for name, fmt in FORMATS.items() if subject in fmt.subjects]


_BINARY = frozenset({"docx", "xlsx"})


def chosen(subject: str, name: str | None, output: str | None) -> str:
    """The format of a report: ``--format`` if given, else the one ``-o``'s extension names
    (``-o report.md`` is markdown), else the terminal's table. Text in a workbook's or a Word
    document's name, or one of those in a text format's (``-f json -o r.xlsx``, ``tasks check
    -o r.docx``: files nothing opens), is a UserError; a text format in another's name (JUnit's
    XML in ``x.csv``) is written as ``-f`` says."""
    from pathlib import PurePath

    from plancheck.errors import UserError
    from plancheck.i18n import say

    suffix = PurePath(output).suffix.lower() if output and output != "-" else ""
    owner = next((n for n, f in FORMATS.items() if suffix and suffix in f.suffixes), None)
    if name is None:
        if owner is None or (subject not in FORMATS[owner].subjects and owner not in _BINARY):
            return "table"  # no extension of a format, or a markdown listing of one with none
        if subject not in FORMATS[owner].subjects:
            raise UserError(say("report.suffix_not_written", suffix=suffix, implied=owner,
                                formats=", ".join(choices(subject))), output)  # fmt: skip
        return owner
    if owner is not None and owner != name and (owner in _BINARY or name in _BINARY):
        raise UserError(say("report.suffix_disagrees", fmt=name, suffix=suffix, implied=owner),
                        output)  # fmt: skip
    return name


def slow_note(name: str, results: int, options: Options) -> str | None:
    """The one line said on stderr when format ``name`` is slow for this many results."""
    fmt = FORMATS[name]
    if fmt.slow_in_details_only and not options.details:
        return None
    if fmt.slow_above is None or results <= fmt.slow_above:
        return None
    from plancheck.i18n import say

    # The one slow format left is the terminal's --details: about a millisecond a result.
    return say("report.slow", name=name, results=f"{results:,}",
               each=say("report.each_millisecond"), faster=say("report.faster_shared"))  # fmt: skip


@record
class Deferred:
    """A report made only when it is written (``stream`` of a format that cannot stream): what
    the command says on stderr first — a slow format's note — is said before the work."""

    make: Callable[[], str | bytes]


# A report: its text, its bytes (binary formats), its text piece by piece (``stream``), or
# either made when it is written (``Deferred``).
Report = str | bytes | Iterator[str] | Deferred


def made(report: Report) -> str | bytes | Iterator[str]:
    """The report itself: a deferred one made now."""
    return report.make() if isinstance(report, Deferred) else report


def render(name: str, subject: str, obj: Any, options: Options) -> str | bytes:
    """Render ``obj`` (an Evaluation, a Plan…) as ``subject`` in format ``name``."""
    module = importlib.import_module(FORMATS[name].module)
    text: str | bytes = getattr(module, f"render_{subject}")(_given(name, subject, obj), options)
    return text


def _given(name: str, subject: str, obj: Any) -> Any:
    """What format ``name`` is given to render: an evaluation with its results held, unless the
    format reads them once (``Format.one_pass``)."""
    if subject == "evaluation" and not FORMATS[name].one_pass:
        return obj.kept()
    return obj


def stream(name: str, subject: str, obj: Any, options: Options) -> Report:
    """``render``, piece by piece where the format can (``stream_<subject>``, whose pieces join
    to ``render_<subject>``): a national report is written without ever being whole in memory."""
    module = importlib.import_module(FORMATS[name].module)
    streamer = getattr(module, f"stream_{subject}", None)
    if streamer is None:
        return Deferred(lambda: render(name, subject, obj, options))
    pieces: Iterator[str] = streamer(_given(name, subject, obj), options)
    return pieces


def with_warnings(
    name: str, report: Report, warnings: Sequence[str], files: Sequence[str], options: Options
) -> Report:
    """``report`` after the run's warnings (a column or a row skipped, a slow reading) as format
    ``name`` shows them (``render_warnings``: the github format's ``::warning`` annotations at
    their file and line, ``files`` being the files a warning may begin with); ``report`` alone
    for a format that leaves them to stderr. Stderr says them either way."""
    if not warnings:
        return report
    module = importlib.import_module(FORMATS[name].module)
    renderer = getattr(module, "render_warnings", None)
    if renderer is None:
        return report
    shown: str = renderer(warnings, tuple(files), options)
    if isinstance(report, str):
        return shown + report
    if isinstance(report, Deferred):
        deferred = report
        return Deferred(lambda: _before(shown, deferred.make()))
    if isinstance(report, bytes):
        return report
    return _chained(shown, report)


def _before(shown: str, report: str | bytes) -> str | bytes:
    return report if isinstance(report, bytes) else shown + report


def _chained(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def render_error(name: str, errors: Sequence[UserError], options: Options) -> str | bytes | None:
    """Input errors (exit 2) as format ``name`` shows them, for the formats CI reads (github
    annotations, a junit report); None for a format that leaves them to stderr alone."""
    module = importlib.import_module(FORMATS[name].module)
    renderer = getattr(module, "render_error", None)
    if renderer is None:
        return None
    text: str | bytes = renderer(errors, options)
    return text
