"""``Evaluation.results`` are made as they are read, not kept: reading them twice gives the same
results, by position as by iteration; ``kept()`` holds them (the same objects twice); and what
an evaluation counts over all of them — the summary, the failing units, the decimals, --only's
listing — is read from the engine's arrays and agrees with counting the results themselves."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from plancheck.evaluate.engine import evaluate
from plancheck.evaluate.models import BLOCKING, Evaluation, Result, Status
from plancheck.messages import decimals_written
from plancheck.plan.load import load_plan
from plancheck.submission.read import read_submission
from tests.conftest import SAMPLES

DISTRICTS = SAMPLES / "districts-2023.csv"  # 2021–2023, several districts
PLAN = load_plan()


def districts(unit: str | None = None, strict: bool = False) -> Evaluation:
    return evaluate(PLAN, read_submission([DISTRICTS], PLAN), unit=unit, strict=strict)


def by_results(evaluation: Evaluation, results: list[Result]) -> dict[str, object]:
    """What the evaluation counts, the way it was counted before: over every Result."""
    latest = evaluation.latest_year

    def blocking(r: Result) -> bool:
        if r.year != latest:
            return False
        if evaluation.strict:
            return r.status is not Status.PASS
        return r.indicator.binding and r.status in BLOCKING

    decimals = {i.id: i.decimals for i in PLAN.indicators}
    for r in results:
        if r.value is not None:
            decimals[r.indicator.id] = max(decimals[r.indicator.id], decimals_written(r.value))
    counts = Counter(r.status.value for r in results)
    return {
        "failing": tuple(dict.fromkeys(r.unit for r in results if blocking(r))),
        "summary": {s.value: counts.get(s.value, 0) for s in Status},
        "unit_summaries": {
            u: dict(Counter(r.status.value for r in results if r.unit == u))
            for u in evaluation.units
        },
        "decimals": decimals,
    }


def by_arrays(evaluation: Evaluation) -> dict[str, object]:
    return {
        "failing": evaluation.failing_units,
        "summary": evaluation.summary(),
        "unit_summaries": {
            u: {k: v for k, v in evaluation.summary(unit=u).items() if v} for u in evaluation.units
        },
        "decimals": evaluation.decimals,
    }


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("unit", [None, "徐汇区"])
def test_counts_from_the_arrays_are_the_counts_of_the_results(
    unit: str | None, strict: bool
) -> None:
    evaluation = districts(unit, strict)
    results = list(evaluation.results)
    assert len(results) == len(evaluation.results) > 0
    assert {r.unit for r in results} == set(evaluation.units)
    assert by_arrays(evaluation) == by_results(evaluation, results)
    if unit is None:  # statuses vary across the sample: the comparison can fail
        assert len({r.status for r in results}) >= 3 and evaluation.failing_units
    else:
        assert evaluation.units == (unit,)


def test_reading_twice_gives_the_same_results_and_by_position_too() -> None:
    results = districts().results
    first, second = list(results), list(results)
    assert first == second
    assert first[0] is not second[0]  # made each time: nothing kept
    assert [results[n] for n in range(len(results))] == first
    assert results[-1] == first[-1] and results[2:5] == tuple(first[2:5])
    with pytest.raises(IndexError):
        results[len(results)]
    # Units first, then years, then the plan's order of indicators.
    assert [(r.unit, r.year) for r in first] == sorted(
        [(r.unit, r.year) for r in first],
        key=lambda p: (districts().units.index(p[0]), p[1]),
    )
    ids = [i.id for i in PLAN.indicators]
    assert [r.indicator.id for r in first[: len(ids)]] == ids


def test_kept_results_are_the_same_objects_every_time() -> None:
    evaluation = districts().kept()
    first, second = list(evaluation.results), list(evaluation.results)
    assert all(a is b for a, b in zip(first, second, strict=True))
    assert evaluation.results[3] is first[3]
    assert evaluation.kept().results is evaluation.results  # held once
    assert first == list(districts().results)


@pytest.mark.parametrize("only", ["failing", "binding"])
def test_only_lists_what_it_keeps_and_counts_it_from_the_arrays(only: str) -> None:
    evaluation = replace(districts(), only=only)
    listed = list(evaluation.listed)

    def rule(r: Result) -> bool:  # README: --only failing | binding
        return r.status is Status.FAIL if only == "failing" else r.indicator.binding

    expected = [r for r in evaluation.results if rule(r)]
    assert listed == expected and len(evaluation.listed) == len(expected)
    assert 0 < len(expected) < len(evaluation.results)
    assert all(evaluation.lists(r) == rule(r) for r in evaluation.results)
    # The summary still counts everything.
    assert sum(evaluation.summary().values()) == len(evaluation.results)


def test_equal_reasons_of_behind_results_are_one_object_and_unequal_ones_differ() -> None:
    """时序进度's reasons are made per result, then shared: one object per distinct reason (what
    the JSON writer renders once), and never one unit's reason given to another's figures."""
    behind = [r for r in districts().kept().results if r.status is Status.BEHIND]
    trended = [r for r in behind if any(part.key == "trend" for part in r.reason)]
    assert len(behind) > len({r.reason for r in behind}) > 1 and trended
    by_value: dict[object, Result] = {}
    for r in behind:
        first = by_value.setdefault(r.reason, r)
        assert r.reason is first.reason
    # Results of the same indicator and year with different figures have different reasons.
    for r in behind:
        for other in behind:
            if (r.indicator, r.year) == (other.indicator, other.year) and r.value != other.value:
                assert r.reason != other.reason


def test_a_years_results_are_those_of_the_year_made_once_and_held() -> None:
    for evaluation in (districts(), districts().kept()):
        results = list(evaluation.results)
        for year in evaluation.years:
            held = evaluation.results.of_year(year)
            assert list(held) == [r for r in results if r.year == year] and held
            assert all(a is b for a, b in zip(held, evaluation.results.of_year(year), strict=True))


def test_the_results_of_some_indicators_are_those_results_in_order() -> None:
    ids = frozenset({"2", "7", "19"})
    for evaluation in (districts(), districts().kept()):
        expected = [r for r in evaluation.results if r.indicator.id in ids]
        assert list(evaluation.results.of_indicators(ids)) == expected
        assert {r.indicator.id for r in expected} == ids


@pytest.mark.parametrize("only", [None, "failing"])
@pytest.mark.parametrize(
    "name", ["table", "markdown", "html", "junit", "github", "csv", "xlsx", "docx"]
)
def test_reports_reading_the_results_as_they_go_are_those_of_the_results_held(
    name: str, only: str | None
) -> None:
    """The formats that make the results as they read them (a year's, a category's, a unit's
    at a time) write what they write of the same results made once and held."""
    import importlib

    from plancheck.report import FORMATS, Options

    evaluation = replace(districts(), only=only)
    module = importlib.import_module(FORMATS[name].module)
    options = Options(lang="zh")
    assert FORMATS[name].one_pass
    lazy = module.render_evaluation(evaluation, options)
    assert lazy == module.render_evaluation(evaluation.kept(), options)
    assert len(lazy) > 500


def test_behind_reasons_are_the_same_whether_the_memo_holds_them_or_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A behind result's reason is made once per distinct figures, baseline and share of a slice
    (NaN counted as equal to NaN); with the memo emptied at every new key, each is made anew."""
    from plancheck.evaluate import engine

    held = [r for r in districts().results if r.status is Status.BEHIND]
    monkeypatch.setattr(engine, "_BEHIND_KEPT", 1)
    anew = [r for r in districts().results if r.status is Status.BEHIND]
    assert held == anew and len({r.reason for r in held}) > 1
