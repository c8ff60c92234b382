"""Small pieces every format shares: the verdict sentence, target and value cells, ordering."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from plancheck.evaluate.index import IndexScore
from plancheck.evaluate.models import Evaluation, IndicatorView, Result, Status
from plancheck.messages import (
    TREND_WORDS,
    Reason,
    Text,
    apart_from_edges,
    date_text,
    decimals_written,
    mean_decimals,
    number,
    numbers_apart,
    render,
    year_runs,
    year_span,
    year_text,
)
from plancheck.plan.models import Indicator, Plan, PlanInfo
from plancheck.report.labels import (
    SHARED_REASON,
    STATUS_SYMBOL,
    aside,
    both,
    bracketed,
    colon,
    comma,
    counted,
    enumerated,
    label,
    midterm_word,
    noted,
    semicolon,
    status_word,
)

if TYPE_CHECKING:
    from plancheck.evaluate.diff import Diff
    from plancheck.report import Options
    from plancheck.tasks.models import TaskCheck

_BARE_NUMBER = re.compile(r"[\d.]+")
# "Needs attention" lists the worst first.
SEVERITY = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.MISSING: 2, Status.BEHIND: 3, Status.PASS: 4}


def verdict(
    evaluation: Evaluation, lang: str, blocking: int | None = None, shared: bool = False
) -> str:
    """``NOT COMPLIANT: 1 binding indicators not met`` or ``COMPLIANT: every binding …``.

    ``blocking``: the number of blocking results, when the caller has counted them already.
    ``shared``: for a shared report (markdown, HTML, Word) — the same facts without naming the
    --strict option."""
    if blocking is None:
        blocking = blocking_count(evaluation)
    strict = "_shared" if shared else ""
    tasks = evaluation.tasks
    failing = []
    if blocking:
        key = f"strict_blocking{strict}" if evaluation.strict else "binding_blocking"
        if len(evaluation.units) > 1:  # results of several units, not so many indicators
            indicators, units = blocking_spread(evaluation)
            spread = label("blocking_spread", lang, indicators=indicators, units=units)
            failing.append(noted(counted(blocking, key + "_results", lang), spread, lang))
        else:
            failing.append(counted(blocking, key, lang))
    if tasks is not None and not tasks.compliant:  # both parts fail: say both
        from plancheck.report.taskcheck import tasks_blocking  # only with --tasks

        failing.append(tasks_blocking(tasks, lang, shared))
    if failing:
        return f"{label('not_compliant', lang)}{colon(lang)}{semicolon(lang).join(failing)}"
    met = (
        label(f"all_met_strict{strict}", lang)
        if evaluation.strict
        else _binding_met(evaluation, lang)
    )
    return f"{label('compliant', lang)}{colon(lang)}{met}"


def _binding_met(evaluation: Evaluation, lang: str) -> str:
    """What a compliant run says of its binding indicators: all met, or met but for those not
    yet due (``behind`` does not block, so "every one is met" would be untrue)."""
    latest = evaluation.latest_year
    behind = sum(
        1
        for _, year, ind, status in evaluation.results.statuses(latest)
        if year == latest and ind.binding and status is Status.BEHIND
    )
    if not behind:
        return label("all_binding_met", lang)
    return label("all_binding_met_behind", lang, count=behind)


def blocking_count(evaluation: Evaluation) -> int:
    """How many results make the run non-compliant (``Evaluation.blocks``), counted from the
    statuses without a Result made."""
    blocks, latest = evaluation.blocks, evaluation.latest_year  # only the latest year blocks
    return sum(
        1
        for _, year, ind, status in evaluation.results.statuses(latest)
        if blocks(ind, year, status)
    )


def blocking_spread(evaluation: Evaluation) -> tuple[int, int]:
    """How many indicators and units the blocking results are of."""
    blocks, latest = evaluation.blocks, evaluation.latest_year
    pairs = [(unit, ind.id) for unit, year, ind, status in evaluation.results.statuses(latest)
             if blocks(ind, year, status)]  # fmt: skip
    return len({i for _, i in pairs}), len({u for u, _ in pairs})


def summary_heading(evaluation: Evaluation, lang: str) -> str:
    """``Summary``, with the years it counts when there are several: the counts are of every
    judged year, the verdict and the binding/expected lines of the latest."""
    years = evaluation.years
    if len(years) == 1:
        return label("summary", lang)
    return with_year(label("summary", lang), years_named(years, lang), lang)


def with_year(text: str, year: object, lang: str) -> str:
    """A heading of one year (or a span): ``Needs attention 2023`` in English, ``2023年需关注``
    in Chinese, as 2023年中期评估 and 2023年状态 write it (``year_text``)."""
    return f"{year_text(year, lang)}{text}" if lang == "zh" else f"{text} {year}"


def years_named(years: Iterable[int], lang: str) -> str:
    """The years a report speaks for, as given: adjacent years as a span (``2021–2023``,
    ``2022–2023``), else each year, a run of three or more among them as a span: ``2020 and
    2023``, ``2020, 2022 and 2023``, ``2020 and 2022–2024``; ``2020、2023``, ``2021—2023`` in
    Chinese."""
    runs = year_runs(years)
    if len(runs) == 1:
        return year_span(*runs[0], lang)
    spans: list[str] = []
    for first, last in runs:
        long = last - first >= 2
        spans += (
            [year_span(first, last, lang)] if long else [str(y) for y in range(first, last + 1)]
        )
    if lang == "zh":
        return enumerated(spans, lang)
    return f"{', '.join(spans[:-1])} and {spans[-1]}"


def years_listed(years: Iterable[int], lang: str) -> str:
    """The years of a title: ``2022, 2023``; ``2022、2023年`` in Chinese."""
    return year_text(enumerated(years, lang), lang)


def target_cell(indicator: Indicator, lang: str) -> str:
    """The plan's own words for the target, with the unit when the words do not hold it: after
    a bare number (``100%``, ``2 次/年``), else in brackets (``50以上 (%)``, ``50以上（%）`` in
    Chinese); ``0.2‰以下`` and ``96%左右`` say theirs. A bare number carries its target's sign
    when the target is not the floor a bare number reads as (``≤3%``, see ``_sign``)."""
    text, unit = indicator.target_text, indicator.target.stated_in(indicator.unit)
    sign = _sign(indicator)
    if not unit or not any(ch.isdigit() for ch in text) or unit in text:
        return sign + text
    if sign or _BARE_NUMBER.fullmatch(text):
        return f"{sign}{text}%" if unit == "%" else f"{sign}{text} {unit}"
    return noted(text, unit, lang)


def _sign(indicator: Indicator) -> str:
    """The sign of a target whose text is a bare number, when the number is not the floor it
    reads as (a bare number is a floor: "100" is ≥ 100): ``≤`` for the ceiling ``plan import``
    drafts from 发案率's "3", else ""."""
    if not _BARE_NUMBER.fullmatch(indicator.target_text):
        return ""
    sign = indicator.target.goal_symbol()
    return "" if sign in ("≥", "→") else sign


