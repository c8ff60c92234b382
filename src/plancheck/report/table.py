"""The terminal report (rich): needs attention first, a table per category, then the verdict.

Status words and symbols carry the meaning on their own, so the output stays readable with
NO_COLOR, when piped, or printed.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from plancheck.evaluate.models import Evaluation, Status
from plancheck.messages import render
from plancheck.plan.models import Plan
from plancheck.report import Options
from plancheck.report.common import attention, target_cell, timing_cell, value_cell, verdict
from plancheck.report.labels import STATUS_STYLE, STATUS_SYMBOL, label, status_word


def _console(options: Options) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    return console, buffer


def _status(status: Status, lang: str) -> Text:
    return Text(f"{STATUS_SYMBOL[status]} {status_word(status, lang)}", style=STATUS_STYLE[status])


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    lang = options.lang
    console, buffer = _console(options)
    plan = evaluation.plan
    years = ", ".join(map(str, evaluation.years))
    console.print(Text(f"{plan.info.title} — {years}", style="bold"))
    console.print(f"{label('submission', lang)}: {', '.join(evaluation.files)}", markup=False)
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
        line.append(f"  {who}{r.indicator.id} {r.indicator.name} [{binding}]: ")
        line.append(render(r.reason, lang))
        console.print(line)

    for category in plan.categories:
        rows = [r for r in evaluation.results if r.indicator.category == category.name]
        if not rows:
            continue
        title = category.name if lang == "zh" else f"{category.name} · {category.name_en}"
        grid = Table(title=title, title_justify="left", expand=False, show_lines=False)
        if evaluation.multi:
            grid.add_column(label("unit", lang))
            grid.add_column(label("year", lang))
        for key in ("id", "indicator", "binding", "target", "actual", "status", "reason"):
            grid.add_column(label(key, lang), overflow="fold")
        for r in rows:
            cells: list[str | Text] = [r.unit, str(r.year)] if evaluation.multi else []
            cells += [
                r.indicator.id,
                r.indicator.name,
                label("binding_yes" if r.indicator.binding else "binding_no", lang),
                target_cell(r.indicator),
                value_cell(r),
                _status(r.status, lang),
                Text(render(r.reason, lang)),
            ]
            grid.add_row(*cells)
        console.print()
        console.print(grid)

    console.print()
    summary = evaluation.summary()
    parts = [f"{STATUS_SYMBOL[s]} {status_word(s, lang)} {summary[s.value]}" for s in Status]
    console.print(f"{label('summary', lang)}: " + " · ".join(parts), markup=False)
    latest = [r for r in evaluation.results if r.year == evaluation.latest_year]
    for flag, key in ((True, "binding_yes"), (False, "binding_no")):
        passed = sum(1 for r in latest if r.indicator.binding is flag and r.status is Status.PASS)
        total = sum(1 for r in latest if r.indicator.binding is flag)
        console.print(f"  {label(key, lang)}: {passed}/{total} {status_word(Status.PASS, lang)}")
    if multi_unit and evaluation.failing_units:
        console.print(
            f"{label('failing_units', lang)}: {', '.join(evaluation.failing_units)}", markup=False
        )
    style = "bold green" if evaluation.compliant else "bold red"
    console.print(Text(f"{label('verdict', lang)}: {verdict(evaluation, lang)}", style=style))
    return buffer.getvalue()


def render_indicators(plan: Plan, options: Options) -> str:
    lang = options.lang
    console, buffer = _console(options)
    grid = Table(title=plan.info.title, title_justify="left")
    for key in ("id", "category", "indicator", "binding", "measure", "target", "timing"):
        grid.add_column(label(key, lang), overflow="fold")
    for i in plan.indicators:
        grid.add_row(
            i.id,
            i.category,
            i.name if lang == "zh" else f"{i.name}\n{i.name_en}",
            label("binding_yes" if i.binding else "binding_no", lang),
            i.unit or "",
            i.target_text,
            timing_cell(i, plan.info.target_year, lang),
        )
    console.print(grid)
    return buffer.getvalue()


def render_tasks(plan: Plan, options: Options) -> str:
    lang = options.lang
    console, buffer = _console(options)
    grid = Table(title=plan.info.title, title_justify="left")
    for key in ("id", "section", "title", "indicators_linked", "milestones"):
        grid.add_column(label(key, lang), overflow="fold")
    for t in plan.tasks:
        milestones = "\n".join(
            f"{m.id} {m.text} ({label('every_year', lang) if m.recurring else m.due or ''})"
            for m in t.milestones
        )
        grid.add_row(t.id, t.section, t.title, ", ".join(t.indicators), milestones)
    console.print(grid)
    return buffer.getvalue()
