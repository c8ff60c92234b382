"""plan import of the tables people make themselves — a CSV, a markdown page, text with tabs or
one cell per line, a workbook: heading rows as categories, the headers of the 年均/累计 column,
a lone base-year column, growth rates, totals in 〔〕 or said with 累计, repeated numbers, and
where each note points. Each case is a table and what its draft must say."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.plan.importers import Imported, import_plan


def run(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def imported(folder: Path, name: str, text: str, period: tuple[int, int] | None = None) -> Imported:
    source = folder / name
    source.write_text(text, encoding="utf-8")
    return import_plan(source, period)


def indicators(draft: Imported) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = yaml.safe_load(draft.indicators)["indicators"]
    return found


def indicators_of(folder: Path) -> list[dict[str, Any]]:
    text = (folder / "indicators.yaml").read_text(encoding="utf-8")
    found: list[dict[str, Any]] = yaml.safe_load(text)["indicators"]
    return found


def cumulative(amount: float, compound: str) -> dict[str, Any]:
    return {"kind": "cumulative", "amount": amount, "compound": compound}


def messages(draft: Imported, kind: str) -> list[str]:
    return [f.message for f in draft.findings if f.kind == kind]


# --- heading rows are the category of the rows under them, in every layout ---------------------

HEADINGS = {
    "headings.csv": (
        "指标,单位,2020年,2025年,年均/累计,属性\n"
        "一、经济发展,,,,,\n"
        "1.地区生产总值增长,%,3.1,,6.5左右,预期性\n"
        "2.常住人口城镇化率,%,60.1,65,,预期性\n"
        "二、绿色发展,,,,,\n"
        "3.森林覆盖率,%,23,24,,约束性\n"
    ),
    "headings.md": (
        "| 指标 | 单位 | 2020年 | 2025年 | 年均/累计 | 属性 |\n"
        "|---|---|---|---|---|---|\n"
        "| **一、经济发展** | | | | | |\n"
        "| 1.地区生产总值增长 | % | 3.1 | | 6.5左右 | 预期性 |\n"
        "| 2.常住人口城镇化率 | % | 60.1 | 65 | | 预期性 |\n"
        "| **二、绿色发展** | | | | | |\n"
        "| 3.森林覆盖率 | % | 23 | 24 | | 约束性 |\n"
    ),
    "headings-tabs.txt": (
        "指标\t单位\t2020年\t2025年\t年均/累计\t属性\n"
        "（一）经济发展\n"
        "1.地区生产总值增长\t%\t3.1\t\t6.5左右\t预期性\n"
        "2.常住人口城镇化率\t%\t60.1\t65\t\t预期性\n"
        "（二）绿色发展\n"
        "3.森林覆盖率\t%\t23\t24\t\t约束性\n"
    ),
    # One cell per line, "—" in the empty ones.
    "headings-cells.txt": "\n".join(
        [
            *("指标", "单位", "2020年", "2025年", "年均/累计", "属性", "一、经济发展"),
            *("1.地区生产总值增长", "%", "3.1", "—", "6.5左右", "预期性"),
            *("2.常住人口城镇化率", "%", "60.1", "65", "—", "预期性", "二、绿色发展"),
            *("3.森林覆盖率", "%", "23", "24", "—", "约束性", ""),
        ]
    ),
    # One cell per line, the empty ones gone.
    "headings-lines.txt": "\n".join(
        [
            *("序号", "指标", "属性", "单位", "2025年", "一、经济发展"),
            *("1", "地区生产总值增长", "预期性", "%", "6.5左右"),
            *("2", "常住人口城镇化率", "预期性", "%", "65", "二、绿色发展"),
            *("3", "森林覆盖率", "约束性", "%", "24", ""),
        ]
    ),
}
UNDER_HEADINGS = [
    ("1", "经济发展", "地区生产总值增长"),
    ("2", "经济发展", "常住人口城镇化率"),
    ("3", "绿色发展", "森林覆盖率"),
]


def headings_xlsx(path: Path) -> Path:
    """A workbook whose heading rows are merged across the table."""
    pytest.importorskip("python_calamine")
    xlsxwriter = pytest.importorskip("xlsxwriter")
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("指标")
    sheet.write_row(0, 0, ["指标", "单位", "2020年", "2025年", "年均/累计", "属性"])
    sheet.merge_range(1, 0, 1, 5, "一、经济发展")
    sheet.write_row(2, 0, ["1.地区生产总值增长", "%", 3.1, "", "6.5左右", "预期性"])
    sheet.write_row(3, 0, ["2.常住人口城镇化率", "%", 60.1, 65, "", "预期性"])
    sheet.merge_range(4, 0, 4, 5, "二、绿色发展")
    sheet.write_row(5, 0, ["3.森林覆盖率", "%", 23, 24, "", "约束性"])
    workbook.close()
    return path


@pytest.mark.parametrize("name", [*HEADINGS, "headings.xlsx"])
def test_a_heading_row_is_the_category_of_the_rows_under_it(tmp_path: Path, name: str) -> None:
    if name.endswith(".xlsx"):
        draft = import_plan(headings_xlsx(tmp_path / name), (2021, 2025))
    else:
        draft = imported(tmp_path, name, HEADINGS[name], (2021, 2025))
    found = [(i["id"], i["category"], i["name"]) for i in indicators(draft)]
    assert found == UNDER_HEADINGS
    assert [c["name"] for c in yaml.safe_load(draft.indicators)["categories"]] == [
        "经济发展",
        "绿色发展",
    ]
    todo = messages(draft, "TODO")
    assert not any("no category in the table" in m or "no number in the table" in m for m in todo)


# --- the 年均/累计 column, however its header writes it; a lone year column ---------------------

AVERAGE_HEADERS = ["年均/累计", "年均增长[累计]", "年均增长〔累计〕", "年均增速", "年均增长(%)"]
AVERAGE_HEADERS += ["年均（累计）", "年均增长（％）", "五年累计"]


@pytest.mark.parametrize("header", AVERAGE_HEADERS)
def test_the_average_column_under_each_header_people_write(tmp_path: Path, header: str) -> None:
    table = (
        f"指标,单位,2020年,2025年,{header},属性\n"
        "1.单位GDP能耗降低,%,,,〔13.5〕,约束性\n"
        "2.地区生产总值增长,%,3.1,,＞5,预期性\n"
    )
    draft = imported(tmp_path, "t.csv", table)
    assert [(i["target"], i["timing"]) for i in indicators(draft)] == [
        (cumulative(13.5, "reduction"), "by_target_year"),
        ({"kind": "average_growth", "op": ">", "value": 5}, "annual"),
    ]
    assert not any("gives no target" in m for m in messages(draft, "TODO"))
    # What a person checks names the column as the table heads it
    said = [m for m in messages(draft, "check") if "'＞5' in the" in m]
    assert said and all(f"'＞5' in the {header} column" in m for m in said), said


def test_an_average_column_and_a_totals_column_side_by_side_are_both_read(tmp_path: Path) -> None:
    """类别/指标/2020年/2025年/年均/累计/属性: a row's target is in the one of the two it fills —
    〔14〕 and a bare 50 under 累计 are totals over the period, ＞6 under 年均 an average."""
    table = (
        "类别,指标,2020年,2025年,年均,累计,属性\n"
        "经济,1.地区生产总值增长（%）,3.5,—,＞6,—,预期性\n"
        "经济,2.城镇新增就业（万人）,—,—,—,50,预期性\n"
        "绿色,3.单位GDP能耗降低（%）,—,—,—,〔14〕,约束性\n"
        "绿色,4.森林覆盖率（%）,20,21,—,—,约束性\n"
    )
    draft = imported(tmp_path, "t.csv", table)
    assert [(i["target"], i["timing"]) for i in indicators(draft)] == [
        ({"kind": "average_growth", "op": ">", "value": 6}, "annual"),
        (cumulative(50, "sum"), "by_target_year"),
        (cumulative(14, "reduction"), "by_target_year"),
        ({"kind": "threshold", "op": ">=", "value": 21}, "by_target_year"),
    ]
    assert not any("gives no target" in m for m in messages(draft, "TODO"))
    assert not any("is not read" in m for m in messages(draft, "check"))


LONE_YEAR = "指标,单位,2020年,年均增长[累计],属性\n1.地区生产总值增长,%,3.1,6.5左右,预期性\n"


def test_a_lone_year_beside_the_average_column_is_the_base_year(tmp_path: Path) -> None:
    """2020年 beside 年均/累计 is the base year: the period is not read from it."""
    from plancheck.errors import UserError

    with pytest.raises(UserError, match="give --period"):
        imported(tmp_path, "t.csv", LONE_YEAR)
    for draft in (
        imported(tmp_path, "t.csv", LONE_YEAR, (2021, 2025)),
        imported(tmp_path, "titled.csv", "某市发展规划（2021—2025年）\n" + LONE_YEAR),
    ):
        plan = yaml.safe_load(draft.indicators)
        assert plan["plan"]["period"] == {"start": 2021, "end": 2025}
        (row,) = plan["indicators"]
        assert row["baseline"] == {"year": 2020, "value": 3.1}
        assert (row["target_text"], row["target"]) == ("6.5左右", {"kind": "around", "value": 6.5})


def test_a_lone_year_the_period_ends_with_is_the_target_year(tmp_path: Path) -> None:
    table = (
        "某市发展规划（2021—2025年）\n指标,单位,2025年,年均/累计,属性\n1.森林覆盖率,%,24,—,约束性"
    )
    (row,) = indicators(imported(tmp_path, "t.csv", table))
    assert row["target"] == {"kind": "threshold", "op": ">=", "value": 24}
    assert (row["timing"], "baseline" in row) == ("by_target_year", False)


def test_a_column_no_field_reads_is_named_when_it_holds_targets(tmp_path: Path) -> None:
    table = (
        "指标,单位,2020年,2022年,2025年,年度增幅,备注,属性\n"
        "1.地区生产总值增长,%,3.1,5,,＞5,国家下达,预期性\n"
    )
    checks = messages(imported(tmp_path, "t.csv", table), "check")
    unread = [m for m in checks if "is not read" in m]
    assert unread == [
        "indicator 1: the column '2022年' is not read, yet its cell '5' reads as a target: name "
        "the column as plancheck reads it (2025年, 年均/累计, 指标目标) or move the target there",
        "indicator 1: the column '年度增幅' is not read, yet its cell '＞5' reads as a target: "
        "name the column as plancheck reads it (2025年, 年均/累计, 指标目标) or move the target there",
    ]  # 备注's '国家下达' is no target


# --- an approximate average (年均增长6%左右) is never a floor ----------------------------------

APPROXIMATE = [
    # (the header's target column, the target, as typed)
    ("指标目标", "年均增长6%左右"),
    ("指标目标", "年均增长约6%"),
    ("年均/累计", "年均增长6%左右"),
    ("年均/累计", "年均增长约6%"),
]


@pytest.mark.parametrize(("column", "text"), APPROXIMATE)
def test_an_approximate_average_is_a_todo_not_a_floor(
    tmp_path: Path, column: str, text: str
) -> None:
    table = f"序号,指标,{column},属性\n1,地区生产总值增长（％）,{text},预期性\n"
    draft = imported(tmp_path, "t.csv", table, (2021, 2025))
    (row,) = indicators(draft)
    assert (row["target_text"], row["target"]) == (text, {"kind": "todo", "text": text})
    assert any("an average yearly rate" in m for m in messages(draft, "TODO"))


# --- when a target is judged ----------------------------------------------------------------

TIMINGS = [
    # (the header's target column, the row's cells after 指标, the timing drafted)
    ("2025年", "地区生产总值增长,%,3.1,＞5,预期性", "annual"),  # each year's growth
    ("2025年", "全员劳动生产率增速,%,2.5,6左右,预期性", "annual"),
    ("2025年", "研发经费投入增长率,%,,≥7,预期性", "annual"),
    ("指标目标", "地区生产总值增长,%,3.1,6以上,预期性", "annual"),
    ("2025年", "常住人口城镇化率,%,60.1,65,预期性", "by_target_year"),  # a level
    ("2025年", "城镇新增就业人数增长,万人,,＞50,预期性", "by_target_year"),  # not a rate in %
]


@pytest.mark.parametrize(("column", "cells", "timing"), TIMINGS)
def test_a_yearly_rate_is_judged_every_year(
    tmp_path: Path, column: str, cells: str, timing: str
) -> None:
    table = f"指标,单位,2020年,{column},属性\n{cells}\n"
    (row,) = indicators(imported(tmp_path, "t.csv", table, (2021, 2025)))
    assert row["timing"] == timing


# --- a yearly average on a level is the level's average growth, not a level ------------------

LEVELS = [
    # (the header of the averages' column, the row's cells after 指标, the target drafted)
    ("年均增长（%）", "一般公共预算收入,亿元,1500,6",
     {"kind": "average_growth", "op": ">=", "value": 6, "measure": "level"}),
    ("年均增长(%)", "一般公共预算收入,亿元,1500,＞7",
     {"kind": "average_growth", "op": ">", "value": 7, "measure": "level"}),
    ("年均", "常住人口,万人,120,1.5",
     {"kind": "average_growth", "op": ">=", "value": 1.5, "measure": "level"}),
    ("年均/累计", "社会消费品零售总额,亿元,800,＞6",
     {"kind": "average_growth", "op": ">", "value": 6, "measure": "level"}),
    # The growth written with its % sign, as the header states it: still the level's growth.
    ("年均增长（%）", "一般公共预算收入,亿元,1500,6%",
     {"kind": "average_growth", "op": ">=", "value": 6, "measure": "level"}),
    ("年均", "社会消费品零售总额,亿元,800,＞7％",
     {"kind": "average_growth", "op": ">", "value": 7, "measure": "level"}),
    # An indicator that is itself a rate: each year's figure is judged, as before.
    ("年均增长（%）", "地区生产总值增长,%,3.1,6",
     {"kind": "average_growth", "op": ">=", "value": 6}),
    ("年均/累计", "城镇调查失业率,%,5.2,＜5.5", {"kind": "threshold", "op": "<", "value": 5.5}),
    ("年均增长（%）", "研发经费投入强度,%,2.1,2.5", {"kind": "threshold", "op": ">=", "value": 2.5}),
]  # fmt: skip


@pytest.mark.parametrize(("header", "cells", "target"), LEVELS)
def test_a_yearly_average_on_a_level_is_its_average_growth(
    tmp_path: Path, header: str, cells: str, target: dict[str, Any]
) -> None:
    table = f"类别,指标,单位,2020年,{header},属性\n经济发展,{cells},预期性\n"
    source = tmp_path / "t.csv"
    source.write_text(table, encoding="utf-8")
    folder = tmp_path / "plan"
    result = run("plan", "import", source, "-o", folder, "--period", "2021-2025")
    assert result.exit_code == 0, result.stderr  # the draft validates
    (row,) = indicators_of(folder)
    assert (row["target"], row["timing"]) == (target, "annual")
    if target.get("measure") == "level":
        assert "the indicator is a level" in result.stdout


def test_an_average_growth_of_a_level_needs_its_baseline(tmp_path: Path) -> None:
    table = "指标,单位,2020年,年均增长（%）,属性\n1.一般公共预算收入,亿元,—,6,预期性\n"
    draft = imported(tmp_path, "t.csv", table, (2021, 2025))
    assert indicators(draft)[0]["target"]["measure"] == "level"
    assert any("give the indicator a baseline" in m for m in messages(draft, "TODO"))


# --- a total in 〔〕 goes the way the name says, or a person says ------------------------------

BRACKETED = [
    # (the row's cells after 指标 — 单位, 2020年, 2025年, 年均/累计, 属性 — the target drafted)
    ("单位GDP能耗降低,%,,〔13.5〕,,约束性", cumulative(13.5, "reduction")),
    ("研发经费投入增长,%,,,[20],预期性", cumulative(20, "growth")),
    ("人均预期寿命提高,岁,77.3,〔1〕,,预期性", cumulative(1, "none")),
    ("人均预期寿命,岁,77.3,,〔1〕,预期性", cumulative(1, "none")),
    # Less is better and the name says no way: a rise would pass; a person must say.
    ("PM2.5浓度,微克/立方米,35,〔18〕,,约束性", {"kind": "todo", "text": "〔18〕"}),
    ("城镇调查失业率,%,5.2,[1],,预期性", {"kind": "todo", "text": "[1]"}),
    ("二氧化碳排放总量,亿吨,100,,〔18〕,约束性", {"kind": "todo", "text": "〔18〕"}),
]


@pytest.mark.parametrize(("cells", "target"), BRACKETED)
def test_a_bracketed_total_goes_the_way_the_name_says(
    tmp_path: Path, cells: str, target: dict[str, Any]
) -> None:
    table = f"指标,单位,2020年,2025年,年均/累计,属性\n1.{cells}\n"
    draft = imported(tmp_path, "t.csv", table, (2021, 2025))
    (row,) = indicators(draft)
    assert row["target"] == target
    asked = [m for m in messages(draft, "TODO") if "where less is better" in m]
    assert bool(asked) == (target["kind"] == "todo")
    if target.get("compound") == "none":  # the way it was read is said
        (read,) = [m for m in messages(draft, "check") if "read as" in m]
        assert "a rise of the level from its baseline" in read


FLOWS = [
    # (the row's cells after 指标 — 单位, 2020年, 2025年, 年均/累计, 属性): a sum of yearly flows
    ("新增城镇就业,万人,—,—,〔5500〕,预期性", 5500),
    ("城镇新增就业人数,万人,—,〔55〕,—,预期性", 55),
]


@pytest.mark.parametrize(("cells", "amount"), FLOWS)
def test_a_bracketed_total_of_a_yearly_flow_is_the_sum_of_the_years(
    tmp_path: Path, cells: str, amount: float
) -> None:
    """〔5500〕 on 新增城镇就业 is the sum of each year's figure, and no baseline is asked for."""
    table = f"指标,单位,2020年,2025年,年均/累计,属性\n4.{cells}\n"
    draft = imported(tmp_path, "t.csv", table, (2021, 2025))
    (row,) = indicators(draft)
    assert (row["target"], row["timing"]) == (cumulative(amount, "sum"), "by_target_year")
    assert any("the sum of each year's figure" in m for m in messages(draft, "check"))
    assert not any("baseline" in m for m in messages(draft, "TODO"))


