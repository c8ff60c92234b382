"""``-f csv``: one row per result, for a spreadsheet — the unit, year and indicator, its status,
the figure, the goal it was judged against and the reason.

UTF-8 with a byte order mark (so that Excel shows the Chinese), CRLF line ends and RFC 4180
quoting (the standard library's ``csv``). Text a user typed — unit names, notes — and every other
text cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, a tab or a CR at
its start) is written with a leading ``'``; figures are plain numbers, never prefixed.

The rows are made once per result from tuples, with each indicator's and unit's cells prepared
once (a national submission judges a million results). ``report/xlsx.py`` writes the same rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from functools import lru_cache

from plancheck.evaluate.models import Evaluation, Status
from plancheck.messages import render
from plancheck.report import Options
from plancheck.report.common import target_cell
from plancheck.report.labels import label, status_word
from plancheck.safetext import neutralised, visible_controls

COLUMNS = (
    "unit",
    "year",
    "indicator",
    "name",
    "binding",
    "target",
    "status",
    "value",
    "goal",
    "reference",
    "rank",
    "reason",
    "note",
)

Row = tuple[
    str,
    int,
    str,
    str,
    str,
    str,
    str,
    float | None,
    float | None,
    float | None,
    int | None,
    str,
    str,
]


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, made text with a leading ``'``; control
    characters shown (``visible_controls``), a line break kept."""
    return neutralised(visible_controls(text))


def header(lang: str) -> list[str]:
    return [label(f"column_{column}", lang) for column in COLUMNS]


def rows(
    evaluation: Evaluation, lang: str, text: Callable[[str], str] = neutralise
) -> Iterator[Row]:
    """Each result (``--only`` keeps some) as a row of COLUMNS, in the evaluation's order;
    ``text`` makes each text cell: a CSV's are neutralised, a workbook's are strings, never run
    as formulas, and need only their controls shown (``visible_controls``)."""
    indicators = {
        i.id: (
            text(i.id),
            text(i.name),
            label("binding_yes" if i.binding else "binding_no", lang),
            text(target_cell(i, lang)),
        )
        for i in evaluation.plan.indicators
    }
    units: dict[str, str] = {}
    # Many results give the same reason: made once (by identity, the reason kept with its text).
    said: dict[int, tuple[object, str]] = {}
    statuses = {s: s.value if lang == "en" else status_word(s, lang) for s in Status}
    # Each unit's figures of the years before the period come before its results: read back,
    # the file is judged as it was (a change needs its baseline). Not when --only narrows.
    baselines: dict[str, list[Row]] = {}
    if evaluation.only is None and evaluation.baselines:
        status, why = label("baseline_status", lang), label("baseline_reason", lang)
        for o in evaluation.baselines:
            number, name, binding, target = indicators[o.indicator]
            baselines.setdefault(o.unit, []).append(
                (text(o.unit), o.year, number, name, binding, target, status, o.value, None,
                 o.reference, o.rank, why, text(o.note) if o.note else "")
            )  # fmt: skip
    for r in evaluation.listed:
        unit = units.get(r.unit)
        if unit is None:
            unit = units[r.unit] = text(r.unit)
            yield from baselines.pop(r.unit, ())
        found = said.get(id(r.reason))
        if found is None:
            found = said[id(r.reason)] = (r.reason, text(render(r.reason, lang)))
        why = found[1]
        number, name, binding, target = indicators[r.indicator.id]
        yield (
            unit,
            r.year,
            number,
            name,
            binding,
            target,
            statuses[r.status],
            r.value,
            r.goal,
            r.reference,
            r.rank,
            why,
            text(r.note) if r.note else "",
        )


@lru_cache(maxsize=65536)
def figure(value: float | None) -> str:
    """A figure exactly as it was judged: 95, 98.5, 0.09 (the shortest text of the float)."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    return "".join(stream_evaluation(evaluation, options))


def stream_evaluation(evaluation: Evaluation, options: Options) -> Iterator[str]:
    """``render_evaluation`` a few thousand rows at a time, as the standard library writes them."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(options.lang))
    batch = []
    shown = _Figures()
    for (unit, year, number, name, binding, target, status, value, goal, reference, rank, why,
         note) in rows(evaluation, options.lang):  # fmt: skip
        batch.append(
            (unit, year, number, name, binding, target, status, shown[value], shown[goal],
             shown[reference], "" if rank is None else rank, why, note)
        )  # fmt: skip
        if len(batch) == _BATCH:
            writer.writerows(batch)
            batch.clear()
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    writer.writerows(batch)
    yield buffer.getvalue()


_BATCH = 4096


class _Figures(dict[float | None, str]):
    """Each figure's text (``figure``), made once: a national file repeats a few hundred."""

    def __missing__(self, value: float | None) -> str:
        text = self[value] = figure(value)
        return text
