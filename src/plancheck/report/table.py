"""The terminal report: what needs attention first, then the tables, then the verdict.

Status words and symbols carry the meaning on their own, so the output stays readable with
NO_COLOR, when piped, or printed. Nothing is markup: every piece of text users typed goes
through ``visible_controls`` (control characters visible) and is laid out as plain text.

The evaluation report is laid out by ``report/grid.py`` (rich's wrapping and table layout
without importing rich's console: the default command's start-up); the plan's listings, the task
checks and the diff use rich's console, imported when they are printed.

One unit and one year: needs attention, a table per category, the index and the summary. Several
units or years (the compact default): the status matrix of the latest year, what needs attention
(bounded), the index, the city view and the summary; ``--details`` gives the full listing.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import TREND_WORDS, date_text, mean_decimals, render
from plancheck.plan.models import Indicator, Plan
from plancheck.report import Options
from plancheck.report.common import (
    TREND_ORDER,
    arrow,
    city_places,
    city_views,
    diff_one_sided,
    diff_side,
    figure,
    fixed,
    index_in_a_line,
    index_name,
    latest_index,
    listed_attention,
    nothing_listed,
    progress_header,
    progress_rows,
    several_units,
    signed,
    summary_heading,
    target_cell,
    timing_cell,
    unit_line,
    unit_named,
    value_cell,
    value_figure,
    verdict,
    with_year,
    years_listed,
)
from plancheck.report.grid import Pieces, Screen, cell_len
from plancheck.report.labels import (
    MIDTERM,
    STATUS_STYLE,
    STATUS_SYMBOL,
    both,
    bracketed,
    enumerated,
    label,
    midterm_word,
    status_word,
)
from plancheck.safetext import visible_controls

if TYPE_CHECKING:  # for annotations only: importing them costs every run's start-up
    from rich.console import Console
    from rich.text import Text

    from plancheck.evaluate.diff import Diff
    from plancheck.tasks.models import TaskCheck

# The compact report lists this many results that need attention, then says how many more.
ATTENTION_LIMIT = 12
# ... and names this many units not compliant.
UNITS_LIMIT = 20


def _console(options: Options) -> tuple[Console, io.StringIO]:
    from plancheck.report.richwrap import Console as Wrapping  # its lines broken as grid's

    buffer = io.StringIO()
    console = Wrapping(
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


def terminal(text: str, style: str = "") -> Text:
    """``escape.terminal`` (rich ``Text``), imported only for the sections rich lays out."""
    from plancheck.report.escape import terminal as rich_text

    return rich_text(text, style)


def terminal_lines(text: str) -> str:
    """``escape.terminal_lines``: no line of the report a CI log reads as a workflow command
    (imported only when a line could be one)."""
    if "::" not in text:
        return text
    from plancheck.report.escape import terminal_lines as no_commands

    return no_commands(text)


def _title(text: str) -> Text:
    """A table's title: plain text, in the style rich gives a title."""
    return terminal(text, style="table.title")


def _status(status: Status, lang: str) -> Text:
    from rich.text import Text

    return Text(f"{STATUS_SYMBOL[status]} {status_word(status, lang)}", style=STATUS_STYLE[status])


# --- plancheck evaluate ----------------------------------------------------------------------


def _shown(text: str) -> str:
    """What a user typed, as text: control characters visible (escape.terminal's rule)."""
    return visible_controls(text)


def _one_line(text: str) -> str:
    """A name on a row that must stay one line and keep its columns (the matrix, the index): a
    line break or a tab in it shown as ``\\x0a``, ``\\x09``, as a Mermaid label shows them."""
    return visible_controls(text, keep="")


def _state(status: Status, lang: str) -> tuple[str, str]:
    return f"{STATUS_SYMBOL[status]} {status_word(status, lang)}", STATUS_STYLE[status]


def _binding(indicator: Indicator, lang: str) -> str:
    return label("binding_yes" if indicator.binding else "binding_no", lang)


def _with_unit(indicator: Indicator, shown: str) -> str:
    if shown == "—":
        return shown
    unit = indicator.unit
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}" if unit else shown


