"""Several units and years in one run: computed city averages and ranks, trends, the index."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from plancheck.plan.load import load_plan
from tests.conftest import ROOT, SAMPLES, run

# Shanghai's 16 districts, in the plan's own order (its peer group "city").
DISTRICTS = load_plan().peer_groups["city"].members


def long_csv(path: Path, rows: list[tuple[str, int, str, object]]) -> Path:
    lines = ["unit,year,indicator,value"] + [f"{u},{y},{i},{v}" for u, y, i, v in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def results(path: Path, *extra: str) -> dict[tuple[str, int, str], dict[str, object]]:
    outcome = run("evaluate", path, "-f", "json", *extra)
    assert outcome.code in (0, 1), outcome.stderr
    # One unit keeps the single-unit shape (no "unit" field): it is the plan's own, 徐汇区.
    return {(r.get("unit", "徐汇区"), r["year"], r["id"]): r for r in outcome.json()["results"]}


def test_computed_city_average_decides_relative_targets(tmp_path: Path) -> None:
    # Values 1..16 for indicator 5: the mean is 8.5; below it passes, above it fails.
    rows = [(u, 2023, "5", n) for n, u in enumerate(DISTRICTS, start=1)]
    got = results(long_csv(tmp_path / "city.csv", rows))
    assert got[("黄浦区", 2023, "5")]["status"] == "pass"  # 1 < 8.5
    assert got[("浦东新区", 2023, "5")]["status"] == "fail"  # 11 > 8.5
    assert got[("徐汇区", 2023, "5")]["reference"] == 8.5
    assert "computed from 16 units" in str(got[("徐汇区", 2023, "5")]["reason"])


def test_a_value_equal_to_the_average_is_not_below_it(tmp_path: Path) -> None:
    rows = [("徐汇区", 2023, "16", 2.0), ("长宁区", 2023, "16", 2.0)]
    got = results(long_csv(tmp_path / "two.csv", rows))
    assert got[("徐汇区", 2023, "16")]["status"] == "fail"


def test_computed_ranks_follow_the_good_direction_and_share_ties(tmp_path: Path) -> None:
    # Satisfaction: higher is better. Two districts tie for 5th place; the next is 7th.
    values = [99, 98, 97, 96, 95, 95, 94] + [80 - n for n in range(9)]
    rows = [(u, 2023, "18", v) for u, v in zip(DISTRICTS, values, strict=True)]
    got = results(long_csv(tmp_path / "ranks.csv", rows))
    ranks = {u: got[(u, 2023, "18")]["rank"] for u in DISTRICTS}
    assert ranks["黄浦区"] == 1 and ranks["普陀区"] == 5 and ranks["虹口区"] == 5
    assert ranks["杨浦区"] == 7
    assert got[("虹口区", 2023, "18")]["status"] == "pass"  # rank 5 is 全市前列
    assert got[("杨浦区", 2023, "18")]["status"] == "fail"


def test_submitted_reference_and_reference_file_override_the_mean(tmp_path: Path) -> None:
    rows = [(u, 2023, "8", n) for n, u in enumerate(DISTRICTS, start=1)]  # mean 8.5
    city = long_csv(tmp_path / "city.csv", rows)
    official = tmp_path / "official.csv"
    official.write_text("year,indicator,reference\n2023,8,1.5\n", encoding="utf-8")
    got = results(city, "--reference", official)
    assert got[("徐汇区", 2023, "8")]["status"] == "fail"  # 2 is not below the official 1.5
    assert got[("徐汇区", 2023, "8")]["reference"] == 1.5
    assert "reference file" in str(got[("徐汇区", 2023, "8")]["reason"])


def test_a_reference_files_unit_column_and_unknown_columns_are_said(tmp_path: Path) -> None:
    """A reference is every unit's: a unit column is not read, and a warning says so (as a
    column plancheck does not use is said of a submission)."""
    rows = [(u, 2023, "8", n) for n, u in enumerate(DISTRICTS, start=1)]
    city = long_csv(tmp_path / "city.csv", rows)
    official = tmp_path / "official.csv"
    official.write_text("unit,year,indicator,reference,foo\n长宁区,2023,8,1.5,x\n", "utf-8")
    outcome = run("evaluate", city, "--reference", official, "-f", "json")
    assert outcome.code == 1
    assert outcome.stderr.splitlines() == [
        f"warning: {official}:1:5: column 'foo' is not used by plancheck: skipped",
        f"warning: {official}: a reference applies to every unit: its unit column (长宁区) is "
        "not read (a unit's own reference goes in the submission's 'reference' column)",
    ]
    assert {r["reference"] for r in outcome.json()["results"] if r["id"] == "8"} == {1.5}


@pytest.mark.parametrize("unit", ["徐汇区", ""])
def test_a_reference_files_unit_column_is_said_whatever_unit_it_names(
    tmp_path: Path, unit: str
) -> None:
    """The plan's own unit (or a blank) in a reference file's unit column is not read either."""
    rows = [(u, 2023, "8", n) for n, u in enumerate(DISTRICTS, start=1)]
    city = long_csv(tmp_path / "city.csv", rows)
    official = tmp_path / "official.csv"
    official.write_text(f"单位名称,年份,指标,参照值\n{unit},2023,8,1.5\n", "utf-8")
    outcome = run("evaluate", city, "--reference", official, "-f", "json")
    assert outcome.stderr.splitlines() == [
        f"warning: {official}: a reference applies to every unit: its unit column (徐汇区) is "
        "not read (a unit's own reference goes in the submission's 'reference' column)",
    ]
    without = tmp_path / "without.csv"
    without.write_text("年份,指标,参照值\n2023,8,1.5\n", "utf-8")
    assert run("evaluate", city, "--reference", without, "-f", "json").stderr == ""


def test_a_reference_files_value_column_is_never_a_reference(tmp_path: Path) -> None:
    """A unit's own figure beside a blank reference is not the city average: that row has no
    reference, and the value column is said not to be read."""
    unit = long_csv(tmp_path / "2023.csv", [("徐汇区", 2023, "8", 2), ("徐汇区", 2023, "5", 1)])
    official = tmp_path / "official.csv"
    official.write_text("year,indicator,value,reference\n2023,8,3.1,\n2023,5,9,1.8\n", "utf-8")
    outcome = run("evaluate", unit, "--reference", official, "-f", "json")
    got = {r["id"]: r for r in outcome.json()["results"]}
    assert (got["8"]["status"], got["8"]["reference"]) == ("unknown", None)
    assert (got["5"]["status"], got["5"]["reference"]) == ("pass", 1.8)
    assert outcome.stderr == (
        f"warning: {official}: its value column is not read: a reference file's figures are in "
        "its 'reference' column\n"
    )


def test_a_submission_given_as_a_reference_file_is_refused(tmp_path: Path) -> None:
    unit = long_csv(tmp_path / "2023.csv", [("徐汇区", 2023, "8", 2)])
    official = tmp_path / "official.csv"
    official.write_text("year,indicator,value\n2023,8,3.1\n", "utf-8")
    outcome = run("evaluate", unit, "--reference", official)
    assert outcome.code == 2
    assert outcome.stderr.startswith(f"{official}:1: no 'reference' column in the header")


def test_a_reference_file_without_a_reference_column_names_it(tmp_path: Path) -> None:
    city = long_csv(tmp_path / "city.csv", [("徐汇区", 2023, "8", 2)])
    official = tmp_path / "official.csv"
    official.write_text("year,indicator\n2023,8\n", "utf-8")
    outcome = run("evaluate", city, "--reference", official)
    assert outcome.code == 2
    assert outcome.stderr == (
        f"{official}:1: no 'reference' column in the header (a reference file gives each "
        "year's official figure of an indicator)\n"
    )


def test_a_district_missing_from_the_latest_year_is_not_compliant(tmp_path: Path) -> None:
    rows = [("徐汇区", y, "1", 100) for y in (2022, 2023)] + [("长宁区", 2022, "1", 100)]
    outcome = run("evaluate", long_csv(tmp_path / "gap.csv", rows), "-f", "json")
    data = outcome.json()
    assert outcome.code == 1 and "长宁区" in data["failing_units"]
    statuses = {(r["unit"], r["year"], r["id"]): r["status"] for r in data["results"]}
    assert statuses[("长宁区", 2023, "1")] == "missing"
    assert statuses[("长宁区", 2022, "1")] == "pass"


def test_unit_focus_keeps_peers(tmp_path: Path) -> None:
    rows = [(u, 2023, "5", n) for n, u in enumerate(DISTRICTS, start=1)]
    outcome = run("evaluate", long_csv(tmp_path / "c.csv", rows), "--unit", "徐汇区", "-f", "json")
    data = outcome.json()
    assert {r["id"]: r["status"] for r in data["results"]}["5"] == "pass"
    # One unit of sixteen: the report names it, and each result carries it (issue 17).
    assert data["unit"] == "徐汇区"
    assert {r["unit"] for r in data["results"]} == {"徐汇区"}
    assert run("evaluate", tmp_path / "c.csv", "--unit", "无此区").code == 2
    # The option is read as the file's unit cells are: outer spaces, full-width forms.
    spaced = run("evaluate", tmp_path / "c.csv", "--unit", " 徐汇区 ", "-f", "json")
    assert spaced.code == outcome.code and spaced.stdout == outcome.stdout


@pytest.mark.parametrize(
    ("series", "verdict"),
    [((52, 57, 62), "on_track"), ((66, 62, 58), "going_backwards"), ((50, 52, 53), "seriously_lagging"),
     ((50, 53, 56), "lagging"), ((60, 65, 71), "achieved")],
)  # fmt: skip
def test_trend_verdicts(tmp_path: Path, series: tuple[int, int, int], verdict: str) -> None:
    rows = [("徐汇区", 2021 + n, "7", v) for n, v in enumerate(series)]
    got = results(long_csv(tmp_path / "s.csv", rows))
    progress = got[("徐汇区", 2023, "7")]["progress"]
    assert isinstance(progress, dict) and progress["verdict"] == verdict


def test_trend_projection_is_the_least_squares_line(tmp_path: Path) -> None:
    rows = [("徐汇区", 2021 + n, "7", v) for n, v in enumerate((52, 57, 62))]
    progress = results(long_csv(tmp_path / "s.csv", rows))[("徐汇区", 2023, "7")]["progress"]
    assert isinstance(progress, dict)
    assert math.isclose(progress["projection"], 72) and math.isclose(progress["slope"], 5)
    assert progress["series"] == {"2021": 52, "2022": 57, "2023": 62}


def test_no_trend_is_projected_to_a_target_year_already_past(tmp_path: Path) -> None:
    """In 2026 the plan's 2025 is past: no trend to it (no "projected for 2025", no "Trends to
    2025" line, progress null); in the target year itself the trend is still drawn."""
    rows = [("徐汇区", 2021 + n, "7", v) for n, v in enumerate((50, 55, 58, 60, 63, 65))]
    path = long_csv(tmp_path / "s.csv", rows)
    got = results(path)
    assert got[("徐汇区", 2026, "7")]["status"] == "fail"
    assert got[("徐汇区", 2026, "7")]["progress"] is None
    assert isinstance(got[("徐汇区", 2025, "7")]["progress"], dict)
    for lang, words in (("en", "Trends to 2025"), ("zh", "至2025年趋势")):
        shown = run("evaluate", path, "--lang", lang)
        assert shown.code == 1 and "2026" in shown.stdout and words not in shown.stdout
    markdown = run("evaluate", path, "-f", "markdown", "--lang", "en").stdout
    assert "Projected 2025" not in markdown


