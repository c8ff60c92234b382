"""A plan that names no unit (every draft `plan import` could not find one in) and a file with
no unit column: the rows' unit has no name, and no report prints an empty slot for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, run

TABLE = "序号,指标名称,单位,指标目标,属性\n1,森林覆盖率,%,46,约束性\n2,学法次数,次/年,2,约束性\n"
FIGURES = "year,indicator,value\n2023,1,47\n2023,2,3\n2022,1,45\n"


@pytest.fixture
def drafted(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "table.csv").write_text(TABLE, encoding="utf-8")
    imported = run("plan", "import", tmp_path / "table.csv", "-o", tmp_path / "plan",
                   "--period", "2021-2025")  # fmt: skip
    assert imported.code == 0, imported.stderr
    assert "\n  unit:" not in (tmp_path / "plan" / "indicators.yaml").read_text(encoding="utf-8")
    figures = tmp_path / "figures.csv"
    figures.write_text(FIGURES, encoding="utf-8")
    return tmp_path / "plan", figures


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "ok {}: 3 figures, years 2022, 2023"),
        ("zh", "已读取 {}：3 个数值，年度为2022、2023年"),
    ],
)
def test_check_names_no_empty_unit(drafted: tuple[Path, Path], lang: str, said: str) -> None:
    plan, figures = drafted
    result = run("check", figures, "--plan", plan, "--lang", lang)
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == said.format(figures)


def test_reports_leave_the_unnamed_unit_out(drafted: tuple[Path, Path]) -> None:
    plan, figures = drafted
    table = run("evaluate", figures, "--plan", plan).stdout
    assert "Status by year  (" in table and "Status by year," not in table
    zh = run("evaluate", figures, "--plan", plan, "--lang", "zh").stdout
    assert "各年度指标状态" in zh and "各年度指标状态（）" not in zh
    markdown = run("evaluate", figures, "--plan", plan, "-f", "markdown").stdout
    assert "- **Date**:" in markdown and "**Unit**" not in markdown
    html = run("evaluate", figures, "--plan", plan, "-f", "html").stdout
    assert "<dd></dd>" not in html


@pytest.mark.parametrize(
    ("lang", "line"),
    [("en", "\nComposite index 2023: 100.0 (Scored 2/2)\n"),
     ("zh", "\n2023年综合指数：100.0（计分指标 2/2）\n")],
)  # fmt: skip
def test_the_index_of_the_one_unit_is_a_line(
    drafted: tuple[Path, Path], lang: str, line: str
) -> None:
    """One unit: the terminal says its index in a line, its score and coverage — not a ranking
    of one ("1. （未注明单位） 100.0"), and no name it does not have."""
    plan, figures = drafted
    for details in ((), ("--details",)):
        report = run("evaluate", figures, "--plan", plan, "--lang", lang, *details).stdout
        assert line in report
        assert "1. " not in report and "未注明单位" not in report and "no unit named" not in report


@pytest.mark.parametrize(
    ("fmt", "header", "row"),
    [("markdown", "| 指数 | 未分类 | 计分指标 |", "| 100.0 | 100.0 | 2/2 |"),
     ("html", "<tr><th>指数</th><th>未分类</th><th>计分指标</th></tr>",
      "<tr><td>100.0</td><td>100.0</td><td>2/2</td></tr>")],
)  # fmt: skip
def test_the_shared_index_of_the_one_unit_has_no_rank(
    drafted: tuple[Path, Path], fmt: str, header: str, row: str
) -> None:
    """A shared report keeps the categories' scores of the one unit, without rank or unit, and
    no chart names a unit it has not (``综合指数：``)."""
    plan, figures = drafted
    report = run("evaluate", figures, "--plan", plan, "-f", fmt, "--lang", "zh").stdout
    assert header in report and row in report
    assert "排名" not in report and "未注明单位" not in report and "综合指数：<" not in report


def test_the_progress_table_of_the_one_unit_has_no_unit_column(drafted: tuple[Path, Path]) -> None:
    """The terminal's progress table (--details) of a unit without a name: no 单位 column, empty
    on every row; the shared reports' already had none."""
    plan, figures = drafted
    report = run("evaluate", figures, "--plan", plan, "--lang", "zh", "--details").stdout
    header = next(line for line in report.splitlines() if "数据序列" in line)
    assert header.startswith("┃ 指标 ") and "单位" not in header
    assert "│ 1 森林覆盖率 " in report


def test_a_plan_with_members_but_no_unit_asks_for_a_unit_column(tmp_path: Path) -> None:
    bundled = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    assert bundled.count("\n  unit: 徐汇区\n") == 1
    (tmp_path / "indicators.yaml").write_text(bundled.replace("\n  unit: 徐汇区\n", "\n"), "utf-8")
    figures = tmp_path / "figures.csv"
    figures.write_text(FIGURES, encoding="utf-8")
    result = run("check", figures, "--plan", tmp_path / "indicators.yaml")
    assert result.code == 2
    assert result.stderr == (
        f"{figures}:2: unit: no unit given, and the plan names none (`unit:`) for rows without "
        "one: add a unit column\n"
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "unit: no unit given, and the plan names none (`unit:`) for rows without one, but "
            "{named}:2 names 长宁区: give the unit in every file, or the plan its `unit:`"),
     ("zh", "unit：未填写单位，规划也未指定默认单位（`unit:`），但 {named}:2 注明了单位（长宁区）："
            "请在每个文件中填写单位，或在规划中指定 `unit:`")],
)  # fmt: skip
def test_a_file_without_units_beside_one_naming_a_unit_is_refused(
    drafted: tuple[Path, Path], lang: str, said: str
) -> None:
    """The rows of a file without a unit column were a second unit, without a name, beside the
    one the other file names: a blank line in the matrix, missing every indicator (exit 1), and
    the baselines it gave lost to the named unit."""
    plan, figures = drafted
    named = figures.with_name("named.csv")
    named.write_text("unit,year,indicator,value\n长宁区,2024,1,47\n", encoding="utf-8")
    for command in ("evaluate", "check"):
        result = run(command, figures, named, "--plan", plan, "--lang", lang)
        assert result.code == 2
        assert result.stderr.splitlines() == [f"{figures}:2: " + said.format(named=named)]