def _actual(evaluation: Evaluation, result: Result) -> str:
    """The figure at its indicator's decimals, with its unit of measure."""
    return _with_unit(result.indicator, value_figure(evaluation, result))


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    lang = options.lang
    screen = Screen(options.width, options.color)
    plan = evaluation.plan
    years = years_listed(evaluation.years, lang)
    screen.print(_shown(f"{plan.info.title} — {years}"), style="bold")
    screen.print(
        _shown(
            f"{label('submission', lang)}{label('colon', lang)}{enumerated(evaluation.files, lang)}"
        )
    )
    if evaluation.history:
        screen.print(
            f"{label('history', lang)}{label('colon', lang)}{', '.join(map(str, evaluation.history))}"
        )
    if evaluation.focus is not None:
        # "徐汇区 (one of 16 units submitted)", or the name alone when it was the only one
        focus = unit_line(evaluation, lang) or evaluation.focus
        screen.print(_shown(label("focus_unit", lang) + label("colon", lang) + focus), style="bold")
    if evaluation.multi and not options.details:
        _compact(screen, evaluation, lang, options)  # reads the latest year's results only
    else:
        _detailed(screen, evaluation.kept(), lang, options)  # lists every result, several times
    return terminal_lines(screen.text())


def _keep(evaluation: Evaluation, results: list[Result]) -> list[Result]:
    """The results --only keeps in a listing (all of them without it)."""
    if evaluation.only is None:
        return results
    keep = evaluation.lists
    return [r for r in results if keep(r)]


def _kind_and_colon(indicator: Indicator, lang: str) -> str:
    """``[binding]: `` — in Chinese with full-width brackets and colon: ``【约束性】：``."""
    word = _binding(indicator, lang)
    return f"【{word}】：" if lang == "zh" else f"[{word}]: "


def _attention_line(screen: Screen, evaluation: Evaluation, r: Result, lang: str) -> None:
    who = f"{r.unit} " if len(evaluation.units) > 1 else ""
    screen.print(
        "  ",
        _state(r.status, lang),
        _shown(f"  {who}{r.indicator.id} {r.indicator.name} {_kind_and_colon(r.indicator, lang)}"),
        _shown(render(r.reason, lang)),
    )
    _linked_tasks(screen, evaluation, r, lang)


def _detailed(screen: Screen, evaluation: Evaluation, lang: str, options: Options) -> None:
    """Every result: needs attention, a table per category, then index, matrix and progress."""
    plan = evaluation.plan
    todo = listed_attention(evaluation)
    screen.print()
    screen.print(label("needs_attention", lang), style="bold")
    if not todo:
        screen.print("  " + nothing_listed(evaluation, lang))
    for r in todo:
        _attention_line(screen, evaluation, r, lang)

    listed = evaluation.listed
    headers = [label("unit", lang), label("year", lang)] if evaluation.multi else []
    keys = ("id", "indicator", "binding", "target", "actual", "status", "reason")
    headers += [label(key, lang) for key in keys]
    for category in plan.categories:
        rows = [r for r in listed if r.indicator.category == category.name]
        if not rows:
            continue
        title = category.name if lang == "zh" else both(category.name, category.name_en, "{} · {}")
        cells: list[list[Pieces]] = []
        for r in rows:
            row: list[Pieces] = (
                [[(_shown(r.unit), "")], [(str(r.year), "")]] if evaluation.multi else []
            )
            row += [
                [(_shown(r.indicator.id), "")],
                [(_shown(r.indicator.name), "")],
                [(_binding(r.indicator, lang), "")],
                [(_shown(target_cell(r.indicator, lang)), "")],
                [(_shown(_actual(evaluation, r)), "")],
                [_state(r.status, lang)],
                [(_shown(render(r.reason, lang)), "")],
            ]
            cells.append(row)
        screen.print()
        screen.table(headers, cells, title=[(_shown(title), "table.title")])

    _index_bars(screen, evaluation, lang)
    if len(evaluation.units) > 1:
        _matrix(screen, evaluation, lang)
    _city(screen, evaluation, lang)
    _progress(screen, evaluation, lang)
    _midterms(screen, evaluation, lang)
    _tasks_of_evaluation(screen, evaluation, lang, options)
    _summary(screen, evaluation, lang, compact=False)


