"""JSON: the stable contract for scripts and CI (documented in the README)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from plancheck.evaluate.models import Columns, Evaluation, IndicatorView, Result, Status
from plancheck.evaluate.progress import VERDICTS
from plancheck.messages import Reason, render
from plancheck.plan.models import Indicator, Plan, Task
from plancheck.report import Options
from plancheck.report.escape import json_safe

if TYPE_CHECKING:  # for annotations only: importing them costs every run's start-up
    from plancheck.evaluate.diff import Diff
    from plancheck.evaluate.index import IndexScore
    from plancheck.evaluate.progress import Trend
    from plancheck.submission.summary import CheckSummary
    from plancheck.tasks.models import TaskCheck, TaskResult

COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


class Lines:
    """Objects already written as compact JSON lines (``json_safe`` applied), made as they are
    laid out, a batch (a list of lines) at a time: ``dumps`` and ``pieces`` lay them out as any
    list of objects, without encoding them again, and a national report's lines need never all
    be in memory at once."""

    def __init__(self, batches: Iterable[list[str]]) -> None:
        self._batches = batches

    def __iter__(self) -> Iterator[str]:
        for batch in self._batches:
            yield from batch

    def batches(self) -> Iterator[list[str]]:
        return iter(self._batches)


def dumps(data: Any) -> str:
    """Indented JSON in which every item of a list of objects is one compact line.

    Readable and diff-friendly (one result per line), and written by the C encoder, which
    ``indent=`` would switch off: fast at a million results.
    The text of names and notes is kept exactly; control characters are JSON escapes.
    """
    return "".join(pieces(data))


def pieces(data: Any) -> Iterator[str]:
    """The text of ``dumps(data)``, piece by piece, in order: what a report file is written from."""
    yield from _pieces(data, "")
    yield "\n"


def _compact(value: Any) -> str:
    return json_safe(COMPACT.encode(value))


def _pieces(value: Any, indent: str) -> Iterator[str]:
    # ``json_safe`` works character by character and the layout's line breaks are outside every
    # string: each piece is made safe on its own, so the whole text is never scanned again.
    inner = indent + "  "
    if isinstance(value, dict) and value:
        yield "{\n"
        last = len(value) - 1
        for n, (key, item) in enumerate(value.items()):
            yield inner
            yield _compact(key)
            yield ": "
            yield from _pieces(item, inner)
            yield ",\n" if n < last else "\n"
        yield indent
        yield "}"
    elif isinstance(value, Lines):
        between = ",\n" + inner
        opening = "[\n" + inner
        for batch in value.batches():
            if batch:
                yield opening + between.join(batch)
                opening = between
        yield "[]" if opening != between else "\n" + indent + "]"
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        yield "[\n"
        yield ",\n".join(inner + _compact(v) for v in value)
        yield "\n" + indent + "]"
    else:
        yield _compact(value)


def figure(x: float | None) -> float | int | None:
    """Whole numbers as integers (95, not 95.0); the same text for the same input, always."""
    if x is None:
        return None
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def dump(item: object) -> dict[str, Any]:
    """A plan model (an indicator, a task) as JSON data, without its empty fields."""
    from plancheck.plan.models import validator

    data: dict[str, Any] = validator(type(item)).dump_python(item, mode="json", exclude_none=True)
    return data


def plan_data(plan: Plan) -> dict[str, Any]:
    """Which plan judged the figures: the head of every JSON report."""
    return {
        "id": plan.info.id,
        "title": plan.info.title,
        "title_en": plan.info.title_en,
        "source": plan.source,
    }


def render_evaluation(evaluation: Evaluation, options: Options) -> str:
    return "".join(stream_evaluation(evaluation, options))


def stream_evaluation(evaluation: Evaluation, options: Options) -> Iterator[str]:
    """``render_evaluation`` piece by piece: the results' lines are made as they are written."""
    plan = evaluation.plan
    # Each result names its unit when the submission held several, --unit or not.
    several = len(evaluation.submitted_units or evaluation.units) > 1
    data: dict[str, Any] = {"plan": plan_data(plan)}
    if evaluation.focus is not None:
        data["unit"] = evaluation.focus  # the report is about this unit among several
    data.update(
        {
            "year": evaluation.latest_year,
            "years": list(evaluation.years),
            "files": list(evaluation.files),
            "strict": evaluation.strict,
            "compliant": evaluation.compliant,
            "summary": evaluation.summary(),
            # The latest year's counts: what every other format shows, the year judged.
            "latest_summary": evaluation.summary(year=evaluation.latest_year),
            "results": _ResultWriter(evaluation, options, several).lines(evaluation),
        }
    )
    data["index"] = [
        {
            "unit": score.unit,
            "year": score.year,
            "score": round(score.score, 2) if score.score is not None else None,
            "rank": score.rank,
            "categories": _categories(evaluation, score),
            "scored": score.scored,
            "total": score.total,
        }
        for score in evaluation.index
    ]
    if len(evaluation.units) > 1:
        data["units"] = {
            unit: {
                "compliant": unit not in evaluation.failing_units,
                "summary": evaluation.summary(unit=unit),
            }
            for unit in evaluation.units
        }
        data["failing_units"] = list(evaluation.failing_units)
    if evaluation.city:
        data["city"] = [_city_row(view) for view in evaluation.city]
    if evaluation.tasks is not None:
        data["tasks"] = taskcheck_data(evaluation.tasks, options)
    return pieces(data)