def test_a_total_on_a_name_that_says_cumulative_is_a_todo(tmp_path: Path) -> None:
    """〔100〕 on 累计培训农民工人数: each year's figure may be the running total itself."""
    table = (
        "指标,单位,2020年,2025年,年均/累计,属性\n4.累计培训农民工人数,万人次,—,—,〔100〕,预期性\n"
    )
    draft = imported(tmp_path, "t.csv", table, (2021, 2025))
    (row,) = indicators(draft)
    assert row["target"] == {"kind": "todo", "text": "〔100〕"}
    (todo,) = [m for m in messages(draft, "TODO") if "〔100〕" in m]
    assert "compound: sum" in todo and "running total" in todo


def test_a_bare_number_on_a_name_where_less_is_better_is_a_ceiling(tmp_path: Path) -> None:
    """浓度, 失业率, 能耗, 排放 say less is better; a name whose figure is the fall (降低) not."""
    table = (
        "指标,单位,2020年,2025年,属性\n1.PM2.5浓度,微克/立方米,35,33,约束性\n"
        "2.单位GDP能耗降低,%,,3,约束性\n3.污水排放达标率,%,90,95,约束性\n"
    )
    rows = indicators(imported(tmp_path, "t.csv", table, (2021, 2025)))
    assert [r["target"]["op"] for r in rows] == ["<=", ">=", ">="]


