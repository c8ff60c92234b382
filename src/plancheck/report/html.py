"""One self-contained HTML file to share and print (A4): no script, no network, no external asset.

Verdict and summary first, charts as inline SVG (statuses per category; per year and per unit
when there are several), what needs attention, a table per category, then the tasks section when
the evaluation has one. Every piece of text goes through ``esc`` (``escape.html``: markup
escaped, control characters visible, nothing XML 1.0 forbids).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.messages import year_text
from plancheck.plan.models import Indicator
from plancheck.report import Options
from plancheck.report.common import (
    SharedCells,
    category_table,
    city_table,
    city_year,
    file_name,
    file_names,
    heading_fields,
    index_explained,
    index_name,
    index_series,
    index_table,
    latest_counts,
    latest_index,
    listed_attention,
    nothing_listed,
    series_rows,
    shared_progress_table,
    sole_index,
    summary_sentences,
    unit_named,
    verdict,
    with_year,
    year_table,
    years_listed,
)
from plancheck.report.escape import html as esc
from plancheck.report.html_more import render_diff, render_taskcheck  # noqa: F401 (the registry)
from plancheck.report.html_style import CSS
from plancheck.report.labels import (
    STATUS_SYMBOL,
    aside,
    both,
    colon,
    enumerated,
    label,
    noted,
    status_word,
    task_word,
)
from plancheck.report.tasks_view import BAD, OK, status_counts, task_rows

COLOURS = {
    Status.PASS: "#2e7d32",
    Status.FAIL: "#c62828",
    Status.BEHIND: "#ef8f00",
    Status.MISSING: "#8e24aa",
    Status.UNKNOWN: "#0277bd",
}


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    """The shared report (README "Reports"): the same content rules as markdown and docx."""
    return "".join(stream_evaluation(evaluation, options))


def stream_evaluation(evaluation: Evaluation, options: Options) -> Iterator[str]:
    """``render_evaluation`` line by line: the tables' rows are made as they are written."""
    for line in _lines(evaluation, options):
        yield f"{line}\n"


def _lines(evaluation: Evaluation, options: Options) -> Iterator[str]:
    lang = options.lang
    plan = evaluation.plan
    info = plan.info
    title = info.title if lang == "zh" else info.title_en
    years = years_listed(evaluation.years, lang)
    files = file_names(evaluation.files, lang)
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(label('report_title', lang))} — {esc(title)} — {esc(years)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(label('report_title', lang))}{colon(lang)}{esc(title)} — {esc(years)}</h1>",
        '<dl class="meta">',
    ]
    out += [
        f"<dt>{esc(name)}</dt><dd>{esc(text)}</dd>"
        for _, name, text in heading_fields(evaluation, options)
    ]
    out += ["</dl>", "</header>"]
    ok = evaluation.compliant
    out.append(
        f'<p class="verdict {"ok" if ok else "bad"}" id="verdict">'
        f"{esc(label('verdict', lang) + colon(lang) + verdict(evaluation, lang, shared=True))}"
        f'<span class="counts">{esc(aside(latest_counts(evaluation, lang), lang))}</span></p>'
    )
    if len(evaluation.units) > 1 and evaluation.failing_units:
        out.append(
            f"<p>{esc(label('failing_units', lang) + colon(lang) + enumerated(evaluation.failing_units, lang))}</p>"
        )

    out += _summary(evaluation, lang)
    out += _attention(evaluation, lang)
    out += _index(evaluation, lang)
    out += _city(evaluation, lang)
    out += _progress(evaluation, lang)
    yield from out
    del out  # written: a national report's lists are not held while the tables are made
    yield from _categories(evaluation, lang)
    yield from _tasks(evaluation, lang)
    yield f"<footer>{esc(label('generated_by', lang))} {esc(files)}</footer>"
    yield "</body>"
    yield "</html>"


def _city(evaluation: Evaluation, lang: str) -> list[str]:
    """Each indicator across the units (several units submitted): the city office's view."""
    header, rows = city_table(evaluation, lang)
    if not rows:
        return []
    heading = label("city", lang, year=city_year(evaluation))
    return [f"<h2>{esc(heading)}</h2>", *_table("city", header, rows)]


def _status_html(status: Status, lang: str) -> str:
    return f'<span class="status s-{status.value}">{STATUS_SYMBOL[status]} {esc(status_word(status, lang))}</span>'