def test_behind_reason_carries_the_trend() -> None:
    got = results(SAMPLES / "districts-2023.csv")
    reason = str(got[("静安区", 2023, "7")]["reason"])
    assert got[("静安区", 2023, "7")]["status"] == "behind" and "going backwards" in reason


# --- the rule-of-law index ------------------------------------------------------------------


def index_of(path: Path, plan: Path | None = None) -> dict[str, float]:
    extra = ["--plan", str(plan)] if plan else []
    data = run("evaluate", path, "-f", "json", *extra).json()
    return {i["unit"]: i["score"] for i in data["index"]}


def perfect_and_poor(tmp_path: Path) -> Path:
    good = {"1": 100, "2": 3, "3": 100, "4": 100, "5": 1, "6": 100, "7": 80, "8": 1, "9": 100,
            "10": 100, "11": 100, "12": 95, "13": 100, "14": 95, "15": 95, "16": 1, "17": 100,
            "18": 99, "19": 15, "20": 60, "21": 100, "22": 0.2, "23": 95}  # fmt: skip
    poor = {k: (v * 0.5 if k not in ("5", "8", "16") else 5) for k, v in good.items()}
    rows = [("徐汇区", 2023, k, v) for k, v in good.items()]
    rows += [("长宁区", 2023, k, v) for k, v in poor.items()]
    return long_csv(tmp_path / "pair.csv", rows)