def value_cell(result: Result) -> str:
    """The figure beside its target: with as many decimals as tell it from the goal it was
    judged against (99.99999% next to a target of 100%, not 100%)."""
    if result.value is None:
        return "—"
    shown = number(result.value)
    if result.goal is not None:
        shown = numbers_apart(result.value, result.goal)[0]
    unit = result.indicator.unit
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}" if unit else shown


def figure(evaluation: Evaluation, indicator: Indicator, value: float | None) -> str:
    """A figure of ``indicator`` with the decimals all its figures share in this report
    (``Evaluation.decimals``): 72.33 beside 99.52, not 72.3333. No unit."""
    return fixed(value, evaluation.decimals[indicator.id])


def fixed(value: float | None, places: int) -> str:
    """A figure with ``places`` decimals (at most 4), "—" for none. One too large or too small
    for them is shown with its own digits (1e+23, 1e-07), never as 99999999999999991611392 or
    as 0; zero is never "-0.00"."""
    if value is None:
        return "—"
    if abs(value) >= 1e15:
        return number(value)
    text = f"{value:.{min(places, 4)}f}"
    if text.strip("-0.") == "":
        return "0" if value == 0 else number(value)
    return text


def value_figure(evaluation: Evaluation, result: Result) -> str:
    """A submitted figure at its indicator's decimals, with more only where they tell it from
    the goal it was judged against, or a bound of its band (99.99999 beside a target of 100 is
    not "100.00", 6.0500001 beside a band up to 6.05 not "6.0500")."""
    if result.value is None:
        return "—"
    indicator = result.indicator
    return apart_from_edges(result.value, evaluation.decimals[indicator.id],
                            (result.goal, *indicator.target.edges()), fixed)  # fmt: skip


def attention(evaluation: Evaluation) -> list[Result]:
    """Results that are not a pass in the latest year, in the one order every report lists
    them in: what blocks compliance first (``Evaluation.blocks``), then the worst status, binding
    before expected, the units' order, the indicators' order. The rank of an indicator and
    status is made once for each pair (the results of a national file share a few dozen)."""
    latest, blocks = evaluation.latest_year, evaluation.blocks
    units = {unit: n for n, unit in enumerate(evaluation.units)}
    ranks: dict[tuple[str, Status], tuple[bool, int, bool]] = {}
    order: dict[str, tuple[int, str]] = {}

    def key(r: Result) -> tuple[tuple[bool, int, bool], int, tuple[int, str]]:
        i, status = r.indicator, r.status
        rank = ranks.get((i.id, status))
        if rank is None:
            rank = ranks[(i.id, status)] = (
                not blocks(i, latest, status),
                SEVERITY[status],
                not i.binding,
            )
            order[i.id] = _order(i)
        return rank, units[r.unit], order[i.id]

    return sorted(
        (r for r in evaluation.results.of_year(latest) if r.status != Status.PASS), key=key
    )


