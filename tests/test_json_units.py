"""The JSON report of several units: each result's unit, the focused unit at the top, the city
view (mean, lowest, highest, who fails, the focused unit's figure and place), ``--only``; and
the results' lines, assembled from pre-encoded pieces, byte for byte what the JSON encoder
writes of the same fields."""

from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from plancheck.evaluate.engine import evaluate
from plancheck.plan.load import load_plan
from plancheck.report import Options, render
from plancheck.report.json import _compact, _fields, _ResultWriter
from plancheck.submission.read import read_submission
from tests.conftest import CASES, ROOT, SAMPLES, run
from tests.test_injection import admitting_other_units

DISTRICTS = SAMPLES / "districts-2023.csv"  # 2021–2023, several districts, a note or two
PLAN = load_plan()
INDICATORS = {indicator.id: indicator for indicator in PLAN.indicators}


def figures(path: Path, year: int) -> dict[str, dict[str, float]]:
    """indicator → unit → figure of ``year``, read straight from the CSV."""
    found: dict[str, dict[str, float]] = defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["year"]) == year and row["value"].strip():
                found[row["indicator"]][row["unit"]] = float(row["value"])
    return found


def place(values: dict[str, float], unit: str, higher: bool) -> int:
    """1 + the number of units strictly better: ties share the better place."""
    mine = values[unit]
    return 1 + sum(1 for v in values.values() if (v > mine if higher else v < mine))


def test_every_result_names_its_unit_and_the_city_view_is_recomputed() -> None:
    outcome = run("evaluate", DISTRICTS, "-f", "json")
    assert outcome.code in (0, 1), outcome.stderr
    data = outcome.json()
    units = list(data["units"])
    assert len(units) > 1
    assert "unit" not in data  # no --unit: the report is about every unit
    assert all(r["unit"] in units for r in data["results"])
    latest = data["year"]
    given = figures(DISTRICTS, latest)
    fails = {(r["id"], r["unit"]) for r in data["results"]
             if r["year"] == latest and r["status"] == "fail"}  # fmt: skip
    assert [row["id"] for row in data["city"]] == [i.id for i in PLAN.indicators]
    for row in data["city"]:
        values = given.get(row["id"], {})
        assert row["year"] == latest
        assert row["count"] == len(values)
        if len(values) >= 2:
            assert row["mean"] == pytest.approx(math.fsum(values.values()) / len(values), abs=1e-9)
        if values:
            assert row["low"] == min(values.values())
            assert row["high"] == max(values.values())
        assert set(row["failing"]) == {u for i, u in fails if i == row["id"]}
        assert "rank" not in row and "value" not in row


def test_unit_focus_names_the_unit_at_the_top_on_every_result_and_its_place() -> None:
    data = run("evaluate", DISTRICTS, "--unit", "长宁区", "-f", "json").json()
    assert data["unit"] == "长宁区"
    assert data["results"] and {r["unit"] for r in data["results"]} == {"长宁区"}
    given = figures(DISTRICTS, data["year"])
    ranked = 0
    for row in data["city"]:
        indicator = INDICATORS[row["id"]]
        values = given.get(row["id"], {})
        assert row["unit"] == "长宁区"
        assert row["value"] == values.get("长宁区")
        if "长宁区" in values and len(values) >= 2:
            assert row["rank"] == place(values, "长宁区", indicator.direction == "higher")
            ranked += 1
        else:
            assert row["rank"] is None
    assert ranked >= 10  # the file gives most indicators for most districts


def test_one_unit_keeps_the_single_unit_shape() -> None:
    data = run("evaluate", SAMPLES / "2023.csv", "-f", "json").json()
    assert "unit" not in data and "city" not in data and "units" not in data
    assert all("unit" not in r for r in data["results"])


@pytest.mark.parametrize("only", ["failing", "binding"])
def test_only_narrows_the_results_not_the_counts(only: str) -> None:
    # --only's filter on the evaluation (Evaluation.only), as the command line sets it.
    evaluation = evaluate(PLAN, read_submission([DISTRICTS], PLAN))
    every = json.loads(render("json", "evaluation", evaluation, Options()))
    narrowed_evaluation = replace(evaluation, only=only)
    narrowed = json.loads(render("json", "evaluation", narrowed_evaluation, Options()))
    keep = (lambda r: r["status"] == "fail") if only == "failing" else (lambda r: r["binding"])
    assert narrowed["results"] == [r for r in every["results"] if keep(r)]
    assert 0 < len(narrowed["results"]) < len(every["results"])
    assert narrowed["summary"] == every["summary"]
    assert narrowed["city"] == every["city"]