def test_index_is_100_when_every_target_is_met_and_lower_otherwise(tmp_path: Path) -> None:
    scores = index_of(perfect_and_poor(tmp_path))
    assert scores["徐汇区"] == 100
    assert scores["长宁区"] < 60


@pytest.mark.parametrize(("figures", "scored"), [((0, 0), (True, True)), ((0, 1), (True, False))])
def test_a_goal_of_zero_scores_the_figure_at_it_100(
    tmp_path: Path, figures: tuple[float, float], scored: tuple[bool, bool]
) -> None:
    """行政诉讼败诉率 below the city average: when every district's rate is 0 the average is 0 —
    no span between floor and goal — and a figure at a strict goal fails yet scores 100."""
    rows = [(u, 2023, "8", v) for u, v in zip(("徐汇区", "长宁区"), figures, strict=True)]
    data = run("evaluate", long_csv(tmp_path / "zero.csv", rows), "-f", "json").json()
    # The category's other indicators were not submitted: this one's 100 is its ninth.
    by_unit = {i["unit"]: i["categories"]["依法行政"] for i in data["index"]}
    assert (by_unit["徐汇区"], by_unit["长宁区"]) == tuple(11.11 if s else 0.0 for s in scored)
    status = next(r["status"] for r in data["results"] if r["unit"] == "徐汇区" and r["id"] == "8")
    assert status == ("fail" if figures == (0, 0) else "pass")  # 0 is not < 0