def _order(indicator: Indicator) -> tuple[int, str]:
    return (int(indicator.id), "") if indicator.id.isdecimal() else (10**9, indicator.id)


def timing_cell(indicator: Indicator, target_year: int, lang: str) -> str:
    if indicator.timing == "annual":
        return label("annual", lang)
    return label("by_target_year", lang, year=target_year)


def latest_index(evaluation: Evaluation) -> list[IndexScore]:
    """The index of the latest year, best first (the ranking; units with no score last), in
    the order ``evaluate.index.ranked`` gives it (ties in the plan's order of its units)."""
    latest = evaluation.latest_year
    return [i for i in evaluation.index if i.year == latest]


def index_series(evaluation: Evaluation) -> list[tuple[str, list[tuple[int, float]]]]:
    """Per unit a report is about (the focused one, or every unit), its index over the years:
    (year, score) ascending, years with no score left out."""
    scores: dict[str, list[tuple[int, float]]] = {unit: [] for unit in evaluation.units}
    for s in evaluation.index:  # one pass: a national file has thousands of units
        if s.score is not None and s.unit in scores:
            scores[s.unit].append((s.year, s.score))
    return [(unit, sorted(points)) for unit, points in scores.items()]


def matrix(evaluation: Evaluation) -> list[tuple[str, list[Result]]]:
    """Per unit, its latest-year results in the plan's order (the units × indicators matrix)."""
    latest = evaluation.latest_year
    rows: dict[str, list[Result]] = {unit: [] for unit in evaluation.units}
    for r in evaluation.results.of_year(latest):
        if r.unit in rows:
            rows[r.unit].append(r)
    return list(rows.items())


TREND_ORDER = ("going_backwards", "seriously_lagging", "lagging", "on_track", "achieved")


def progress_rows(evaluation: Evaluation) -> list[Result]:
    """Latest-year results that have a trend, the most worrying first."""
    rows = [r for r in evaluation.results.of_year(evaluation.latest_year) if r.trend]
    return sorted(
        rows,
        key=lambda r: (TREND_ORDER.index(r.trend.verdict) if r.trend else 0, r.unit,
                       _order(r.indicator)),
    )  # fmt: skip


def arrow(result: Result) -> str:
    """Which way the series moves, judged by the direction the indicator is good."""
    if result.trend is None or result.trend.slope == 0:
        return "→"
    rising = result.trend.slope > 0
    return "↗" if rising else "↘"


def several_units(evaluation: Evaluation) -> bool:
    """Whether a report is of several units: then the rows of its progress table name their
    unit. A report of one names it at its top (or has none to name: a plan without ``unit:``,
    read from a table with no unit column), and a column saying it on every row is waste."""
    return len(evaluation.units) > 1


def progress_header(evaluation: Evaluation, lang: str) -> list[str]:
    """The terminal's progress table header: unit (of several, ``several_units``), indicator,
    series, arrow, projection, target, trend."""
    unit = [label("unit", lang)] if several_units(evaluation) else []
    return [
        *unit,
        label("indicator", lang),
        label("series", lang),
        "",
        label("projection", lang, year=evaluation.plan.info.target_year),
        label("target", lang),
        label("trend", lang),
    ]


def unit_named(unit: str, lang: str) -> str:
    """A unit as the index lists it: a plan without a unit, read from files naming none, has
    one unit without a name — said so, not a blank."""
    return unit or label("unit_unnamed", lang)


def sole_index(evaluation: Evaluation) -> IndexScore | None:
    """The latest year's index when it is of one unit alone (a district's own plan, a national
    office's own table): every report says it in a line — its score and coverage — for a
    ranking of one ranks nothing. None when the index ranks several units (or has none)."""
    ranking = latest_index(evaluation)
    return ranking[0] if len(ranking) == 1 else None


def index_table(evaluation: Evaluation, lang: str) -> tuple[list[str], list[list[str]]]:
    """The latest year's index ranking (header, rows): rank, unit, index, categories, coverage;
    of one unit (``sole_index``) its one row without rank or unit: index, categories, coverage."""
    categories = evaluation.plan.categories
    ranked = sole_index(evaluation) is None
    header = [
        *((label("rank", lang), label("unit", lang)) if ranked else ()),
        label("score", lang),
        *(c.name for c in categories),
        label("coverage", lang),
    ]
    rows = []
    for score in latest_index(evaluation):
        by_category = dict(score.categories)
        place = [str(score.rank) if score.rank is not None else "—", unit_named(score.unit, lang)]
        rows.append(
            [
                *(place if ranked else ()),
                f"{score.score:.1f}" if score.score is not None else "—",
                *(
                    f"{by_category[c.name]:.1f}" if c.name in by_category else "—"
                    for c in categories
                ),
                f"{score.scored}/{score.total}",
            ]
        )
    return header, rows


