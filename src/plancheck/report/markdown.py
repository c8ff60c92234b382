"""GitHub-flavoured markdown for sharing: verdict, summary, then a table per category.

Every piece of text from the plan, a submission or a file name goes through
``markdown_inline`` (headings, list items), ``markdown_cell`` (tables) or ``mermaid_label``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import date_text
from plancheck.plan.models import Indicator, Plan
from plancheck.report import Options
from plancheck.report.common import (
    SharedCells,
    category_table,
    city_table,
    city_year,
    diff_one_sided,
    diff_side,
    file_names,
    heading_fields,
    index_explained,
    index_name,
    index_series,
    index_table,
    latest_counts,
    latest_index,
    listed_attention,
    matrix,
    nothing_listed,
    shared_as_of,
    shared_progress_table,
    signed,
    summary_sentences,
    timing_cell,
    value_cell,
    verdict,
    with_year,
    year_table,
    years_listed,
)
from plancheck.report.escape import markdown_cell, markdown_inline, mermaid_label
from plancheck.report.labels import (
    STATUS_SYMBOL,
    aside,
    both,
    colon,
    enumerated,
    label,
    status_word,
)
from plancheck.report.taskcheck import task_verdict

if TYPE_CHECKING:  # for annotations only: importing them costs every run's start-up
    from plancheck.evaluate.diff import Diff
    from plancheck.tasks.models import TaskCheck


def table(header: list[str], rows: list[list[str]], cells: dict[str, str] | None = None
          ) -> list[str]:  # fmt: skip
    """A GitHub-flavoured markdown table. ``cells``: each cell's markdown by its text, made once
    for a report's tables (their cells repeat, beyond what ``markdown_cell`` keeps)."""
    out = ["| " + " | ".join(markdown_cell(h) for h in header) + " |"]
    out.append("|" + "|".join("---" for _ in header) + "|")
    if cells is None:
        cells = {}
    for row in rows:
        shown = []
        for c in row:
            cell = cells.get(c)
            if cell is None:
                cell = markdown_cell(c)
                if len(cells) < 1 << 16:
                    cells[c] = cell
            shown.append(cell)
        out.append("| " + " | ".join(shown) + " |")
    return out


def status_cell(result: Result, lang: str) -> str:
    return f"{STATUS_SYMBOL[result.status]} {status_word(result.status, lang)}"


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    """The shared report (README "Reports"): the same content rules as html and docx."""
    return "".join(stream_evaluation(evaluation, options))


def stream_evaluation(evaluation: Evaluation, options: Options) -> Iterator[str]:
    """``render_evaluation`` line by line: the tables' rows are made as they are written."""
    for line in _lines(evaluation, options):
        yield f"{line}\n"


def _lines(evaluation: Evaluation, options: Options) -> Iterator[str]:
    lang = options.lang
    c = colon(lang)
    plan = evaluation.plan
    years = years_listed(evaluation.years, lang)
    lines = [f"# {markdown_inline(plan.info.title)} — {years}", ""]
    lines += [
        f"- **{name}**{c}{markdown_inline(text)}"
        for _, name, text in heading_fields(evaluation, options)
    ]
    lines += [
        "",
        f"**{label('verdict', lang)}{c}{markdown_inline(verdict(evaluation, lang, shared=True))}**"
        + aside(markdown_inline(latest_counts(evaluation, lang)), lang),
        "",
    ]
    if evaluation.failing_units and len(evaluation.units) > 1:
        lines += [
            f"{label('failing_units', lang)}{c}"
            f"{enumerated(map(markdown_inline, evaluation.failing_units), lang)}",
            "",
        ]

    lines += [f"## {label('summary', lang)}", ""]
    lines += [
        markdown_inline(("" if lang == "zh" else " ").join(summary_sentences(evaluation, lang))),
        "",
    ]
    lines += table(*year_table(evaluation, lang))
    if evaluation.only is not None:
        lines += ["", markdown_inline(label(f"only_{evaluation.only}", lang))]

    lines += ["", f"## {label('needs_attention', lang)}", ""]
    yield from lines
    todo = listed_attention(evaluation)
    if not todo:
        yield markdown_inline(nothing_listed(evaluation, lang))
    shared = SharedCells(evaluation, lang)
    statuses = {s: f"{aside(shared.status[s], lang)}{c}" for s in Status}
    names: dict[int, tuple[Indicator, str]] = {}
    several = len(evaluation.units) > 1
    for r in todo:
        who = f"{markdown_inline(r.unit)} " if several else ""
        i = r.indicator
        name = names.get(id(i))
        if name is None:
            text = f"**{markdown_inline(i.id)} {markdown_inline(i.name)}**"
            name = names[id(i)] = (i, text)
        yield f"- {who}{name[1]}{statuses[r.status]}{markdown_inline(shared.reason(r.reason))}"
        yield from _linked_tasks(evaluation, r, lang)

    lines = _index_section(evaluation, lang)
    if len(evaluation.units) > 1:
        lines += _matrix_section(evaluation, lang)
    lines += _city_section(evaluation, lang)
    lines += _progress_section(evaluation, lang)
    yield from lines
    del lines, todo  # written: a national report's lists are not held while the tables are made

    cells: dict[str, str] = {}  # each cell's markdown, once per distinct text (they repeat)
    for category in plan.categories:
        header, rows = category_table(evaluation, category.name, lang)
        if not rows:
            continue
        title = category.name if lang == "zh" else both(category.name, category.name_en, "{} {}")
        yield ""
        yield f"## {markdown_inline(title)}"
        yield ""
        yield from table(header, rows, cells)
    yield from _tasks_of_evaluation(evaluation, lang)