def test_index_weights_come_from_the_plan(tmp_path: Path) -> None:
    source = perfect_and_poor(tmp_path)
    before = index_of(source)["长宁区"]
    plan = tmp_path / "plan"
    plan.mkdir()
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    # Weigh 依法执政 (where the poor district scores worst, at half its targets) ten times.
    text = text.replace(
        "  - name: 依法执政\n    name_en: Law-based governance by the Party\n",
        "  - name: 依法执政\n    name_en: Law-based governance by the Party\n    weight: 10\n",
    )
    (plan / "indicators.yaml").write_text(text, encoding="utf-8")
    after = index_of(source, plan)["长宁区"]
    assert after != before
    data = run("evaluate", source, "-f", "json", "--plan", plan).json()
    score = next(i for i in data["index"] if i["unit"] == "长宁区")
    categories = score["categories"]
    others = [v for k, v in categories.items() if k != "依法执政"]
    expected = (10 * categories["依法执政"] + sum(others)) / (10 + len(others))
    assert math.isclose(score["score"], round(expected, 2), abs_tol=0.01)


def test_a_unit_with_nothing_scored_has_no_index_and_no_rank(tmp_path: Path) -> None:
    rows = [("徐汇区", 2023, "1", 100), ("长宁区", 2023, "1", 90), ("静安区", 2022, "1", 100)]
    source = long_csv(tmp_path / "gap.csv", rows)
    data = run("evaluate", source, "-f", "json").json()
    index = [i for i in data["index"] if i["year"] == 2023]
    latest = {i["unit"]: (i["score"], i["rank"], i["scored"]) for i in index}
    # One figure of 23: the 22 blank ones score 0 (not met), so the index is low but ranked.
    assert [latest[u][1:] for u in ("徐汇区", "长宁区", "静安区")] == [(1, 1), (2, 1), (None, 0)]
    assert 0 < latest["长宁区"][0] < latest["徐汇区"][0] < 10 and latest["静安区"][0] is None
    assert [i["unit"] for i in index] == ["徐汇区", "长宁区", "静安区"]  # the unranked last
    # Nor category scores: a category with nothing scored is not 0 (null; — in the tables).
    assert set(index[2]["categories"].values()) == {None} and len(index[2]["categories"]) == 4
    assert index[1]["categories"]["法治社会"] == 0.0  # a present unit's blank figures score 0
    table = run("evaluate", source).stdout
    assert "—  静安区" in table
    markdown = run("evaluate", source, "-f", "markdown").stdout
    assert "| — | 静安区 | — | — | — | — | — | 0/23 |" in markdown
    assert '    x-axis ["徐汇区", "长宁区"]' in markdown  # the chart shows scores only