SUBMISSIONS = [
    (SAMPLES / "districts-2023.csv", None, False),
    (SAMPLES / "districts-2023.csv", "徐汇区", False),
    (SAMPLES / "2023.csv", None, False),
    (SAMPLES / "2023.csv", None, True),  # --tasks: each result's linked tasks
    *((path, None, False) for path in sorted((CASES / "hostile").glob("render_*/2023.csv"))),
]


@pytest.fixture(scope="module")
def other_units(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan admitting units its peer groups do not list (the hostile unit names)."""
    path = tmp_path_factory.mktemp("plan") / "indicators.yaml"
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    path.write_text(admitting_other_units(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(("path", "unit", "tasks"), SUBMISSIONS,
                         ids=[f"{p.parent.name}/{p.name}-{u}-{t}" for p, u, t in SUBMISSIONS])  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_line_is_what_the_encoder_writes_of_the_fields(
    path: Path, unit: str | None, tasks: bool, lang: str, other_units: Path
) -> None:
    plan = load_plan(tasks=True) if tasks else load_plan(other_units, tasks=False)
    evaluation = evaluate(plan, read_submission([path], plan), unit=unit)
    assert evaluation.results
    if tasks:
        from plancheck.tasks.checks import check_file

        checked = check_file(plan, SAMPLES / "progress-2023.csv", year=evaluation.latest_year)
        evaluation = replace(evaluation, tasks=checked)
    options = Options(lang=lang)
    several = len(evaluation.submitted_units) > 1
    writer = _ResultWriter(evaluation, options, several)
    for result in evaluation.results:
        expected = _compact(_fields(result, options, several, evaluation.tasks))
        assert writer.line(result) == expected


def test_the_streamed_report_is_the_rendered_report_and_is_written_whole(tmp_path: Path) -> None:
    """The JSON report is written piece by piece (a national report is never whole in memory):
    its pieces join to exactly what render_evaluation returns, through -o and stdout alike."""
    from plancheck.app import EvaluateRequest, judge
    from plancheck.report import Options, render, stream
    from tests.conftest import SAMPLES, run

    evaluation, _ = judge(EvaluateRequest(files=[SAMPLES / "districts-2023.csv"], format="json"))
    streamed = stream("json", "evaluation", evaluation, Options())
    assert not isinstance(streamed, str | bytes)  # pieces, not one text
    whole = render("json", "evaluation", evaluation, Options())
    assert "".join(streamed) == whole
    out = tmp_path / "r.json"
    assert run("evaluate", SAMPLES / "districts-2023.csv", "-f", "json", "-o", out).code == 1
    assert out.read_text(encoding="utf-8") == whole
    assert run("evaluate", SAMPLES / "districts-2023.csv", "-f", "json").stdout == whole


def test_a_trend_written_from_the_memo_or_anew_is_the_same_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The writer makes each distinct trend's text once and empties its memo now and then:
    lines are the encoder's either way, for units whose trends are equal or differ."""
    import plancheck.report.json as json_report

    evaluation = evaluate(PLAN, read_submission([DISTRICTS], PLAN))
    results = list(evaluation.results)
    trends = [r.trend for r in results if r.trend is not None]
    assert len(trends) > len(set(trends)) > 2  # some shared, some not: the memo is used
    options = Options(lang="zh")
    expected = [_compact(_fields(r, options, True)) for r in results]
    assert list(_ResultWriter(evaluation, options, True).lines(evaluation)) == expected
    monkeypatch.setattr(json_report, "_TRENDS_KEPT", 2)
    assert list(_ResultWriter(evaluation, options, True).lines(evaluation)) == expected


@pytest.mark.parametrize("only", [None, "failing", "binding"])
def test_the_report_written_a_block_of_units_at_a_time_is_each_results_line_in_order(
    only: str | None, other_units: Path, tmp_path: Path
) -> None:
    """A national report's results are written from columns, a block of units at a time
    (``Results.blocks``): across block boundaries, units that skipped a year, blank figures and
    notes, with --only or not, its lines are the encoder's lines of ``listed``, in order."""
    import random

    from plancheck.evaluate import engine

    rng = random.Random(7)
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["unit", "year", "indicator", "value", "note"])
        for n in range(3 * engine._BLOCK + 5):  # four blocks, the last one short
            for year in (2021, 2022, 2023):
                if year == 2022 and n % 7 == 3:
                    continue  # this unit did not report 2022
                for indicator in PLAN.indicators:
                    value = "" if rng.random() < 0.05 else f"{rng.uniform(0, 100):.1f}"
                    note = "核实中" if rng.random() < 0.02 else ""
                    out.writerow([f"县{n:03d}", year, indicator.id, value, note])
    plan = load_plan(other_units, tasks=False)
    evaluation = replace(evaluate(plan, read_submission([path], plan)), only=only)
    options = Options(lang="zh")
    expected = [_compact(_fields(r, options, True)) for r in evaluation.listed]
    text = render("json", "evaluation", evaluation, options)
    start = text.index('"results": [\n') + len('"results": [\n')
    written = text[start : text.index("\n  ]", start)].split(",\n")
    assert [line.strip() for line in written] == expected
    assert len({r.status for r in evaluation.listed}) >= (1 if only == "failing" else 3)
    assert len(expected) > (engine._BLOCK if only else 3 * engine._BLOCK) * len(PLAN.indicators)