def _summary(evaluation: Evaluation, lang: str) -> list[str]:
    sentences = ("" if lang == "zh" else " ").join(summary_sentences(evaluation, lang))
    out = [f"<h2>{esc(label('summary', lang))}</h2>", f'<p class="summary">{esc(sentences)}</p>']
    header, rows = year_table(evaluation, lang)
    out.append('<table class="summary">')
    out.append(
        "<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr></thead><tbody>"
    )
    for row in rows:
        out.append(
            f"<tr><td>{esc(row[0])}</td>"
            + "".join(f'<td class="num">{esc(c)}</td>' for c in row[1:])
            + "</tr>"
        )
    out.append("</tbody></table>")
    if evaluation.only is not None:
        out.append(f'<p class="note">{esc(label("only_" + evaluation.only, lang))}</p>')
    latest_year = evaluation.latest_year
    # One pass: the latest year's statuses per category and per unit, every year's statuses.
    by_category: dict[str, Counter[Status]] = {
        c.name: Counter() for c in evaluation.plan.categories
    }
    by_year: dict[int, Counter[Status]] = {y: Counter() for y in evaluation.years_reported}
    by_unit: dict[str, Counter[Status]] = {u: Counter() for u in evaluation.units}
    for unit_name, result_year, indicator, status in evaluation.results.statuses():
        year = by_year.get(result_year)
        if year is not None:
            year[status] += 1
        if result_year == latest_year:
            category = by_category.get(indicator.category)
            if category is not None:
                category[status] += 1
            unit = by_unit.get(unit_name)
            if unit is not None:
                unit[status] += 1
    groups = [
        (category.name if lang == "zh" else category.name_en, by_category[category.name])
        for category in evaluation.plan.categories
    ]
    out.append(
        stacked_bars(
            noted(label("chart_categories", lang), year_text(latest_year, lang), lang), groups, lang
        )
    )
    if len(evaluation.years) > 1:
        out.append(
            stacked_bars(
                label("chart_years", lang),
                [(year_text(y, lang), by_year[y]) for y in by_year],
                lang,
            )
        )
    if len(evaluation.units) > 1:
        out.append(
            stacked_bars(
                noted(label("chart_units", lang), year_text(latest_year, lang), lang),
                list(by_unit.items()),
                lang,
            )
        )
    return out


def _figure(caption: str, width: int, height: int) -> list[str]:
    """The opening of a captioned inline-SVG chart; close it with </svg></figure>."""
    return [
        "<figure>",
        f"<figcaption>{esc(caption)}</figcaption>",
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{esc(caption)}">',
    ]


def stacked_bars(caption: str, groups: Iterable[tuple[str, Counter[Status]]], lang: str) -> str:
    """A horizontal stacked bar per group (its statuses' shares), with a legend: inline SVG."""
    groups = list(groups)
    label_width, bar_width, row_height, top = 190, 420, 24, 28
    width = label_width + bar_width + 60
    height = top + row_height * len(groups) + 8
    parts = _figure(caption, width, height)
    x = 0
    for status in Status:  # the legend
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[status]}"/>')
        parts.append(f'<text x="{x + 16}" y="14">{esc(status_word(status, lang))}</text>')
        x += 24 + 9 * max(4, len(status_word(status, lang)) + (3 if lang == "zh" else 0))
    for n, (name, counts) in enumerate(groups):
        y = top + n * row_height
        total = sum(counts.values())
        shown = name if len(name) <= 28 else name[:27] + "…"
        parts.append(f'<text x="0" y="{y + 15}"><title>{esc(name)}</title>{esc(shown)}</text>')
        offset = 0.0
        for status in Status:
            count = counts.get(status, 0)
            if not count or not total:
                continue
            share = bar_width * count / total
            parts.append(
                f'<rect x="{label_width + offset:.1f}" y="{y + 3}" width="{share:.1f}" height="{row_height - 8}" '
                f'fill="{COLOURS[status]}"><title>{esc(name)}{colon(lang)}{esc(status_word(status, lang))} {count}</title></rect>'
            )
            offset += share
        parts.append(f'<text x="{label_width + bar_width + 8}" y="{y + 15}">{total}</text>')
    parts += ["</svg>", "</figure>"]
    return "\n".join(parts)