def test_a_unit_whose_figures_cannot_be_judged_is_not_absent(tmp_path: Path) -> None:
    """黄浦区 submitted two figures that cannot be judged (its relative and rank targets have no
    peers with a figure): it is not absent, so its blank figures score 0 and it is ranked."""
    rows = [("黄浦区", 2023, "16", 2.6), ("黄浦区", 2023, "18", 90), ("徐汇区", 2023, "1", 100)]
    data = run("evaluate", long_csv(tmp_path / "unjudged.csv", rows), "-f", "json").json()
    index = {i["unit"]: i for i in data["index"]}
    assert (index["黄浦区"]["score"], index["黄浦区"]["rank"], index["黄浦区"]["scored"]) == (
        0,
        2,
        0,
    )
    assert set(index["黄浦区"]["categories"].values()) == {0.0}
    assert index["徐汇区"]["rank"] == 1


@pytest.mark.parametrize("indicator", ["1", "12", "20", "22"])
def test_a_blank_figure_never_raises_the_index_or_the_rank(tmp_path: Path, indicator: str) -> None:
    """Leaving out a poor figure must not pay: blank scores as a target not met."""
    source = perfect_and_poor(tmp_path).read_text(encoding="utf-8").splitlines()
    true_rows = source[1:]
    poor_row = next(r for r in true_rows if r.startswith(f"长宁区,2023,{indicator},"))
    blank = tmp_path / "blank.csv"
    blank.write_text("\n".join([source[0], *(r for r in true_rows if r != poor_row)]) + "\n")
    with_truth = run("evaluate", tmp_path / "pair.csv", "-f", "json").json()["index"]
    left_out = run("evaluate", blank, "-f", "json").json()["index"]
    truth = next(i for i in with_truth if i["unit"] == "长宁区")
    blanked = next(i for i in left_out if i["unit"] == "长宁区")
    assert blanked["score"] <= truth["score"] and blanked["rank"] >= truth["rank"]
    assert blanked["scored"] == truth["scored"] - 1  # coverage counts submitted figures


def test_index_ranks_units() -> None:
    data = run("evaluate", SAMPLES / "districts-2023.csv", "-f", "json").json()
    latest = [i for i in data["index"] if i["year"] == 2023]
    assert len(latest) == 16
    assert sorted(i["rank"] for i in latest)[0] == 1
    ordered = sorted(latest, key=lambda i: i["rank"])
    assert all(a["score"] >= b["score"] for a, b in itertools.pairwise(ordered))


def _tied(tmp_path: Path) -> Path:
    """Three districts with the same figures (a tie), listed out of the plan's order and out
    of name order, and 长宁区 below them with a worse one."""
    good = perfect_and_poor(tmp_path).read_text(encoding="utf-8").splitlines()[1:]
    figures = [row.split(",")[2:] for row in good if row.startswith("徐汇区,")]
    rows = [(u, 2023, i, v) for u in ("静安区", "黄浦区", "徐汇区") for i, v in figures]
    rows += [("长宁区", 2023, i, 0 if i == "1" else v) for i, v in figures]
    return long_csv(tmp_path / "tied.csv", rows)