def _city_section(evaluation: Evaluation, lang: str) -> list[str]:
    """Each indicator across the units (several units submitted): the city office's view."""
    header, rows = city_table(evaluation, lang)
    if not rows:
        return []
    heading = label("city", lang, year=city_year(evaluation))
    return ["", f"## {markdown_inline(heading)}", "", *table(header, rows)]


def _index_section(evaluation: Evaluation, lang: str) -> list[str]:
    """The index table (ranking) of the latest year, and a Mermaid chart GitHub renders."""
    header, rows = index_table(evaluation, lang)
    if not rows:
        return []
    lines = ["", f"## {with_year(index_name(evaluation, lang), evaluation.latest_year, lang)}", ""]
    lines += [markdown_inline(index_explained(evaluation, lang)), "", *table(header, rows)]
    chart = _index_chart(evaluation, lang)
    return lines + (["", *chart] if chart else [])


def _index_chart(evaluation: Evaluation, lang: str) -> list[str]:
    """A bar per unit (several units) or a line over the years (one unit); nothing otherwise."""
    title = mermaid_label(index_name(evaluation, lang))
    if len(evaluation.units) > 1:
        ranking = [s for s in latest_index(evaluation) if s.score is not None]
        axis = ", ".join(mermaid_label(s.unit) for s in ranking)
        values = ", ".join(f"{s.score:.1f}" for s in ranking if s.score is not None)
        kind = "bar"
    elif len(evaluation.years) > 1:
        points = [p for _, series in index_series(evaluation) for p in series]  # the one unit's
        axis = ", ".join(mermaid_label(str(year)) for year, _ in points)
        values = ", ".join(f"{score:.1f}" for _, score in points)
        kind = "line"
    else:
        return []
    if not values:  # no unit has a score
        return []
    return [
        "```mermaid",
        "xychart-beta",
        f"    title {title}",
        f"    x-axis [{axis}]",
        f"    y-axis {mermaid_label(label('score', lang))} 0 --> 100",
        f"    {kind} [{values}]",
        "```",
    ]


def _matrix_section(evaluation: Evaluation, lang: str) -> list[str]:
    lines = ["", f"## {markdown_inline(label('matrix', lang, year=evaluation.latest_year))}", ""]
    ids = [i.id for i in evaluation.plan.indicators]
    rows = [
        [unit, *(STATUS_SYMBOL[r.status] for r in results)] for unit, results in matrix(evaluation)
    ]
    legend = " · ".join(f"{STATUS_SYMBOL[s]} {status_word(s, lang)}" for s in Status)
    return [*lines, *table([label("unit", lang), *ids], rows), "", legend]


def _progress_section(evaluation: Evaluation, lang: str) -> list[str]:
    header, rows = shared_progress_table(evaluation, lang)
    if not rows:
        return []
    return ["", f"## {label('progress', lang)}", "", *table(header, rows)]


def render_indicators(plan: Plan, options: Options) -> str:
    lang = options.lang
    lines = [f"# {markdown_inline(plan.info.title)}", ""]
    header = [label("id", lang), label("category", lang), label("indicator", lang),
              label("binding", lang), label("measure", lang), label("target", lang),
              label("timing", lang)]  # fmt: skip
    rows = [
        [
            i.id,
            i.category,
            i.name if lang == "zh" else both(i.name, i.name_en, "{} ({})"),
            label("binding_yes" if i.binding else "binding_no", lang),
            i.unit or "",
            i.target_text,
            timing_cell(i, plan.info.target_year, lang),
        ]
        for i in plan.indicators
    ]
    return "\n".join(lines + table(header, rows)) + "\n"


def render_tasks(plan: Plan, options: Options) -> str:
    from plancheck.report import taskcheck as parts  # the task listing only

    lang = options.lang
    lines = [f"# {markdown_inline(plan.info.title)}", ""]
    header = [label("id", lang), label("section", lang), label("title", lang),
              label("indicators_linked", lang), label("milestones", lang)]  # fmt: skip
    rows = []
    for t in plan.tasks:
        milestones = "\n".join(parts.milestone_text(m, lang) for m in t.milestones)
        section = parts.section_title(t.document, t.section, lang)
        linked = enumerated(t.indicators, lang)
        rows.append([t.id, section, parts.task_title(t, lang), linked, milestones])
    return "\n".join(lines + table(header, rows)) + "\n"