def test_latest_summary_is_the_year_judged_as_every_other_format_counts() -> None:
    data = run("evaluate", SAMPLES / "districts-2023.csv", "-f", "json").json()
    latest = Counter(r["status"] for r in data["results"] if r["year"] == data["year"])
    every = Counter(r["status"] for r in data["results"])
    assert data["latest_summary"] == {s: latest.get(s, 0) for s in data["latest_summary"]}
    assert data["summary"] == {s: every.get(s, 0) for s in data["summary"]}
    assert data["summary"] != data["latest_summary"]  # three years judged, one shown elsewhere
    table = run("evaluate", SAMPLES / "districts-2023.csv").stdout
    counts = data["latest_summary"]
    assert f"pass {counts['pass']} · ✘ FAIL {counts['fail']} · ◐ behind {counts['behind']}" in table


def test_an_annual_target_is_classed_before_the_target_year_only(tmp_path: Path) -> None:
    """The mid-term class is a review's, of the years before the target year (README)."""
    figures = tmp_path / "figures.csv"
    figures.write_text("year,indicator,value\n2024,1,100\n2025,1,100\n", encoding="utf-8")
    results = run("evaluate", figures, "-f", "json").json()["results"]
    classes = {r["year"]: r["midterm"] for r in results if r["id"] == "1"}
    assert classes == {2024: "on_track", 2025: None}


def test_a_units_place_on_a_band_is_by_its_distance_from_the_band(tmp_path: Path) -> None:
    """80–95 (indicator 8 of the kinds plan) is met from either side: 90 and 85 inside it share
    the first place, 100 (5 above) is third and 70 (10 below) last — not 100 first because it
    is the highest. 5.5%左右 (4.95–6.05, indicator 7): 5.5 first, 7 and 4 both 0.95 off it."""
    source = tmp_path / "band.csv"
    rows = [("甲", "8", 70), ("乙", "8", 90), ("丙", "8", 100), ("丁", "8", 85)]
    rows += [("甲", "7", 5.5), ("乙", "7", 7), ("丙", "7", 4)]
    lines = [f"{u},2023,{i},{v}" for u, i, v in rows]
    source.write_text("unit,year,indicator,value\n" + "\n".join(lines) + "\n", encoding="utf-8")
    kinds = ROOT / "tests" / "fixtures" / "plans" / "kinds"
    places = {}
    for unit in ("甲", "乙", "丙", "丁"):
        data = run("evaluate", source, "--plan", kinds, "--unit", unit, "-f", "json").json()
        places[unit] = {c["id"]: c["rank"] for c in data["city"] if c["id"] in ("7", "8")}
    assert [places[u]["8"] for u in ("甲", "乙", "丙", "丁")] == [4, 1, 3, 1]
    assert [places[u]["7"] for u in ("甲", "乙", "丙", "丁")] == [1, 2, 2, None]