def _ranking_of(source: Path, *extra: str | Path) -> dict[str, list[str]]:
    """The units of the index ranking as each format lists them."""
    data = run("evaluate", source, "-f", "json", *extra).json()
    shown = {"json": [i["unit"] for i in data["index"]]}
    assert [i["rank"] for i in data["index"]] == [1, 1, 1, 4]
    table = run("evaluate", source, "--lang", "en", *extra).stdout
    shown["table"] = re.findall(r"^ +\d+\. (\S+) ", table, flags=re.MULTILINE)
    markdown = run("evaluate", source, "-f", "markdown", "--lang", "en", *extra).stdout
    markdown = markdown.split("## Rule-of-law index 2023", 1)[1].split("\n## ", 1)[0]
    shown["markdown"] = re.findall(r"^\| \d+ \| (\S+) \|", markdown, flags=re.MULTILINE)
    return shown


def test_index_ties_keep_the_plans_order_of_its_units(tmp_path: Path) -> None:
    # The plan lists 黄浦区, 徐汇区, … 静安区; by name (code point) 徐 < 静 < 黄.
    expected = ["黄浦区", "徐汇区", "静安区", "长宁区"]
    assert [u for u in DISTRICTS if u in expected[:3]] == expected[:3]
    for fmt, units in _ranking_of(_tied(tmp_path)).items():
        assert units == expected, fmt