def test_a_rank_on_a_name_where_less_is_better_ranks_the_lowest_first(tmp_path: Path) -> None:
    """全市前列 does not say which way is good: on 发案率 the draft says less is (``better:
    lower``, to check), so the district with the lowest rate is first; a count of work done
    (法律援助案件数) and a target that says its way (低于全市平均值) get no such line."""
    table = (
        "序号,指标名称,单位,指标目标,属性\n1,刑事案件发案率,‰,全市前列,预期性\n"
        "2,法律援助案件数,件,全市前列,预期性\n3,行政诉讼败诉率,%,低于全市平均值,约束性\n"
    )
    draft = imported(tmp_path, "t.csv", table, (2021, 2025))
    assert [r.get("better") for r in indicators(draft)] == ["lower", None, None]
    assert any("better: lower" in m for m in messages(draft, "check"))
    plan = yaml.safe_load(draft.indicators)
    districts = ["甲区", "乙区", "丙区", "丁区", "戊区", "己区"]
    plan["peer_groups"]["city"].update(size=6, members=districts)
    plan["plan"]["unit"] = "甲区"
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "indicators.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")
    (folder / "tasks.yaml").write_text(draft.tasks, encoding="utf-8")
    rates = [3.0, 2.5, 2.0, 1.5, 1.0, 0.5]
    rows = "".join(f"{d},刑事案件发案率,2023,{v}\n" for d, v in zip(districts, rates, strict=True))
    (tmp_path / "d.csv").write_text("地区,指标,年份,数值\n" + rows, encoding="utf-8")
    done = run("evaluate", tmp_path / "d.csv", "--plan", folder, "-f", "json")
    results = json.loads(done.stdout)["results"]
    ranks = {r["unit"]: r["rank"] for r in results if r["id"] == "1"}
    assert ranks == dict(zip(districts, [6, 5, 4, 3, 2, 1], strict=True))


