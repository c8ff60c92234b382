"""Give every indicator of the plan one status per unit and judged year, with its reason.

pass     the target is met this year
fail     an annual target is not met, or a by_target_year target in or after the target year
behind   a by_target_year target not yet met before the target year (not a failure yet)
missing  no value submitted
unknown  a value, but the judgment needs something not given (a reference, a rank…)
"""

from __future__ import annotations

from plancheck.errors import UserError
from plancheck.evaluate import index
from plancheck.evaluate import peers as peer_figures
from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.evaluate.progress import Trend, schedule, trend
from plancheck.evaluate.targets import SYMBOL, Facts, judge
from plancheck.messages import (
    TREND_WORDS,
    Reason,
    Text,
    fragment,
    number,
    numbers_apart,
    shares_apart,
    source_text,
)
from plancheck.plan.models import Change, Indicator, Plan, Rank, Relative, Threshold
from plancheck.submission.models import Observation, Submission


def evaluate(
    plan: Plan,
    submission: Submission,
    *,
    strict: bool = False,
    references: dict[tuple[int, str], float] | None = None,
    unit: str | None = None,
) -> Evaluation:
    """Judge the submission against the plan. ``references``: (year, indicator) → official value."""
    start = plan.info.period.start
    judged = tuple(y for y in submission.years if y >= start)
    history = tuple(y for y in submission.years if y < start)
    if not judged:
        raise UserError(
            f"nothing to judge: {', '.join(map(str, history))} is before the plan period "
            f"{start}–{plan.info.period.end}; submit it together with a later year to use it "
            "as a baseline",
            submission.files[0],
        )
    units = _ordered_units(plan, submission.units)
    if unit is not None and unit not in units:
        raise UserError(f"--unit {unit}: not in the submission (units: {', '.join(units)})")
    by_key = {(o.unit, o.year, o.indicator): o for o in submission.observations}
    computed = peer_figures.compute(plan, submission.observations)
    judge_one = _Judge(plan, by_key, computed, references or {})
    # Each unit is judged in the years it reported, and every unit in the latest year: a unit
    # that did not report the latest year misses its indicators there.
    reported = {(o.unit, o.year) for o in submission.observations}
    results = tuple(
        judge_one(u, year, indicator)
        for u in units
        for year in judged
        if (u, year) in reported or year == judged[-1]
        for indicator in plan.indicators
    )
    # The index ranks every unit; a --unit report keeps its own results only.
    scores = index.compute(plan, results)
    if unit is not None:
        results = tuple(r for r in results if r.unit == unit)
    return Evaluation(
        plan=plan,
        index=scores,
        results=results,
        units=units if unit is None else (unit,),
        years=judged,
        files=submission.files,
        strict=strict,
        history=history,
    )


def _ordered_units(plan: Plan, units: tuple[str, ...]) -> tuple[str, ...]:
    """The plan's own order of its peer group members first, then the rest by name."""
    order = {m: n for group in plan.peer_groups.values() for n, m in enumerate(group.members)}
    return tuple(sorted(set(units), key=lambda u: (order.get(u, len(order)), u)))


