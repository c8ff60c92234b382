"""plan import of the tables people make themselves — a CSV, a markdown page, text with tabs or
one cell per line, a workbook: heading rows as categories, the headers of the 年均/累计 column,
a lone base-year column, growth rates, totals in 〔〕 or said with 累计, repeated numbers, and
where each note points. Each case is a table and what its draft must say."""

from __future__ import annotations

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
    "headings-cells.txt": "\n".join(
        ["指标", "单位", "2020年", "2025年", "年均/累计", "属性", "一、经济发展"]
        + ["1.地区生产总值增长", "%", "3.1", "—", "6.5左右", "预期性"]
        + ["2.常住人口城镇化率", "%", "60.1", "65", "—", "预期性", "二、绿色发展"]
        + ["3.森林覆盖率", "%", "23", "24", "—", "约束性", ""]
    ),
    "headings-lines.txt": "\n".join(
        ["序号", "指标", "属性", "单位", "2025年", "一、经济发展"]
        + ["1", "地区生产总值增长", "预期性", "%", "6.5左右"]
        + ["2", "常住人口城镇化率", "预期性", "%", "65", "二、绿色发展"]
        + ["3", "森林覆盖率", "约束性", "%", "24", ""]
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
