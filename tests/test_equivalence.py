"""The two array libraries give the same report, on plans and submissions made up at random.

Every rule of evaluation is written once over arrays (``evaluate/arrays.py``) and runs on plain
Python lists for a few units and on numpy for many. Here hypothesis makes up plans — every kind
of target in ``plancheck.kinds``, every operator, both directions, baselines given or not, each
timing — and submissions of several units and years with ties, blank values, units that skip a
year and years no unit gave. Each is judged with both libraries forced
(``evaluate(..., backend=...)``) and the JSON reports must be byte for byte the same.

Numbers are drawn from a short list, so that a figure often equals its goal, a reference or
another unit's figure: the cases where ``>`` and ``>=`` or two ways of tying ranks differ.
Because a mutation made in both libraries at once (in ``kinds/base.compare`` or the tie rule of
``evaluate/peers.py``) would keep them equal, the simplest verdicts — thresholds, relative
targets and ranks — are also checked against a direct reading of the plan, written here.

Mutations tried by hand, each reverted, each failing this module or tests/test_arrays.py: ``>``
read as ``>=`` in the plain-Python backend and in ``kinds/base.compare`` (both backends); ``==``
and ``<=`` swapped in the Python backend; a changed numpy ``where``; ties taking the worse place
(``bisect_right``); the rank direction flipped; numpy skipping the 12-digit rounding; ``minimum``
losing NaN or numpy's ``minimum`` as ``fmin``.
"""

from __future__ import annotations

import json
import math
import operator
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from plancheck.evaluate.arrays import NUMPY_FROM_UNITS
from plancheck.evaluate.engine import evaluate
from plancheck.evaluate.models import Evaluation, Status
from plancheck.kinds import KINDS, Target
from plancheck.plan.load import load_plan
from plancheck.plan.models import Plan
from plancheck.report import FORMATS, Options, render
from plancheck.submission.read import read_submission
from tests.conftest import FIXTURES, kind_name

os.environ.setdefault("PLANCHECK_CACHE", "off")  # thousands of made-up plans: none kept

# Figures, goals, references: few enough that equalities are frequent.
FIGURES = [0.0, 1.0, 2.0, 2.5, 3.0, 5.0, 5.5, 6.0, 7.0, 10.0, 13.5, 50.0, 80.0, 85.0, 95.0]
UNITS = ["甲", "乙", "丙", "丁", "戊", "己", "庚"]
YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025]  # 2019–2020: history (baselines)
OPS = [">=", ">", "<=", "<", "=="]
PYTHON_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
YEARLY_GOALS = [">= 6", "> 5", "<= 3", "< 2.5", "5.5左右", "80–95", "不低于50", "高于85"]

figure = st.sampled_from(FIGURES)

# The kinds drawn by ``kinds`` below, each with the values that decide it. Any other registered
# kind is drawn as its indicators in tests/fixtures/plans/kinds/ write it (``other_kinds``): a
# new kind is judged here on both libraries from the day it is added, with no line here.
DRAWN = {"threshold", "relative", "rank", "change", "qualitative", "around", "range",
         "average_growth", "cumulative", "yearly", "todo", "versus"}  # fmt: skip
CLASSES = {kind_name(kind): kind for kind in KINDS}


@cache
def other_kinds() -> tuple[dict[str, Any], ...]:
    """The targets of the kinds plan of every kind not in ``DRAWN`` (that names no reference,
    peer group or other indicator of that plan: a generated plan has none of them)."""
    plan = load_plan(FIXTURES / "plans" / "kinds", tasks=False)
    return tuple(
        asdict(i.target)
        for i in plan.indicators
        if i.target.kind not in DRAWN
        and i.target.reference_used() is None
        and i.target.peers_used() is None
        and not any(other.id in asdict(i.target).values() for other in plan.indicators)
    )


def test_every_registered_kind_is_drawn() -> None:
    drawn = DRAWN | {target["kind"] for target in other_kinds()}
    assert sorted(set(CLASSES) - drawn) == [], "write a strategy for it in kinds()"
    assert set(CLASSES) >= DRAWN, "a kind drawn here is no longer registered"


