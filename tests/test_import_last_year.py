"""plan import of targets stated against the year before: 不低于上年 and 不高于上年 become
qualitative targets that say which way is good themselves, so that the draft judges each figure
against the unit's figure of the year before the right way round — never an indicator named 上年
(a versus target plan validate refuses, or a todo), never ≥ for 不高于上年 on a rate the importer
gave no `better`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from plancheck.cli import app

TABLE = (
    "序号,指标名称,属性,单位,指标目标\n"
    "1,群众安全感,预期性,%,不低于上年\n"
    "2,万人刑事案件发案率,预期性,‰,不高于上年\n"
    "3,公共法律服务满意度,预期性,%,比上年提高\n"
    "4,律师人数增长,预期性,%,较上年增长5%\n"
)
# 2022 against 2021: the same figure, a fall and a rise, for each indicator
FIGURES = (
    "unit,year,indicator,value\n"
    "甲,2021,1,90\n甲,2022,1,90\n乙,2021,1,90\n乙,2022,1,89.5\n"
    "甲,2021,2,3\n甲,2022,2,2.5\n乙,2021,2,3\n乙,2022,2,3.5\n丙,2021,2,3\n丙,2022,2,3\n"
    "甲,2021,3,80\n甲,2022,3,80\n乙,2021,3,80\n乙,2022,3,81\n"
    "甲,2022,4,5\n"
)


def run(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def of_year(report: str, year: int) -> dict[tuple[str, str], Any]:
    """A JSON report's results of one year, by unit and indicator."""
    results = json.loads(report)["results"]
    return {(r["unit"], r["id"]): r for r in results if r["year"] == year}


def imported(tmp_path: Path) -> Path:
    table = tmp_path / "table.csv"
    table.write_text(TABLE, encoding="utf-8")
    folder = tmp_path / "plan"
    result = run("plan", "import", table, "-o", folder, "--period", "2021-2025")
    assert result.exit_code == 0, result.stderr
    return folder


def test_targets_against_the_year_before_are_drafted_as_what_they_say(tmp_path: Path) -> None:
    folder = imported(tmp_path)
    plan = yaml.safe_load((folder / "indicators.yaml").read_text(encoding="utf-8"))
    indicators = {i["id"]: i for i in plan["indicators"]}
    assert {k: i["target"] for k, i in indicators.items()} == {
        "1": {"kind": "qualitative", "direction": "not_lower"},
        "2": {"kind": "qualitative", "direction": "not_higher"},
        "3": {"kind": "qualitative", "direction": "increase"},
        # a number against the year before: no kind reads it (a change is from the baseline)
        "4": {"kind": "todo", "text": "较上年增长5%"},
    }
    assert all("better" not in i for i in indicators.values())  # the target says which way
    assert {i["timing"] for i in indicators.values()} == {"annual"}
    result = run("plan", "validate", folder)
    assert result.exit_code == 0, result.stderr
    assert "indicator 1" not in result.stderr and "indicator 2" not in result.stderr


def test_the_draft_judges_each_figure_against_the_year_before_the_right_way(
    tmp_path: Path,
) -> None:
    folder = imported(tmp_path)
    figures = tmp_path / "2022.csv"
    figures.write_text(FIGURES, encoding="utf-8")
    result = run("evaluate", figures, "--plan", folder, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    found = of_year(result.stdout, 2022)
    statuses = {key: r["status"] for key, r in found.items() if r["status"] != "missing"}
    assert statuses == {
        ("甲", "1"): "pass",  # 90 after 90: not lower
        ("乙", "1"): "fail",  # 89.5 after 90
        ("甲", "2"): "pass",  # 2.5 after 3: ≤, lower is better (≥ would fail it)
        ("乙", "2"): "fail",  # 3.5 after 3 (≥ would pass it)
        ("丙", "2"): "pass",  # 3 after 3: the year before's figure included
        ("甲", "3"): "fail",  # 80 after 80: 比上年提高 is strict
        ("乙", "3"): "pass",
        ("甲", "4"): "unknown",  # todo: never judged
    }
    assert found[("甲", "2")]["reason"].startswith("2.5 against 3 the year before: not higher")
    assert found[("乙", "2")]["reason"].startswith("3.5 against 3 the year before: higher")
    zh = run("evaluate", figures, "--plan", folder, "-f", "json", "--lang", "zh")
    reasons = {key: r["reason"] for key, r in of_year(zh.stdout, 2022).items()}
    assert reasons[("甲", "2")].startswith("2.5，上年为 3：不高于上年")
    assert reasons[("乙", "2")].startswith("3.5，上年为 3：高于上年")
    assert reasons[("甲", "1")].startswith("90，上年为 90：不低于上年")
    assert reasons[("乙", "1")].startswith("89.5，上年为 90：低于上年")


def test_the_first_year_without_a_baseline_is_never_passed(tmp_path: Path) -> None:
    """No base-year column in the table: in 2021 there is no figure of the year before."""
    folder = imported(tmp_path)
    figures = tmp_path / "2021.csv"
    figures.write_text(FIGURES, encoding="utf-8")
    for lang, said in (
        ("en", "a qualitative target (not higher): needs the previous year's value"),
        ("zh", "定性目标（不高于上年）：需要上年数值"),
    ):
        result = run("evaluate", figures, "--plan", folder, "-f", "json", "--lang", lang)
        found = of_year(result.stdout, 2021)[("甲", "2")]
        assert found["status"] == "unknown" and found["reason"].startswith(said), found