def _index(evaluation: Evaluation, lang: str) -> list[str]:
    """The rule-of-law index: a ranking table, bars per unit, and a line over the years."""
    header, rows = index_table(evaluation, lang)
    if not rows:
        return []
    heading = with_year(index_name(evaluation, lang), evaluation.latest_year, lang)
    out = [f"<h2>{esc(heading)}</h2>"]
    out.append(f'<p class="note">{esc(index_explained(evaluation, lang))}</p>')
    out += _table("index", header, rows)
    ranking = latest_index(evaluation)
    bars = [(unit_named(s.unit, lang), s.score) for s in ranking if s.score is not None]
    if bars and sole_index(evaluation) is None:  # bars compare units: one has none to compare
        out.append(index_bars(index_name(evaluation, lang), bars, lang))
    if len(evaluation.years) > 1:
        for unit, points in index_series(evaluation):
            if len(points) > 1:  # a unit without a name (a plan of none): the index's alone
                name = index_name(evaluation, lang)
                out.append(index_line(f"{name}{colon(lang)}{unit}" if unit else name, points))
    return out


def _table(css_class: str, header: list[str], rows: list[list[str]]) -> list[str]:
    out = [f'<table class="{css_class}">']
    out.append(
        "<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr></thead><tbody>"
    )
    out += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows]
    return [*out, "</tbody></table>"]


def index_bars(caption: str, scores: list[tuple[str, float]], lang: str) -> str:
    """One horizontal bar per unit, 0–100: inline SVG."""
    label_width, bar_width, row_height, top = 120, 420, 20, 6
    width = label_width + bar_width + 60
    height = top + row_height * len(scores) + 6
    parts = _figure(caption, width, height)
    for n, (name, score) in enumerate(scores):
        y = top + n * row_height
        length = bar_width * max(0.0, min(score, 100.0)) / 100
        parts.append(f'<text x="0" y="{y + 14}">{esc(name)}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row_height - 6}" '
            f'fill="#2f6fb0"><title>{esc(name)}{colon(lang)}{score:.1f}</title></rect>'
        )
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + 14}">{score:.1f}</text>')
    parts += ["</svg>", "</figure>"]
    return "\n".join(parts)


def index_line(caption: str, points: list[tuple[int, float]]) -> str:
    """The index of one unit over the years, 0–100: inline SVG polyline."""
    width, height, pad = 360, 140, 30
    first, last = points[0][0], points[-1][0]
    span = max(last - first, 1)

    def x(year: int) -> float:
        return pad + (width - 2 * pad) * (year - first) / span

    def y(score: float) -> float:
        return height - pad - (height - 2 * pad) * max(0.0, min(score, 100.0)) / 100

    line = " ".join(f"{x(year):.1f},{y(score):.1f}" for year, score in points)
    parts = [
        *_figure(caption, width, height),
        f'<line x1="{pad}" y1="{y(0):.1f}" x2="{width - pad}" y2="{y(0):.1f}" stroke="#999"/>',
        f'<polyline points="{line}" fill="none" stroke="#2f6fb0" stroke-width="2"/>',
    ]
    for year, score in points:
        parts.append(f'<circle cx="{x(year):.1f}" cy="{y(score):.1f}" r="3" fill="#2f6fb0"/>')
        parts.append(f'<text x="{x(year) - 14:.1f}" y="{height - 8}">{year}</text>')
        parts.append(f'<text x="{x(year) - 12:.1f}" y="{y(score) - 8:.1f}">{score:.1f}</text>')
    parts += ["</svg>", "</figure>"]
    return "\n".join(parts)


def _progress(evaluation: Evaluation, lang: str) -> list[str]:
    header, rows = shared_progress_table(evaluation, lang)
    if not rows:
        return []
    return [f"<h2>{esc(label('progress', lang))}</h2>", *_table("progress", header, rows)]


def _attention(evaluation: Evaluation, lang: str) -> list[str]:
    out = [f"<h2>{esc(label('needs_attention', lang))}</h2>"]
    todo = listed_attention(evaluation)
    if not todo:
        return [*out, f"<p>{esc(nothing_listed(evaluation, lang))}</p>"]
    out.append('<ul class="attention">')
    multi_unit = len(evaluation.units) > 1
    shared = SharedCells(evaluation, lang)
    statuses = {s: _status_html(s, lang) for s in Status}
    names: dict[int, tuple[Indicator, str]] = {}
    for r in todo:
        who = f"{esc(r.unit)} " if multi_unit else ""
        name = names.get(id(r.indicator))
        if name is None:
            binding = label("binding_yes" if r.indicator.binding else "binding_no", lang)
            text = f"<strong>{esc(_name(r, lang))}</strong> [{esc(binding)}]"
            name = names[id(r.indicator)] = (r.indicator, text)
        out.append(
            f"<li>{statuses[r.status]} {who}{name[1]}"
            f"{esc(colon(lang) + shared.reason(r.reason))}</li>"
        )
    out.append("</ul>")
    return out