def _categories(evaluation: Evaluation, score: IndexScore) -> dict[str, float | None]:
    """Every category's score in the plan's order: null for one with nothing scored."""
    scores = dict(score.categories)
    return {
        c.name: round(scores[c.name], 2) if c.name in scores else None
        for c in evaluation.plan.categories
    }


def _city_row(view: IndicatorView) -> dict[str, Any]:
    """One indicator across the units in the latest year: the city office's view."""
    indicator = view.indicator
    row: dict[str, Any] = {
        "id": indicator.id,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "year": view.year,
        "mean": figure(view.mean),
        "low": figure(view.low),
        "high": figure(view.high),
        "count": view.count,
        "failing": list(view.failing),
    }
    if view.focus is not None:
        row.update({"unit": view.focus, "value": figure(view.value), "rank": view.rank})
    return row


def result_fields(indicator: Indicator) -> dict[str, Any]:
    """What every result says of its indicator."""
    return {
        "id": indicator.id,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "category": indicator.category,
        "binding": indicator.binding,
        "timing": indicator.timing,
        "measure": indicator.unit,
        "target_text": indicator.target_text,
    }


def _number(x: float | int) -> str:
    """A number as the JSON encoder writes it (``float.__repr__``; NaN and infinities as it
    spells them)."""
    if isinstance(x, float):
        if x != x or x in (math.inf, -math.inf):
            return COMPACT.encode(x)
        return float.__repr__(x)
    return int.__repr__(x)


_TRENDS_KEPT = 1 << 15  # trends' texts a writer holds at most


_PAIRS_WRITTEN = 80  # (unit, year) pairs whose lines are made at a time


def _line(head: str, body: str, value: str, reason: str, reference: str, rank: str,
          schedule: str, trend: str, midterm: str, note: str, file: str, line: str, tail: str
          ) -> str:  # fmt: skip
    """A result's line from its fields encoded (``_ResultWriter.column_pieces``)."""
    return (
        f'{head}{body}{value}, "reason": {reason}, "reference": {reference}, "rank": {rank}, '
        f'"schedule": {schedule}, "progress": {trend}, "midterm": {midterm}, "note": {note}, '
        f'"file": {file}, "line": {line}{tail}'
    )


class _SeriesKeys(dict[int, str]):
    """``"2021": `` of a trend's series, by year."""

    def __missing__(self, year: int) -> str:
        key = self[year] = f'"{year}": '
        return key


class _Figures(dict[float | None, str]):
    """Each figure as the encoder writes it (``figure``), made once: None is ``null``."""

    def __missing__(self, x: float) -> str:
        text = self[x] = _number(figure(x))  # type: ignore[arg-type]
        return text


class _Whole(dict[int | None, str]):
    """Whole numbers (a rank) as the encoder writes them; None is ``null``."""

    def __missing__(self, n: int) -> str:
        text = self[n] = int.__repr__(n)
        return text