# --- task checks (plancheck tasks check; evaluate --tasks) ------------------------------------


def _tasks_lines(check: TaskCheck, lang: str, level: int) -> list[str]:
    """Needs attention (overdue first, with the lead department), then a table per section."""
    from plancheck.report import taskcheck as parts

    heading = "#" * level
    lines = [
        f"- **{label('as_of', lang)}**{colon(lang)}{markdown_inline(shared_as_of(check, lang))}"
    ]
    lines += [f"- **{markdown_inline(text)}**" for text in parts.summary_text(check, lang)]
    lines += ["", f"{heading} {label('needs_attention', lang)}", ""]
    todo = parts.attention(check)
    if not todo:
        lines.append(label("nothing_overdue", lang))
    for r in todo:
        lines.append(
            f"- **{markdown_inline(parts.state_text(r.state.value, lang))}** "
            f"{markdown_inline(parts.attention_text(r, lang))}"
        )
    header = [label(key, lang) for key in ("id", "task", "lead", "task_state", "details")]
    for document, section, rows in check.sections():
        body = []
        for r in rows:
            detail = "\n".join(
                parts.detail_line(status, text, lang) for status, text in parts.details(r, lang)
            )
            body.append([r.task.id, parts.title(r, lang), parts.lead(r, lang),
                         parts.state_text(r.state.value, lang), detail])  # fmt: skip
        lines += [
            "",
            f"{heading} {markdown_inline(parts.section_title(document, section, lang))}",
            "",
        ]
        lines += table(header, body)
    return lines


def _linked_tasks(evaluation: Evaluation, result: Result, lang: str) -> list[str]:
    """Under a failing indicator: the tasks that drive it and their state."""
    if evaluation.tasks is None or result.status not in (Status.FAIL, Status.BEHIND):
        return []
    from plancheck.report.taskcheck import linked_text  # only with --tasks

    return [
        f"  - {label('linked_tasks', lang)}{colon(lang)}{markdown_inline(linked_text(task, lang))}"
        for task in evaluation.tasks.linked(result.indicator.id)
    ]


def _tasks_of_evaluation(evaluation: Evaluation, lang: str) -> list[str]:
    if evaluation.tasks is None:
        return []
    check = evaluation.tasks
    files = markdown_inline(file_names(check.files, lang))
    return [
        "",
        f"## {markdown_inline(label('tasks_title', lang, date=date_text(check.as_of, lang)))}",
        "",
        f"- **{label('progress_file', lang)}{colon(lang).rstrip()}** {files}",
        *_tasks_lines(check, lang, level=3),
    ]


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    """``plancheck tasks check``: the report an office can hand to its committee."""
    lang = options.lang
    heading = label("tasks_title", lang, date=date_text(check.as_of, lang))
    lines = [
        f"# {markdown_inline(check.plan.info.title)} — {markdown_inline(heading)}",
        "",
        f"- **{label('progress_file', lang)}{colon(lang).rstrip()}** "
        f"{markdown_inline(file_names(check.files, lang))}",
        "",
        f"**{label('verdict', lang)}{colon(lang)}{markdown_inline(task_verdict(check, lang, shared=True))}**",
        "",
        *_tasks_lines(check, lang, level=2),
    ]
    return "\n".join(lines) + "\n"


# --- plancheck diff --------------------------------------------------------------------------


def render_diff(diff: Diff, options: Options) -> str:
    """plancheck diff: a table of every indicator's value and status before and after."""
    from plancheck.evaluate.diff import Change

    lang = options.lang

    title = label("diff_title", lang, old=diff_side(diff.old, lang), new=diff_side(diff.new, lang))
    lines = [f"# {markdown_inline(title)}", ""]
    one_sided = diff_one_sided(diff, lang)
    if one_sided is not None:
        lines += [markdown_inline(one_sided), ""]
    summary = diff.summary()
    lines += table(
        [label("status_change", lang), label("count", lang)],
        [[label(f"change_{c.value}", lang), str(summary[c.value])] for c in Change],
    )
    header = [label(k, lang) for k in ("id", "indicator", "before", "after", "value_change",
                                       "status_change")]  # fmt: skip
    if diff.multi_unit:
        header = [label("unit", lang), *header]
    body = []
    for row in diff.rows:
        i = row.indicator
        cells = [
            i.id,
            i.name if lang == "zh" else both(i.name, i.name_en, "{} ({})"),
        ]  # as the evaluation's
        cells += [f"{value_cell(r)} {status_cell(r, lang)}" for r in (row.old, row.new)]
        cells += [signed(row.delta), label(f"change_{row.change.value}", lang)]
        body.append([row.unit, *cells] if diff.multi_unit else cells)
    lines += ["", f"## {label('changes', lang)}", "", *table(header, body)]
    return "\n".join(lines) + "\n"