def index_in_a_line(evaluation: Evaluation, lang: str) -> str | None:
    """The index of one unit alone (``sole_index``) as one line: ``2023年法治指数：徐汇区 93.4
    （计分指标 21/23）`` (no unit to name: ``…法治指数：98.2（…）``); None when it ranks several."""
    score = sole_index(evaluation)
    if score is None:
        return None
    shown = f"{score.score:.1f}" if score.score is not None else "—"
    unit = f"{score.unit} " if score.unit else ""
    coverage = aside(f"{label('coverage', lang)} {score.scored}/{score.total}", lang)
    heading = with_year(index_name(evaluation, lang), evaluation.latest_year, lang)
    return f"{heading}{colon(lang)}{unit}{shown}{coverage}"


# --- the shared reports (markdown, html, docx): the same content, whatever the format ---------
# A report handed over (to a committee, a colleague) says what a reader needs and nothing of the
# command line: file names without the folders they were read from, reasons without advice on
# options, one row per indicator with its figures across the years, every figure of one
# indicator with the same decimals, the unit it is about named at the top.


def file_name(path: str) -> str:
    """A file's name without its folders (``/home/me/2023.csv`` → ``2023.csv``)."""
    return PurePath(path).name or path


def file_names(files: tuple[str, ...] | list[str], lang: str) -> str:
    """The files' names (``file_name``), listed as the language lists: 、 in Chinese."""
    return enumerated((file_name(f) for f in files), lang)


def shared_reason(reason: Reason, lang: str) -> str:
    """A reason for a shared report: as ``messages.render``, but a fragment that advises on the
    command line (``pass --reference``) is worded as the fact alone (``labels.SHARED_REASON``)."""
    parts = []
    for fragment in reason:
        if fragment.key not in SHARED_REASON:
            parts.append(render((fragment,), lang))
            continue
        values = {
            name: (value.zh if lang == "zh" else value.en) if isinstance(value, Text) else value
            for name, value in fragment.params
        }
        parts.append(label(SHARED_REASON[fragment.key], lang, **values))
    return ("；" if lang == "zh" else "; ").join(parts)


def shared_as_of(check: TaskCheck, lang: str) -> str:
    """``2023-12-31 (as the file says)``, ``2023年12月31日（报送文件所载）``, without naming
    --as-of."""
    source = check.as_of_source
    key = "as_of_option_shared" if source == "option" else f"as_of_{source}"
    return noted(date_text(check.as_of, lang), label(key, lang), lang)


def plan_title(info: PlanInfo, lang: str) -> str:
    """The plan's title, and in English its English title beside it (once, when it is the same)."""
    return info.title if lang == "zh" else both(info.title, info.title_en, "{} ({})")


def document_stage(plan: Plan, lang: str) -> str:
    """The plan text's stage (送审稿, 正式文本…) in the report's language."""
    document = plan.info.document
    return document.stage if lang == "zh" else document.stage_en


def report_date(evaluation: Evaluation, given: dt.date | None) -> dt.date:
    """The report's date: ``--date``, else 31 December of the latest judged year — never today,
    so the same figures give the same report."""
    return given if given is not None else dt.date(evaluation.latest_year, 12, 31)


def office_text(evaluation: Evaluation, given: str | None, lang: str) -> str | None:
    """The issuing office: ``--office`` (empty: none), else the plan's ``office`` (``office_en``
    in English)."""
    if given is not None:
        return given or None
    info = evaluation.plan.info
    if lang != "zh" and info.office_en:
        return info.office_en
    return info.office


def unit_line(evaluation: Evaluation, lang: str) -> str | None:
    """The unit a report is about, when it is about one: ``徐汇区`` or, focused on one of several
    submitted, ``徐汇区（共16个单位报送）``."""
    if len(evaluation.units) != 1 or not evaluation.units[0]:
        return None  # several, or a unit without a name (a plan with no `unit`, no unit column)
    unit = evaluation.units[0]
    submitted = len(evaluation.submitted_units)
    if evaluation.focus is not None and submitted > 1:
        return label("focus_of", lang, unit=unit, count=submitted)
    return unit


