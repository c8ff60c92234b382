"""Sheets laid out as statisticians lay them out: a title above the header, a header over two
rows with the year merged over its columns, years typed as dates (workbooks built with openpyxl:
merged cells, dates and number formats as Excel writes them)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plancheck.cli import app

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def book(path: Path, rows: list[list[object]], merged: tuple[str, ...] = ()) -> Path:
    xl = openpyxl.Workbook()
    sheet = xl.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    xl.save(path)
    return path


def results(stdout: str) -> dict[str, tuple[int, object, int]]:
    return {r["id"]: (r["year"], r["value"], r["line"]) for r in json.loads(stdout)["results"]}


TITLE = "徐汇区2023年法治指标实际值"


def test_a_title_above_the_header_is_skipped_and_rows_keep_their_sheet_numbers(
    tmp_path: Path,
) -> None:
    """Row 1 a title merged over the table, row 2 the header: it was refused at row 1."""
    rows: list[list[object]] = [[TITLE], ["指标", "实际值", "备注"], ["1", 100, None], ["2", 3]]
    xlsx = book(tmp_path / "2023.xlsx", rows, ("A1:C1",))
    done = invoke("evaluate", xlsx, "-f", "json")
    assert done.exit_code == 1, done.stderr  # judged (other binding indicators missing)
    found = results(done.stdout)
    assert found["1"] == (2023, 100, 3) and found["2"] == (2023, 3, 4)
    bad = book(tmp_path / "bad-2023.xlsx", [*rows, ["4", "abc"]], ("A1:C1",))
    refused = invoke("evaluate", bad)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"{bad}:5: Sheet1!B5: 实际值: 'abc' is not a number")


def test_up_to_three_title_rows_blank_rows_between(tmp_path: Path) -> None:
    titles: list[list[object]] = [[TITLE], [], ["填报单位：徐汇区司法局"], ["单位：%"]]
    xlsx = book(tmp_path / "2023.xlsx", [*titles, ["指标", "实际值"], ["1", 100]])
    assert results(invoke("evaluate", xlsx, "-f", "json").stdout)["1"] == (2023, 100, 6)
    four = book(tmp_path / "four-2023.xlsx", [["一"], *titles, ["指标", "实际值"], ["1", 100]])
    refused = invoke("evaluate", four)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"{four}:1: header not recognised")


def test_a_row_with_a_figure_above_the_header_is_no_title(tmp_path: Path) -> None:
    """A row above the header is dropped only when it has no figure under a figures' column."""
    rows: list[list[object]] = [["填报", 100], ["指标", "实际值"], ["1", 100]]
    refused = invoke("evaluate", book(tmp_path / "2023.xlsx", rows))
    assert refused.exit_code == 2
    assert refused.stderr.strip() == (
        f"{tmp_path / '2023.xlsx'}:1:2: Sheet1!B1: '100' is above the header (row 2), where only"
        " a title may be: delete the row, or move the figure below the header"
    )
    dated = [["填报日期", "2024年1月5日"], ["指标", "实际值"], ["1", 100]]  # words: a title
    assert invoke("evaluate", book(tmp_path / "2023.xlsx", dated)).exit_code == 1


BRIEF = [["指标", "2023年", None], [None, "目标值", "实际值"], ["1", 100, 100], ["2", 3, 2]]


def test_a_header_over_two_rows_names_its_columns_below_and_its_year_above(
    tmp_path: Path,
) -> None:
    """指标 | 2023年 merged over 目标值 and 实际值: it was refused (no value column). The file's
    name has no year: the header gives it."""
    xlsx = book(tmp_path / "figures.xlsx", BRIEF, ("B1:C1",))
    done = invoke("evaluate", xlsx, "-f", "json")
    assert done.exit_code == 1, done.stderr
    found = results(done.stdout)
    assert found["1"] == (2023, 100, 3) and found["2"] == (2023, 2, 4)
    assert "Sheet1!B2: column '目标值' is not used by plancheck: skipped" in done.stderr
    merged_down = book(tmp_path / "down.xlsx", BRIEF, ("B1:C1", "A1:A2"))  # 指标 over both rows
    assert results(invoke("evaluate", merged_down, "-f", "json").stdout) == found