class _ResultWriter:
    """Each result as its compact JSON line, assembled from pieces encoded once: what a result
    says of its indicator once per indicator and status, each unit's name once, each reason once
    (results share them), each figure once — written from the results' columns
    (``Results.blocks``), a block of units at a time, a column at a time. The line is the one
    ``COMPACT.encode`` would write of the result's fields (``_fields``, the definition kept for
    the tests), byte for byte."""

    def __init__(self, evaluation: Evaluation, options: Options, several: bool) -> None:
        self.lang = options.lang
        self.several = several
        self.tasks = evaluation.tasks
        self._heads: dict[int, dict[str, str]] = {}  # by year, by unit
        self._bodies: dict[int, dict[Status, str]] = {}
        self._tails: dict[int, str] = {}
        # Each reason's text by its id, the reason kept alongside so that its id stays its own.
        self._reason_texts: dict[int, str] = {}
        self._reasons_kept: list[Reason] = []
        self._figures = _Figures({None: "null"})
        self._ranks = _Whole({None: "null"})
        self._texts = _Encoded()
        self._verdicts = {verdict: _compact(verdict) for verdict in VERDICTS}
        self._series_keys = _SeriesKeys()
        self._trends: dict[Trend | None, str] = {None: "null"}

    def lines(self, evaluation: Evaluation) -> Lines:
        """The lines of the results a report lists (all, or those --only keeps), in order."""
        return Lines(self._batches(evaluation))

    def _batches(self, evaluation: Evaluation) -> Iterator[list[str]]:
        keep = evaluation.keep if evaluation.only is not None else None
        pieces_of = self.column_pieces
        for block in evaluation.results.blocks():
            made = {}
            for y, columns in block.columns.items():
                # The block's units begin each of the year's lines alike: their heads once.
                heads = self._heads_of(columns[0].unit, y) if columns else []
                made[y] = [pieces_of(c, heads) for c in columns]
            # The lines of a few units at a time: a block's lines are never all held at once.
            pairs = block.pairs
            for at in range(0, len(pairs), _PAIRS_WRITTEN):
                chosen = pairs[at : at + _PAIRS_WRITTEN]
                if keep is None:
                    yield [_line(*rows[k]) for k, y in chosen for rows in made[y]]
                else:
                    yield [
                        _line(*rows[k])
                        for k, y in chosen
                        for rows, c in zip(made[y], block.columns[y], strict=True)
                        if keep(c.indicator[k], y, c.status[k])
                    ]

    def line(self, r: Result) -> str:
        """One result's line: its fields as a column of one."""
        return self.column_lines(Columns._make([field] for field in r))[0]

    def column_lines(self, c: Columns) -> list[str]:
        """The line of each result of one indicator and year's columns."""
        return [_line(*pieces) for pieces in self.column_pieces(c)]

    def column_pieces(self, c: Columns, heads: list[str] | None = None) -> list[tuple[str, ...]]:
        """The encoded fields of each result of one indicator and year's columns, in the order
        ``_line`` lays them out (``heads``: the units' heads in that year, when already made)."""
        indicator = c.indicator[0]
        if heads is None:
            heads = self._heads_of(c.unit, c.year[0])
        bodies = self._bodies.get(id(indicator)) or self._body(indicator)
        tail = self._tails.get(id(indicator)) or self._tail(indicator)
        figures = self._figures.__getitem__
        texts = self._texts.__getitem__
        ranks = self._ranks.__getitem__
        trends = list(map(self._trends.get, c.trend))
        if None in trends:
            trend_text = self._trend
            trends = [
                t if t is not None else trend_text(r) for t, r in zip(trends, c.trend, strict=True)
            ]
        reasons = list(map(self._reason_texts.get, map(id, c.reason)))
        if None in reasons:
            reason_text = self._reason
            reasons = [
                t if t is not None else reason_text(r)
                for t, r in zip(reasons, c.reason, strict=True)
            ]
        size = len(c.note)
        notes = [_compact(note) if note else "null" for note in c.note] if any(c.note) else (
            ["null"] * size)  # fmt: skip
        line = c.line
        lines = (list(map(int.__repr__, line)) if None not in line
                 else ["null" if n is None else int.__repr__(n) for n in line])  # fmt: skip
        return list(zip(heads, map(bodies.__getitem__, c.status), map(figures, c.value), reasons,
                        map(figures, c.reference), map(ranks, c.rank), map(texts, c.schedule),
                        trends, map(texts, c.midterm), notes, map(texts, c.file), lines,
                        [tail] * size, strict=True))  # fmt: skip

    def _heads_of(self, units: Sequence[str], year: int) -> list[str]:
        """What begins each unit's line in ``year``: its name (several units) and the year."""
        heads = self._heads.get(year)
        if heads is None:
            heads = self._heads[year] = {}
        found = list(map(heads.get, units))
        if None in found:
            found = [
                h if h is not None else self._head(u, year)
                for h, u in zip(found, units, strict=True)
            ]
        return found  # type: ignore[return-value]

    def _head(self, unit: str, year: int) -> str:
        head = (
            f'{{"unit": {_compact(unit)}, "year": {year}' if self.several else f'{{"year": {year}'
        )
        self._heads[year][unit] = head
        return head

    def _body(self, indicator: Indicator) -> dict[Status, str]:
        """What a result says of its indicator, by status, up to its value."""
        fields = result_fields(indicator)
        bodies = self._bodies[id(indicator)] = {
            status: f", {_compact({**fields, 'status': status.value})[1:-1]}, " + '"value": '
            for status in Status
        }
        return bodies

    def _reason(self, reason: Reason) -> str:
        text = self._reason_texts[id(reason)] = _compact(render(reason, self.lang))
        self._reasons_kept.append(reason)  # the reason kept with its text: its id stays its own
        return text

    def _tail(self, indicator: Indicator) -> str:
        """What closes a result: with --tasks, the tasks linked to its indicator."""
        if self.tasks is None:
            tail = "}"
        else:
            tail = f', "tasks": {_compact(_linked_tasks(self.tasks, indicator.id))}}}'
        self._tails[id(indicator)] = tail
        return tail

    def _trend(self, trend: Trend | None) -> str:
        if trend is None:
            return "null"
        # Units with the same figures have the same trend: its text is made once (the memo is
        # emptied now and then, so that it never holds a national file's every trend).
        text = self._trends.get(trend)
        if text is None:
            trends = self._trends
            if len(trends) >= _TRENDS_KEPT:
                trends.clear()
                trends[None] = "null"
            text = trends[trend] = self._trend_text(trend)
        return text

    def _trend_text(self, trend: Trend) -> str:
        figures, keys = self._figures, self._series_keys
        series = ", ".join([f"{keys[year]}{figures[value]}" for year, value in trend.series])
        verdict = self._verdicts[trend.verdict]
        ratio = "null" if trend.ratio is None else _rounded(trend.ratio)
        return (
            f'{{"verdict": {verdict}, "series": {{{series}}}, '
            f'"slope": {_rounded(trend.slope)}, '
            f'"projection": {_rounded(trend.projection)}, "ratio": {ratio}}}'
        )