def _compact(screen: Screen, evaluation: Evaluation, lang: str, options: Options) -> None:
    """Several units or years on a screen or two: the matrix, what needs attention (bounded),
    the index, the city view, the trends in a line, then the summary of the latest year."""
    _matrix(screen, evaluation, lang)
    todo = listed_attention(evaluation)
    screen.print()
    shown = todo[:ATTENTION_LIMIT]
    heading = with_year(label("needs_attention", lang), evaluation.latest_year, lang)
    if len(todo) > len(shown):
        heading += label("first_of", lang, shown=len(shown), total=len(todo))
    screen.print(heading, style="bold")
    if not todo:
        screen.print("  " + nothing_listed(evaluation, lang))
    for r in shown:
        _attention_line(screen, evaluation, r, lang)
    if len(todo) > len(shown):
        screen.print("  " + label("and_more", lang, count=len(todo) - len(shown)))
    _index_bars(screen, evaluation, lang)
    _city(screen, evaluation, lang)
    _trends(screen, evaluation, lang)
    _midterms(screen, evaluation, lang)
    if evaluation.tasks is not None:
        _tasks_of_evaluation(screen, evaluation, lang, options, tables=False)  # --details: all
    _summary(screen, evaluation, lang, compact=True)


def _summary(screen: Screen, evaluation: Evaluation, lang: str, *, compact: bool) -> None:
    """The counts per status, binding and expected, the units not compliant, the verdict. The
    compact report counts the latest year (the one compliance is judged on); the full one every
    judged year."""
    screen.print()
    latest_year = evaluation.latest_year
    if compact:
        summary = evaluation.summary(year=latest_year)
        heading = with_year(label("summary", lang), latest_year, lang)
    else:
        summary = evaluation.summary()
        heading = summary_heading(evaluation, lang)
    parts = [f"{STATUS_SYMBOL[s]} {status_word(s, lang)} {summary[s.value]}" for s in Status]
    colon = label("colon", lang)
    screen.print(heading + colon + " · ".join(parts))
    latest = evaluation.results.of_year(latest_year)
    several = len(evaluation.years) > 1
    for flag, key in ((True, "binding_yes"), (False, "binding_no")):
        passed = sum(1 for r in latest if r.indicator.binding is flag and r.status is Status.PASS)
        total = sum(1 for r in latest if r.indicator.binding is flag)
        kind = with_year(label(key, lang), latest_year, lang) if several else label(key, lang)
        screen.print(f"  {kind}{colon}{passed}/{total} {status_word(Status.PASS, lang)}")
    failing = evaluation.failing_units
    if len(evaluation.units) > 1 and failing:
        names = list(failing[:UNITS_LIMIT] if compact else failing)
        more = len(failing) - len(names)
        more_units = label("and_more_units", lang, count=more) if more else ""
        text = enumerated(names, lang) + ("" if lang == "zh" or not more else " ") + more_units
        screen.print(_shown(f"{label('failing_units', lang)}{label('colon', lang)}{text}"))
    style = "bold green" if evaluation.compliant else "bold red"
    screen.print(
        _shown(f"{label('verdict', lang)}{label('colon', lang)}{verdict(evaluation, lang)}"),
        style=style,
    )