def test_the_headers_year_is_checked_against_year_and_the_year_cells(tmp_path: Path) -> None:
    xlsx = book(tmp_path / "figures.xlsx", BRIEF, ("B1:C1",))
    other = invoke("evaluate", xlsx, "--year", "2024")
    assert other.exit_code == 2
    assert other.stderr.strip() == f"{xlsx}:1:2: Sheet1!B1: 2023 disagrees with --year 2024"
    rows: list[list[object]] = [["指标", "年份", "2023年"], [None, None, "实际值"],
                                ["1", 2023, 100], ["2", 2022, 3]]  # fmt: skip
    cells = invoke("evaluate", book(tmp_path / "cells.xlsx", rows, ("C1:D1", "A1:A2", "B1:B2")))
    assert cells.exit_code == 2
    assert cells.stderr.strip() == (
        f"{tmp_path / 'cells.xlsx'}:4: Sheet1!B4: 年份: 2022 disagrees with 2023 in the header"
        " (Sheet1!C1)"
    )


def test_a_header_over_two_rows_that_is_no_table_says_what_to_change(tmp_path: Path) -> None:
    two_years = [["指标", "2022年", None, "2023年", None],
                 [None, "目标值", "实际值", "目标值", "实际值"], ["1", 100, 100, 100, 100]]  # fmt: skip
    xlsx = book(tmp_path / "figures.xlsx", two_years, ("B1:C1", "D1:E1"))
    refused = invoke("evaluate", xlsx)
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1
    assert refused.stderr.startswith(f"{xlsx}:2:5: a header over two rows (1 and 2)")
    assert "Name the columns in one row (指标, 实际值, 备注)" in refused.stderr
    side_by_side = [["指标", "2022年", None, "2023年"], [None, "参照值", "备注", "实际值"],
                    ["1", 100, None, 100]]  # fmt: skip
    xlsx = book(tmp_path / "side.xlsx", side_by_side, ("B1:C1",))
    refused = invoke("--lang", "zh", "evaluate", xlsx)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(
        f"{xlsx}:1:4: Sheet1!D1：两行表头（第 1 行和第 2 行）按下一行读取列名，上一行至多注明一个"
        "年份：表头并列了 2022、2023年的数值。"
    )


def test_a_title_narrower_than_the_table_over_the_figures_gives_their_year(
    tmp_path: Path,
) -> None:
    """A merged cell over some columns, not all, is read as the upper row of the header."""
    rows: list[list[object]] = [[None, "2023年", None, None], ["指标", "目标值", "实际值", "备注"],
                                ["1", 100, 100, "x"]]  # fmt: skip
    done = invoke("evaluate", book(tmp_path / "figures.xlsx", rows, ("B1:C1",)), "-f", "json")
    assert results(done.stdout)["1"] == (2023, 100, 3)
    ranged = [["2021—2025年目标", None, None], ["指标", "实际值", "备注"], ["1", 100, None]]
    plain = invoke("evaluate", book(tmp_path / "r.xlsx", ranged, ("A1:B1",)), "--year", "2023")
    assert plain.exit_code == 1, plain.stderr  # two years in one cell: a title, no year


def test_a_year_typed_as_an_excel_date_is_its_year(tmp_path: Path) -> None:
    """A date on 1 January, or a year typed in a cell formatted as a date (Excel shows 2023 as
    1905-07-15): it was refused ('2023-01-01' is not a year)."""
    xl = openpyxl.Workbook()
    sheet = xl.active
    sheet.title = "Sheet1"
    for row in (["指标", "年份", "实际值"], ["1", dt.datetime(2023, 1, 1), 100],
                ["2", dt.date(2023, 1, 1), 3], ["4", 2023, 100], ["5", "2023", 1.5]):  # fmt: skip
        sheet.append(row)
    sheet["B4"].number_format = "yyyy-mm-dd"  # the number 2023, shown as a date
    xl.save(tmp_path / "dates.xlsx")
    done = invoke("evaluate", tmp_path / "dates.xlsx", "-f", "json")
    assert done.exit_code == 1, done.stderr
    found = results(done.stdout)
    assert [found[i] for i in "1245"] == [(2023, 100, 2), (2023, 3, 3), (2023, 100, 4),
                                          (2023, 1.5, 5)]  # fmt: skip