# --- 累计下降13.5% reads the same in the 2025年 column and the 年均/累计 one --------------------

TOTALS = [
    # (name and unit, the target drafted from 累计下降13.5% in either column)
    ("单位GDP能耗降低,%", cumulative(13.5, "reduction")),
    ("单位GDP二氧化碳排放下降,%", cumulative(13.5, "reduction")),
    # A level: its change from the baseline, by the target year.
    ("单位GDP能耗,吨标准煤/万元", {"kind": "change", "measure": "percent", "amount": -13.5}),
]


@pytest.mark.parametrize(("name", "target"), TOTALS)
def test_a_total_said_as_cumulative_reads_the_same_in_either_column(
    tmp_path: Path, name: str, target: dict[str, Any]
) -> None:
    source = tmp_path / "t.csv"
    source.write_text(
        "某市发展规划（2021—2025年）\n指标,单位,2020年,2025年,年均/累计,属性\n"
        f"1.{name},0.5,累计下降13.5%,,约束性\n2.全市{name},0.5,,累计下降13.5%,约束性\n",
        encoding="utf-8",
    )
    result = run("plan", "import", source, "-o", tmp_path / "plan")
    assert result.exit_code == 0, result.stderr  # the draft validates: text and target agree
    drafted = [(r["target"], r["timing"]) for r in indicators_of(tmp_path / "plan")]
    assert drafted == [(target, "by_target_year")] * 2
    assert result.stdout.count("'累计下降13.5%' read as a total over the period") == 2


