"""The evaluation: every indicator of the plan, one status per unit and judged year, with why.

pass     the target is met this year
fail     an annual target is not met, or a by_target_year target in or after the target year
behind   a by_target_year target not yet met before the target year (not a failure yet)
missing  no value submitted
unknown  a value, but the judgment needs something not given (a reference, a rank…)

One engine for every size of input. The figures are laid out as a cube — indicator × year ×
unit — and each rule runs once per indicator and year over the array of units
(``evaluate/arrays.py``): a district's own file is arrays of one, a national file arrays of
thousands. What a target means is its kind's business (``plancheck.kinds``); this module holds
what is the same for every kind: the status ladder, 时序进度, the trend, the index, and the
reasons that go with them.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any

from plancheck.errors import UserError
from plancheck.evaluate import index as index_rules
from plancheck.evaluate import peers
from plancheck.evaluate.arrays import Backend, backend_for
from plancheck.evaluate.models import (
    Block,
    Columns,
    Evaluation,
    IndicatorView,
    Result,
    Results,
    Status,
)
from plancheck.evaluate.progress import (
    TOLERANCE,
    VERDICTS,
    Trend,
    projection_bounds,
    time_share,
    trends,
)
from plancheck.i18n import option_text, say
from plancheck.kinds.base import (
    COMPUTED,
    FROM_FILE,
    SUBMITTED,
    Judged,
    Pace,
    Row,
    Sourced,
    source,
)
from plancheck.messages import (
    TREND_WORDS,
    Reason,
    Text,
    decimals_written,
    fragment,
    number,
    year_span,
)
from plancheck.record import record

if TYPE_CHECKING:
    from typing import TypeAlias

    from plancheck.plan.models import Indicator, Plan
    from plancheck.submission.models import Submission

    Doubles: TypeAlias = array[float]  # array("d"): one float per unit

NAN = math.nan
# Status codes in the arrays, in the order of Status.
PASS, FAIL, BEHIND, MISSING, UNKNOWN = 0.0, 1.0, 2.0, 3.0, 4.0
STATUSES = (Status.PASS, Status.FAIL, Status.BEHIND, Status.MISSING, Status.UNKNOWN)
_MISSING: Reason = (fragment("missing"),)
# The classes of a mid-term evaluation (提前实现 / 快于预期 / 基本符合预期 / 滞后): README "Mid-term".
MIDTERM = ("achieved_early", "ahead", "on_track", "lagging")
EARLY, AHEAD, ON_TRACK, LAGGING = 0.0, 1.0, 2.0, 3.0


def evaluate(
    plan: Plan,
    submission: Submission,
    *,
    strict: bool = False,
    references: dict[tuple[int, str], float] | None = None,
    unit: str | None = None,
    backend: str | None = None,
) -> Evaluation:
    """Judge the submission against the plan. ``references``: (year, indicator) → official value.
    ``backend`` forces the array library ("python" or "numpy"; default: by the number of units)."""
    start = plan.info.period.start
    years = submission.years
    judged_years = tuple(y for y in years if y >= start)
    history = tuple(y for y in years if y < start)
    if not judged_years:
        before = say("list").join(map(str, history))
        raise UserError(
            say("engine.history_only", years=before, period=year_span(start, plan.info.period.end)),
            submission.files[0],
        )
    units = submission.units
    if unit is not None and unit not in units:
        raise UserError(
            say("engine.unit_missing", unit=option_text(unit), units=say("list").join(units))
        )

    cube = Cube(plan, submission)
    xp = backend_for(len(units), backend)
    engine = _Engine(plan, cube, xp, references or {})
    slices = {(i, y): engine.judge(i, y) for y in judged_years for i in range(len(plan.indicators))}
    for i, indicator in enumerate(plan.indicators):
        if indicator.timing == "annual":
            engine.annual_midterm([slices[(i, y)] for y in judged_years])
    latest = judged_years[-1]
    # Each unit is judged in the years it reported, and every unit in the latest year: a unit
    # that did not report the latest year misses its indicators there.
    judged_pairs = [
        (u, y)
        for u in range(len(units))
        for y in judged_years
        if y == latest or cube.reported(u, y)
    ]
    scores = engine.index(slices, judged_pairs, judged_years)
    shown_units = range(len(units)) if unit is None else (units.index(unit),)
    wanted = set(shown_units)
    results = _Results(engine, slices, [(u, y) for u, y in judged_pairs if u in wanted])
    city = engine.city(slices, latest, unit) if len(units) > 1 else ()
    return Evaluation(
        plan=plan,
        index=scores,
        results=results,
        units=units if unit is None else (unit,),
        years=judged_years,
        files=submission.files,
        strict=strict,
        history=history,
        baselines=tuple(submission.observations_of(history, units if unit is None else (unit,))),
        submitted_units=units,
        focus=unit,
        city=city,
    )


class Cube:
    """The submission's figures as the rules read them: one indicator and year of a column as
    an array over the units (NaN where nothing was given)."""

    def __init__(self, plan: Plan, submission: Submission) -> None:
        self.plan, self.submission = plan, submission
        self.units, self.years = submission.units, submission.years
        self.year_index = {year: n for n, year in enumerate(self.years)}
        self.indicator_index = {ind.id: n for n, ind in enumerate(plan.indicators)}
        self.value, self.reference, self.rank = (
            submission.value,
            submission.reference,
            submission.rank,
        )
        self.line, self.file, self.notes = submission.line, submission.file, submission.notes
        self.files = submission.files

    def cell(self, i: int, y: int, u: int) -> int:
        return (i * len(self.years) + y) * len(self.units) + u

    def reported(self, u: int, year: int) -> bool:
        return (u, self.year_index[year]) in self.submission.reported

    def slice(self, xp: Backend, column: array[float], i: int, year: int) -> Any:
        """One indicator and year of ``column``, as an array over the units (NaN if the year
        is not in the submission)."""
        y = self.year_index.get(year)
        if y is None:
            return xp.full(len(self.units), NAN)
        start = self.cell(i, y, 0)
        return xp.view(column, start, start + len(self.units))


@record(frozen=False)
class _Slice:
    """One indicator in one year, judged over the units: what its results are made from."""

    indicator: Indicator
    i: int
    year: int
    # Each a flat array of doubles over the units (``Backend.doubles``): a national file's
    # slices hold millions of figures.
    status: Doubles
    value: Doubles
    goal: Doubles
    met: Doubles
    shown: dict[str, Doubles]
    score: Any  # array, for the index
    share: Doubles | None = None  # 时序进度: share of the way done
    start: Doubles | None = None
    start_year: Doubles | None = None
    trend: tuple[Doubles, Doubles, Doubles, Doubles] | None = None
    points: list[tuple[int, Doubles]] | None = None  # the series behind the trend
    first_cell: int = 0  # the cube's cell of the first unit
    margin: Any = None  # array: how far each figure beats its goal (Kind.margin), or None
    midterm: Doubles | None = None  # index into MIDTERM per unit; NaN: not classed
    reasons: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    behind: dict[tuple[Any, ...], tuple[str | None, Reason]] = field(default_factory=dict)


class _Facts:
    """``kinds.base.Facts`` for one indicator and year."""

    def __init__(self, engine: _Engine, i: int, year: int) -> None:
        self.engine, self.i, self.year = engine, i, year
        self.xp = engine.xp
        self.indicator = engine.plan.indicators[i]
        self.plan = engine.plan
        self.size = len(engine.cube.units)
        self.value = engine.cube.slice(self.xp, engine.cube.value, i, year)

    def figures(self, year: int) -> Any:
        return self.engine.cube.slice(self.xp, self.engine.cube.value, self.i, year)

    def other(self, indicator_id: str) -> Any:
        cube = self.engine.cube
        return cube.slice(self.xp, cube.value, cube.indicator_index[indicator_id], self.year)

    def reference(self) -> Sourced:
        xp, cube = self.xp, self.engine.cube
        submitted = cube.slice(xp, cube.reference, self.i, self.year)
        official = self.engine.references.get((self.year, self.indicator.id))
        computed = peers.mean(xp.tolist(self.value))
        if official is not None:
            fallback, code, count = official, FROM_FILE, NAN
        elif computed is not None:
            fallback, code, count = computed[0], COMPUTED, float(computed[1])
        else:
            fallback, code, count = NAN, NAN, NAN
        given = ~xp.isnan(submitted)
        return Sourced(
            xp.where(given, submitted, fallback),
            xp.where(given, SUBMITTED, code),
            xp.where(given, NAN, count),
        )

    def rank(self) -> Sourced:
        xp, cube = self.xp, self.engine.cube
        submitted = cube.slice(xp, cube.rank, self.i, self.year)
        computed = peers.ranks(xp.tolist(self.value), self.indicator.direction == "higher")
        if computed is None:
            places, code, count = xp.full(self.size, NAN), NAN, NAN
        else:
            places, code, count = xp.array(computed[0]), COMPUTED, float(computed[1])
        given = ~xp.isnan(submitted)
        found = ~xp.isnan(places)
        return Sourced(
            xp.where(given, submitted, places),
            xp.where(given, SUBMITTED, xp.where(found, code, NAN)),
            xp.where(given | ~found, NAN, count),
        )

    def baseline(self) -> tuple[Any, Any]:
        xp = self.xp
        year = self.plan.info.baseline_year
        submitted = self.figures(year)
        own = self.indicator.baseline
        fallback, fallback_year = (own.value, float(own.year)) if own else (NAN, NAN)
        given = ~xp.isnan(submitted)
        return xp.where(given, submitted, fallback), xp.where(given, float(year), fallback_year)


class _Engine:
    def __init__(
        self, plan: Plan, cube: Cube, xp: Backend, references: dict[tuple[int, str], float]
    ) -> None:
        self.plan, self.cube, self.xp, self.references = plan, cube, xp, references
        self._sources: dict[tuple[str, float | None, float | None], Text] = {}
        self._written: dict[float, int] = {}  # decimals_written of each figure
        self._decimals: dict[int, int] = {}  # each indicator's decimals, by its place
        self._interned: dict[Reason, Reason] = {}  # each reason 时序进度 gave, once
        # (id of an interned reason, verdict, projection as printed) → (that reason, the reason
        # with the trend).
        self._trended: dict[tuple[int, str, str], tuple[Reason, Reason]] = {}

    def judge(self, i: int, year: int) -> _Slice:
        xp, plan = self.xp, self.plan
        indicator = plan.indicators[i]
        target = indicator.target
        facts = _Facts(self, i, year)
        judged = target.judge(facts)
        target_year = plan.info.target_year
        missing = xp.isnan(facts.value)
        shortfall = BEHIND if indicator.timing == "by_target_year" and year < target_year else FAIL
        status = xp.where(
            missing,
            MISSING,
            xp.where(xp.isnan(judged.met), UNKNOWN, xp.where(judged.met == 1.0, PASS, shortfall)),
        )
        # A blank figure scores 0 in the index, as a target not met: not reporting never raises
        # a unit's index or rank. A figure that could not be judged (unknown) is left out.
        score = target.score(facts, judged, indicator.floor)
        score = xp.where(missing, 0.0, xp.where(xp.isnan(judged.met), NAN, score))
        result = _Slice(
            indicator,
            i,
            year,
            xp.doubles(status),
            xp.doubles(facts.value),
            xp.doubles(judged.goal),
            xp.doubles(judged.met),
            {name: xp.doubles(values) for name, values in judged.shown.items()},
            score,
            first_cell=self.cube.cell(i, self.cube.year_index[year], 0),
        )
        progress = None
        if indicator.timing == "by_target_year" and year < target_year:
            progress = target.progress(facts, judged)
            self._midterm(result, facts, judged, progress, status)
        if progress is not None and xp.any(status == BEHIND):
            result.share = xp.doubles(progress.share)
            result.start = xp.doubles(progress.start)
            result.start_year = xp.doubles(progress.start_year)
        if indicator.timing == "annual":
            result.margin = target.margin(facts, judged)
        # A trend projects to the target year: after it, that year has passed and the result
        # itself is the verdict (as the mid-term class, nothing is projected).
        if target.has_level and target.band() is None and year <= target_year:
            self._trend(result, facts, judged)
        return result

    def _midterm(
        self, result: _Slice, facts: _Facts, judged: Judged, progress: Any, status: Any
    ) -> None:
        """The mid-term class of a level due by the target year: 提前实现 when met (and not
        already at the start), else by the pace — the share of the way done against the share
        of time gone; a target met at the start is held (on track) or lost (lagging)."""
        xp = self.xp
        midterm = self.plan.info.midterm
        judged_ok = (status != MISSING) & (status != UNKNOWN)
        met = judged.met == 1.0
        if progress is None:
            classes = xp.where(judged_ok & met, EARLY, NAN)
        else:
            time = time_share(facts.year, progress.start_year, self.plan.info.target_year)
            measurable = ~xp.isnan(progress.share) & (time > 0.0)
            pace = progress.share / xp.where(measurable, time, 1.0)
            by_pace = xp.where(
                pace >= midterm.ahead - TOLERANCE,
                AHEAD,
                xp.where(pace >= midterm.on_track - TOLERANCE, ON_TRACK, LAGGING),
            )
            classes = xp.where(measurable, by_pace, NAN)
            classes = xp.where(met, EARLY, classes)
            held = progress.held if progress.held is not None else xp.full(facts.size, 0.0) != 0.0
            classes = xp.where(held, xp.where(met, ON_TRACK, LAGGING), classes)
            classes = xp.where(judged_ok, classes, NAN)
        result.midterm = xp.doubles(classes)

    def annual_midterm(self, slices: list[_Slice]) -> None:
        """The mid-term class of a target held every year, over the years so far: ahead when
        met every year by the plan's margin on average (a band or a direction is never ahead),
        on track when met in at least half the years, else lagging. A year without a figure
        counts as a year not met (leaving a poor figure out never raises the class); one that
        cannot be judged (no city average) counts for nothing."""
        xp = self.xp
        size = len(self.cube.units)
        margin_of = self.plan.info.midterm.annual_margin
        judged = xp.full(size, 0.0)
        met = xp.full(size, 0.0)
        margin = xp.full(size, 0.0)
        has_margin = True
        for s in slices:
            status = xp.array(s.status)
            ok = (status != MISSING) & (status != UNKNOWN)
            judged = judged + xp.where(status != UNKNOWN, 1.0, 0.0)
            met = met + xp.where(ok & (status == PASS), 1.0, 0.0)
            if s.margin is None:
                has_margin = False
            else:
                margin = margin + xp.where(ok, s.margin, 0.0)
            any_judged = judged > 0.0
            count = xp.where(any_judged, judged, 1.0)
            every = met == judged
            ahead = (
                every & (margin / count >= margin_of - TOLERANCE) if has_margin else every & ~every
            )
            classes = xp.where(ahead, AHEAD, xp.where(met * 2.0 >= judged, ON_TRACK, LAGGING))
            classes = xp.where(ok & any_judged, classes, NAN)
            # Classed only before the target year, as a level due by then is: from the target
            # year on, the result itself is the verdict.
            s.midterm = xp.doubles(classes) if s.year < self.plan.info.target_year else None

    def _trend(self, result: _Slice, facts: _Facts, judged: Judged) -> None:
        xp, cube = self.xp, self.cube
        indicator = facts.indicator
        points = [(y, facts.figures(y)) for y in cube.years if y <= facts.year]
        own = indicator.baseline
        if own is not None:  # the plan's baseline counts where no figure was submitted for it
            at = next((n for n, (y, _) in enumerate(points) if y == own.year), None)
            if at is None:
                points.append((own.year, xp.full(facts.size, own.value)))
                points.sort(key=lambda p: p[0])
            else:
                year, values = points[at]
                points[at] = (year, xp.where(xp.isnan(values), own.value, values))
        found = trends(xp, points, judged.goal, indicator.direction == "higher", judged.met,
                       self.plan.info.target_year, projection_bounds(indicator))  # fmt: skip
        result.trend = (
            xp.doubles(found.verdict),
            xp.doubles(found.slope),
            xp.doubles(found.projection),
            xp.doubles(found.ratio),
        )
        result.points = [(y, xp.doubles(values)) for y, values in points]

    # --- the city view -------------------------------------------------------------------------

    def city(
        self, slices: dict[tuple[int, int], _Slice], year: int, focus: str | None
    ) -> tuple[IndicatorView, ...]:
        """Each indicator of ``year`` across the units: mean, lowest, highest, who fails, and
        the focused unit's figure and place (ties share the better place)."""
        units = self.cube.units
        at = units.index(focus) if focus is not None else None
        views = []
        for i, indicator in enumerate(self.plan.indicators):
            s = slices[(i, year)]
            given = [v for v in s.value if v == v]
            mean = peers.mean(s.value)
            band = indicator.target.band() if indicator.better is None else None
            if band is None:
                places = peers.ranks(s.value, indicator.direction == "higher")
            else:  # met from either side: the nearer the band (inside it: 0), the better
                low, high = band
                apart = [max(low - v, v - high, 0.0) if v == v else NAN for v in s.value]
                places = peers.ranks(apart, False)
            failing = tuple(u for n, u in enumerate(units) if s.status[n] == FAIL)
            value = s.value[at] if at is not None else NAN
            place = places[0][at] if places is not None and at is not None else NAN
            views.append(
                IndicatorView(
                    indicator,
                    year,
                    mean[0] if mean else (given[0] if len(given) == 1 else None),
                    min(given) if given else None,
                    max(given) if given else None,
                    len(given),
                    failing,
                    focus,
                    _known(value),
                    None if place != place else int(place),
                )
            )
        return tuple(views)

    # --- the index ---------------------------------------------------------------------------

    def index(
        self,
        slices: dict[tuple[int, int], _Slice],
        pairs: Iterable[tuple[int, int]],
        years: Sequence[int],
    ) -> tuple[index_rules.IndexScore, ...]:
        xp, plan = self.xp, self.plan
        judged_units: dict[int, list[int]] = {}
        for u, y in pairs:
            judged_units.setdefault(y, []).append(u)
        rows: list[index_rules.IndexScore] = []
        for year in years:
            year_slices = [slices[(i, year)] for i in range(len(plan.indicators))]
            overall, categories, scored = index_rules.combine(
                xp,
                plan,
                [s.score for s in year_slices],
                [xp.array([0.0 if v != v else 1.0 for v in s.value]) for s in year_slices],
            )
            overall_list, scored_list = xp.tolist(overall), xp.tolist(scored)
            category_lists = [(name, xp.tolist(values)) for name, values in categories]
            year_rows = []
            for u in judged_units.get(year, []):
                score = overall_list[u]
                year_rows.append(
                    index_rules.IndexScore(
                        self.cube.units[u],
                        year,
                        None if score != score else score,
                        tuple((name, v[u]) for name, v in category_lists if v[u] == v[u]),
                        int(scored_list[u]),
                        len(plan.indicators),
                        None,
                    )
                )
            rows.extend(index_rules.ranked(year_rows))
        return tuple(rows)

    # --- one result --------------------------------------------------------------------------

    def columns(self, s: _Slice, start: int, stop: int) -> Columns:
        """The results of units ``start``–``stop`` of a slice, as columns (``Columns``)."""
        cube, indicator, year = self.cube, s.indicator, s.year
        size = stop - start
        first = s.first_cell + start
        lines = [n or None for n in cube.line[first : first + size]]
        files = [cube.files[f] if n else None
                 for f, n in zip(cube.file[first : first + size], lines, strict=True)]  # fmt: skip
        notes = cube.notes
        note = [notes.get(c, "") for c in range(first, first + size)] if notes else [""] * size
        codes = s.status[start:stop].tolist()
        # A missing figure's result says nothing but that: every other column is None there.
        given = [code != MISSING for code in codes]
        values = s.value[start:stop].tolist()
        value = [v if v == v else None for v in values]  # NaN exactly where missing
        goal = _given(s.goal[start:stop].tolist(), given)
        shown = {name: _given(c[start:stop].tolist(), given) for name, c in s.shown.items()}
        trend: list[Trend | None] = (
            self._trends(s, start, stop, given) if s.trend is not None else [None] * size
        )
        classes = s.midterm[start:stop].tolist() if s.midterm is not None else None
        midterm = (
            [MIDTERM[int(c)] if c == c and ok else None for c, ok in zip(classes, given, strict=True)]
            if classes is not None
            else [None] * size
        )  # fmt: skip
        reason, schedule = self._reasons(s, start, codes, value, goal, shown, trend)
        places = shown.get("rank", [None] * size)
        against = shown.get("reference", [None] * size)
        return Columns(
            cube.units[start:stop], [year] * size, [indicator] * size,
            [STATUSES[int(code)] for code in codes], value, reason, goal, against,
            self._sources_of(shown, "reference", against), [None if p is None else int(p) for p in places],
            self._sources_of(shown, "rank", places), schedule, trend, note, files, lines, midterm,
        )  # fmt: skip

    def _reasons(
        self,
        s: _Slice,
        start: int,
        codes: list[float],
        value: list[float | None],
        goal: list[float | None],
        shown: dict[str, list[Any]],
        trend: list[Trend | None],
    ) -> tuple[list[Reason], list[str | None]]:
        """Each result's reason and (behind) schedule, over a block of units."""
        indicator, year, plan = s.indicator, s.year, self.plan
        target, memo, met = indicator.target, s.reasons, s.met
        names = tuple(shown)
        reason: list[Reason] = []
        schedule: list[str | None] = [None] * len(codes)
        # A reason depends on the figures it cites only: units with the same figures share it.
        for k, key in enumerate(zip(codes, value, goal, *shown.values(), strict=True)):
            code = key[0]
            if code == MISSING:
                reason.append(_MISSING)
                continue
            if code == BEHIND:
                cited = dict(zip(names, key[3:], strict=True))
                schedule[k], why = self._behind_reason(
                    s, start + k, key[1], key[2], cited, trend[k]
                )
                reason.append(why)
                continue
            cached = memo.get(key)
            if cached is None:
                cited = dict(zip(names, key[3:], strict=True))
                m = met[start + k]
                row = Row(key[1], key[2], None if m != m else m == 1.0, year, cited)
                cached = memo[key] = target.reason(row, indicator, plan)
            reason.append(cached)
        return reason, schedule

    def _sources_of(
        self, shown: dict[str, list[Any]], name: str, figures: list[Any]
    ) -> list[Text | None]:
        """How each unit's reference or rank was obtained (one Text per kind of source)."""
        if name not in shown:
            return [None] * len(figures)
        size = len(figures)
        codes = shown.get(f"{name}_source", [None] * size)
        counts = shown.get(f"{name}_count", [None] * size)
        return [
            None if x is None else self._source(name, code, count)
            for x, code, count in zip(figures, codes, counts, strict=True)
        ]

    def _trends(self, s: _Slice, start: int, stop: int, given: list[bool]) -> list[Trend | None]:
        """The trend of each unit of a block (None where none was drawn or no figure given)."""
        assert s.trend is not None and s.points is not None
        verdicts, slopes, projections, ratios = (c[start:stop].tolist() for c in s.trend)
        years = tuple(y for y, _ in s.points)
        rows = zip(*[values[start:stop].tolist() for _, values in s.points], strict=True)
        found: list[Trend | None] = []
        for verdict, slope, projection, ratio, row, ok in zip(
            verdicts, slopes, projections, ratios, rows, given, strict=True
        ):
            if verdict != verdict or not ok:
                found.append(None)
                continue
            total = sum(row)  # NaN when a year has no figure (or, rarely, inf - inf)
            if total == total:
                series = tuple(zip(years, row, strict=True))
            else:
                series = tuple([(y, v) for y, v in zip(years, row, strict=True) if v == v])
            found.append(_tuple(Trend, (VERDICTS[int(verdict)], series, slope, projection,
                                        None if ratio != ratio else ratio)))  # fmt: skip
        return found

    def _behind_reason(
        self,
        s: _Slice,
        u: int,
        value: float,
        goal: float | None,
        shown: dict[str, Any],
        trend: Trend | None,
    ) -> tuple[str | None, Reason]:
        share = s.share[u] if s.share is not None else NAN
        start = s.start[u] if s.start is not None else NAN
        start_year = s.start_year[u] if s.start_year is not None else NAN
        # Units with the same figures, baseline and share have the same reason: made once per
        # slice and kept while the slice's units are being made (the memo is emptied now and
        # then: a national file's units have baselines of their own), then one object per
        # distinct reason (interned): results share it, and the trend's fragment is added once
        # per reason and projection. NaN is None in the key (NaN equals nothing, itself too).
        key = (value, goal, *shown.values(), _known(share), _known(start), _known(start_year))
        memo = s.behind
        found = memo.get(key)
        if found is None:
            if len(memo) >= _BEHIND_KEPT:
                memo.clear()
            schedule, reason = self._behind(s, value, goal, shown, share, start, start_year)
            found = memo[key] = (schedule, self._interned.setdefault(reason, reason))
        schedule, reason = found
        if trend is None:
            return schedule, reason
        assert goal is not None  # a trend is drawn toward a goal
        # At the precision its figures were written with: a projection is an estimate, not a
        # figure to tell apart from the goal (never "0.100000000000001 projected").
        written = self._written
        places = self._decimals.get(s.i)
        if places is None:
            places = self._decimals[s.i] = s.indicator.decimals  # read from its texts: once
        for _, v in trend.series:
            n = written.get(v)
            if n is None:
                n = written[v] = decimals_written(v)
            if n > places:
                places = n
        projected = number(round(trend.projection, places))
        trended = self._trended.get((id(reason), trend.verdict, projected))
        if trended is None:
            with_trend = (
                # The trend says more than "no baseline" or "the baseline was past the target".
                *(part for part in reason if part.key not in ("no_baseline", "baseline_met")),
                fragment(
                    "trend",
                    verdict=TREND_WORDS[trend.verdict],
                    projection=projected,
                    year=str(self.plan.info.target_year),
                ),
            )
            # Kept with the reason it extends: the reason's id stays its own.
            trended = self._trended[(id(reason), trend.verdict, projected)] = (
                reason,
                self._interned.setdefault(with_trend, with_trend),
            )
        return schedule, trended[1]

    def _source(self, name: str, code: float | None, count: float | None) -> Text:
        """How a reference or rank was obtained (one Text per kind of source, shared)."""
        key = (name, code, count)
        text = self._sources.get(key)
        if text is None:
            cited = {f"{name}_source": code, f"{name}_count": count}
            text = self._sources[key] = source(Row(0.0, None, None, 0, cited), name)
        return text

    def _behind(
        self,
        s: _Slice,
        value: float,
        goal: float | None,
        shown: dict[str, Any],
        share: float,
        start: float,
        start_year: float,
    ) -> tuple[str | None, Reason]:
        target_year = self.plan.info.target_year
        known_start = start == start and start_year == start_year and goal is not None
        gap = known_start and target_year > start_year
        measured = gap and share == share
        pace = Pace(
            share if measured else None,
            time_share(s.year, start_year, target_year) if measured else None,
            start if known_start else None,
            int(start_year) if known_start else None,
            gap,
        )
        row = Row(value, goal, False, s.year, shown)
        reason = s.indicator.target.behind(row, pace, target_year, s.indicator, self.plan)
        schedule = None if pace.share is None else ("on" if pace.on_track else "off")
        return schedule, reason