class _Judge:
    def __init__(
        self,
        plan: Plan,
        by_key: dict[tuple[str, int, str], Observation],
        computed: peer_figures.Peers,
        references: dict[tuple[int, str], float],
    ) -> None:
        self.plan, self.by_key, self.computed, self.references = plan, by_key, computed, references
        self.first_year = min((year for _, year, _ in by_key), default=plan.info.baseline_year)

    def __call__(self, unit: str, year: int, indicator: Indicator) -> Result:
        observation = self.by_key.get((unit, year, indicator.id))
        if observation is None or observation.value is None:
            return Result(
                unit,
                year,
                indicator,
                Status.MISSING,
                None,
                (fragment("missing"),),
                note=observation.note if observation else "",
                file=observation.file if observation else None,
                line=observation.line if observation else None,
            )
        facts = self._facts(observation, indicator)
        judgement = judge(indicator, self.plan, facts)
        reason = judgement.reason
        on_schedule = None
        if judgement.met is None:
            status = Status.UNKNOWN
        elif judgement.met:
            status = Status.PASS
        elif indicator.timing == "by_target_year" and year < self.plan.info.target_year:
            status = Status.BEHIND
            reason, on_schedule = self._behind(indicator, facts, judgement.goal)
        else:
            status = Status.FAIL
        progress = self._trend(observation, indicator, judgement.goal, bool(judgement.met))
        if progress is not None and status is Status.BEHIND:
            assert judgement.goal is not None  # a trend is drawn toward a goal
            projection = numbers_apart(progress.projection, judgement.goal)[0]
            reason = (
                # The trend says more than "no baseline" or "the baseline was past the target".
                *(part for part in reason if part.key not in ("no_baseline", "baseline_met")),
                fragment(
                    "trend",
                    verdict=TREND_WORDS[progress.verdict],
                    projection=projection,
                    year=str(self.plan.info.target_year),
                ),
            )
        return Result(
            unit,
            year,
            indicator,
            status,
            observation.value,
            reason,
            goal=judgement.goal,
            reference=facts.reference,
            reference_source=facts.reference_source,
            rank=facts.rank,
            rank_source=facts.rank_source,
            schedule=on_schedule,
            trend=progress,
            note=observation.note,
            file=observation.file,
            line=observation.line,
        )

    def _reference(self, o: Observation, indicator: Indicator) -> tuple[float | None, Text | None]:
        """The reference a relative target is judged with: submitted, from the file, computed."""
        if o.reference is not None:
            return o.reference, source_text("source_submitted")
        if (official := self.references.get((o.year, indicator.id))) is not None:
            return official, source_text("source_file")
        if (mean := self.computed.means.get((o.year, indicator.id))) is not None:
            return mean[0], source_text("source_computed", count=str(mean[1]))
        return None, None

    def _rank(self, o: Observation, indicator: Indicator) -> tuple[int | None, Text | None]:
        """The rank a rank target is judged with: submitted, else computed from the units."""
        if o.rank is not None:
            return o.rank, source_text("source_submitted")
        if (place := self.computed.ranks.get((o.unit, o.year, indicator.id))) is not None:
            return place[0], source_text("source_computed", count=str(place[1]))
        return None, None

    def _facts(self, o: Observation, indicator: Indicator) -> Facts:
        # A reference or rank is a fact only where the target uses it (a rank given on a
        # threshold indicator is not what it was judged with, and is not shown).
        relative, ranked = (
            isinstance(indicator.target, Relative),
            isinstance(indicator.target, Rank),
        )
        reference, reference_source = self._reference(o, indicator) if relative else (None, None)
        rank, rank_source = self._rank(o, indicator) if ranked else (None, None)
        baseline, baseline_year = self._baseline(o.unit, indicator)
        previous = self.by_key.get((o.unit, o.year - 1, indicator.id))
        return Facts(
            value=o.value if o.value is not None else 0.0,
            year=o.year,
            reference=reference,
            reference_source=reference_source,
            rank=rank,
            rank_source=rank_source,
            baseline=baseline,
            baseline_year=baseline_year,
            previous=previous.value if previous else None,
        )

    def _trend(
        self, o: Observation, indicator: Indicator, goal: float | None, met: bool
    ) -> Trend | None:
        """The unit's series up to this year (baseline included) and where it is heading."""
        if goal is None or not isinstance(indicator.target, Threshold | Change):
            return None
        series = {
            year: value
            for year in range(self.first_year, o.year + 1)
            if (seen := self.by_key.get((o.unit, year, indicator.id))) is not None
            and (value := seen.value) is not None
        }
        if indicator.baseline is not None:
            series.setdefault(indicator.baseline.year, indicator.baseline.value)
        higher = indicator.direction == "higher"
        return trend(list(series.items()), goal, higher, met, self.plan.info.target_year)

    def _baseline(self, unit: str, indicator: Indicator) -> tuple[float | None, int | None]:
        """A submitted value for the baseline year wins over the plan's own baseline."""
        year = self.plan.info.baseline_year
        submitted = self.by_key.get((unit, year, indicator.id))
        if submitted is not None and submitted.value is not None:
            return submitted.value, year
        if indicator.baseline is not None:
            return indicator.baseline.value, indicator.baseline.year
        return None, None

    def _behind(
        self, indicator: Indicator, facts: Facts, goal: float | None
    ) -> tuple[Reason, str | None]:
        target = indicator.target
        op = SYMBOL[target.op] if isinstance(target, Threshold) else "→"
        target_year = self.plan.info.target_year
        if goal is None:
            value, goal_text = number(facts.value), "?"
        else:
            value, goal_text = numbers_apart(facts.value, goal)
        parts = [
            fragment(
                "not_yet",
                value=value,
                op=op,
                goal=goal_text,
                year=str(target_year),
            )
        ]
        shares = None
        known = facts.baseline is not None and facts.baseline_year is not None
        if known and goal is not None:
            assert facts.baseline is not None and facts.baseline_year is not None
            shares = schedule(facts.value, facts.baseline, goal, facts.year, facts.baseline_year,
                              target_year, indicator.direction == "higher")  # fmt: skip
        if shares is None:
            if known and goal is not None and target_year > (facts.baseline_year or 0):
                parts.append(fragment("baseline_met", base_year=str(facts.baseline_year),
                                      baseline=number(facts.baseline or 0.0)))  # fmt: skip
            else:
                parts.append(fragment("no_baseline"))
            return tuple(parts), None
        assert facts.baseline_year is not None and facts.baseline is not None
        gap, time = shares_apart(shares.gap_share, shares.time_share)
        parts.append(
            fragment(
                "schedule_on" if shares.on_track else "schedule_off",
                gap=gap,
                time=time,
                base_year=str(facts.baseline_year),
                baseline=number(facts.baseline),
            )
        )
        return tuple(parts), "on" if shares.on_track else "off"
