"""HTML for ``plancheck diff`` and ``plancheck tasks check``: one self-contained file each.

Like the evaluation's HTML report: no script, no network, no external asset; it opens offline and
prints on A4. Every piece of text goes through ``esc`` (``escape.html``: markup escaped, control
characters visible, nothing XML 1.0 forbids). ``report/html.py`` re-exports the two renderers, so
the format ``html`` is one module in the registry.
"""

from __future__ import annotations

from plancheck.evaluate.diff import Change, Diff
from plancheck.evaluate.models import Result
from plancheck.messages import date_text, render, year_span, year_text
from plancheck.report import Options
from plancheck.report.common import (
    diff_one_sided,
    diff_side,
    plan_title,
    shared_as_of,
    signed,
    value_cell,
)
from plancheck.report.escape import html as esc
from plancheck.report.html_style import CSS as BASE_CSS
from plancheck.report.labels import STATUS_SYMBOL, both, colon, comma, label, status_word
from plancheck.tasks.models import TaskCheck

# The evaluation report's style sheet, and the colours of a diff's changes and of task states.
CSS = (
    BASE_CSS
    + """
.s-pass, .c-improved, .c-fixed, .t-ok { color: #2e7d32; }
.s-fail, .c-newly_failing, .c-worsened, .t-bad { color: #c62828; }
.s-behind { color: #b26a00; } .s-missing { color: #8e24aa; } .s-unknown { color: #0277bd; }
.c-unchanged, .t-waiting { color: #616161; }
ul.details { margin: 0; padding-left: 1.1rem; }
@media print {
  tr, .verdict { break-inside: avoid; }
  .verdict, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
)

VERDICT = {
    "en": ("REGRESSED: {n} newly failing", "no indicator newly fails"),
    "zh": ("退步：{n} 项指标新增未达标", "无新增未达标指标"),
}
# Task finding statuses as the report colours them (TaskState and FindingStatus values).
_TASK_KIND = {
    "done": "ok",
    "overdue": "bad",
    "inconsistent": "bad",
    "unreported": "bad",
}


def _page(title: str, lang: str, body: list[str], sources: str) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
        *body,
        f"<footer>{esc(label('generated_by', lang))} {esc(sources)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _table(header: list[str], rows: list[list[str]], css_class: str = "") -> list[str]:
    """A table whose cells are HTML already (escaped by the caller)."""
    attribute = f' class="{css_class}"' if css_class else ""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = ["<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows]
    return [f"<table{attribute}><thead><tr>{head}</tr></thead><tbody>", *body, "</tbody></table>"]


# --- plancheck diff ---------------------------------------------------------------------------


def _state(result: Result, lang: str) -> str:
    status = result.status
    word = f"{STATUS_SYMBOL[status]} {status_word(status, lang)}"
    return (
        f"{esc(value_cell(result))} "
        f'<span class="status s-{status.value}">{esc(word)}</span>'
        f'<br><span class="note">{esc(render(result.reason, lang))}</span>'
    )


def render_diff(diff: Diff, options: Options) -> str:
    """What changed: the count of each change, then every unit and indicator before and after."""
    lang = options.lang
    title = label("diff_title", lang, old=diff_side(diff.old, lang), new=diff_side(diff.new, lang))
    info = diff.plan.info
    regressed = diff.regressed
    count = diff.summary()
    bad, good = VERDICT["zh" if lang == "zh" else "en"]
    verdict = bad.format(n=count[Change.NEWLY_FAILING.value]) if regressed else good
    title_shown = plan_title(info, lang)
    body = [
        '<dl class="meta">',
        f"<dt>{esc(label('plan', lang))}</dt><dd>{esc(title_shown)}"
        + f"{comma(lang)}{year_text(year_span(info.period.start, info.period.end, lang), lang)}</dd>",
        f"<dt>{esc(label('before', lang))}</dt><dd>{esc(diff_side(diff.old, lang))}</dd>",
        f"<dt>{esc(label('after', lang))}</dt><dd>{esc(diff_side(diff.new, lang))}</dd>",
        "</dl>",
        f'<p class="verdict {"bad" if regressed else "ok"}" id="verdict">'
        f"{esc(label('verdict', lang))}{colon(lang)}{esc(verdict)}</p>",
    ]
    one_sided = diff_one_sided(diff, lang)
    if one_sided is not None:
        body.append(f'<p class="one-sided">{esc(one_sided)}</p>')
    body += _table(
        [esc(label("status_change", lang)), esc(label("count", lang))],
        [
            [
                f'<span class="c-{c.value}">{esc(label("change_" + c.value, lang))}</span>',
                str(count[c.value]),
            ]
            for c in Change
        ],
        "summary",
    )
    header = [label(k, lang) for k in ("id", "indicator", "before", "after", "value_change",
                                       "status_change")]  # fmt: skip
    if diff.multi_unit:
        header = [label("unit", lang), *header]
    rows = []
    for row in diff.rows:
        i = row.indicator
        name = (
            esc(i.name)
            if lang == "zh"  # as the evaluation's: the plan's own name beside
            else both(esc(i.name_en), esc(i.name), '{}<br><span class="note">{}</span>')
        )
        cells = [esc(i.id), name]
        cells += [_state(row.old, lang), _state(row.new, lang)]
        cells += [esc(signed(row.delta)),
                  f'<span class="status c-{row.change.value}">'
                  f'{esc(label("change_" + row.change.value, lang))}</span>']  # fmt: skip
        rows.append([esc(row.unit), *cells] if diff.multi_unit else cells)
    body += [f"<h2>{esc(label('changes', lang))}</h2>", *_table([esc(h) for h in header], rows)]
    sources = ", ".join(dict.fromkeys((*diff.old.files, *diff.new.files)))
    return _page(title, lang, body, sources)


# --- plancheck tasks check --------------------------------------------------------------------


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    """The committee's report: verdict, counts, what needs attention, every task by section."""
    from plancheck.report import taskcheck as parts

    lang = options.lang
    info = check.plan.info
    heading = label("tasks_title", lang, date=date_text(check.as_of, lang))
    title = f"{info.title if lang == 'zh' else info.title_en or info.title} — {heading}"
    title_shown = plan_title(info, lang)
    body = [
        '<dl class="meta">',
        f"<dt>{esc(label('plan', lang))}</dt><dd>{esc(title_shown)}"
        + f"{comma(lang)}{year_text(year_span(info.period.start, info.period.end, lang), lang)}</dd>",
        f"<dt>{esc(label('progress_file', lang))}</dt><dd>{esc(', '.join(check.files))}</dd>",
        f"<dt>{esc(label('as_of', lang))}</dt><dd>{esc(shared_as_of(check, lang))}</dd>",
        "</dl>",
        f'<p class="verdict {"ok" if check.compliant else "bad"}" id="verdict">'
        f"{esc(label('verdict', lang))}{colon(lang)}{esc(parts.task_verdict(check, lang, shared=True))}</p>",
    ]
    body += [f"<p>{esc(line)}</p>" for line in parts.summary_text(check, lang)]
    body.append(f"<h2>{esc(label('needs_attention', lang))}</h2>")
    todo = parts.attention(check)
    if not todo:
        body.append(f"<p>{esc(label('nothing_overdue', lang))}</p>")
    else:
        body.append('<ul class="attention">')
        for r in todo:
            kind = _TASK_KIND.get(r.state.value, "waiting")
            body.append(
                f'<li><span class="status t-{kind}">{esc(parts.state_text(r.state.value, lang))}'
                f"</span> {esc(parts.attention_text(r, lang))}</li>"
            )
        body.append("</ul>")
    header = [esc(label(key, lang)) for key in ("id", "task", "lead", "task_state", "details")]
    for document, section, results in check.sections():
        rows = []
        for r in results:
            items = []
            for status, text in parts.details(r, lang):
                shown = parts.detail_line(status, text, lang)
                kind = _TASK_KIND.get(status or "", "waiting")
                items.append(f'<li class="t-{kind}">{esc(shown)}</li>' if status
                             else f'<li class="note">{esc(shown)}</li>')  # fmt: skip
            kind = _TASK_KIND.get(r.state.value, "waiting")
            rows.append([
                esc(r.task.id),
                esc(parts.title(r, lang)),
                esc(parts.lead(r, lang)),
                f'<span class="status t-{kind}">{esc(parts.state_text(r.state.value, lang))}</span>',
                f'<ul class="details">{"".join(items)}</ul>' if items else "",
            ])  # fmt: skip
        body += [f"<h2>{esc(parts.section_title(document, section, lang))}</h2>",
                 *_table(header, rows)]  # fmt: skip
    return _page(title, lang, body, ", ".join(check.files))