def heading_fields(evaluation: Evaluation, options: Options) -> list[tuple[str, str, str]]:
    """The shared reports' heading as (field, label, text), in order: the focused unit, the
    issuing office, the date, the plan, its text, the files judged and the years of history.
    Markdown, HTML and Word lay out these same fields (Word sets the office and the date on the
    title page)."""
    lang = options.lang
    info = evaluation.plan.info
    fields: list[tuple[str, str, str]] = []
    unit = unit_line(evaluation, lang)
    if unit is not None:
        fields.append(("focus_unit", label("focus_unit", lang), unit))
    office = office_text(evaluation, options.office, lang)
    if office:
        fields.append(("office", label("office", lang), office))
    day = date_text(report_date(evaluation, options.date), lang)
    title = plan_title(info, lang)
    # 2021—2025年, as a Chinese title writes a plan's period; 2021–2025 in English
    period = year_span(info.period.start, info.period.end, lang) + ("年" if lang == "zh" else "")
    stated = info.document.date
    known = (document_stage(evaluation.plan, lang), date_text(stated, lang) if stated else "")
    document = comma(lang).join(filter(None, known))
    fields += [
        ("date", label("date", lang), day),
        ("plan", label("plan", lang), f"{title}{comma(lang)}{period}"),
    ]
    if document:  # what the plan says of its text; nothing when it says nothing
        fields.append(("document", label("document", lang), document))
    fields.append(("submission", label("submission", lang), file_names(evaluation.files, lang)))
    if evaluation.history:
        fields.append(("history", label("history", lang), enumerated(evaluation.history, lang)))
    return fields


def listing_rule(evaluation: Evaluation) -> Callable[[Result], bool] | None:
    """What --only keeps of the results in a listing (``Evaluation.listed``), or None: all."""
    return None if evaluation.only is None else evaluation.lists


def listed_attention(evaluation: Evaluation) -> list[Result]:
    """What a report's "needs attention" lists: ``attention``, of those --only keeps."""
    keep = listing_rule(evaluation)
    todo = attention(evaluation)
    return todo if keep is None else [r for r in todo if keep(r)]


def nothing_listed(evaluation: Evaluation, lang: str) -> str:
    """What "needs attention" says when it lists nothing: that nothing does — or, when --only
    leaves out what does (an expected indicator behind or unknown), how many are not listed:
    a report that is not compliant never says that nothing needs attention."""
    hidden = 0 if evaluation.only is None else len(attention(evaluation))
    if not hidden:
        return label("nothing_needs_attention", lang)
    return label("attention_not_listed" + ("_one" if hidden == 1 else ""), lang, count=hidden)


def counts_text(counts: dict[str, int], lang: str) -> str:
    """``达标 14、未达标 1、滞后 6`` — the statuses that occur, in the ladder's order."""
    sep = "、" if lang == "zh" else ", "
    return sep.join(
        f"{status_word(s, lang)} {counts[s.value]}" for s in Status if counts.get(s.value)
    )


def latest_counts(evaluation: Evaluation, lang: str) -> str:
    """The latest year's counts, shown beside the verdict (never a sum over the years)."""
    year = evaluation.latest_year
    counts = counts_text(evaluation.summary(year=year), lang)
    return label("year_summary", lang, year=year, counts=counts)


def year_table(evaluation: Evaluation, lang: str) -> tuple[list[str], list[list[str]]]:
    """Statuses per judged year (header, rows): one row a year, the latest last."""
    header = [label("year", lang), *(status_word(s, lang) for s in Status), label("total", lang)]
    rows = []
    for year in evaluation.years_reported:
        counts = evaluation.summary(year=year)
        rows.append([str(year), *(str(counts[s.value]) for s in Status), str(sum(counts.values()))])
    return header, rows


_PHRASE = {
    Status.PASS: "n_pass",
    Status.FAIL: "n_fail",
    Status.BEHIND: "n_behind",
    Status.MISSING: "n_missing",
    Status.UNKNOWN: "n_unknown",
}


def _phrase(status: Status, count: int) -> str:
    """The phrase counting ``count`` results of ``status``: English counts one apart ("1 is not
    yet met", "2 are not yet met")."""
    key = _PHRASE[status]
    return key + "_one" if count == 1 and status is Status.BEHIND else key


