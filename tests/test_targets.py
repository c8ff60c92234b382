"""Every operator and kind of target at its boundary, through the installed CLI's JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run

OPS_PLAN = FIXTURES / "plans" / "ops"


def judge(tmp_path: Path, rows: str, year: int = 2023) -> dict[str, str]:
    source = tmp_path / "in.csv"
    source.write_text("indicator,value,reference,rank\n" + rows, encoding="utf-8")
    result = run("evaluate", source, "--plan", OPS_PLAN, "--year", str(year), "-f", "json")
    assert result.code in (0, 1), result.stderr
    return result.statuses()


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("1,50,,", "pass"),  # 50以上 includes 50
        ("1,49.99,,", "fail"),
        ("2,50,,", "fail"),  # 高于50 excludes 50
        ("2,50.01,,", "pass"),
        ("3,3,,", "pass"),  # 不超过3 includes 3
        ("3,3.01,,", "fail"),
        ("4,4.0,,", "fail"),  # 低于4.0 excludes 4.0
        ("4,3.99,,", "pass"),
        ("5,2,,", "pass"),
        ("5,3,,", "fail"),
        ("6,1.8,1.8,", "fail"),  # strictly below the city average
        ("6,1.79,1.8,", "pass"),
        ("6,1.2,,", "unknown"),  # no reference: cannot judge
        ("7,90,,5", "pass"),  # 全市前列: rank 5 or better
        ("7,90,,6", "fail"),
        ("7,90,,", "unknown"),  # no rank: cannot judge
        ("9,80,,", "unknown"),  # qualitative without a previous year
    ],
)
def test_boundary(tmp_path: Path, row: str, expected: str) -> None:
    indicator = row.split(",")[0]
    assert judge(tmp_path, row + "\n")[indicator] == expected


def test_change_target_needs_and_uses_the_baseline(tmp_path: Path) -> None:
    assert judge(tmp_path, "8,85,,\n")["8"] == "unknown"
    base = tmp_path / "2020.csv"
    base.write_text("indicator,value\n8,80\n", encoding="utf-8")
    for value, expected in (("85", "pass"), ("84.9", "fail")):
        now = tmp_path / "2023.csv"
        now.write_text(f"indicator,value\n8,{value}\n", encoding="utf-8")
        result = run("evaluate", base, now, "--plan", OPS_PLAN, "-f", "json")
        assert result.statuses()["8"] == expected


def test_a_change_target_met_exactly_passes(tmp_path: Path) -> None:
    """0.56 + 5 points is 5.5600000000000005 in binary floating point: 5.56 still meets it."""
    base = tmp_path / "2020.csv"
    base.write_text("indicator,value\n8,0.56\n", encoding="utf-8")
    now = tmp_path / "2025.csv"
    now.write_text("indicator,value\n8,5.56\n", encoding="utf-8")
    result = run("evaluate", base, now, "--plan", OPS_PLAN, "-f", "json")
    (latest,) = [r for r in result.json()["results"] if r["id"] == "8" and r["year"] == 2025]
    assert latest["status"] == "pass"
    assert latest["reason"] == "5.56 meets the target ≥ 5.56 (+5 pt from the baseline 0.56)"


def test_a_change_in_points_is_said_in_chinese(tmp_path: Path) -> None:
    """--lang zh says 个百分点, not the English "pt", of a change in points."""
    base = tmp_path / "2020.csv"
    base.write_text("indicator,value\n8,0.56\n", encoding="utf-8")
    now = tmp_path / "2025.csv"
    now.write_text("indicator,value\n8,5.56\n", encoding="utf-8")
    result = run("evaluate", base, now, "--plan", OPS_PLAN, "-f", "json", "--lang", "zh")
    (latest,) = [r for r in result.json()["results"] if r["id"] == "8" and r["year"] == 2025]
    assert latest["reason"] == "5.56 达到目标 ≥ 5.56（较基数 0.56 +5 个百分点）"


def test_qualitative_target_compares_with_the_year_before(tmp_path: Path) -> None:
    before = tmp_path / "2022.csv"
    before.write_text("indicator,value\n9,80\n", encoding="utf-8")
    for value, expected in (("80.5", "pass"), ("80", "fail")):
        now = tmp_path / "2023.csv"
        now.write_text(f"indicator,value\n9,{value}\n", encoding="utf-8")
        result = run("evaluate", before, now, "--plan", OPS_PLAN, "-f", "json")
        statuses = {(r["year"], r["id"]): r["status"] for r in result.json()["results"]}
        assert statuses[(2023, "9")] == expected
    now.write_text("indicator,value\n9,80.000001\n", encoding="utf-8")  # up, by a hair
    result = run("evaluate", before, now, "--plan", OPS_PLAN, "-f", "json")
    (latest,) = [r for r in result.json()["results"] if (r["year"], r["id"]) == (2023, "9")]
    assert latest["status"] == "pass"
    assert latest["reason"].startswith("80.000001 against 80 the year before")
    table = run("evaluate", before, now, "--plan", OPS_PLAN, "-f", "markdown").stdout
    assert "| 持续提升 | 80.0000 | 80.000001 | ✔ pass |" in table  # the figure as given, not 80


@pytest.mark.parametrize(
    ("year", "value", "expected"),
    [
        (2023, "89", "behind"),  # before the target year: not a failure yet
        (2023, "90", "pass"),
        (2025, "89", "fail"),  # in the target year
        (2026, "89", "fail"),  # after it: judged against the final target
        (2026, "95", "pass"),
    ],
)
def test_by_target_year_timing(tmp_path: Path, year: int, value: str, expected: str) -> None:
    assert judge(tmp_path, f"10,{value},,\n", year)["10"] == expected


def test_a_reference_or_rank_given_where_the_target_does_not_use_it_is_not_shown(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("indicator,value,reference,rank\n1,50,99,3\n", encoding="utf-8")
    result = run("evaluate", source, "--plan", OPS_PLAN, "--year", "2023", "-f", "json")
    (only,) = result.json()["results"][:1]
    assert (only["id"], only["reference"], only["rank"]) == ("1", None, None)


@pytest.mark.parametrize("given", ["1", "01", "１", "\u200b1\u200e"])
def test_numbers_match_with_or_without_leading_zeros_and_invisible_marks(
    tmp_path: Path, given: str
) -> None:
    """The plan numbers an indicator "01"; a submission may write 1, 01, １ or a pasted 1."""
    plan = tmp_path / "plan"
    plan.mkdir()
    text = (OPS_PLAN / "indicators.yaml").read_text(encoding="utf-8")
    (plan / "indicators.yaml").write_text(text.replace('{id: "1",', '{id: "01",'), encoding="utf-8")
    source = tmp_path / "in.csv"
    source.write_text(f"indicator,value\n{given},50\n", encoding="utf-8")
    result = run("evaluate", source, "--plan", plan, "--year", "2023", "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.statuses()["01"] == "pass"