def _rounded(x: float) -> str:
    """``_number(round(x, 6))`` of a float, the common case (a finite one) without a test of
    its type."""
    x = round(x, 6)
    return float.__repr__(x) if x.__class__ is float and x - x == 0.0 else _number(x)


class _Encoded(dict[Any, str]):
    """Texts that repeat over the results (a schedule, a mid-term class, a file name), each
    encoded once."""

    def __missing__(self, text: Any) -> str:
        encoded = self[text] = _compact(text)
        return encoded


def _fields(result: Result, options: Options, several: bool, tasks: TaskCheck | None = None
            ) -> dict[str, Any]:  # fmt: skip
    """A result's fields as data: what ``_ResultWriter.line`` writes, in the same order."""
    item: dict[str, Any] = {"unit": result.unit} if several else {}
    item.update(
        {
            "year": result.year,
            **result_fields(result.indicator),
            "status": result.status.value,
            "value": figure(result.value),
            "reason": render(result.reason, options.lang),
            "reference": figure(result.reference),
            "rank": result.rank,
            "schedule": result.schedule,
            "progress": _trend_data(result.trend),
            "midterm": result.midterm,
            "note": result.note or None,
            "file": result.file,
            "line": result.line,
        }
    )
    if tasks is not None:
        item["tasks"] = _linked_tasks(tasks, result.indicator.id)
    return item


def _trend_data(trend: Trend | None) -> dict[str, Any] | None:
    if trend is None:
        return None
    return {
        "verdict": trend.verdict,
        "series": {str(year): figure(value) for year, value in trend.series},
        "slope": round(trend.slope, 6),
        "projection": round(trend.projection, 6),
        "ratio": None if trend.ratio is None else round(trend.ratio, 6),
    }


def indicator_data(indicator: Indicator) -> dict[str, Any]:
    data = dump(indicator)
    data["unit"] = indicator.unit
    data["better"] = indicator.direction
    return data


def render_indicators(plan: Plan, options: Options) -> str:
    return dumps([indicator_data(i) for i in plan.indicators])


def task_data(task: Task) -> dict[str, Any]:
    return dump(task)


def render_tasks(plan: Plan, options: Options) -> str:
    return dumps([task_data(t) for t in plan.tasks])


# --- task checks (plancheck tasks check; evaluate --tasks) ------------------------------------