# --- where a note points: the source's file and line, in either language ----------------------

SKIPPED = "序号,指标,单位,2025年,属性\n1,某某率,%,90,约束性\n,,%,80,预期性\n,某率二,%,95,约束性\n"


def imported_in(folder: Path, table: str, lang: str) -> Any:
    """``plan import`` of ``table`` (a CSV) in ``lang``, which must succeed."""
    source = folder / "t.csv"
    source.write_text(table, encoding="utf-8")
    result = run("plan", "import", source, "-o", folder / "p", "--period", "2021-2025",
                 "--lang", lang)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result


@pytest.mark.parametrize(
    ("lang", "skipped", "unnumbered"),
    [
        ("en", "note: t.csv:3: a row without an indicator name was skipped",
         "TODO: indicator 2 (t.csv:4): no number in the table; numbered 2"),
        ("zh", "提示：t.csv:3: 没有指标名称的一行已跳过", "TODO: 指标 2（t.csv:4）：表中没有序号；编为 2"),
    ],
)  # fmt: skip
def test_notes_and_findings_name_the_source_file_and_line(
    tmp_path: Path, lang: str, skipped: str, unnumbered: str
) -> None:
    result = imported_in(tmp_path, SKIPPED, lang)
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert skipped in lines
    assert any(line.endswith(unnumbered) for line in lines)