def kinds(others: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A target of any kind; ``others``: the ids a versus target may name."""
    choices: list[st.SearchStrategy[dict[str, Any]]] = [
        st.fixed_dictionaries(
            {"kind": st.just("threshold"), "op": st.sampled_from(OPS), "value": figure}
        ),
        st.fixed_dictionaries(
            {
                "kind": st.just("relative"),
                "op": st.sampled_from(OPS[:4]),
                "reference": st.just("average"),
            }
        ),
        st.fixed_dictionaries(
            {"kind": st.just("rank"), "peers": st.just("peers"), "best": st.integers(1, 4)}
        ),
        st.one_of(
            st.fixed_dictionaries(
                {
                    "kind": st.just("change"),
                    "measure": st.just("points"),
                    "amount": st.sampled_from([-5.0, -1.0, 2.5, 5.0]),
                }
            ),
            st.fixed_dictionaries(
                {
                    "kind": st.just("change"),
                    "measure": st.just("percent"),
                    "amount": st.sampled_from([-10.0, 10.0, 100.0]),
                }
            ),
            st.fixed_dictionaries(
                {
                    "kind": st.just("change"),
                    "measure": st.just("factor"),
                    "amount": st.sampled_from([0.5, 2.0]),
                }
            ),
        ),
        st.fixed_dictionaries(
            {
                "kind": st.just("qualitative"),
                "direction": st.sampled_from(["increase", "decrease", "maintain"]),
            }
        ),
        st.fixed_dictionaries(
            {"kind": st.just("around"), "value": figure},
            optional={"tolerance": st.sampled_from([0.0, 0.5, 1.0, 2.5])},
        ),
        st.tuples(figure, figure).map(
            lambda pair: {"kind": "range", "low": min(pair), "high": max(pair)}
        ),
        st.fixed_dictionaries(
            {
                "kind": st.just("average_growth"),
                "op": st.sampled_from(OPS[:4]),
                "value": st.sampled_from([2.5, 5.0, 5.5, 7.0]),
            }
        ),
        st.fixed_dictionaries(
            {
                "kind": st.just("cumulative"),
                "amount": st.sampled_from([-1.0, 1.0, 5.0, 13.5]),
                "compound": st.sampled_from(["reduction", "growth", "none", "sum"]),
            }
        ),
        st.fixed_dictionaries(
            {
                "kind": st.just("yearly"),
                "targets_by_year": st.dictionaries(
                    st.sampled_from(YEARS[2:]), st.sampled_from(YEARLY_GOALS), max_size=4
                ),
            }
        ),
        st.fixed_dictionaries({"kind": st.just("todo"), "text": st.just("力争达到较高水平")}),
        *([st.sampled_from(other_kinds())] if other_kinds() else []),
    ]
    if others:
        choices.append(
            st.fixed_dictionaries(
                {
                    "kind": st.just("versus"),
                    "indicator": st.sampled_from(others),
                    "op": st.sampled_from([">=", ">", "<=", "<"]),
                }
            )
        )
        choices.append(
            st.fixed_dictionaries(
                {
                    "kind": st.just("versus"),
                    "indicator": st.sampled_from(others),
                    "op": st.just("~"),
                },
                optional={"tolerance": st.sampled_from([0.0, 0.5, 1.0, 2.5])},
            )
        )
    return st.one_of(choices)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """An indicators.yaml (as data) that plan validate accepts."""
    count = draw(st.integers(1, 6))
    ids = [str(n + 1) for n in range(count)]
    unit = draw(st.sampled_from([None, "%", "件"]))
    indicators = []
    for ident in ids:
        target = draw(kinds([i for i in ids if i != ident]))
        kind = CLASSES[target["kind"]]
        indicator: dict[str, Any] = {
            "id": ident,
            "category": draw(st.sampled_from(["甲类", "乙类"])),
            "name": f"指标{ident}",
            "name_en": f"Indicator {ident}",
            "binding": draw(st.booleans()),
            "target_text": "generated",
            "target": target,
            # A total over the period (cumulative) is reached by the target year: never annual.
            "timing": "by_target_year"
            if kind.over_period
            else draw(st.sampled_from(["annual", "by_target_year"])),
            "weight": draw(st.sampled_from([1.0, 2.0])),
        }
        if unit is not None:
            indicator["unit"] = unit
        if unit == "%":
            indicator["minimum"] = -100.0
        # A target that says which way is good (a floor) takes no contrary `better`.
        said = TypeAdapter(Target).validate_python(target).says_which_way()
        ways = [None, said] if said is not None else [None, "higher", "lower"]
        if (better := draw(st.sampled_from(ways))) is not None:
            indicator["better"] = better
        if draw(st.booleans()):
            indicator["baseline"] = {
                "year": draw(st.sampled_from([2019, 2020])),
                "value": draw(figure),
            }
        indicators.append(indicator)
    categories = [
        {"name": "甲类", "name_en": "A", "weight": draw(st.sampled_from([1.0, 3.0]))},
        {"name": "乙类", "name_en": "B"},
    ]
    return {**_FIXED_PLAN, "categories": categories, "indicators": indicators}


_FIXED_PLAN: dict[str, Any] = {
    "plan": {
        "id": "generated",
        "title": "随机规划",
        "title_en": "A made-up plan",
        "document": {
            "stage": "测试",
            "stage_en": "test",
            "date": "2021-01-01",
            "occasion": "",
            "occasion_en": "",
            "source": "tests",
        },
        "period": {"start": 2021, "end": 2025},
        "baseline_year": 2020,
        "target_year": 2025,
        "other_units": True,
    },
    "categories": [{"name": "甲类", "name_en": "A"}, {"name": "乙类", "name_en": "B"}],
    "peer_groups": {"peers": {"name": "全体", "name_en": "all units"}},
    "references": {"average": {"name": "平均值", "name_en": "average", "peers": "peers"}},
}
_FIXED_INDICATOR: dict[str, Any] = {
    "category": "甲类",
    "name": "指标1",
    "name_en": "Indicator 1",
    "binding": True,
    "unit": "%",
    "target_text": "generated",
    "timing": "annual",
}


def fmt(x: float) -> str:
    return repr(x) if not x.is_integer() else str(int(x))


def edges(target: dict[str, Any]) -> list[float]:
    """The figures on the edge of ``target``: its goal, bounds and tolerance band."""
    found = [target[name] for name in ("value", "low", "high", "amount") if name in target]
    if target["kind"] == "around":
        band = target.get("tolerance", round(abs(target["value"]) / 10, 12))
        found += [round(target["value"] - band, 12), round(target["value"] + band, 12)]
    return [x for x in found if -100 <= x <= 100] or FIGURES


@st.composite
def submissions(draw: st.DrawFn, plan: dict[str, Any]) -> tuple[str, dict[tuple[int, str], float]]:
    """A long CSV for ``plan`` (unit, year, indicator, value, reference, rank) and a reference
    file's figures."""
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=7, unique=True))
    judged = draw(st.lists(st.sampled_from(YEARS[2:]), min_size=1, max_size=5, unique=True))
    history = draw(st.lists(st.sampled_from(YEARS[:2]), max_size=2, unique=True))
    years = sorted(judged + history)
    # A figure for certain, so that the submission is not empty.
    first = plan["indicators"][0]["id"]
    rows = [
        "unit,year,indicator,value,reference,rank",
        f"{units[0]},{judged[0]},{first},{fmt(draw(figure))},,",
    ]
    for u in units:
        for year in years:
            if len(units) > 1 and draw(st.integers(0, 5)) == 0:
                continue  # this unit did not report this year
            for indicator in plan["indicators"]:
                if draw(st.integers(0, 6)) == 0:
                    continue  # no row
                value = draw(
                    st.one_of(
                        st.sampled_from(edges(indicator["target"])).map(fmt),
                        figure.map(fmt),
                        st.sampled_from(["", "N/A"]),
                    )
                )
                columns = CLASSES[indicator["target"]["kind"]].columns
                reference = rank = ""
                if "reference" in columns:
                    reference = draw(st.one_of(st.just(""), figure.map(fmt)))
                if "rank" in columns:
                    rank = draw(st.sampled_from(["", "1", "2", "3", "5"]))
                rows.append(f"{u},{year},{indicator['id']},{value},{reference},{rank}")
    seen: set[str] = set()  # a second row for a unit, year and indicator would be refused
    unique = [rows[0]]
    for row in rows[1:]:
        key = ",".join(row.split(",")[:3])
        if key not in seen:
            seen.add(key)
            unique.append(row)
    relatives = [
        i["id"] for i in plan["indicators"] if "reference" in CLASSES[i["target"]["kind"]].columns
    ]
    references = draw(
        st.dictionaries(st.tuples(st.sampled_from(years), st.sampled_from(relatives)), figure)
        if relatives
        else st.just({})
    )
    return "\n".join(unique) + "\n", references


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], str, dict[tuple[int, str], float], bool]:
    plan = draw(plans())
    csv, references = draw(submissions(plan))
    return plan, csv, references, draw(st.booleans())