_tuple = tuple.__new__  # a NamedTuple made from all its fields, in order


_BEHIND_KEPT = 1 << 12  # behind reasons a slice's memo holds at most
_BLOCK = 64  # units whose results are made at a time: a national file's are never all held


class _Results(Results):
    """The evaluation's results, made from the judged slices each time they are read
    (``models.Results``): per (unit, year) judged, each indicator of the plan in order."""

    def __init__(
        self,
        engine: _Engine,
        slices: dict[tuple[int, int], _Slice],
        pairs: list[tuple[int, int]],
        kept: tuple[Result, ...] | None = None,
    ) -> None:
        self._engine, self._slices, self._pairs, self._kept = engine, slices, pairs, kept
        self._of_year: dict[int, tuple[Result, ...]] = {}  # of_year's, once asked
        count = len(engine.plan.indicators)
        self._count = count
        # Each judged year's slices, in the plan's order of indicators.
        self._years = {y: [slices[(i, y)] for i in range(count)] for _, y in pairs}

    def __len__(self) -> int:
        return len(self._pairs) * self._count

    def __iter__(self) -> Iterator[Result]:
        if self._kept is not None:
            return iter(self._kept)
        return self._made()

    def _made(self, years: dict[int, list[_Slice]] | None = None) -> Iterator[Result]:
        for block in self.blocks(years):
            rows = {
                y: [list(map(_result, zip(*c, strict=True))) for c in columns]
                for y, columns in block.columns.items()
            }
            for k, y in block.pairs:
                for made in rows[y]:
                    yield made[k]

    def of_indicators(self, ids: frozenset[str]) -> Iterable[Result]:
        if self._kept is not None:
            return [r for r in self._kept if r.indicator.id in ids]
        chosen = {y: [s for s in slices if s.indicator.id in ids]
                  for y, slices in self._years.items()}  # fmt: skip
        return self._made(chosen)

    def blocks(self, years: dict[int, list[_Slice]] | None = None) -> Iterator[Block]:
        """``Results.blocks``; ``years``: each year's slices to make (default: every one)."""
        columns, pairs = self._engine.columns, self._pairs
        years = self._years if years is None else years
        at = 0
        while at < len(pairs):
            start = pairs[at][0]
            stop = start + _BLOCK
            end = at
            while end < len(pairs) and pairs[end][0] < stop:
                end += 1
            block = pairs[at:end]
            stop = block[-1][0] + 1
            wanted = dict.fromkeys(y for _, y in block)
            yield Block(
                [(u - start, y) for u, y in block],
                {y: [columns(s, start, stop) for s in years[y]] for y in wanted},
            )
            at = end

    def __getitem__(self, index: int) -> Result:  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self[n] for n in range(*index.indices(len(self))))
        if self._kept is not None:
            return self._kept[index]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        pair, i = divmod(index % len(self), self._count)
        u, y = self._pairs[pair]
        return _result(next(zip(*self._engine.columns(self._years[y][i], u, u + 1), strict=True)))

    def statuses(self, year: int | None = None) -> Iterator[tuple[str, int, Indicator, Status]]:
        units, years = self._engine.cube.units, self._years
        for u, y in self._pairs:
            if year is not None and y != year:
                continue
            unit = units[u]
            for s in years[y]:
                yield unit, y, s.indicator, STATUSES[int(s.status[u])]

    def tally(self) -> Counter[tuple[str, int, Status]]:
        units, years = self._engine.cube.units, self._years
        # Each year's status codes of a unit, one tuple over the indicators (made in C).
        codes = {
            y: list(zip(*[s.status for s in slices], strict=True)) for y, slices in years.items()
        }
        counts: Counter[tuple[str, int, Status]] = Counter()
        for u, y in self._pairs:
            unit = units[u]
            for code, count in Counter(codes[y][u]).items():
                counts[(unit, y, STATUSES[int(code)])] += count
        return counts

    def distinct_values(self) -> Iterator[tuple[Indicator, Iterable[float]]]:
        # A slice's values of the units judged that year, each once: a national file repeats
        # a few hundred figures over its thousands of units.
        units_of: dict[int, list[int]] = {}
        for u, y in self._pairs:
            units_of.setdefault(y, []).append(u)
        for y, units in units_of.items():
            for s in self._years[y]:
                status, value = s.status, s.value
                yield s.indicator, {value[u] for u in units if status[u] != MISSING}

    def of_year(self, year: int) -> tuple[Result, ...]:
        held = self._of_year.get(year)
        if held is None:
            if self._kept is not None:
                held = tuple(r for r in self._kept if r.year == year)
            else:
                pairs = [(u, y) for u, y in self._pairs if y == year]
                held = tuple(_Results(self._engine, self._slices, pairs)._made())
            self._of_year[year] = held
        return held

    def kept(self) -> Results:
        if self._kept is not None:
            return self
        return _Results(self._engine, self._slices, self._pairs, tuple(self._made()))