QUOTED = '序号,指标名称,单位,指标目标,属性\n1,甲率,%,"100%，保持全市前列",约束性\n2,乙,次,3,预期性\n3,丙,次,3,预期性\n'


@pytest.mark.parametrize(
    ("lang", "listed", "quoted"),
    [("en", "no category in the table for indicators 1, 2, 3", "the phrase says '%，保持全市前列'"),
     ("zh", "表中指标 1、2、3 没有类别", "表述写的是“%，保持全市前列”")],
)  # fmt: skip
def test_messages_list_ids_and_quote_cells_as_each_language_writes(
    tmp_path: Path, lang: str, listed: str, quoted: str
) -> None:
    result = imported_in(tmp_path, QUOTED, lang)
    assert listed in result.stdout
    assert quoted in result.stdout


def test_a_workbook_row_is_named_by_its_line_and_cell(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "t.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("指标")
    for r, line in enumerate(SKIPPED.splitlines()):
        sheet.write_row(r, 0, line.split(","))
    workbook.close()
    draft = import_plan(path, (2021, 2025))
    assert draft.notes == ["t.xlsx:3: 指标!A3: a row without an indicator name was skipped"]


def test_a_word_tables_row_is_named_by_its_table_and_row(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    rows = [line.split(",") for line in SKIPPED.splitlines()]
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "t.docx"
    document.save(str(path))
    draft = import_plan(path, (2021, 2025))
    assert draft.notes == ["t.docx: table 1 row 3: a row without an indicator name was skipped"]


# --- a number the table gives twice ----------------------------------------------------------

REPEATED = (
    "类别,序号,指标,单位,2020年,2025年,属性\n"
    "安全,16,粮食综合生产能力,万吨,,＞2800,约束性\n"
    ",16,能源综合生产能力,万吨标准煤,,＞5000,约束性\n"
)


def test_a_repeated_number_is_a_todo_naming_both_rows(tmp_path: Path) -> None:
    draft = imported(tmp_path, "r4.csv", REPEATED)
    assert [i["id"] for i in indicators(draft)] == ["16", "16-2"]
    assert (
        "indicator 16-2 (r4.csv:3): number 16 is already the row's at r4.csv:2; numbered 16-2: "
        "give it a number of its own"
    ) in messages(draft, "TODO")


DUPLICATED = (
    "序号,指标名称,单位,指标目标,属性\n1,森林覆盖率,%,46,约束性\n2,森林覆盖率,%,47,约束性\n"
)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "dup.csv:3: indicator 2: name '森林覆盖率' repeats indicator 1"),
     ("zh", "dup.csv:3: 指标 2：名称“森林覆盖率”与指标 1 重复")],
)  # fmt: skip
def test_a_repeated_name_is_an_error_at_the_row_that_repeats_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    """Not an error in a draft never written (indicators.yaml:42:5): the source's row."""
    monkeypatch.chdir(tmp_path)
    Path("dup.csv").write_text(DUPLICATED, encoding="utf-8")
    result = run("plan", "import", "dup.csv", "-o", "dup", "--period", "2021-2025", "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == said + "\n"
    assert not Path("dup").exists()


# --- the period read from the header quotes the header ---------------------------------------


@pytest.mark.parametrize("header", ["2025年", "2025年目标", "2025年目标值", "2025 年"])
def test_the_period_read_from_the_header_quotes_it_as_written(tmp_path: Path, header: str) -> None:
    table = f"指标,单位,2020年,{header},属性\n1.森林覆盖率,%,23,24,约束性\n"
    checks = messages(imported(tmp_path, "t.csv", table), "check")
    assert (
        f"period 2021–2025 read from the table's header '{header}', read as a five-year plan"
        in checks
    )


# --- the indicator a comparison names --------------------------------------------------------

OTHERS = [
    # (the economy's row, the comparison, the id it names)
    ("地区生产总值增长", "与经济增长基本同步", "1"),
    ("国内生产总值（GDP）增长（％）", "与经济增长基本同步", "1"),
    ("地区生产总值增长", "高于GDP增长", "1"),
    ("GDP增速", "与经济增长同步", "1"),
    ("地区生产总值增长", "高于经济增速", "1"),
]


@pytest.mark.parametrize(("economy", "words", "other"), OTHERS)
def test_the_economys_growth_is_named_as_people_name_it(
    tmp_path: Path, economy: str, words: str, other: str
) -> None:
    """plan import and plan validate read the comparison as the same indicator."""
    source = tmp_path / "t.csv"
    source.write_text(
        "指标,单位,2020年,2025年,年均/累计,属性\n"
        f"1.{economy},%,2.3,—,6左右,预期性\n"
        "2.人均地区生产总值增长,%,2.0,—,6左右,预期性\n"
        f"3.居民人均可支配收入增长,%,2.1,—,{words},预期性\n",
        encoding="utf-8",
    )
    folder = tmp_path / "plan"
    result = run("plan", "import", source, "-o", folder, "--period", "2021-2025")
    assert result.exit_code == 0, result.stderr
    row = indicators_of(folder)[2]
    assert (row["target"]["kind"], row["target"]["indicator"]) == ("versus", other)
    validated = run("plan", "validate", folder)
    assert validated.exit_code == 0, validated.stderr
    assert "indicator 3" not in validated.stderr  # no note: text and target agree


# --- a count of work done is more-is-better; a count of harm, less --------------------------------


@pytest.mark.parametrize(
    ("name", "op"),
    [("法律援助案件数", ">="), ("涉案企业合规改革案件数", ">="), ("人民调解案件数", ">="),
     ("刑事案件数", "<="), ("生产安全事故起数", "<="), ("万人刑事案件发案率", "<=")],
)  # fmt: skip
def test_a_bare_number_on_a_count_is_a_floor_unless_the_count_is_of_harm(
    tmp_path: Path, name: str, op: str
) -> None:
    draft = imported(tmp_path, "t.csv", f"序号,指标名称,单位,2025年目标,属性\n1,{name},件,100,预期性\n",
                     (2021, 2025))  # fmt: skip
    assert indicators(draft)[0]["target"] == {"kind": "threshold", "op": op, "value": 100}


# --- the notes under a table, kept in a file of their own ---------------------------------------

NATIONAL = Path(__file__).parent / "fixtures" / "national"


def test_notes_kept_apart_read_as_the_notes_under_the_table(tmp_path: Path) -> None:
    table = NATIONAL / "national-14th-fyp-indicators.csv"
    notes = NATIONAL / "national-14th-fyp-notes.txt"
    under = tmp_path / "with-notes.csv"
    under.write_text(
        table.read_text(encoding="utf-8") + notes.read_text(encoding="utf-8"), encoding="utf-8"
    )
    apart = run("plan", "import", table, notes, "-o", tmp_path / "apart")
    assert apart.exit_code == 0, apart.output
    assert run("plan", "import", under, "-o", tmp_path / "under").exit_code == 0
    assert indicators_of(tmp_path / "apart") == indicators_of(tmp_path / "under")
    drafted = {row["id"]: row for row in indicators_of(tmp_path / "apart")}
    assert drafted["3"]["baseline"] == {"year": 2019, "value": 60.6}  # 注②：带*的为2019年数据
    assert "〔〕内为5年累计数" in apart.output
    # Without them, the mark is a question for a person, not a year.
    alone = run("plan", "import", table, "-o", tmp_path / "alone")
    assert "which no note under the table explains" in alone.output
    assert {row["id"]: row for row in indicators_of(tmp_path / "alone")}["3"]["baseline"] != (
        drafted["3"]["baseline"]
    )


def test_a_notes_file_that_is_not_there_is_named(tmp_path: Path) -> None:
    table = NATIONAL / "national-14th-fyp-indicators.csv"
    result = CliRunner().invoke(
        app, ["plan", "import", str(table), str(tmp_path / "notes.txt"), "-o", str(tmp_path / "p")]
    )
    assert result.exit_code == 2
    assert "notes.txt" in result.output and "not found" in result.output
    assert not (tmp_path / "p").exists()


# --- a bare figure under a header of totals only (累计) is a total, as 〔〕 is ------------------

TOTALS_COLUMN = [
    # (the header, the row's cells after 指标 — 单位, 2020年, the figure —, the target drafted)
    ("累计", "森林蓄积量,亿立方米,175,10", cumulative(10, "none")),
    ("五年累计", "单位GDP能耗降低,%,,13.5", cumulative(13.5, "reduction")),
    ("累计（%）", "单位GDP二氧化碳排放降低,%,,18%", cumulative(18, "reduction")),
    # 年均/累计 says neither: a bare figure there holds every year, as before.
    ("年均/累计", "森林覆盖率,%,23,24", {"kind": "threshold", "op": ">=", "value": 24}),
]


@pytest.mark.parametrize(("header", "cells", "target"), TOTALS_COLUMN)
def test_a_bare_figure_under_a_header_of_totals_is_a_total(
    tmp_path: Path, header: str, cells: str, target: dict[str, Any]
) -> None:
    source = tmp_path / "t.csv"
    source.write_text(f"指标,单位,2020年,{header},属性\n1.{cells},约束性\n", encoding="utf-8")
    result = run("plan", "import", source, "-o", tmp_path / "plan", "--period", "2021-2025")
    assert result.exit_code == 0, result.stderr  # the draft validates: text and target agree
    (row,) = indicators_of(tmp_path / "plan")
    assert row["target"] == target
    assert row["target_text"] == cells.rsplit(",", 1)[1]  # the table's own words
    total = target["kind"] == "cumulative"
    assert (row["timing"] == "by_target_year") is total
    assert (f"under the header '{header}' read as" in result.stdout) is total


# --- a header over two rows ------------------------------------------------------------------

TWO_ROW_HEADER = [
    ["类别", "指标", "指标值", "", "年均/累计", "属性"],
    ["", "", "2020年", "2025年", "", ""],
    ["经济发展", "1.常住人口城镇化率（％）", "60.6", "65", "—", "预期性"],
    ["经济发展", "2.城镇调查失业率（％）", "5.2", "—", "＜5.5", "预期性"],
    ["绿色生态", "3.森林覆盖率（％）", "23.2", "24.1", "—", "约束性"],
]
UNDER_TWO_ROWS = [
    ("1", {"kind": "threshold", "op": ">=", "value": 65}, {"year": 2020, "value": 60.6}),
    ("2", {"kind": "threshold", "op": "<", "value": 5.5}, {"year": 2020, "value": 5.2}),
    ("3", {"kind": "threshold", "op": ">=", "value": 24.1}, {"year": 2020, "value": 23.2}),
]


def two_row_header(path: Path) -> Path:
    """The table as people make it: 指标值 merged across the 2020年 and 2025年 columns, the
    other header cells merged down both rows (Word and Excel), or empty in the lower (CSV)."""
    rows = TWO_ROW_HEADER
    upper = rows[0]
    if path.suffix == ".csv":
        path.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    elif path.suffix == ".md":  # the lower row under |---|, its empty cells written ||
        lines = ["|".join(["", *row, ""]) for row in rows]
        lines.insert(1, "|---" * len(upper) + "|")
        path.write_text("# 指标\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    elif path.suffix == ".xlsx":
        xlsxwriter = pytest.importorskip("xlsxwriter")
        workbook = xlsxwriter.Workbook(str(path))
        sheet = workbook.add_worksheet("指标")
        for r, row in enumerate(rows[2:], start=2):
            sheet.write_row(r, 0, row)
        sheet.merge_range(0, 2, 0, 3, upper[2])
        sheet.write_row(1, 2, rows[1][2:4])
        for c in (0, 1, 4, 5):
            sheet.merge_range(0, c, 1, c, upper[c])
        workbook.close()
    else:
        docx = pytest.importorskip("docx")
        document = docx.Document()
        table = document.add_table(rows=len(rows), cols=len(upper))
        for r, row in enumerate(rows[1:], start=1):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        table.cell(0, 2).merge(table.cell(0, 3)).text = upper[2]
        for c in (0, 1, 4, 5):
            table.cell(0, c).merge(table.cell(1, c)).text = upper[c]
        document.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".csv", ".md", ".xlsx", ".docx"])
