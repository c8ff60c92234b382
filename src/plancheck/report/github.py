r"""GitHub Actions workflow commands: one annotation per result that is not a pass.

    ::error file=samples/2022.csv,line=8,title=8 行政诉讼败诉率: FAIL::3.2 is not < city average…

Levels: a blocking result (a binding indicator that fails, is missing or cannot be judged in the
latest year; anything but a pass under --strict) is an ``error``; a failed expected (预期性)
indicator a ``warning``; behind, and a missing or unknown expected indicator, a ``notice``. Each
points at the submission's line; a result with no line (no row at all) at the first file. The last
line is the verdict, as an ``error`` or a ``notice``.

Escaping follows GitHub's toolkit (``@actions/core``): in the message ``%``, CR and LF become
``%25``, ``%0D``, ``%0A``; in a property value ``:`` and ``,`` also become ``%3A`` and ``%2C``.
Other control characters (an ESC would colour the log) are shown as ``\xNN`` (report/escape.py).

The run's warnings (a column or a row skipped, a slow reading: ``render_warnings``) come first,
each a ``::warning`` at the file, line and column it names; stderr says them too.

Also here: input errors (``render_error``: an ``::error`` at each error's file, line and column,
written by the CLI when a command asked for this format fails with exit 2), ``plancheck check``
(a notice per file, a warning per warning) and ``plancheck tasks check`` (an annotation per
overdue, inconsistent or unreported finding, then the verdict).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from plancheck.errors import UserError
from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import Reason, render
from plancheck.plan.models import Indicator
from plancheck.report import Options
from plancheck.report.check import done_line, file_line
from plancheck.report.common import attention, verdict
from plancheck.report.escape import github_message, github_property
from plancheck.report.junit import TasksOnly, indicator_name
from plancheck.report.labels import colon, label, status_word, task_word
from plancheck.report.tasks_view import BAD, task_rows
from plancheck.submission.summary import CheckSummary, warning_place

if TYPE_CHECKING:
    from plancheck.tasks.models import TaskCheck


def workspace_path(file: str) -> str:
    """The file as GitHub places an annotation: from the root of the checked-out repository
    (``GITHUB_WORKSPACE``) when the file is inside it — a run from a sub-folder
    (``working-directory:``), a ``../`` or an absolute path would otherwise point at no file of
    the pull request — else as given."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return file
    root, path = os.path.abspath(workspace), os.path.abspath(file)
    try:
        inside = os.path.commonpath([root, path]) == root
    except ValueError:  # another drive
        return file
    if not inside or path == root:
        return file
    return os.path.relpath(path, root).replace(os.sep, "/")


