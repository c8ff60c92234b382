"""Report formats: each a module of pure functions (subject, Options) → str, behind one registry.

Binary formats (a Word document, a workbook) return ``bytes`` instead; the CLI refuses to write
those to a terminal.

The CLI's ``--format`` choices come from ``FORMATS``. A new format is one module and one line here.
Modules are imported only when used, so ``plancheck --help`` pays for none of them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Options:
    lang: str = "en"  # "en" or "zh"
    color: bool = False  # ANSI colours (the table format on a terminal)
    width: int = 100  # the table format's line width


class Format(NamedTuple):
    module: str
    subjects: frozenset[str]  # what it can render: evaluation, indicators, tasks, taskcheck
    help: str
    # Results past which the format is known to be slow (said once on stderr), or None.
    slow_above: int | None = None


_ALL = frozenset({"evaluation", "indicators", "tasks", "taskcheck", "diff"})  # tasks check, diff
FORMATS: dict[str, Format] = {
    # rich lays out each row of the terminal's table: about a millisecond a result.
    "table": Format("plancheck.report.table", _ALL, "for the terminal (default)", 20_000),
    "markdown": Format("plancheck.report.markdown", _ALL, "GitHub-flavoured markdown to share"),
    "json": Format("plancheck.report.json", _ALL, "the stable contract for scripts and CI"),
    "junit": Format("plancheck.report.junit", frozenset({"evaluation"}), "JUnit XML for CI"),
    "github": Format("plancheck.report.github", frozenset({"evaluation"}), "GitHub annotations"),
    "html": Format("plancheck.report.html", frozenset({"evaluation"}), "one file to share, print"),
}


def choices(subject: str) -> list[str]:
    return [name for name, fmt in FORMATS.items() if subject in fmt.subjects]


def slow_note(name: str, results: int) -> str | None:
    """The one line said on stderr when format ``name`` is slow for this many results."""
    limit = FORMATS[name].slow_above
    if limit is None or results <= limit:
        return None
    return (f"note: -f {name} lays out each of the {results:,} results one by one, slowly at "
            "this size (about a millisecond each); -f markdown, html or json write them in seconds")  # fmt: skip


def render(name: str, subject: str, obj: Any, options: Options) -> str | bytes:
    """Render ``obj`` (an Evaluation, a Plan…) as ``subject`` in format ``name``."""
    module = importlib.import_module(FORMATS[name].module)
    text: str | bytes = getattr(module, f"render_{subject}")(obj, options)
    return text