def judge(
    folder: Path, plan_data: dict[str, Any], csv: str, references: dict[tuple[int, str], float],
    focus: bool, formats: tuple[str, ...] = ("json",),
) -> tuple[Plan, dict[str, Evaluation], dict[str, str]]:  # fmt: skip
    (folder / "indicators.yaml").write_text(json.dumps(plan_data, ensure_ascii=False), "utf-8")
    (folder / "figures.csv").write_text(csv, "utf-8")
    plan = load_plan(folder, tasks=False)
    submission = read_submission([folder / "figures.csv"], plan)
    unit = submission.units[0] if focus and len(submission.units) > 1 else None
    evaluations, reports = {}, {}
    for backend in ("python", "numpy"):
        evaluation = evaluate(plan, submission, references=references, unit=unit, backend=backend)
        evaluations[backend] = evaluation
        reports[backend] = "\n".join(
            f"--- {name} {lang}\n{render(name, 'evaluation', evaluation, Options(lang=lang))!s}"
            for name in formats
            for lang in ("en", "zh")
        )
    return plan, evaluations, reports


@settings(
    max_examples=int(os.environ.get("PLANCHECK_EQUIVALENCE_EXAMPLES", "200")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cases())
def test_both_libraries_give_the_same_report(
    case: tuple[dict[str, Any], str, dict[tuple[int, str], float], bool],
) -> None:
    plan_data, csv, references, focus = case
    with tempfile.TemporaryDirectory() as tmp:
        plan, evaluations, reports = judge(Path(tmp), plan_data, csv, references, focus)
    assert reports["python"] == reports["numpy"]
    for evaluation in evaluations.values():
        check_direct_readings(plan, evaluation, csv, references)


@settings(
    max_examples=int(os.environ.get("PLANCHECK_EQUIVALENCE_EXAMPLES", "200")) // 5,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cases())
def test_every_format_is_the_same_on_both_libraries(
    case: tuple[dict[str, Any], str, dict[tuple[int, str], float], bool],
) -> None:
    """A figure that is a numpy double where it should be a float would show in a format that
    writes it with str() (np.float64(5.0)): every text format, in both languages."""
    plan_data, csv, references, focus = case
    formats = tuple(name for name in FORMATS if "evaluation" in FORMATS[name].subjects)
    with tempfile.TemporaryDirectory() as tmp:
        _, _, reports = judge(Path(tmp), plan_data, csv, references, focus, formats)
    assert reports["python"] == reports["numpy"]
    assert "np.float64" not in reports["numpy"] and "np.True_" not in reports["numpy"]


def test_many_units_run_on_numpy_and_report_as_a_few() -> None:
    """The library chosen by size (numpy from NUMPY_FROM_UNITS units) reports as plain Python."""
    plan_data = {
        **_FIXED_PLAN,
        "indicators": [
            {**_FIXED_INDICATOR, "id": "1", "target": {"kind": "threshold", "op": ">", "value": 5.0}},
            {**_FIXED_INDICATOR, "id": "2", "name": "指标2", "name_en": "Indicator 2",
             "target": {"kind": "rank", "peers": "peers", "best": 3}, "better": "lower"},
            {**_FIXED_INDICATOR, "id": "3", "name": "指标3", "name_en": "Indicator 3",
             "target": {"kind": "relative", "op": ">=", "reference": "average"}},
        ],
    }  # fmt: skip
    rows = ["unit,year,indicator,value,reference,rank"]
    for n in range(NUMPY_FROM_UNITS + 6):
        for ident in ("1", "2", "3"):
            value = fmt(FIGURES[(n * 7 + int(ident)) % len(FIGURES)])
            rows.append(f"单位{n:03d},2022,{ident},{value},,")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "indicators.yaml").write_text(json.dumps(plan_data, ensure_ascii=False), "utf-8")
        (folder / "figures.csv").write_text("\n".join(rows) + "\n", "utf-8")
        plan = load_plan(folder, tasks=False)
        submission = read_submission([folder / "figures.csv"], plan)
    by_size = evaluate(plan, submission)
    forced = evaluate(plan, submission, backend="python")
    for name in ("json", "markdown"):
        assert render(name, "evaluation", by_size, Options()) == render(
            name, "evaluation", forced, Options()
        )
    assert by_size.units and len(by_size.units) >= NUMPY_FROM_UNITS
    check_direct_readings(plan, by_size, "\n".join(rows), {})


# --- the simplest verdicts, read directly from the plan ----------------------------------------


def check_direct_readings(
    plan: Plan, evaluation: Evaluation, csv: str, references: dict[tuple[int, str], float]
) -> None:
    """Thresholds, relative targets and ranks as a person reads them: the figure against the
    goal with the plan's operator; a reference submitted, else from the file, else the mean of
    the units' figures; a rank submitted, else 1 + the units with a strictly better figure."""
    figures: dict[tuple[str, int, str], tuple[float | None, float | None, float | None]] = {}
    for line in csv.splitlines()[1:]:
        unit, year, ident, value, reference, rank = line.split(",")
        figures[(unit, int(year), ident)] = (number(value), number(reference), number(rank))
    for result in evaluation.results:
        target = result.indicator.target
        kind = target.kind
        value = figures.get((result.unit, result.year, result.indicator.id), (None, None, None))[0]
        if value is None or kind not in ("threshold", "relative", "rank"):
            continue
        if kind == "threshold":
            met: bool | None = PYTHON_OPS[target.op](value, target.value)  # type: ignore[attr-defined]
        elif kind == "relative":
            reference = relative_reference(evaluation, result, figures, references)
            met = None if reference is None else PYTHON_OPS[target.op](value, reference)  # type: ignore[attr-defined]
            assert result.reference == reference, (result, reference)
        else:
            place = rank_of(plan, evaluation, result, figures)
            met = None if place is None else place <= target.best  # type: ignore[attr-defined]
            assert result.rank == place, (result, place)
        assert result.status is expected_status(plan, result.indicator.timing, result.year, met), (
            result,
            met,
        )


def expected_status(plan: Plan, timing: str, year: int, met: bool | None) -> Status:
    if met is None:
        return Status.UNKNOWN
    if met:
        return Status.PASS
    if timing == "by_target_year" and year < plan.info.target_year:
        return Status.BEHIND
    return Status.FAIL


def number(text: str) -> float | None:
    return float(text) if text and text != "N/A" else None


def year_figures(
    evaluation: Evaluation, figures: dict[tuple[str, int, str], Any], year: int, ident: str
) -> dict[str, float]:
    found = {}
    for unit in evaluation.submitted_units:
        value = figures.get((unit, year, ident), (None,))[0]
        if value is not None:
            found[unit] = value
    return found


def relative_reference(
    evaluation: Evaluation,
    result: Any,
    figures: dict[tuple[str, int, str], Any],
    references: dict[tuple[int, str], float],
) -> float | None:
    submitted = figures.get((result.unit, result.year, result.indicator.id), (None, None))[1]
    if submitted is not None:
        return submitted
    official = references.get((result.year, result.indicator.id))
    if official is not None:
        return official
    given = list(year_figures(evaluation, figures, result.year, result.indicator.id).values())
    if len(given) < 2:
        return None
    return float(f"{math.fsum(given) / len(given):.12g}")


def rank_of(
    plan: Plan, evaluation: Evaluation, result: Any, figures: dict[tuple[str, int, str], Any]
) -> int | None:
    submitted = figures.get((result.unit, result.year, result.indicator.id), (None, None, None))[2]
    if submitted is not None:
        return int(submitted)
    given = year_figures(evaluation, figures, result.year, result.indicator.id)
    if len(given) < 2:
        return None
    mine = given[result.unit]
    higher = result.indicator.direction == "higher"
    better = [v for v in given.values() if (v > mine if higher else v < mine)]
    return 1 + len(better)