def test_index_ties_are_in_name_order_when_the_plan_lists_no_units(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    start = text.index("    members: [")
    end = text.index("]", start) + 2
    (plan / "indicators.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    for fmt, units in _ranking_of(_tied(tmp_path), "--plan", plan).items():
        assert units == ["徐汇区", "静安区", "黄浦区", "长宁区"], fmt


def test_reports_show_matrix_progress_and_index() -> None:
    markdown = run(
        "evaluate", SAMPLES / "districts-2023.csv", "-f", "markdown", "--lang", "en"
    ).stdout
    assert "## Status by unit, 2023" in markdown and "```mermaid" in markdown
    assert "## Progress over the years" in markdown and "## Rule-of-law index 2023" in markdown
    table = run("evaluate", SAMPLES / "districts-2023.csv", "--lang", "en").stdout
    assert "Rule-of-law index 2023" in table and "█" in table


def test_wide_submission(tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(
        "unit,year,1,重大行政决策合法性审查率,16\n徐汇区,2023,100,100,2.0\n长宁区,2023,100,98,3.0\n",
        encoding="utf-8",
    )
    got = results(wide)
    assert got[("徐汇区", 2023, "4")]["status"] == "pass"
    assert got[("长宁区", 2023, "4")]["status"] == "fail"
    assert got[("徐汇区", 2023, "16")]["status"] == "pass"  # 2.0 < the mean 2.5


def test_several_years_say_which_years_each_count_covers() -> None:
    """The full summary counts every judged year; the binding/expected lines the latest only
    (the compact terminal report counts the latest year: tests/test_table_compact.py)."""
    files = [SAMPLES / f"{year}.csv" for year in (2020, 2021, 2022, 2023)]
    table = run("evaluate", *files, "--details").stdout
    assert "Summary 2021–2023: ✔ pass 36" in table
    assert "  binding 2023: 8/8 pass" in table
    markdown = run("evaluate", *files, "-f", "markdown").stdout
    # a shared report: a row per year, the latest year's counts beside the verdict
    assert "| 2021 | 10 | 1 | 12 | 0 | 0 | 23 |" in markdown
    assert "| 2023 | 14 | 1 | 6 | 1 | 1 | 23 |" in markdown
    assert "(2023: pass 14, FAIL 1, behind 6, missing 1, unknown 1)" in markdown
    assert "36" not in markdown.split("## Needs attention")[0]  # never a sum over the years
    single = run("evaluate", SAMPLES / "2023.csv").stdout
    assert "Summary: " in single and "  binding: 8/8 pass" in single


def test_a_projection_stays_within_the_indicators_range(tmp_path: Path) -> None:
    """A rate climbing 96 → 98 → 99.5 projects past 100 on its line; it is shown as 100."""
    rows = [("徐汇区", 2021 + n, "11", v) for n, v in enumerate((96, 98, 99.5))]
    got = results(long_csv(tmp_path / "s.csv", rows))[("徐汇区", 2023, "11")]
    progress = got["progress"]
    assert isinstance(progress, dict) and progress["projection"] == 100
    assert progress["slope"] > 1.5  # the line itself would pass 100 before 2025
    assert "100 projected for 2025" in str(got["reason"])


@pytest.mark.parametrize(
    ("unit", "minimum", "bounds"),
    [("次/年", None, (0.0, None)), ("件", None, (0.0, None)), ("人/万人", None, (0.0, None)),
     ("万人", None, (0.0, None)), ("人次", None, (0.0, None)), ("件", -5.0, (-5.0, None)),
     ("%", None, (0.0, 100.0)), ("亿元", None, (None, None)), ("岁", None, (None, None)),
     ("个百分点", None, (None, None)), (None, None, (None, None))],
)  # fmt: skip
def test_a_count_is_never_projected_below_zero(
    unit: str | None, minimum: float | None, bounds: tuple[float | None, float | None]
) -> None:
    """A count (次, 件, 人…) is projected within 0 and up unless the plan sets its minimum; a
    rate within its valid range; a level of money or years as its line goes."""
    from dataclasses import replace

    from plancheck.evaluate.progress import projection_bounds

    indicator = replace(load_plan().indicators[1], unit=unit, minimum=minimum)
    assert projection_bounds(indicator) == bounds


def test_a_projection_is_printed_at_the_precision_of_its_figures(tmp_path: Path) -> None:
    rows = [("徐汇区", 2021 + n, "7", v) for n, v in enumerate((52, 57, 63))]
    reason = str(results(long_csv(tmp_path / "s.csv", rows))[("徐汇区", 2023, "7")]["reason"])
    # The line gives 73.8333…; figures and target are whole numbers, so is the projection.
    assert "74 projected for 2025" in reason


def test_a_computed_mean_is_shown_one_decimal_finer_than_the_figure_beside_it(
    tmp_path: Path,
) -> None:
    rows = [("徐汇区", 2023, "16", 2.9), ("长宁区", 2023, "16", 2.6), ("静安区", 2023, "16", 2.35)]
    got = results(long_csv(tmp_path / "m.csv", rows))
    reason = str(got[("徐汇区", 2023, "16")]["reason"])
    assert "city average 2.62 (computed from 3 units)" in reason  # not 2.6167
    assert got[("徐汇区", 2023, "16")]["reference"] == 2.61666666667  # the JSON keeps the mean


@pytest.mark.parametrize(
    ("figures", "classes"),
    [
        # Met in 1 of 3 years: lagging; a year left out counts as a year not met.
        (("99", "99", "100"), ["lagging", "lagging", "lagging"]),
        (("99", "N/A", "100"), ["lagging", None, "lagging"]),
        # Indicator 2 (≥ 2 a year), met every year so far by 1: ahead; a gap is no year met.
        (("3", "3", "3"), ["ahead", "ahead", "ahead"]),
        (("3", "", "3"), ["ahead", None, "on_track"]),
    ],
)
def test_a_year_without_a_figure_never_raises_an_annual_midterm_class(
    tmp_path: Path, figures: tuple[str, str, str], classes: list[str | None]
) -> None:
    """Indicator 1 of the bundled plan is ≥ 100 and indicator 2 ≥ 2, binding, every year."""
    indicator = "2" if figures[0] == "3" else "1"
    rows = [("徐汇区", y, indicator, v) for y, v in zip((2021, 2022, 2023), figures, strict=True)]
    got = results(long_csv(tmp_path / "unit.csv", rows))
    assert [got[("徐汇区", y, indicator)]["midterm"] for y in (2021, 2022, 2023)] == classes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_index_bars_leave_the_coverage_in_one_column(lang: str) -> None:
    """A score whose bar ends on a whole block (94.8: 19 blocks) is padded like the rest."""
    from rich.cells import cell_len

    table = run("evaluate", SAMPLES / "districts-2023.csv", "--lang", lang).stdout
    lines = table.split(
        index_name := ("Rule-of-law index 2023" if lang == "en" else "2023年法治指数")
    )[1]
    bars = [line for line in lines.splitlines()[1:17]]
    assert len(bars) == 16 and all("█" in line for line in bars), index_name
    opening = "(" if lang == "en" else "（"
    assert len({cell_len(line.split(opening)[0]) for line in bars}) == 1


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ("2022,5,1.8\n", "holds no reference figure for the submission's years (2023), only for "
                         "2022: none of its figures is used"),
        ("2023,5,\n", "holds no reference figure: nothing of it is used"),
    ],
)  # fmt: skip
def test_a_reference_file_that_gives_nothing_for_the_year_is_said(
    tmp_path: Path, rows: str, said: str
) -> None:
    """A reference file of another year (or of empty cells) was not used, silently: the reason
    of every relative target then asked to pass the --reference the user had passed."""
    unit = long_csv(tmp_path / "2023.csv", [("徐汇区", 2023, "5", 1)])
    official = tmp_path / "official.csv"
    official.write_text(f"year,indicator,reference\n{rows}", "utf-8")
    outcome = run("evaluate", unit, "--reference", official, "-f", "json", "--lang", "en")
    got = {r["id"]: r["status"] for r in outcome.json()["results"]}
    assert got["5"] == "unknown"
    assert outcome.stderr == f"warning: {official}: {said}\n"
    zh = run("evaluate", unit, "--reference", official, "-f", "json", "--lang", "zh")
    assert zh.stderr.startswith(f"警告：{official}：") and zh.stderr.count("\n") == 1


def test_a_reference_file_without_a_year_is_of_the_submissions_one_year(tmp_path: Path) -> None:
    """A reference file of `indicator,reference` beside a submission of one year was refused
    ('cannot tell the year'): it is of that year. A year it says itself (its name) still wins,
    and beside a submission of several years it must say one."""
    unit = long_csv(tmp_path / "2023.csv", [("徐汇区", 2023, "5", 1)])
    official = tmp_path / "official.csv"
    official.write_text("indicator,reference\n5,1.8\n", "utf-8")
    outcome = run("evaluate", unit, "--reference", official, "-f", "json")
    assert outcome.code in (0, 1) and outcome.stderr == "", outcome.stderr
    got = {r["id"]: r for r in outcome.json()["results"]}
    assert (got["5"]["status"], got["5"]["reference"]) == ("pass", 1.8)
    assert run("check", unit, "--reference", official).code == 0
    named = tmp_path / "official-2022.csv"
    named.write_text("indicator,reference\n5,1.8\n", "utf-8")
    other = run("evaluate", unit, "--reference", named, "--lang", "en")
    assert "holds no reference figure for the submission's years (2023), only for 2022" in (
        other.stderr
    )
    with_baseline = long_csv(
        tmp_path / "b.csv", [("徐汇区", 2020, "5", 1), ("徐汇区", 2023, "5", 1)]
    )
    judged = run("evaluate", with_baseline, "--reference", official, "-f", "json")
    got = {r["id"]: r for r in judged.json()["results"] if r["year"] == 2023}  # 2020: a baseline
    assert (got["5"]["status"], got["5"]["reference"]) == ("pass", 1.8), judged.stderr
    two = long_csv(tmp_path / "two.csv", [("徐汇区", 2022, "5", 1), ("徐汇区", 2023, "5", 1)])
    refused = run("evaluate", two, "--reference", official, "--lang", "en")
    assert refused.code == 2
    assert refused.stderr == (
        f"{official}:2: cannot tell the year: add a 'year' column, pass --year, or name the file "
        "like 2023.csv\n"
    )
