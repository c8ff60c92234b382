"""The columnar fast path (evaluate/columnar.py) gives the Python path's JSON, byte for byte.

The fast path is forced with a low PLANCHECK_FAST_ROWS; the Python path with a huge one.
"""

from __future__ import annotations

import importlib.util
import json
import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from plancheck.evaluate import exact
from plancheck.messages import number, share
from tests.conftest import ROOT, run

pytest.importorskip("polars")

_spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
assert _spec and _spec.loader
generate: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

FAST = {"PLANCHECK_FAST_ROWS": "10"}
SLOW = {"PLANCHECK_FAST_ROWS": "1000000000"}


def both(path: Path, *args: str) -> tuple[Any, Any]:
    fast = run("evaluate", path, "-f", "json", *args, env=FAST)
    slow = run("evaluate", path, "-f", "json", *args, env=SLOW)
    return fast, slow


def same(path: Path, *args: str) -> str:
    fast, slow = both(path, *args)
    assert slow.code in (0, 1), slow.stderr
    assert (fast.code, fast.stderr) == (slow.code, slow.stderr)
    assert fast.stdout == slow.stdout
    return fast.stdout


def used_fast_path(path: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Did the columnar path produce the report (rather than declining)?"""
    from plancheck.evaluate import columnar
    from plancheck.plan.load import load_plan

    monkeypatch.setenv("PLANCHECK_FAST_ROWS", "10")
    report = columnar.evaluate_json(
        [path], load_plan(None, tasks=False), year=None, strict=False,
        references=lambda: None, lang="en",
    )  # fmt: skip
    return report is not None


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Many units, a baseline year before the period, missing figures, notes, submitted
    references and ranks on some rows (computed ones on the others)."""
    path = tmp_path_factory.mktemp("fast") / "mixed.csv"
    rng = random.Random(7)
    units = [*generate.unit_names(40), "徐汇区", "长宁区"]
    lines = ["unit,year,indicator,value,reference,rank,note"]
    for unit, year, indicator, value in generate.rows(units, (2020, 2021, 2022, 2023), seed=3,
                                                      missing=0.05):  # fmt: skip
        reference = rank = note = ""
        if indicator in ("5", "8") and rng.random() < 0.2:
            reference = f"{rng.uniform(1, 5):.2f}"
        if indicator == "20" and rng.random() < 0.2:
            rank = str(rng.randint(1, 16))
        if rng.random() < 0.01:
            note = rng.choice(["估算", 'said "about"', "  revised  ", "ｆｕｌｌ"])
            note = note.replace('"', "")  # quotes send the file to the Python path
        lines.append(f"{unit},{year},{indicator},{value},{reference},{rank},{note}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_fast_path_is_taken(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert used_fast_path(mixed, monkeypatch)


@pytest.mark.parametrize(
    "args", [(), ("--lang", "zh"), ("--strict",), ("--lang", "en", "--strict")]
)
def test_byte_identical_to_the_python_path(mixed: Path, args: tuple[str, ...]) -> None:
    report = json.loads(same(mixed, *args))
    assert {r["status"] for r in report["results"]} >= {"pass", "fail", "behind", "missing"}
    assert any(r["progress"] for r in report["results"])
    assert any(r["schedule"] for r in report["results"])


def test_many_chunks_and_trend_blocks_give_the_same_bytes(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report made in many small chunks (made ahead by a thread; separators at every chunk
    boundary) and the trends summed in many blocks: still the Python path's bytes, on stdout
    and in an output file."""
    from plancheck.evaluate import columnar

    monkeypatch.setattr(columnar, "CHUNK", 97)
    monkeypatch.setattr(columnar, "_BLOCK", 101)
    stdout = same(mixed)
    assert len(json.loads(stdout)["results"]) > 20 * 97
    fast_out, slow_out = tmp_path / "fast.json", tmp_path / "slow.json"
    fast = run("evaluate", mixed, "-f", "json", "-o", fast_out, env=FAST)
    slow = run("evaluate", mixed, "-f", "json", "-o", slow_out, env=SLOW)
    assert fast.code == slow.code
    assert fast_out.read_bytes() == slow_out.read_bytes() == stdout.encode()


def test_generated_benchmark_data_is_identical(tmp_path: Path) -> None:
    path = tmp_path / "2021-2025.csv"
    generate.write(path, generate.unit_names(25))
    report = json.loads(same(path))
    assert len(report["results"]) == 25 * 5 * 23
    assert len(report["index"]) == 25 * 5


def test_reference_file_and_output_file(mixed: Path, tmp_path: Path) -> None:
    references = tmp_path / "references.csv"
    references.write_text("year,indicator,reference\n2022,5,2.5\n2023,8,3.25\n", encoding="utf-8")
    fast_out, slow_out = tmp_path / "fast.json", tmp_path / "slow.json"
    fast = run("evaluate", mixed, "--reference", references, "-f", "json", "-o", fast_out, env=FAST)
    slow = run("evaluate", mixed, "--reference", references, "-f", "json", "-o", slow_out, env=SLOW)
    assert fast.code == slow.code
    assert fast_out.read_bytes() == slow_out.read_bytes()
    assert "from the reference file" in fast_out.read_text(encoding="utf-8")


def test_one_unit_keeps_the_single_unit_shape(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    generate.write(path, ["徐汇区"], (2020, 2021, 2022, 2023))
    report = json.loads(same(path))
    assert "units" not in report and "unit" not in report["results"][0]


def test_a_sampled_subset_of_a_larger_file(tmp_path: Path) -> None:
    """30k rows: the fast path's results for a seeded sample of units equal the Python path's
    (peers computed from all units in both)."""
    path = tmp_path / "big.csv"
    generate.write(path, generate.unit_names(261))  # 30,015 rows
    fast, slow = both(path)
    assert fast.code == slow.code
    fast_results, slow_results = fast.json()["results"], slow.json()["results"]
    sample = set(random.Random(11).sample(generate.unit_names(261), 12))
    pick = [r for r in fast_results if r["unit"] in sample]
    assert pick == [r for r in slow_results if r["unit"] in sample]
    assert len(pick) == 12 * 5 * 23
    assert fast.json()["index"] == slow.json()["index"]
    assert fast.json()["summary"] == slow.json()["summary"]


@pytest.mark.parametrize(
    "row",
    [
        "县00001,2021,99,50",  # unknown indicator
        "县00001,2021,1,abc",  # not a number
        "县00001,2021,1,150",  # above 100 %
        "县00001,20x1,1,50",  # not a year
        "县00001,2021,1,98",  # given twice (the generator wrote it already)
        '县00001,2021,1,"50"',  # quotes: the Python path reads these
        "县00001;2021;1;50",  # another delimiter
        ",2021,1,50",  # a unit left out where the other rows name theirs
    ],
)
def test_bad_input_gives_the_python_paths_message(tmp_path: Path, row: str) -> None:
    path = tmp_path / "bad.csv"
    generate.write(path, generate.unit_names(3))
    with path.open("a", encoding="utf-8") as out:
        out.write(row + "\n")
    fast, slow = both(path)
    assert (fast.code, fast.stderr, fast.stdout) == (slow.code, slow.stderr, slow.stdout)


def test_values_with_units_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    generate.write(path, generate.unit_names(4), (2022, 2023))
    text = path.read_text(encoding="utf-8").replace(",1,9", ",1,9", 1)
    lines = text.splitlines()
    lines[5] = lines[5].rsplit(",", 1)[0] + ",97%"
    lines[9] = lines[9].rsplit(",", 1)[0] + ",N/A"
    lines.insert(12, "")
    lines.insert(20, " , , , ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    same(path)


# --- exact.py: Python's own numbers, for whole columns ---------------------------------------


def _values(n: int, seed: int) -> Any:
    rng = random.Random(seed)
    pool = [
        lambda: rng.uniform(-100, 100),
        lambda: round(rng.uniform(0, 100), rng.randint(0, 5)),
        lambda: rng.random() * 10 ** rng.randint(-8, 12),
        lambda: rng.randint(-5, 5) / 8,
        lambda: 0.0,
        lambda: -0.0,
        lambda: 1 / 128,
        lambda: 0.00005,
    ]
    return np.asarray([rng.choice(pool)() for _ in range(n)])


def test_exact_formats_match_python() -> None:
    xs = _values(20_000, 1)
    texts, risky = exact.fixed4(xs)
    assert exact.patch(texts, risky, xs, number).to_list() == [number(float(x)) for x in xs]
    texts, risky = exact.percent(xs)
    assert exact.patch(texts, risky, xs, share).to_list() == [share(float(x)) for x in xs]
    rounded, risky = exact.round_to(xs, 6)
    assert all(r == round(float(x), 6) for x, r, k in zip(xs, rounded, risky, strict=True) if not k)


def test_exact_number_texts_of_whole_negative_and_four_decimal_values() -> None:
    rng = random.Random(11)
    xs = np.asarray(
        [float(rng.randint(-(10**6), 10**6)) for _ in range(5_000)]
        + [rng.randint(-(10**9), 10**9) / 10**4 for _ in range(5_000)]
        + [rng.randint(-(10**6), 10**6) / 10 ** rng.randint(1, 8) for _ in range(5_000)]
        + [-3.0, -1.0, -0.0, 2.99999, -2.99999, 99999999.99996, 0.00005, -0.00005, 1e-5]
    )
    texts, risky = exact.fixed4(xs)
    assert exact.patch(texts, risky, xs, number).to_list() == [number(float(x)) for x in xs]
    assert risky.mean() < 0.01


def test_exact_fsum_matches_math_fsum() -> None:
    columns = [_values(20_000, seed) for seed in range(2, 9)]
    total, risky = exact.fsum(columns)
    expected = [math.fsum(float(c[n]) for c in columns) for n in range(20_000)]
    assert all(t == e for t, e, k in zip(total, expected, risky, strict=True) if not k)
    assert risky.mean() < 0.01


# --- start-up: libyaml composes the plan when that is safe ------------------------------------


def test_libyaml_and_pyyaml_give_the_same_data_and_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    from plancheck import yamlfile
    from plancheck.plan.load import bundled_plan_dir

    for name in ("indicators.yaml", "tasks.yaml"):
        text = (bundled_plan_dir() / name).read_text(encoding="utf-8")
        assert yamlfile._compose_fast(text) is not None  # the bundled plan takes libyaml
        fast = yamlfile.read_yaml(text, name)
        monkeypatch.setattr(yamlfile, "_compose_fast", lambda text: None)
        slow = yamlfile.read_yaml(text, name)
        monkeypatch.undo()
        assert (fast.data, fast.marks) == (slow.data, slow.marks)


def test_deep_nesting_never_reaches_libyaml() -> None:
    from plancheck import yamlfile
    from plancheck.errors import UserError

    deep = "a: " + "[" * 3_000 + "]" * 3_000 + "\n"  # past the limit: never libyaml
    assert yamlfile._compose_fast(deep) is None
    with pytest.raises(UserError, match="nested too deeply"):
        yamlfile.read_yaml(deep, "deep.yaml")


def test_evaluate_does_not_read_tasks_without_tasks(tmp_path: Path) -> None:
    from plancheck.plan.load import bundled_plan_dir, load_plan

    (tmp_path / "indicators.yaml").write_bytes(
        (bundled_plan_dir() / "indicators.yaml").read_bytes()
    )
    (tmp_path / "tasks.yaml").write_text("tasks: [oops\n", encoding="utf-8")
    assert load_plan(tmp_path, tasks=False).tasks == []
    outcome = run("evaluate", ROOT / "samples" / "2023.csv", "--plan", tmp_path)
    assert outcome.code == 0, outcome.stderr
    assert run("plan", "validate", tmp_path).code == 2  # the tasks file is still checked there


def test_figures_that_differ_never_print_alike_in_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four decimals would print 2 and 2.0000033 alike ("2 is not < city average 2"); the
    reason shows as many decimals as tell them apart, the same on both paths."""
    path = tmp_path / "near.csv"
    lines = ["unit,year,indicator,value"]
    for n, (v16, v1, v7) in enumerate(
        [("1.99999", "99.99999", "69.999999"), ("2.00002", "100", "70"), ("2", "99.9", "50")]
    ):
        lines += [f"区{n},2022,7,40", f"区{n},2023,16,{v16}", f"区{n},2023,1,{v1}"]
        lines.append(f"区{n},2023,7,{v7}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert used_fast_path(path, monkeypatch)
    reasons = {
        (r["unit"], r["id"]): r["reason"]
        for r in json.loads(same(path))["results"]
        if r["year"] == 2023
    }
    assert reasons[("区0", "16")].startswith("1.99999 < city average 2 ")
    assert reasons[("区2", "16")].startswith("2 < city average 2.000003 ")
    assert reasons[("区1", "16")].startswith("2.00002 is not < city average 2 ")
    assert reasons[("区0", "1")] == "99.99999 misses the target ≥ 100"
    assert reasons[("区1", "1")] == "100 meets the target ≥ 100"
    assert reasons[("区0", "7")].startswith("69.999999 has not yet reached ≥ 70")


@pytest.mark.parametrize("given", ["abc", "", "1e5", "-3"])
def test_a_bad_fast_rows_setting_is_a_usage_error(given: str) -> None:
    result = run("evaluate", ROOT / "samples" / "2023.csv", "-f", "json",
                 env={"PLANCHECK_FAST_ROWS": given})  # fmt: skip
    assert result.code == 2
    assert result.stderr == (
        f"PLANCHECK_FAST_ROWS: expected a whole number of rows, got '{given}'\n"
    )


def test_a_unit_absent_from_a_year_has_a_null_index_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "absent.csv"
    units = generate.unit_names(4)
    rows = [
        r for r in generate.rows(units, (2022, 2023), seed=5) if (r[0], r[1]) != (units[2], 2023)
    ]
    lines = ["unit,year,indicator,value"] + [",".join(map(str, r)) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert used_fast_path(path, monkeypatch)
    index = json.loads(same(path))["index"]
    absent = [i for i in index if i["unit"] == units[2] and i["year"] == 2023]
    assert [(i["score"], i["rank"], i["scored"]) for i in absent] == [(None, None, 0)]
    assert [i["unit"] for i in index if i["year"] == 2023][-1] == units[2]


def test_exact_hits_of_schedule_and_trend_and_a_baseline_past_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """60 % of the gap at 60 % of the time is on schedule though binary floating point makes
    it 0.59999999999999998; a ratio of exactly 1 is on track; a baseline already past the
    target leaves no gap to measure. Both paths alike."""
    path = tmp_path / "hits.csv"
    rows = ["unit,year,indicator,value"]
    for unit in ("甲区", "乙区"):
        rows += [f"{unit},2020,22,0.07", f"{unit},2023,22,0.088"]
        rows += [f"{unit},2020,7,50", f"{unit},2022,7,58", f"{unit},2023,7,62"]
        rows += [f"{unit},2020,14,95", f"{unit},2023,14,89"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert used_fast_path(path, monkeypatch)
    latest = {
        r["id"]: r
        for r in json.loads(same(path))["results"]
        if r["unit"] == "甲区" and r["year"] == 2023
    }
    assert latest["22"]["schedule"] == "on"
    on = "60% of the gap from the 2020 baseline (0.07) closed with 60% of the time gone: on"
    assert on in latest["22"]["reason"]
    assert latest["7"]["progress"]["ratio"] == 1.0
    assert latest["7"]["progress"]["verdict"] == "on_track"
    assert latest["14"]["schedule"] is None
    assert "of the gap" not in latest["14"]["reason"]
    assert latest["14"]["progress"]["verdict"] == "going_backwards"


def test_shares_projections_and_means_that_print_alike_are_told_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """59.99997 % of the gap is not "60%" beside 60 % of the time; a projection of 69.99998 is
    not "70" beside a target of 70; the mean of 0.1, 0.2 and 0.3 is 0.2. Both paths alike."""
    path = tmp_path / "alike.csv"
    rows = ["unit,year,indicator,value"]
    for unit, v5 in (("甲区", "0.1"), ("乙区", "0.2"), ("丙区", "0.3")):
        rows += [f"{unit},2020,7,40", f"{unit},2023,7,57.99999", f"{unit},2023,5,{v5}"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert used_fast_path(path, monkeypatch)
    latest = {
        (r["unit"], r["id"]): r for r in json.loads(same(path))["results"] if r["year"] == 2023
    }
    reason = latest[("甲区", "7")]["reason"]
    assert "59.99997% of the gap" in reason and "60% of the time gone: behind" in reason
    assert "trend: lagging, 69.99998 projected" in reason
    assert latest[("乙区", "5")]["reference"] == 0.2
    assert latest[("乙区", "5")]["reason"].startswith("0.2 is not < city average 0.2 ")