def test_a_year_typed_as_a_date_in_a_workbook_of_the_1904_date_system(tmp_path: Path) -> None:
    """Excel shows the number 2023 as 1909-07-16 there (<workbookPr date1904="1">): it was read
    with the 1900 system's day 0 and refused (or, in a column of dates, taken as 1909)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    xl = openpyxl.Workbook()
    xl.epoch = CALENDAR_MAC_1904
    sheet = xl.active
    sheet.title = "Sheet1"
    for row in (["指标", "年份", "实际值"], ["1", dt.datetime(2023, 1, 1), 100], ["4", 2023, 100],
                ["5", "2023", 1.5]):  # fmt: skip
        sheet.append(row)
    sheet["B3"].number_format = "yyyy-mm-dd"  # the number 2023, shown as a date
    xl.save(tmp_path / "dates.xlsx")
    with zipfile.ZipFile(tmp_path / "dates.xlsx") as saved:
        assert b'date1904="1"' in saved.read("xl/workbook.xml")
    done = invoke("evaluate", tmp_path / "dates.xlsx", "-f", "json")
    assert done.exit_code == 1, done.stderr
    found = results(done.stdout)
    assert [found[i] for i in "145"] == [(2023, 100, 2), (2023, 100, 3), (2023, 1.5, 4)]
    only_dates = tmp_path / "only-dates.xlsx"  # every cell a date: still the number's year
    sheet.delete_rows(4)
    xl.save(only_dates)
    done = invoke("evaluate", only_dates, "-f", "json")
    assert [results(done.stdout)[i] for i in "14"] == [(2023, 100, 2), (2023, 100, 3)]


def test_a_date_in_a_year_column_is_its_year_when_the_whole_column_is_dates(
    tmp_path: Path,
) -> None:
    rows: list[list[object]] = [["指标", "年份", "实际值"], ["1", dt.date(2023, 12, 31), 100],
                                ["2", dt.datetime(2023, 12, 31, 8, 30), 3]]  # fmt: skip
    done = invoke("evaluate", book(tmp_path / "dates.xlsx", rows), "-f", "json")
    assert [results(done.stdout)[i] for i in "12"] == [(2023, 100, 2), (2023, 3, 3)]
    mixed = book(tmp_path / "mixed.xlsx", [*rows, ["4", 2023, 100]])
    refused = invoke("evaluate", mixed)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[0] == (
        f"{mixed}:2: Sheet1!B2: 年份: 2023-12-31 is a date, not a year: a date in a year column"
        " is read as its year on 1 January only (or when every cell of the column is a date);"
        " type the year (2023) instead"
    )
    assert f"{mixed}:3: Sheet1!B3: 年份: 2023-12-31 is a date" in refused.stderr


def test_year_of_date() -> None:
    from plancheck.submission.read_xlsx import DateCell, year_of_date

    assert year_of_date(DateCell("2023-01-01"), False) == 2023
    assert year_of_date(DateCell("2023-01-01T09:00:00"), False) == 2023
    assert year_of_date(DateCell("1905-07-15"), False) == 2023  # the number 2023 as a date
    assert year_of_date(DateCell("1905-07-15"), True) == 2023
    assert year_of_date(DateCell("2023-06-30"), False) is None
    assert year_of_date(DateCell("2023-06-30"), True) == 2023
    assert year_of_date(DateCell("1909-07-16"), False, date1904=True) == 2023
    assert year_of_date(DateCell("1909-07-16"), True) == 1909  # the 1900 system: a date of 1909
    assert year_of_date(DateCell("2023-01-01"), False, date1904=True) == 2023


def test_a_mistyped_header_is_no_title_over_its_figures(tmp_path: Path) -> None:
    """Row 2 ``4 | 100`` names indicator 4 as a wide header would: below a mistyped header it
    is a row of figures, never the header (that said B2 "unknown indicator '100'")."""
    xlsx = book(tmp_path / "2023.xlsx", [["indicatr", "valeu"], ["4", 100], ["19", 5]])
    refused = invoke("evaluate", xlsx)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"{xlsx}:1: header not recognised:")
