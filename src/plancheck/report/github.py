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
"""

from __future__ import annotations

from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import render
from plancheck.report import Options
from plancheck.report.common import attention, verdict
from plancheck.report.escape import github_message, github_property
from plancheck.report.junit import indicator_name
from plancheck.report.labels import label, status_word
from plancheck.report.tasks_view import BAD, task_rows


def command(level: str, message: str, **properties: str | int | None) -> str:
    given = ",".join(
        f"{key}={github_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{level}{' ' + given if given else ''}::{github_message(message)}"


def level(evaluation: Evaluation, result: Result) -> str:
    if evaluation.blocking(result):
        return "error"
    return "warning" if result.status is Status.FAIL else "notice"


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    lang = options.lang
    multi_unit = len(evaluation.units) > 1
    first = evaluation.files[0] if evaluation.files else None
    lines = []
    for r in attention(evaluation):
        who = f"{r.unit} " if multi_unit else ""
        title = f"{who}{indicator_name(r, lang)}: {status_word(r.status, lang)}"
        message = render(r.reason, lang) + (f" ({label('note', lang)}: {r.note})" if r.note else "")
        lines.append(
            command(level(evaluation, r), message, file=r.file or first, line=r.line, title=title)
        )
    for row in task_rows(evaluation, lang) or []:
        if row.status not in BAD:
            continue
        title = f"{row.subject} {row.text}: {label('finding_' + row.status, lang)}"
        lines.append(
            command(
                "error" if row.blocking else "warning",
                row.reason,
                file=row.file,
                line=row.line,
                title=title,
            )
        )
    summary = verdict(evaluation, lang)
    lines.append(command("notice" if evaluation.compliant else "error", summary, title="plancheck"))
    return "\n".join(lines) + "\n"