def taskcheck_data(check: TaskCheck, options: Options) -> dict[str, Any]:
    """The task checks as data: counts, then every task of the plan in the plan's order."""
    return {
        "as_of": check.as_of.isoformat(),
        "as_of_source": check.as_of_source,
        "files": list(check.files),
        "strict": check.strict,
        "compliant": check.compliant,
        "summary": check.summary(),
        "milestones": check.milestone_summary(),
        "tasks": [_task_result(r, check, options) for r in check.results],
    }


def _task_result(result: TaskResult, check: TaskCheck, options: Options) -> dict[str, Any]:
    from plancheck.tasks.reasons import render as render_reason

    task, report = result.task, result.report
    return {
        "id": task.id,
        "document": task.document,
        "section": task.section,
        "title": task.title,
        "title_en": task.title_en,
        "indicators": list(task.indicators),
        "state": result.state.value,
        "reason": render_reason(result.reason, options.lang),
        "status": report.status.value if report else None,
        "lead": report.lead or None if report else None,
        "partners": list(report.partners) if report else [],
        "evidence": list(report.evidence) if report else [],
        "note": report.note or None if report else None,
        "file": report.file if report else None,
        "line": report.line if report else None,
        "milestones": [
            {
                "id": m.id,
                "state": None if m.done is None else ("done" if m.done else "not_done"),
                "value": figure(m.value),
                "years": list(m.years),
                "date": m.date.isoformat() if m.date else None,
                "note": m.note or None,
                "line": m.line,
            }
            for m in (report.milestones if report else ())
        ],
        "findings": [
            {
                "check": f.check,
                "status": f.status.value,
                "milestone": f.milestone.id if f.milestone else None,
                "year": f.year,
                "due": f.due.isoformat() if f.due else None,
                "late": f.late,
                "binding": f.binding,
                "blocking": check.blocking(f),
                "value": figure(f.value),
                "reason": render_reason(f.reason, options.lang),
                "file": f.file,
                "line": f.line,
            }
            for f in result.findings
        ],
    }


def _linked_tasks(check: TaskCheck, indicator_id: str) -> list[dict[str, Any]]:
    return [
        {
            "id": r.task.id,
            "title": r.task.title,
            "state": r.state.value,
            "lead": r.report.lead or None if r.report else None,
        }
        for r in check.linked(indicator_id)
    ]


def render_taskcheck(check: TaskCheck, options: Options) -> str:
    plan = check.plan
    data: dict[str, Any] = {
        "plan": plan_data(plan),
        **taskcheck_data(check, options),
    }
    return dumps(data)


# --- plancheck diff --------------------------------------------------------------------------


def render_diff(diff: Diff, options: Options) -> str:
    """plancheck diff: both sides, the count of each change, and one row per unit and indicator."""

    def side(evaluation: Evaluation) -> dict[str, Any]:
        return {
            "files": list(evaluation.files),
            "year": evaluation.latest_year,
            "compliant": evaluation.compliant,
            "summary": evaluation.summary(year=evaluation.latest_year),
        }

    def state(result: Result) -> dict[str, Any]:
        return {
            "status": result.status.value,
            "value": figure(result.value),
            "reason": render(result.reason, options.lang),
        }

    data = {
        "plan": plan_data(diff.plan),
        "old": side(diff.old),
        "new": side(diff.new),
        "regressed": diff.regressed,
        "summary": diff.summary(),
        "rows": [
            {
                "unit": row.unit,
                "id": row.indicator.id,
                "name": row.indicator.name,
                "name_en": row.indicator.name_en,
                "old": state(row.old),
                "new": state(row.new),
                "delta": figure(row.delta),
                "change": row.change.value,
            }
            for row in diff.rows
        ],
    }
    return dumps(data)


def render_check(summary: CheckSummary, options: Options) -> str:
    """``plancheck check -f json``: the plan, each file's counts, units, years, sheet and
    warnings; fields only ever added."""
    data = {
        "plan": plan_data(summary.plan),
        "well_formed": True,  # a file that is not is exit 2, with its errors on stderr
        "figures": summary.figures,
        "history": list(summary.history),
        "files": [
            {
                "file": f.file,
                "figures": f.figures,
                "empty": f.empty,
                "units": list(f.units),
                "years": list(f.years),
                "sheet": f.sheet,
                "warnings": list(f.warnings),
            }
            for f in summary.files
        ],
        "warnings": list(summary.warnings),
    }
    return dumps(data)