def summary_sentences(evaluation: Evaluation, lang: str) -> list[str]:
    """The summary paragraph, as generated sentences about the latest year: "2023年度，23项指标
    中，14项已达标，…", the binding indicators, the index, the tasks."""
    year = evaluation.latest_year
    latest = evaluation.results.of_year(year)
    counts = evaluation.summary(year=year)
    target_year = evaluation.plan.info.target_year
    units = len(evaluation.units)
    comma = "，" if lang == "zh" else ", "
    stop = "。" if lang == "zh" else "."
    opening = (
        label("of_results", lang, year=year, count=len(latest), units=units)
        if units > 1
        else label("of_indicators", lang, year=year, count=len(latest))
    )
    phrases = [
        label(_phrase(s, counts[s.value]), lang, n=counts[s.value], target_year=target_year)
        for s in Status
        if counts[s.value]
    ]
    sentences = [opening + comma + comma.join(phrases) + stop]
    if units > 1:
        failing = evaluation.failing_units
        if failing:
            sep = "、" if lang == "zh" else ", "
            key = "binding_units_not_one" if len(failing) == 1 else "binding_units_not"
            sentences.append(label(key, lang, count=len(failing), units=units,
                                   names=sep.join(failing)))  # fmt: skip
        else:
            sentences.append(label("binding_units_all", lang))
    else:
        binding = [r for r in latest if r.indicator.binding]
        met = sum(1 for r in binding if r.status is Status.PASS)
        if binding:
            sentences.append(label(_binding_key(len(binding), met), lang, count=len(binding),
                                   met=met))  # fmt: skip
        sentence = _index_sentence(evaluation, lang)
        if sentence:
            sentences.append(sentence + stop)
    if evaluation.tasks is not None:
        from plancheck.report.taskcheck import summary_sentence

        sentences.append(summary_sentence(evaluation.tasks, lang))
    return sentences


def index_name(evaluation: Evaluation, lang: str) -> str:
    """What the plan calls its index (法治指数, Rule-of-law index), in the run's language."""
    info = evaluation.plan.info
    return info.index_name if lang == "zh" else info.index_name_en


def index_explained(evaluation: Evaluation, lang: str) -> str:
    """How the index is computed, in a sentence that names it."""
    name = index_name(evaluation, lang)
    return label("index_explained", lang, name=name if lang == "zh" else _in_a_sentence(name))