def _name(result: Result, lang: str) -> str:
    i = result.indicator
    return f"{i.id} {i.name}" if lang == "zh" else f"{i.id} {i.name_en}"


def _categories(evaluation: Evaluation, lang: str) -> Iterator[str]:
    """A table per category: an indicator a row, its figures under their years."""
    shown = {f"{STATUS_SYMBOL[s]} {status_word(s, lang)}": _status_html(s, lang) for s in Status}
    cells: dict[str, str] = {}  # each cell's HTML, once per distinct text (they repeat)
    for category in evaluation.plan.categories:
        series = series_rows(evaluation, category.name)  # one category's results at a time
        header, rows = category_table(evaluation, category.name, lang, rows=series)
        if not rows:
            continue
        title = category.name if lang == "zh" else both(category.name_en, category.name, "{} ({})")
        yield f"<h2>{esc(title)}</h2>"
        yield '<table class="category">'
        yield "<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr></thead><tbody>"
        name_at = header.index(label("indicator", lang))
        names: dict[int, str] = {}
        units: dict[str, str] = {}  # a unit → as its rows' ids hold it
        for row, of in zip(rows, series, strict=True):
            tds = [cells.get(c) or _cell(cells, shown, c) for c in row]
            if lang != "zh":  # the English name, and the plan's own under it
                i = of.indicator
                name = names.get(id(i))
                if name is None:
                    name = names[id(i)] = (
                        "<td>"
                        + both(esc(i.name_en), esc(i.name), '{}<br><span class="note">{}</span>')
                        + "</td>"
                    )
                tds[name_at] = name
            unit = units.get(of.unit)
            if unit is None:
                unit = units[of.unit] = _id_part(of.unit)
            yield f'<tr id="indicator-{unit}-{esc(of.indicator.id)}">{"".join(tds)}</tr>'
        yield "</tbody></table>"


def _id_part(unit: str) -> str:
    """A unit as a row's id holds it (``indicator-徐汇区-4``): valid HTML, which has no white
    space in an id, and one id per unit and indicator. Letters and digits (Chinese too) stay;
    any other character (a space, a '-', a control) is written ``~hex~``, so that 'a b', 'a-b'
    and 'a~20~b' stay three units, and the first '-' after the unit ends it (an indicator's id
    is a plain token, which may hold a '-')."""
    if unit.isalnum():
        return unit
    return "".join(c if c.isalnum() else f"~{ord(c):x}~" for c in unit)


def _cell(cells: dict[str, str], shown: dict[str, str], text: str) -> str:
    """A table cell: a status as its coloured word, any other text escaped."""
    cell = f"<td>{shown[text] if text in shown else esc(text)}</td>"
    if len(cells) < 1 << 16:
        cells[text] = cell
    return cell


def _tasks(evaluation: Evaluation, lang: str) -> list[str]:
    rows = task_rows(evaluation, lang)
    if rows is None:
        return []
    out = [f"<h2>{esc(label('tasks_heading', lang))}</h2>"]
    out.append(
        "<p>"
        + " · ".join(f"{esc(task_word(s, lang))} {n}" for s, n in status_counts(rows))
        + "</p>"
    )
    sections: dict[str, list[str]] = {}
    for row in rows:
        kind = "ok" if row.status in OK else "bad" if row.status in BAD else "waiting"
        where = (
            f'<br><span class="note">{esc(file_name(row.file))}:{row.line}</span>'
            if row.file and row.line
            else ""
        )
        sections.setdefault(row.section, []).append(
            f"<tr><td>{esc(row.subject)}</td><td>{esc(row.text)}</td>"
            f'<td class="status t-{kind}">{esc(task_word(row.status, lang))}</td>'
            f"<td>{esc(row.reason)}{where}</td></tr>"
        )
    header = "".join(
        f"<th>{esc(label(k, lang))}</th>" for k in ("milestone", "title", "status", "reason")
    )
    for section, body in sections.items():
        out += [
            f"<h3>{esc(section)}</h3>",
            f"<table><thead><tr>{header}</tr></thead><tbody>",
            *body,
            "</tbody></table>",
        ]
    return out