def test_a_header_over_two_rows_is_read_by_its_lower_row(tmp_path: Path, suffix: str) -> None:
    """Issue: a header with 指标值 merged over 2020年 and 2025年 was read by its upper row: the
    2020年 and 2025年 columns unread, every target a TODO 'the table gives no target'."""
    draft = import_plan(two_row_header(tmp_path / f"t{suffix}"), None)
    found = [(i["id"], i["target"], i.get("baseline")) for i in indicators(draft)]
    assert found == UNDER_TWO_ROWS
    assert not any("no target" in m or "is not read" in m for m in messages(draft, "TODO"))
    assert draft.notes == []


def test_a_header_over_two_rows_without_an_average_column(tmp_path: Path) -> None:
    """Its upper row alone (类别, 指标, 规划值, 属性) is no header: only both rows together are."""
    path = tmp_path / "t.csv"
    rows = [["类别", "指标", "规划值", "", "属性"], ["", "", "2020年", "2025年", ""]]
    rows += [[*row[:4], row[5]] for row in TWO_ROW_HEADER[2:] if row[3] != "—"]
    path.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    draft = import_plan(path, None)
    found = [(i["id"], i["target"], i.get("baseline")) for i in indicators(draft)]
    assert found == [UNDER_TWO_ROWS[0], UNDER_TWO_ROWS[2]]


def test_a_markdown_rows_empty_first_cells_keep_their_columns(tmp_path: Path) -> None:
    """Issue: '|||2020年|2025年|||' lost its leading empty cells: every '|' at the ends was
    stripped, and 2020年 was read as the category, 2025年 as the name."""
    table = (
        "|类别|序号|指标|2025年|属性|\n|---|---|---|---|---|\n|经济发展|1|常住人口城镇化率|65|预期性|\n"
        "|||森林覆盖率|24.1|约束性|\n"
    )
    found = [
        (i["id"], i["category"], i["name"]) for i in indicators(imported(tmp_path, "t.md", table))
    ]
    assert found[1][1:] == ("经济发展", "森林覆盖率")