def _bar(score: float, width: int = 20) -> str:
    """A score 0–100 as a bar of eighths: the same text on every terminal."""
    eighths = round(score / 100 * width * 8)
    bar = "█" * (eighths // 8) + ("▏▎▍▌▋▊▉"[eighths % 8 - 1] if eighths % 8 else "")
    return bar.ljust(width)  # padded: what follows lines up, whatever the score


def _index_bars(screen: Screen, evaluation: Evaluation, lang: str) -> None:
    ranking = latest_index(evaluation)
    if not ranking:
        return
    screen.print()
    one = index_in_a_line(evaluation, lang)
    if one is not None:  # one unit: its score and coverage, not a ranking of one
        screen.print(_one_line(one), style="bold")
        return
    screen.print(
        with_year(index_name(evaluation, lang), evaluation.latest_year, lang), style="bold"
    )
    units = {s.unit: _one_line(unit_named(s.unit, lang)) for s in ranking}
    width = max(cell_len(unit) for unit in units.values())
    for score in ranking:
        unit = units[score.unit]
        pad = " " * (width - cell_len(unit))  # Chinese characters take two cells
        if score.score is None or score.rank is None:
            line = f"   —  {unit}{pad}      —  {'':20}"
        else:
            line = f"  {score.rank:>2}. {unit}{pad}  {score.score:5.1f}  {_bar(score.score)}"
        coverage = bracketed(f"{label('coverage', lang)} {score.scored}/{score.total}", lang)
        screen.print(f"{line}  {coverage}")


def _matrix(screen: Screen, evaluation: Evaluation, lang: str) -> None:
    """Status symbols, one line per unit (the latest year) — or per year for one unit — and
    one column per indicator, split into blocks when the indicators do not fit the width."""
    latest = evaluation.latest_year
    several = len(evaluation.units) > 1  # then the latest year's results only are shown
    shown = evaluation.results.of_year(latest) if several else evaluation.results
    by_key = {(r.unit, r.year, r.indicator.id): r for r in shown}
    if several:
        rows = [(_one_line(unit), [(unit, latest)]) for unit in evaluation.units]
        title = label("matrix", lang, year=latest)
        first = label("unit", lang)
    else:
        unit = evaluation.units[0]
        rows = [(str(year), [(unit, year)]) for year in evaluation.years_reported]
        title = (label("matrix_years", lang, unit=_shown(unit)) if unit
                 else label("matrix_years_unnamed", lang))  # fmt: skip
        first = label("year", lang)
    keys = [key for _, row_keys in rows for key in row_keys]
    indicators = [
        i
        for i in evaluation.plan.indicators
        if _keep(evaluation, [r for k in keys if (r := by_key.get((*k, i.id))) is not None])
    ]
    screen.print()
    legend = " · ".join(f"{STATUS_SYMBOL[s]} {status_word(s, lang)}" for s in Status)
    screen.print((title, "bold"), "  " + label("legend", lang, legend=legend))
    if not indicators:
        screen.print("  " + label("nothing_listed", lang))
        return
    lead = max(cell_len(first), *(cell_len(name) for name, _ in rows)) + 2
    ids = {i.id: _shown(i.id) for i in indicators}
    widths = {i.id: max(2, cell_len(ids[i.id])) + 1 for i in indicators}
    blocks: list[list[Indicator]] = [[]]
    used = lead
    for i in indicators:
        if blocks[-1] and used + widths[i.id] > screen.width:
            blocks.append([])
            used = lead
        blocks[-1].append(i)
        used += widths[i.id]
    for block in blocks:
        head = first + " " * (lead - cell_len(first))
        head += "".join(ids[i.id] + " " * (widths[i.id] - cell_len(ids[i.id])) for i in block)
        screen.print(head.rstrip(), style="bold")
        for name, row_keys in rows:
            pieces: Pieces = [(name + " " * (lead - cell_len(name)), "")]
            for i in block:
                result = by_key.get((*row_keys[0], i.id))
                if result is None:
                    pieces.append((" " * widths[i.id], ""))
                    continue
                pieces.append((STATUS_SYMBOL[result.status], STATUS_STYLE[result.status]))
                pieces.append((" " * (widths[i.id] - 1), ""))
            pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
            screen.print(*pieces)


def _city(screen: Screen, evaluation: Evaluation, lang: str) -> None:
    """The city view: each indicator across the units submitted (the latest year)."""
    views = city_views(evaluation)
    if not evaluation.city:
        return
    keys = ("id", "indicator", "target", "mean", "lowest", "highest", "units_failing")
    headers = [label(key, lang) for key in keys]
    focus = evaluation.focus
    if focus is not None:
        headers += [_shown(focus), label("rank", lang)]
    rows: list[list[Pieces]] = []
    for v in views:
        i = v.indicator
        places = city_places(evaluation, v)
        row = [
            _shown(i.id),
            _shown(i.name),
            _shown(target_cell(i, lang)),
            fixed(v.mean, mean_decimals(places)),
            fixed(v.low, places),
            fixed(v.high, places),
            f"{len(v.failing)}/{v.count}" if v.count else "—",
        ]
        if focus is not None:
            row += [fixed(v.value, places), "—" if v.rank is None else str(v.rank)]
        rows.append([[(cell, "")] for cell in row])
    screen.print()
    title = label("city_view", lang, year=evaluation.latest_year,
                  count=len(evaluation.submitted_units))  # fmt: skip
    if not rows:
        screen.print(title, style="bold")
        screen.print("  " + label("nothing_listed", lang))
        return
    screen.table(headers, rows, title=[(title, "table.title")])


def _trends(screen: Screen, evaluation: Evaluation, lang: str) -> None:
    """The compact report's trends: how many results of the latest year go which way."""
    counts = {verdict: 0 for verdict in TREND_ORDER}
    for r in _keep(evaluation, list(evaluation.results.of_year(evaluation.latest_year))):
        if r.trend is not None:
            counts[r.trend.verdict] += 1
    if not any(counts.values()):
        return
    words = {v: TREND_WORDS[v].zh if lang == "zh" else TREND_WORDS[v].en for v in TREND_ORDER}
    parts = " · ".join(f"{words[v]} {counts[v]}" for v in TREND_ORDER if counts[v])
    screen.print()
    screen.print((label("trends", lang, year=evaluation.plan.info.target_year), "bold"),
                 label("colon", lang) + parts)  # fmt: skip


def _midterms(screen: Screen, evaluation: Evaluation, lang: str) -> None:
    """How many results of the latest year the mid-term review classes which way (提前实现 …
    滞后): the shared reports give each result's class in their tables."""
    counts = dict.fromkeys(MIDTERM, 0)
    for r in _keep(evaluation, list(evaluation.results.of_year(evaluation.latest_year))):
        if r.midterm in counts:
            counts[r.midterm] += 1
    if not any(counts.values()):
        return
    parts = " · ".join(f"{midterm_word(m, lang)} {n}" for m, n in counts.items() if n)
    screen.print()
    screen.print((label("midterms", lang, year=evaluation.latest_year), "bold"),
                 label("colon", lang) + parts)  # fmt: skip


def _progress(screen: Screen, evaluation: Evaluation, lang: str) -> None:
    """The series of each unit and indicator, its projection and trend, the worst first."""
    results = _keep(evaluation, progress_rows(evaluation))
    if not results:
        return
    headers = progress_header(evaluation, lang)
    several = several_units(evaluation)  # the header's rule: a unit column of several only
    rows: list[list[Pieces]] = []
    for r in results:
        trend = r.trend
        if trend is None:  # progress_rows keeps those with a trend
            continue
        i = r.indicator
        words = TREND_WORDS[trend.verdict]
        row = [
            *((_shown(r.unit),) if several else ()),
            _shown(f"{i.id} {i.name}"),
            " → ".join(figure(evaluation, i, v) for _, v in trend.series),
            arrow(r),
            figure(evaluation, i, trend.projection),
            _shown(target_cell(i, lang)),
            words.zh if lang == "zh" else words.en,
        ]
        rows.append([[(cell, "")] for cell in row])
    screen.print()
    screen.table(headers, rows, title=[(label("progress", lang), "table.title")])


def render_indicators(plan: Plan, options: Options) -> str:
    from rich.table import Table

    lang = options.lang
    console, buffer = _console(options)
    grid = Table(title=_title(plan.info.title), title_justify="left")
    for key in ("id", "category", "indicator", "binding", "measure", "target", "timing"):
        grid.add_column(label(key, lang), overflow="fold")
    for i in plan.indicators:
        cells = [
            i.id,
            i.category,
            i.name if lang == "zh" else both(i.name, i.name_en, "{}\n{}"),
            label("binding_yes" if i.binding else "binding_no", lang),
            i.unit or "",
            i.target_text,
            timing_cell(i, plan.info.target_year, lang),
        ]
        grid.add_row(*map(terminal, cells))
    console.print(grid)
    return terminal_lines(buffer.getvalue())


def render_tasks(plan: Plan, options: Options) -> str:
    from rich.table import Table

    from plancheck.report import taskcheck as parts  # the task listing only

    lang = options.lang
    console, buffer = _console(options)
    grid = Table(title=_title(plan.info.title), title_justify="left")
    for key in ("id", "section", "title", "indicators_linked", "milestones"):
        grid.add_column(label(key, lang), overflow="fold")
    for t in plan.tasks:
        milestones = "\n".join(parts.milestone_text(m, lang) for m in t.milestones)
        section = parts.section_title(t.document, t.section, lang)
        linked = enumerated(t.indicators, lang)
        cells = [t.id, section, parts.task_title(t, lang), linked, milestones]
        grid.add_row(*map(terminal, cells))
    console.print(grid)
    return terminal_lines(buffer.getvalue())


# --- task checks (plancheck tasks check; evaluate --tasks) ------------------------------------


def _task_state(state: str, lang: str) -> Text:
    from rich.text import Text

    from plancheck.report.labels import TASK_STYLE
    from plancheck.report.taskcheck import state_text

    return Text(state_text(state, lang), style=TASK_STYLE[state])


def _tasks_section(console: Console, check: TaskCheck, lang: str, tables: bool = True) -> None:
    """Needs attention (overdue first, with the lead department), then a table per section
    (not in the compact evaluation report), then the counts."""
    from rich.table import Table
    from rich.text import Text

    from plancheck.report import taskcheck as parts
    from plancheck.report.labels import TASK_STYLE

    console.print(
        terminal(f"{label('as_of', lang)}{label('colon', lang)}{parts.as_of_text(check, lang)}")
    )
    console.print()
    console.print(Text(label("needs_attention", lang), style="bold"))
    todo = parts.attention(check)
    if not todo:
        console.print("  " + label("nothing_overdue", lang))
    for r in todo:
        line = Text("  ")
        line.append_text(_task_state(r.state.value, lang))
        line.append_text(terminal(f"  {parts.attention_text(r, lang)}"))
        console.print(line)
    for document, section, rows in check.sections() if tables else ():
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
                    detail.append(parts.state_tag(status, lang), style=TASK_STYLE[status])
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


def _linked_tasks(screen: Screen, evaluation: Evaluation, result: Result, lang: str) -> None:
    """Under a failing indicator: the tasks that drive it and their state."""
    if evaluation.tasks is None or result.status not in (Status.FAIL, Status.BEHIND):
        return
    from plancheck.report.taskcheck import linked_text  # only with --tasks

    for task in evaluation.tasks.linked(result.indicator.id):
        screen.print(
            _shown(
                f"      → {label('linked_tasks', lang)}{label('colon', lang)}{linked_text(task, lang)}"
            )
        )


def _tasks_of_evaluation(
    screen: Screen, evaluation: Evaluation, lang: str, options: Options, tables: bool = True
) -> None:
    if evaluation.tasks is None:
        return
    heading = label("tasks_title", lang, date=date_text(evaluation.tasks.as_of, lang))
    screen.print()
    screen.print(heading, style="bold")
    files = ", ".join(evaluation.tasks.files)
    screen.print(_shown(f"{label('progress_file', lang)}{label('colon', lang)}{files}"))
    console, buffer = _console(options)  # the tasks section: rich's console, with --tasks only
    _tasks_section(console, evaluation.tasks, lang, tables)
    screen.raw(buffer.getvalue())


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    """``plancheck tasks check``: the report an office can hand to its committee."""
    from rich.text import Text

    from plancheck.report.taskcheck import task_verdict

    lang = options.lang
    console, buffer = _console(options)
    heading = label("tasks_title", lang, date=date_text(check.as_of, lang))
    console.print(terminal(f"{check.plan.info.title} — {heading}", style="bold"))
    console.print(
        terminal(f"{label('progress_file', lang)}{label('colon', lang)}{', '.join(check.files)}")
    )
    _tasks_section(console, check, lang)
    style = "bold green" if check.compliant else "bold red"
    console.print(
        Text(
            f"{label('verdict', lang)}{label('colon', lang)}{task_verdict(check, lang)}",
            style=style,
        )
    )
    return terminal_lines(buffer.getvalue())


# --- plancheck diff --------------------------------------------------------------------------

# Keyed by the values of plancheck.evaluate.diff.Change (a StrEnum: its members are these strings).
CHANGE_STYLE = {
    "newly_failing": "bold red",
    "worsened": "red",
    "fixed": "bold green",
    "improved": "green",
    "unchanged": "",
}


def render_diff(diff: Diff, options: Options) -> str:
    """plancheck diff: per indicator the value and status before and after, and the change."""
    from rich.table import Table
    from rich.text import Text

    from plancheck.evaluate.diff import Change

    lang = options.lang
    console, buffer = _console(options)
    title = label("diff_title", lang, old=diff_side(diff.old, lang), new=diff_side(diff.new, lang))
    console.print(terminal(title, style="bold"))
    one_sided = diff_one_sided(diff, lang)
    if one_sided is not None:
        console.print(terminal(one_sided, style="yellow"))
    grid = Table(expand=False)
    keys = (["unit"] if diff.multi_unit else []) + ["id", "indicator", "before", "after"]
    for key in [*keys, "value_change", "status_change"]:
        grid.add_column(label(key, lang), overflow="fold")
    for row in diff.rows:
        i = row.indicator
        cells: list[str | Text] = [terminal(row.unit)] if diff.multi_unit else []
        # The plan's own name first, as the evaluation table gives it; the English beneath
        cells += [
            terminal(i.id),
            terminal(i.name if lang == "zh" else both(i.name, i.name_en, "{}\n{}")),
        ]
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
    console.print(f"{label('changes', lang)}{label('colon', lang)}" + " · ".join(parts))
    return terminal_lines(buffer.getvalue())


def render_check(summary: Any, options: Options) -> str:
    """``plancheck check``'s report (report/check.py, imported only for that command)."""
    from plancheck.report import check

    return check.render_check(summary, options)
