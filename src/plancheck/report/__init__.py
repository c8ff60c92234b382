"""Report formats: each a module of pure functions (subject, Options) → str, behind one registry.

Binary formats (a Word document, a workbook) return ``bytes`` instead; the CLI refuses to write
those to a terminal.

The CLI's ``--format`` choices come from ``FORMATS``. A new format is one module and one line here.
Modules are imported only when used, so ``plancheck --help`` pays for none of them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from plancheck.errors import UserError


@dataclass(frozen=True)
class Options:
    lang: str = "en"  # "en" or "zh"
    color: bool = False  # ANSI colours (the table format on a terminal)
    width: int = 100  # the table format's line width
    office: str | None = None  # --office: the issuing office a shared report names
    date: dt.date | None = None  # --date: the date a shared report bears


class Format(NamedTuple):
    module: str
    subjects: frozenset[str]  # what it can render: evaluation, indicators, tasks, taskcheck
    help: str


_ALL = frozenset({"evaluation", "indicators", "tasks", "taskcheck", "diff"})  # tasks check, diff
_CI = frozenset({"evaluation", "taskcheck", "check"})  # check: plancheck check
FORMATS: dict[str, Format] = {
    "table": Format("plancheck.report.table", _ALL | {"check"}, "for the terminal (default)"),
    "markdown": Format("plancheck.report.markdown", _ALL, "GitHub-flavoured markdown to share"),
    "json": Format(
        "plancheck.report.json", _ALL | {"check"}, "the stable contract for scripts and CI"
    ),
    "junit": Format("plancheck.report.junit", _CI, "JUnit XML for CI"),
    "github": Format("plancheck.report.github", _CI, "GitHub annotations"),
    "html": Format(
        "plancheck.report.html",
        frozenset({"evaluation", "diff", "taskcheck"}),
        "one file to share, print",
    ),
    "docx": Format("plancheck.report.docx", frozenset({"evaluation"}), "a Word document (A4)"),
}


def choices(subject: str) -> list[str]:
    return [name for name, fmt in FORMATS.items() if subject in fmt.subjects]


def render(name: str, subject: str, obj: Any, options: Options) -> str | bytes:
    """Render ``obj`` (an Evaluation, a Plan…) as ``subject`` in format ``name``."""
    module = importlib.import_module(FORMATS[name].module)
    text: str | bytes = getattr(module, f"render_{subject}")(obj, options)
    return text


def render_error(name: str, errors: Sequence[UserError], options: Options) -> str | bytes | None:
    """Input errors (exit 2) as format ``name`` shows them, for the formats CI reads (github
    annotations, a junit report); None for a format that leaves them to stderr alone."""
    module = importlib.import_module(FORMATS[name].module)
    renderer = getattr(module, "render_error", None)
    if renderer is None:
        return None
    text: str | bytes = renderer(errors, options)
    return text
