"""Compare two evaluations (an earlier and a later submission): per indicator, what changed.

Each unit's latest judged year in the old evaluation is compared with the new one's, indicator by
indicator, in the plan's order. The change is read from the statuses first, then the value:

    newly_failing  the new status is fail and the old one was not
    fixed          the old status was fail and the new one is pass
    improved       a better status (fail < unknown < missing < behind < pass), or the same status
                   with a value moved the good way (the indicator's ``direction``)
    worsened       a worse status, or the same status with a value moved the bad way
    unchanged      the same status and the same value (or no value to compare)

A unit in only one of the two is compared with an absent side: a result ``missing`` with the
reason that the unit is not in that file. A unit that appears is classified as above (failing
where it was absent is newly failing); a unit that disappears is worsened where it had a figure.

Two years of one file (``plancheck diff FILE --year A --year B``) are two evaluations of the
file as it stood in each year (``up_to``): year A is judged without the figures of later years.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum

from plancheck.errors import UserError
from plancheck.evaluate.models import Evaluation, Result, Status
from plancheck.i18n import say
from plancheck.messages import fragment, year_span
from plancheck.plan.models import Indicator, Plan
from plancheck.record import record
from plancheck.submission.models import Submission, blank_cells

NAN = math.nan

RANK = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.MISSING: 2, Status.BEHIND: 3, Status.PASS: 4}


class Change(StrEnum):
    NEWLY_FAILING = "newly_failing"
    FIXED = "fixed"
    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class DiffRow:
    unit: str
    indicator: Indicator
    old: Result
    new: Result
    delta: float | None  # new value − old value, when both have one
    change: Change


@record
class Diff:
    plan: Plan
    old: Evaluation
    new: Evaluation
    rows: tuple[DiffRow, ...]
    # A diff of one unit (--unit) that only one of the two runs has: "old" or "new", else None.
    only_in: str | None = None

    @property
    def multi_unit(self) -> bool:
        return len({r.unit for r in self.rows}) > 1

    def summary(self) -> dict[str, int]:
        counts = Counter(r.change for r in self.rows)
        return {change.value: counts.get(change, 0) for change in Change}

    @property
    def regressed(self) -> bool:
        """Did an indicator start failing? (``plancheck diff`` exits 1 then.)"""
        return any(r.change is Change.NEWLY_FAILING for r in self.rows)


def classify(indicator: Indicator, old: Result, new: Result) -> tuple[Change, float | None]:
    delta = None
    if old.value is not None and new.value is not None:
        delta = round(new.value - old.value, 10)  # 2.3 − 2.2 is 0.1, not 0.09999999999999964
    if new.status is Status.FAIL and old.status is not Status.FAIL:
        return Change.NEWLY_FAILING, delta
    if old.status is Status.FAIL and new.status is Status.PASS:
        return Change.FIXED, delta
    if RANK[new.status] != RANK[old.status]:
        better = RANK[new.status] > RANK[old.status]
        return (Change.IMPROVED if better else Change.WORSENED), delta
    if not delta:
        return Change.UNCHANGED, delta
    good = delta > 0 if indicator.direction == "higher" else delta < 0
    return (Change.IMPROVED if good else Change.WORSENED), delta


def diff(old: Evaluation, new: Evaluation, only_in: str | None = None) -> Diff:
    """The change of every indicator for every unit of either evaluation: the new one's units
    in its order, then those only the old one has.

    ``only_in``: a diff of one unit (--unit) that only the "old" or the "new" run has. The other
    side's results of it are a stand-in (``without_figures``: an evaluation needs the unit);
    it is compared as absent there, as the unfocused diff compares a unit on one side only."""

    def latest(evaluation: Evaluation) -> dict[tuple[str, str], Result]:
        return {
            (r.unit, r.indicator.id): r
            for r in evaluation.results
            if r.year == evaluation.latest_year
        }

    def absent(unit: str, indicator: Indicator, evaluation: Evaluation) -> Result:
        return Result(unit, evaluation.latest_year, indicator, Status.MISSING, None, _ABSENT)

    before = latest(old) if only_in != "new" else {}
    after = latest(new) if only_in != "old" else {}
    units = [*new.units, *(u for u in old.units if u not in new.units)]
    rows = []
    for unit in units:
        for indicator in new.plan.indicators:
            key = (unit, indicator.id)
            if key not in before and key not in after:
                continue
            was = before.get(key) or absent(unit, indicator, old)
            now = after.get(key) or absent(unit, indicator, new)
            if key in after:
                change, delta = classify(indicator, was, now)
            else:  # the unit is gone: whatever it had is lost, unless it had nothing
                lost = was.status is not Status.MISSING
                change, delta = (Change.WORSENED if lost else Change.UNCHANGED), None
            rows.append(DiffRow(unit, indicator, was, now, delta, change))
    return Diff(new.plan, old, new, tuple(rows), only_in)


_ABSENT = (fragment("unit_absent"),)


# --- two years of one file (plancheck diff FILE --year A --year B) ----------------------------


def two_years(plan: Plan, submission: Submission, years: tuple[int, ...]) -> tuple[int, int]:
    """The years to compare in one file: ``years`` as given (the earlier first), else the file's
    two latest judged years. A year the file does not hold, or one before the plan period, is
    a UserError."""
    start = plan.info.period.start
    judged = [y for y in submission.years if y >= start]
    file = submission.files[0] if submission.files else None
    held = say("list").join(map(str, submission.years))
    if not years:
        if len(judged) < 2:
            key = "diff.held_many" if len(submission.years) > 1 else "diff.held_one"
            raise UserError(say(key, held=held), file)
        return judged[-2], judged[-1]
    for year in years:
        if year not in submission.years:
            raise UserError(say("diff.year_not_held", year=year, held=held), file)
        if year < start:
            raise UserError(
                say("diff.year_before", year=year, period=year_span(start, plan.info.period.end)),
                file,
            )
    if years[0] > years[1]:  # the earlier first: what changed from A to B
        raise UserError(say("diff.years_reversed", first=years[0], second=years[1]), file)
    return years[0], years[1]


def up_to(submission: Submission, year: int) -> Submission:
    """The submission as it stood in ``year``: its figures of that year and the years before,
    for the units that reported in them. The earlier year of a diff is judged as it was then."""
    kept_years = [n for n, y in enumerate(submission.years) if y <= year]
    count_units, count_years = len(submission.units), len(submission.years)
    kept_units = [
        u for u in range(count_units) if any((u, y) in submission.reported for y in kept_years)
    ]
    new_years, new_units = len(kept_years), len(kept_units)
    size = len(submission.indicators) * new_years * new_units
    value, reference, rank, line, file = blank_cells(size)
    notes: dict[int, str] = {}
    for i in range(len(submission.indicators)):
        for y_new, y in enumerate(kept_years):
            for u_new, u in enumerate(kept_units):
                old = (i * count_years + y) * count_units + u
                new = (i * new_years + y_new) * new_units + u_new
                value[new], reference[new], rank[new] = (
                    submission.value[old],
                    submission.reference[old],
                    submission.rank[old],
                )
                line[new], file[new] = submission.line[old], submission.file[old]
                if old in submission.notes:
                    notes[new] = submission.notes[old]
    unit_at = {u: n for n, u in enumerate(kept_units)}
    year_at = {y: n for n, y in enumerate(kept_years)}
    reported = {
        (unit_at[u], year_at[y]) for u, y in submission.reported if u in unit_at and y in year_at
    }
    return replace(
        submission,
        units=tuple(submission.units[u] for u in kept_units),
        years=tuple(submission.years[y] for y in kept_years),
        value=value,
        reference=reference,
        rank=rank,
        line=line,
        file=file,
        reported=reported,
        notes=notes,
    )


def without_figures(submission: Submission, unit: str) -> Submission:
    """The side of a ``diff --unit`` that has no figures of ``unit``: the unit with nothing
    given in the side's years, so that it is compared as missing there, as the unfocused diff
    compares it."""
    size = len(submission.indicators) * len(submission.years)
    value, reference, rank, line, file = blank_cells(size)
    return replace(submission, units=(unit,), value=value, reference=reference, rank=rank,
                   line=line, file=file, reported=set(), notes={})  # fmt: skip
