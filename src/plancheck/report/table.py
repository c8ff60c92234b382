"""The terminal report (rich): needs attention first, a table per category, then the verdict.

Status words and symbols carry the meaning on their own, so the output stays readable with
NO_COLOR, when piped, or printed. Nothing is rich markup: the console reads none, and every piece
of text is a ``Text`` built by ``escape.terminal`` (control characters visible).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import number, render
from plancheck.plan.models import Plan
from plancheck.report import Options
from plancheck.report.check import render_check  # noqa: F401 (the registry: plancheck check)
from plancheck.report.common import (
    attention,
    latest_index,
    matrix,
    progress_table,
    summary_heading,
    target_cell,
    timing_cell,
    value_cell,
    verdict,
)
from plancheck.report.escape import terminal
from plancheck.report.labels import STATUS_STYLE, STATUS_SYMBOL, label, status_word

if TYPE_CHECKING:  # for annotations only: importing them costs every run's start-up
    from plancheck.evaluate.diff import Diff
    from plancheck.tasks.models import TaskCheck


def _console(options: Options) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    return console, buffer


def _title(text: str) -> Text:
    """A table's title: plain text, in the style rich gives a title."""
    return terminal(text, style="table.title")


def _status(status: Status, lang: str) -> Text:
    return Text(f"{STATUS_SYMBOL[status]} {status_word(status, lang)}", style=STATUS_STYLE[status])


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    lang = options.lang
    console, buffer = _console(options)
    plan = evaluation.plan
    years = ", ".join(map(str, evaluation.years))
    console.print(terminal(f"{plan.info.title} — {years}", style="bold"))
    console.print(terminal(f"{label('submission', lang)}: {', '.join(evaluation.files)}"))
    if evaluation.history:
        console.print(f"{label('history', lang)}: {', '.join(map(str, evaluation.history))}")
    multi_unit = len(evaluation.units) > 1

    todo = attention(evaluation)
    console.print()
    console.print(Text(label("needs_attention", lang), style="bold"))
    if not todo:
        console.print("  " + label("nothing_needs_attention", lang))
    for r in todo:
        line = Text("  ")
        line.append_text(_status(r.status, lang))
        who = f"{r.unit} " if multi_unit else ""
        binding = label("binding_yes" if r.indicator.binding else "binding_no", lang)
        line.append_text(terminal(f"  {who}{r.indicator.id} {r.indicator.name} [{binding}]: "))
        line.append_text(terminal(render(r.reason, lang)))
        console.print(line)
        _linked_tasks(console, evaluation, r, lang)

    for category in plan.categories:
        rows = [r for r in evaluation.results if r.indicator.category == category.name]
        if not rows:
            continue
        title = category.name if lang == "zh" else f"{category.name} · {category.name_en}"
        grid = Table(title=_title(title), title_justify="left", expand=False, show_lines=False)
        if evaluation.multi:
            grid.add_column(label("unit", lang))
            grid.add_column(label("year", lang))
        for key in ("id", "indicator", "binding", "target", "actual", "status", "reason"):
            grid.add_column(label(key, lang), overflow="fold")
        for r in rows:
            cells: list[str | Text] = [terminal(r.unit), str(r.year)] if evaluation.multi else []
            cells += [
                terminal(r.indicator.id),
                terminal(r.indicator.name),
                label("binding_yes" if r.indicator.binding else "binding_no", lang),
                terminal(target_cell(r.indicator)),
                terminal(value_cell(r)),
                _status(r.status, lang),
                terminal(render(r.reason, lang)),
            ]
            grid.add_row(*cells)
        console.print()
        console.print(grid)

    _index_bars(console, evaluation, lang)
    if multi_unit:
        _matrix(console, evaluation, lang)
    _progress(console, evaluation, lang)
    _tasks_of_evaluation(console, evaluation, lang)

    console.print()
    summary = evaluation.summary()
    parts = [f"{STATUS_SYMBOL[s]} {status_word(s, lang)} {summary[s.value]}" for s in Status]
    console.print(f"{summary_heading(evaluation, lang)}: " + " · ".join(parts))
    latest = [r for r in evaluation.results if r.year == evaluation.latest_year]
    year = f" {evaluation.latest_year}" if len(evaluation.years) > 1 else ""
    for flag, key in ((True, "binding_yes"), (False, "binding_no")):
        passed = sum(1 for r in latest if r.indicator.binding is flag and r.status is Status.PASS)
        total = sum(1 for r in latest if r.indicator.binding is flag)
        console.print(
            f"  {label(key, lang)}{year}: {passed}/{total} {status_word(Status.PASS, lang)}"
        )
    if multi_unit and evaluation.failing_units:
        units = ", ".join(evaluation.failing_units)
        console.print(terminal(f"{label('failing_units', lang)}: {units}"))
    style = "bold green" if evaluation.compliant else "bold red"
    console.print(terminal(f"{label('verdict', lang)}: {verdict(evaluation, lang)}", style=style))
    return buffer.getvalue()