def _in_a_sentence(name: str) -> str:
    """An English name inside a sentence: "rule-of-law index" (an acronym keeps its capitals)."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _index_sentence(evaluation: Evaluation, lang: str) -> str | None:
    unit, year = evaluation.units[0], evaluation.latest_year
    scores = {s.year: s for s in evaluation.index if s.unit == unit}
    now = scores.get(year)
    if now is None or now.score is None:
        return None
    name = index_name(evaluation, lang)
    text = label("index_sentence", lang, score=f"{now.score:.1f}", scored=now.scored,
                 total=now.total, name=name if lang == "zh" else _in_a_sentence(name))  # fmt: skip
    ranked = [s for s in evaluation.index if s.year == year and s.rank is not None]
    if len(ranked) > 1 and now.rank is not None:
        text += label("index_rank", lang, rank=now.rank, count=len(ranked))
    before = [y for y in scores if y < year and scores[y].score is not None]
    if before:
        previous = scores[max(before)]
        assert previous.score is not None
        delta = round(now.score, 1) - round(previous.score, 1)
        if abs(delta) < 0.05:
            change = "持平" if lang == "zh" else "unchanged"
        elif lang == "zh":
            change = f"{'上升' if delta > 0 else '下降'}{abs(delta):.1f}"
        else:
            change = f"{'up' if delta > 0 else 'down'} {abs(delta):.1f}"
        text += label("index_change", lang, year=previous.year, change=change)
    return text


@dataclass(frozen=True)
class SeriesRow:
    """One indicator of one unit across the judged years: the row of a shared report."""

    unit: str
    indicator: Indicator
    by_year: dict[int, Result]

    @property
    def latest(self) -> Result:
        return self.by_year[max(self.by_year)]

    def note(self, lang: str) -> str:
        """The notes submitted with its figures: one, or each with its year when they differ."""
        notes = {y: r.note for y, r in sorted(self.by_year.items()) if r.note}
        if len(set(notes.values())) <= 1:
            return next(iter(notes.values()), "")
        sep = "；" if lang == "zh" else "; "
        colon = "：" if lang == "zh" else ": "
        return sep.join(f"{y}{colon}{n}" for y, n in notes.items())


def series_rows(evaluation: Evaluation, category: str) -> list[SeriesRow]:
    """The rows of one category: per unit and indicator (the plan's order), every judged year's
    result; only those --only keeps a result of. Made from that category's results alone."""
    keep = listing_rule(evaluation)
    ids = frozenset(i.id for i in evaluation.plan.indicators if i.category == category)
    rows: dict[tuple[str, str], dict[int, Result]] = {}
    indicators: dict[tuple[str, str], Indicator] = {}
    listed: set[tuple[str, str]] = set()
    for r in evaluation.results.of_indicators(ids):
        indicator = r.indicator
        key = (r.unit, indicator.id)
        by_year = rows.get(key)
        if by_year is None:
            by_year = rows[key] = {}
            indicators[key] = indicator
        by_year[r.year] = r
        if keep is None or keep(r):
            listed.add(key)
    return [SeriesRow(key[0], indicators[key], by_year)
            for key, by_year in rows.items() if key in listed]  # fmt: skip


def category_table(
    evaluation: Evaluation,
    category: str,
    lang: str,
    reason: bool = True,
    rows: list[SeriesRow] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """One category's table for a shared report (header, rows): an indicator a row, its figures
    under their years, the latest year's status and reason, the notes as 备注.

    ``rows``: the category's ``series_rows``, when the caller has them."""
    if rows is None:
        rows = series_rows(evaluation, category)
    years = evaluation.years
    several = len(years) > 1
    header = [label("id", lang), label("indicator", lang), label("binding", lang),
              label("target", lang)]  # fmt: skip
    multi_unit = len(evaluation.units) > 1
    if multi_unit:
        header.insert(0, label("unit", lang))
    header += [year_text(y, lang) for y in years] if several else [label("actual", lang)]
    latest = evaluation.latest_year
    header.append(label("status_in", lang, year=latest) if several else label("status", lang))
    # The mid-term class (提前实现 … 滞后) of the latest year, when a result of it has one.
    classes = [midterm_word(now.midterm, lang) if (now := row.by_year.get(latest)) else ""
               for row in rows]  # fmt: skip
    classed = any(classes)
    if classed:
        header.append(label("midterm", lang))
    if reason:
        header.append(label("reason_in", lang, year=latest) if several else label("reason", lang))
    notes = [row.note(lang) for row in rows]
    if any(notes):
        header.append(label("note", lang))
    else:
        notes = []
    cells = SharedCells(evaluation, lang)
    body = []
    for n, row in enumerate(rows):
        line = [*cells.indicator(row.indicator)]
        if multi_unit:
            line.insert(0, row.unit)
        by_year = row.by_year
        line += [cells.value(by_year[y]) if y in by_year else "—" for y in years]
        now = by_year.get(latest)
        line.append(cells.status[now.status] if now else "—")
        if classed:
            line.append(classes[n] or "—")
        if reason:
            line.append(cells.reason(now.reason) if now else "")
        if notes:
            line.append(notes[n])
        body.append(line)
    return header, body


class SharedCells:
    """The cells of a shared report's tables, each made once for what results share: an
    indicator's own cells, a status, a reason, a figure."""

    def __init__(self, evaluation: Evaluation, lang: str) -> None:
        self.evaluation = evaluation
        self.lang = lang
        self.status = {s: f"{STATUS_SYMBOL[s]} {status_word(s, lang)}" for s in Status}
        self._indicators: dict[int, tuple[Indicator, list[str]]] = {}
        self._reasons: dict[int, tuple[Reason, str]] = {}
        self._values: dict[tuple[str, float | None, float | None], str] = {}

    def indicator(self, i: Indicator) -> list[str]:
        """Its id, name, binding and target (``category_table``'s first columns)."""
        found = self._indicators.get(id(i))
        if found is None:
            lang = self.lang
            cells = [i.id, i.name if lang == "zh" else both(i.name_en, i.name, "{}\n{}"),
                     label("binding_yes" if i.binding else "binding_no", lang),
                     shared_target(i, lang)]  # fmt: skip
            found = self._indicators[id(i)] = (i, cells)
        return found[1]

    def reason(self, reason: Reason) -> str:
        """``shared_reason``, once per reason (the reason kept with it: its id stays its own)."""
        found = self._reasons.get(id(reason))
        if found is None:
            found = self._reasons[id(reason)] = (reason, shared_reason(reason, self.lang))
        return found[1]

    def value(self, result: Result) -> str:
        """``value_figure``, once per indicator, figure and goal."""
        key = (result.indicator.id, result.value, result.goal)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = value_figure(self.evaluation, result)
        return found


_WITH_UNIT = re.compile(r"([\d.]+)((?:及)?以上|(?:及)?以下|以内|左右)?")


def shared_target(indicator: Indicator, lang: str) -> str:
    """The plan's words for a target with its unit where the figure is (``50%以上``, ``100%``,
    ``12人/万人``; ``≤3%`` for a ceiling, see ``_sign``), or after words that have no figure
    (``低于全市平均值（%）``), never twice (``0.2‰以下``): every target of a report written
    alike, and the unit of the figures beside it said."""
    text, unit = indicator.target_text, indicator.target.stated_in(indicator.unit)
    sign = _sign(indicator)
    if not unit or unit in text:
        return sign + text
    found = _WITH_UNIT.fullmatch(text)
    if found is None:
        return f"{text}{bracketed(unit, lang)}" if lang == "zh" else f"{text} ({unit})"
    return f"{sign}{found.group(1)}{unit}{found.group(2) or ''}"


def shared_progress_table(evaluation: Evaluation, lang: str) -> tuple[list[str], list[list[str]]]:
    """The progress table for a shared report (header, rows): each figure under its year (the
    baseline's too), the projection for the target year, the trend and the mid-term class."""
    keep = listing_rule(evaluation)
    rows = progress_rows(evaluation)
    if keep is not None:
        rows = [r for r in rows if keep(r)]
    years = sorted({y for r in rows if r.trend for y, _ in r.trend.series})
    target_year = evaluation.plan.info.target_year
    header = [label("indicator", lang), *(year_text(y, lang) for y in years),
              label("projection", lang, year=target_year), label("target", lang),
              label("trend", lang), label("midterm", lang)]  # fmt: skip
    several = several_units(evaluation)
    if several:
        header.insert(0, label("unit", lang))
    body = []
    for r in rows:
        assert r.trend is not None
        series = dict(r.trend.series)
        words = TREND_WORDS[r.trend.verdict]
        i = r.indicator
        cells = [
            f"{i.id} {i.name if lang == 'zh' else i.name_en}",
            *(figure(evaluation, i, series.get(y)) for y in years),
            figure(evaluation, i, r.trend.projection),
            shared_target(i, lang),
            words.zh if lang == "zh" else words.en,
            midterm_word(r.midterm, lang) or "—",  # not classed: as the category tables say
        ]
        body.append([r.unit, *cells] if several else cells)
    return header, body


def city_views(evaluation: Evaluation) -> list[IndicatorView]:
    """The city view's indicators a listing shows: all, or those --only keeps."""
    if evaluation.only is None:
        return list(evaluation.city)
    kept = evaluation.kept_indicators  # the one rule, KEEPS: as every listing keeps
    return [v for v in evaluation.city if v.indicator.id in kept]


def city_table(evaluation: Evaluation, lang: str) -> tuple[list[str], list[list[str]]]:
    """Each indicator across the units (header, rows): mean, lowest, highest, how many units
    gave a figure, those not meeting it, and the focused unit's figure and place."""
    views = city_views(evaluation)
    focus = evaluation.focus
    header = [label("id", lang), label("indicator", lang), label("city_mean", lang),
              label("city_low", lang), label("city_high", lang), label("city_count", lang),
              label("city_failing", lang)]  # fmt: skip
    if focus is not None:
        header += [label("city_value", lang, unit=focus), label("city_rank", lang, unit=focus)]
    sep = "、" if lang == "zh" else ", "
    rows = []
    for v in views:
        i = v.indicator
        failing = f"{len(v.failing)}" + (f" ({sep.join(v.failing)})" if v.failing else "")
        if lang == "zh" and v.failing:
            failing = f"{len(v.failing)}（{sep.join(v.failing)}）"
        places = city_places(evaluation, v)
        cells = [i.id, i.name if lang == "zh" else i.name_en,
                 fixed(v.mean, mean_decimals(places)), fixed(v.low, places),
                 fixed(v.high, places), str(v.count), failing]  # fmt: skip
        if focus is not None:
            cells += [fixed(v.value, places), "—" if v.rank is None else str(v.rank)]
        rows.append(cells)
    return header, rows


def _binding_key(count: int, met: int) -> str:
    """Which sentence says how many of ``count`` binding indicators are met (English counts
    one apart: "1 is met", "The binding indicator is met")."""
    if count == 1:
        return "binding_the_one_met" if met else "binding_the_one_not_met"
    if met == count:
        return "binding_all_met"
    return {0: "binding_none_met", 1: "binding_one_of_met"}.get(met, "binding_some_met")


def city_places(evaluation: Evaluation, view: IndicatorView) -> int:
    """The decimals of one indicator's row in the city view: its figures' in the report, and
    the lowest's and highest's — with --unit the report's figures are the focused unit's, and
    the other units' (98.9 beside the unit's 100) count too."""
    written = [decimals_written(x) for x in (view.low, view.high, view.value) if x is not None]
    return max([evaluation.decimals[view.indicator.id], *written])


def city_year(evaluation: Evaluation) -> int | None:
    return evaluation.city[0].year if evaluation.city else None


def diff_side(evaluation: Evaluation, lang: str) -> str:
    """How a diff names one side: its files and its latest year, ``2023.csv (2023)`` or
    ``2023.csv（2023年）``."""
    return noted(enumerated(evaluation.files, lang), year_text(evaluation.latest_year, lang), lang)


def diff_one_sided(diff: Diff, lang: str) -> str | None:
    """What a diff of one unit (--unit) that only one run has says under its title: which run
    has it, and that the other has no figures of it (``Diff.only_in``); None otherwise."""
    if diff.only_in is None:
        return None
    old, new = diff_side(diff.old, lang), diff_side(diff.new, lang)
    unit = unit_named(diff.new.focus or diff.old.focus or "", lang)
    return label(f"diff_only_{diff.only_in}", lang, unit=unit, old=old, new=new)


def signed(delta: float | None) -> str:
    """A diff's change of value: ``+0.5``, ``-2``, ``—`` when there is none to compare."""
    return "—" if delta is None else ("+" if delta > 0 else "") + number(delta)