def command(level: str, message: str, **properties: str | int | None) -> str:
    given = ",".join(
        f"{key}={github_property(workspace_path(str(value)) if key == 'file' else str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{level}{' ' + given if given else ''}::{github_message(message)}"


def level(evaluation: Evaluation, result: Result) -> str:
    if evaluation.blocking(result):
        return "error"
    return "warning" if result.status is Status.FAIL else "notice"


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    return "".join(stream_evaluation(evaluation, options))


def stream_evaluation(evaluation: Evaluation, options: Options) -> Iterator[str]:
    """``render_evaluation`` line by line: an annotation per result that needs attention, each
    shared piece (a file, a title, a reason) escaped once."""
    lang = options.lang
    multi_unit = len(evaluation.units) > 1
    first = evaluation.files[0] if evaluation.files else None
    properties = _Escaped(github_property)
    placed = _Escaped(workspace_path)
    messages = _Escaped(github_message)
    reasons: dict[int, tuple[Reason, str]] = {}
    titles: dict[tuple[str, int, Status], tuple[Indicator, str]] = {}
    note_open, note_close = ("（", "）") if lang == "zh" else (" (", ")")
    note = f"{note_open}{label('note', lang)}{colon(lang)}"
    blocking = 0
    for r in attention(evaluation):
        found = titles.get((r.unit, id(r.indicator), r.status))
        if found is None:
            who = f"{r.unit} " if multi_unit else ""
            text = f"{who}{indicator_name(r, lang)}{colon(lang)}{status_word(r.status, lang)}"
            found = titles[(r.unit, id(r.indicator), r.status)] = (r.indicator, properties[text])
        reason = reasons.get(id(r.reason))
        if reason is None:  # the reason kept with its text: its id stays its own
            reason = reasons[id(r.reason)] = (r.reason, render(r.reason, lang))
        message = (
            messages[reason[1]]
            if not r.note
            else github_message(f"{reason[1]}{note}{r.note}{note_close}")
        )
        kind = level(evaluation, r)
        blocking += kind == "error"
        file = r.file or first
        given = [] if file is None else [f"file={properties[placed[file]]}"]
        if r.line is not None:
            given.append(f"line={r.line}")
        given.append(f"title={found[1]}")
        yield f"::{kind} {','.join(given)}::{message}\n"
    # A finding with no line of its own (a task not reported) is placed on the progress file,
    # as `tasks check -f github` places it.
    progress = evaluation.tasks.files[0] if evaluation.tasks and evaluation.tasks.files else None
    for row in task_rows(evaluation, lang) or []:
        if row.status not in BAD:
            continue
        title = f"{row.subject} {row.text}{colon(lang)}{task_word(row.status, lang)}"
        line = command(
            "error" if row.blocking else "warning",
            row.reason,
            file=row.file or progress,
            line=row.line,
            title=title,
        )
        yield line + "\n"
    summary = verdict(evaluation, lang, blocking)
    yield command("notice" if evaluation.compliant else "error", summary, title="plancheck") + "\n"


class _Escaped(dict[str, str]):
    """A text escaped by ``escape``, once per distinct text (files and titles repeat)."""

    def __init__(self, escape: Callable[[str], str]) -> None:
        super().__init__()
        self.escape = escape

    def __missing__(self, text: str) -> str:
        shown = self.escape(text)
        if len(self) < 1 << 16:
            self[text] = shown
        return shown


# --- input errors (exit 2), plancheck check, plancheck tasks check ---------------------------


def render_error(errors: Sequence[UserError], options: Options) -> str:
    """Each input error as an ``::error`` annotation at its file, line and column (those it has):
    ``::error file=2023.csv,line=5,col=3::value: 'abc' is not a number``."""
    lines = [
        command("error", _one_message(e.message), file=e.file, line=e.line, col=e.column)
        for e in errors
    ]
    return "\n".join(lines) + "\n"


def _one_message(message: str) -> str:
    """The message as stderr says it: a line break or tab inside it reads as a space."""
    return " ".join(message.split())


def render_warnings(warnings: Sequence[str], files: tuple[str, ...], options: Options) -> str:
    """The run's warnings, a ``::warning`` each, placed by its properties (``_warning``):
    ``::warning file=2023.csv,line=1,col=4::column 'x' is not used by plancheck: skipped``."""
    return "".join(_warning(warning, files) + "\n" for warning in warnings)


def render_check(summary: CheckSummary, options: Options) -> str:
    """``plancheck check -f github``: a notice per file, a warning annotation per warning."""
    lang = options.lang
    names = (*(f.file for f in summary.files), *summary.others)
    lines = []
    for file in summary.files:
        lines.append(
            command("notice", file_line(file, lang), file=file.file, title="plancheck check")
        )
        for warning in file.warnings:
            lines.append(_warning(warning, names))
    lines += [_warning(warning, names) for warning in summary.warnings]
    lines.append(command("notice", done_line(summary, lang), title="plancheck check"))
    return "\n".join(lines) + "\n"


def _warning(warning: str, files: tuple[str, ...]) -> str:
    # The place goes in the annotation's properties, as an error's does: not in its text too.
    file, line, column, said = warning_place(warning, files)
    return command("warning", said, file=file, line=line, col=column)


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    """``plancheck tasks check -f github``: an annotation per overdue, inconsistent or unreported
    finding at its line of the progress file (an error when it blocks, else a warning), then the
    verdict."""
    from plancheck.report.taskcheck import task_verdict

    lang = options.lang
    first = check.files[0] if check.files else None
    lines = []
    for row in task_rows(TasksOnly(check), lang) or []:
        if row.status not in BAD:
            continue
        title = f"{row.subject} {row.text}{colon(lang)}{task_word(row.status, lang)}"
        lines.append(command("error" if row.blocking else "warning", row.reason,
                             file=row.file or first, line=row.line, title=title))  # fmt: skip
    lines.append(command("notice" if check.compliant else "error", task_verdict(check, lang),
                         title="plancheck"))  # fmt: skip
    return "\n".join(lines) + "\n"