def _bar(score: float, width: int = 20) -> str:
    """A score 0–100 as a bar of eighths: the same text on every terminal."""
    eighths = round(score / 100 * width * 8)
    return "█" * (eighths // 8) + ("▏▎▍▌▋▊▉"[eighths % 8 - 1] if eighths % 8 else "")


def _index_bars(console: Console, evaluation: Evaluation, lang: str) -> None:
    ranking = latest_index(evaluation)
    if not ranking:
        return
    console.print()
    console.print(Text(f"{label('index', lang)} {evaluation.latest_year}", style="bold"))
    units = {s.unit: terminal(s.unit).plain for s in ranking}
    width = max(cell_len(unit) for unit in units.values())
    for score in ranking:
        unit = units[score.unit]
        pad = " " * (width - cell_len(unit))  # Chinese characters take two cells
        if score.score is None or score.rank is None:
            line = f"   —  {unit}{pad}      —"
        else:
            line = f"  {score.rank:>2}. {unit}{pad}  {score.score:5.1f}  {_bar(score.score)}"
        console.print(Text(f"{line}  ({label('coverage', lang)} {score.scored}/{score.total})"))


def _matrix(console: Console, evaluation: Evaluation, lang: str) -> None:
    grid = Table(title=label("matrix", lang, year=evaluation.latest_year), title_justify="left",
                 pad_edge=False, padding=(0, 0))  # fmt: skip
    grid.add_column(label("unit", lang), no_wrap=True)
    for indicator in evaluation.plan.indicators:
        grid.add_column(terminal(indicator.id), justify="center", min_width=2)
    for unit, results in matrix(evaluation):
        grid.add_row(terminal(unit), *(Text(STATUS_SYMBOL[r.status], style=STATUS_STYLE[r.status])
                                       for r in results))  # fmt: skip
    console.print()
    console.print(grid)


def _progress(console: Console, evaluation: Evaluation, lang: str) -> None:
    header, rows = progress_table(evaluation, lang)
    if not rows:
        return
    grid = Table(title=label("progress", lang), title_justify="left")
    for name in header:
        grid.add_column(name, overflow="fold")
    for row in rows:
        grid.add_row(*map(terminal, row))
    console.print()
    console.print(grid)


def render_indicators(plan: Plan, options: Options) -> str:
    lang = options.lang
    console, buffer = _console(options)
    grid = Table(title=_title(plan.info.title), title_justify="left")
    for key in ("id", "category", "indicator", "binding", "measure", "target", "timing"):
        grid.add_column(label(key, lang), overflow="fold")
    for i in plan.indicators:
        cells = [
            i.id,
            i.category,
            i.name if lang == "zh" else f"{i.name}\n{i.name_en}",
            label("binding_yes" if i.binding else "binding_no", lang),
            i.unit or "",
            i.target_text,
            timing_cell(i, plan.info.target_year, lang),
        ]
        grid.add_row(*map(terminal, cells))
    console.print(grid)
    return buffer.getvalue()


def render_tasks(plan: Plan, options: Options) -> str:
    from plancheck.report import taskcheck as parts  # the task listing only

    lang = options.lang
    console, buffer = _console(options)
    grid = Table(title=_title(plan.info.title), title_justify="left")
    for key in ("id", "section", "title", "indicators_linked", "milestones"):
        grid.add_column(label(key, lang), overflow="fold")
    for t in plan.tasks:
        milestones = "\n".join(
            f"{m.id} {m.text} ({label('every_year', lang) if m.recurring else m.due or ''})"
            for m in t.milestones
        )
        section = parts.section_title(t.document, t.section, lang)
        cells = [t.id, section, parts.task_title(t, lang), ", ".join(t.indicators), milestones]
        grid.add_row(*map(terminal, cells))
    console.print(grid)
    return buffer.getvalue()


# --- task checks (plancheck tasks check; evaluate --tasks) ------------------------------------


def _task_state(state: str, lang: str) -> Text:
    from plancheck.report.labels import TASK_STYLE
    from plancheck.report.taskcheck import state_text

    return Text(state_text(state, lang), style=TASK_STYLE[state])


def _tasks_section(console: Console, check: TaskCheck, lang: str) -> None:
    """Needs attention (overdue first, with the lead department), then a table per section."""
    from plancheck.report import taskcheck as parts
    from plancheck.report.labels import TASK_STYLE, TASK_SYMBOL

    console.print(terminal(f"{label('as_of', lang)}: {parts.as_of_text(check, lang)}"))
    console.print()
    console.print(Text(label("needs_attention", lang), style="bold"))
    todo = parts.attention(check)
    if not todo:
        console.print("  " + label("nothing_overdue", lang))
    for r in todo:
        line = Text("  ")
        line.append_text(_task_state(r.state.value, lang))
        line.append_text(terminal(f"  {r.task.id} {r.task.title}{parts.who(r, lang)}: "))
        line.append_text(
            terminal("; ".join(parts.finding_text(f, lang) for f in parts.problems(r)))
        )
        console.print(line)
    for document, section, rows in check.sections():
        title = _title(parts.section_title(document, section, lang))
        grid = Table(title=title, title_justify="left")
        for key in ("id", "task", "lead", "task_state", "details"):
            grid.add_column(label(key, lang), overflow="fold")
        for r in rows:
            detail = Text()
            for n, (status, text) in enumerate(parts.details(r, lang)):
                if n:
                    detail.append("\n")
                if status is not None:
                    detail.append(f"{TASK_SYMBOL[status]} ", style=TASK_STYLE[status])
                detail.append_text(terminal(text))
            state = _task_state(r.state.value, lang)
            grid.add_row(
                terminal(r.task.id),
                terminal(parts.title(r, lang)),
                terminal(parts.lead(r, lang)),
                state,
                detail,
            )
        console.print()
        console.print(grid)
    console.print()
    for text in parts.summary_text(check, lang):
        console.print(terminal(text))


def _linked_tasks(console: Console, evaluation: Evaluation, result: Result, lang: str) -> None:
    """Under a failing indicator: the tasks that drive it and their state."""
    if evaluation.tasks is None or result.status not in (Status.FAIL, Status.BEHIND):
        return
    from plancheck.report.taskcheck import linked_text  # only with --tasks

    for task in evaluation.tasks.linked(result.indicator.id):
        console.print(terminal(f"      → {label('linked_tasks', lang)}: {linked_text(task, lang)}"))


def _tasks_of_evaluation(console: Console, evaluation: Evaluation, lang: str) -> None:
    if evaluation.tasks is None:
        return
    heading = label("tasks_title", lang, date=evaluation.tasks.as_of.isoformat())
    console.print()
    console.print(Text(heading, style="bold"))
    files = ", ".join(evaluation.tasks.files)
    console.print(terminal(f"{label('progress_file', lang)}: {files}"))
    _tasks_section(console, evaluation.tasks, lang)


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    """``plancheck tasks check``: the report an office can hand to its committee."""
    from plancheck.report.taskcheck import task_verdict

    lang = options.lang
    console, buffer = _console(options)
    heading = label("tasks_title", lang, date=check.as_of.isoformat())
    console.print(terminal(f"{check.plan.info.title} — {heading}", style="bold"))
    console.print(terminal(f"{label('progress_file', lang)}: {', '.join(check.files)}"))
    _tasks_section(console, check, lang)
    style = "bold green" if check.compliant else "bold red"
    console.print(Text(f"{label('verdict', lang)}: {task_verdict(check, lang)}", style=style))
    return buffer.getvalue()


# --- plancheck diff --------------------------------------------------------------------------

# Keyed by the values of plancheck.evaluate.diff.Change (a StrEnum: its members are these strings).
CHANGE_STYLE = {
    "newly_failing": "bold red",
    "worsened": "red",
    "fixed": "bold green",
    "improved": "green",
    "unchanged": "",
}


def diff_side(evaluation: Evaluation) -> str:
    """How a diff names one side: its files and its latest year."""
    return f"{', '.join(evaluation.files)} ({evaluation.latest_year})"


def signed(delta: float | None) -> str:
    if delta is None:
        return "—"
    return ("+" if delta > 0 else "") + number(delta)


def render_diff(diff: Diff, options: Options) -> str:
    """plancheck diff: per indicator the value and status before and after, and the change."""
    from plancheck.evaluate.diff import Change

    lang = options.lang
    console, buffer = _console(options)
    title = label("diff_title", lang, old=diff_side(diff.old), new=diff_side(diff.new))
    console.print(terminal(title, style="bold"))
    grid = Table(expand=False)
    keys = (["unit"] if diff.multi_unit else []) + ["id", "indicator", "before", "after"]
    for key in [*keys, "value_change", "status_change"]:
        grid.add_column(label(key, lang), overflow="fold")
    for row in diff.rows:
        i = row.indicator
        cells: list[str | Text] = [terminal(row.unit)] if diff.multi_unit else []
        cells += [terminal(i.id), terminal(i.name if lang == "zh" else i.name_en)]
        for side in (row.old, row.new):
            cell = terminal(f"{value_cell(side)} ")
            cell.append_text(_status(side.status, lang))
            cells.append(cell)
        cells.append(signed(row.delta))
        change = label(f"change_{row.change.value}", lang)
        cells.append(Text(change, style=CHANGE_STYLE[row.change]))
        grid.add_row(*cells)
    console.print(grid)
    summary = diff.summary()
    parts = [f"{label('change_' + c.value, lang)} {summary[c.value]}" for c in Change]
    console.print(f"{label('changes', lang)}: " + " · ".join(parts))
    return buffer.getvalue()