def _result(fields: tuple[Any, ...]) -> Result:
    """A Result from its fields in order, without its generated __new__: a million at scale."""
    return _tuple(Result, fields)


def _known(x: float) -> float | None:
    return None if x != x else x


def _given(figures: list[float], given: list[bool]) -> list[float | None]:
    """Figures as a result holds them: None where NaN or where no figure was given."""
    return [x if ok and x == x else None for x, ok in zip(figures, given, strict=True)]


class _Alone:
    """``kinds.base.Facts`` of one figure with nothing around it: no peers, no other years."""

    def __init__(self, plan: Plan, indicator: Indicator, value: float, year: int) -> None:
        from plancheck.evaluate.arrays import PYTHON

        self.xp, self.size, self.year = PYTHON, 1, year
        self.plan, self.indicator = plan, indicator
        self.value = PYTHON.full(1, value)

    def _none(self) -> Any:
        return self.xp.full(1, NAN)

    def reference(self) -> Sourced:
        return Sourced(self._none(), self._none(), self._none())

    def rank(self) -> Sourced:
        return Sourced(self._none(), self._none(), self._none())

    def baseline(self) -> tuple[Any, Any]:
        own = self.indicator.baseline
        if own is None:
            return self._none(), self._none()
        return self.xp.full(1, own.value), self.xp.full(1, float(own.year))

    def figures(self, year: int) -> Any:
        return self._none()

    def other(self, indicator_id: str) -> Any:
        return self._none()


def judge_alone(
    plan: Plan, indicator: Indicator, value: float, year: int
) -> tuple[bool | None, Reason]:
    """One figure judged by its target's kind, as an indicator's would be (a task milestone's
    quantity): met (None when the target needs what one figure cannot give) and why."""
    facts = _Alone(plan, indicator, value, year)
    judged = indicator.target.judge(facts)
    met = judged.met[0]
    row = Row(
        value,
        _known(judged.goal[0]),
        None if met != met else met == 1.0,
        year,
        {name: _known(values[0]) for name, values in judged.shown.items()},
    )
    return row.met, indicator.target.reason(row, indicator, plan)
