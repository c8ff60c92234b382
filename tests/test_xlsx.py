"""Excel submissions: read like CSV, located at the sheet's cells, numbers as Excel shows them."""

from __future__ import annotations

import csv
import json
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.errors import UserError
from plancheck.plan.load import load_plan
from plancheck.submission.read import read_submission
from plancheck.submission.read_xlsx import (
    cell_ref,
    cell_text,
    column_letters,
    read_sheet,
)
from tests.conftest import run as run_cli

xlsxwriter = pytest.importorskip("xlsxwriter")
pytest.importorskip("python_calamine")

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def workbook(
    path: Path, sheets: dict[str, list[list[object]]], origin: tuple[int, int] = (0, 0)
) -> Path:
    """Write a workbook; each sheet's rows start at ``origin`` (row, column), numbers as numbers."""
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str) and value.startswith("="):
                    sheet.write_formula(origin[0] + r, origin[1] + c, value)
                elif isinstance(value, str):
                    sheet.write_string(origin[0] + r, origin[1] + c, value)
                else:
                    sheet.write(origin[0] + r, origin[1] + c, value)
    book.close()
    return path


def sample_rows(name: str = "2023.csv") -> list[list[object]]:
    """A sample CSV's rows with its figures as Excel numbers (as a person would type them)."""
    with open(SAMPLES / name, encoding="utf-8") as handle:
        rows: list[list[object]] = []
        for row in csv.reader(handle):
            typed: list[object] = []
            for cell in row:
                try:
                    typed.append(float(cell) if rows else cell)
                except ValueError:
                    typed.append(cell or None)
            rows.append(typed)
    return rows


def statuses(stdout: str) -> dict[str, tuple[str, Any]]:
    return {r["id"]: (r["status"], r["value"]) for r in json.loads(stdout)["results"]}


def test_a_workbook_gives_the_same_verdicts_as_the_csv(tmp_path: Path) -> None:
    book = workbook(tmp_path / "2023.xlsx", {"Sheet1": sample_rows()})
    from_xlsx = invoke("evaluate", book, "-f", "json")
    from_csv = invoke("evaluate", SAMPLES / "2023.csv", "-f", "json")
    assert from_xlsx.exit_code == from_csv.exit_code == 0
    assert statuses(from_xlsx.stdout) == statuses(from_csv.stdout)
    lines = {r["id"]: (r["file"], r["line"]) for r in json.loads(from_xlsx.stdout)["results"]}
    assert lines["5"] == (str(book), 6)  # row 6 of the sheet: header + indicators 1-5


def test_a_failing_year_fails_from_a_workbook_too(tmp_path: Path) -> None:
    book = workbook(tmp_path / "2022.xlsx", {"data": sample_rows("2022.csv")})
    result = invoke("evaluate", book, "-f", "json")
    expected = invoke("evaluate", SAMPLES / "2022.csv", "-f", "json")
    assert result.exit_code == expected.exit_code == 1
    assert statuses(result.stdout) == statuses(expected.stdout)


def test_wide_form_with_units_years_and_an_offset_table(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["unit", "year", "1", "规范性文件审查纠错率"],
        ["徐汇区", 2023, 100, 2.3],
        ["长宁区", 2023.0, 90, 1.1],
    ]
    book = workbook(tmp_path / "wide.xlsx", {"S": rows}, origin=(2, 1))  # header at B3
    plan = load_plan(None)
    observations = read_submission([book], plan).observations
    found = {(o.unit, o.indicator): (o.value, o.year, o.rank, o.line) for o in observations}
    assert found[("徐汇区", "1")] == (100.0, 2023, None, 4)
    assert found[("长宁区", "5")] == (1.1, 2023, None, 5)


def test_a_wide_sheets_rank_column_is_refused_not_given_to_every_indicator(tmp_path: Path) -> None:
    """One rank (or reference, or value) column beside one column per indicator was read as
    every indicator's: 1's rank 3, 5 judged against 8's city average. It names no indicator."""
    rows: list[list[object]] = [["unit", "year", "1", "18", "名次"], ["徐汇区", 2023, 100, 95, 3]]
    book = workbook(tmp_path / "wide.xlsx", {"S": rows})
    with pytest.raises(
        UserError, match=r"wide.xlsx:1:5: S!E1: a .名次. column beside one column per indicator"
    ):
        read_submission([book], load_plan(None))


def test_numbers_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["indicator", "value", "reference"],
        [1, 95.00000000000001, None],  # a formula's floating-point residue
        [5, 0.1 + 0.2, 1.8],  # 0.30000000000000004
    ]
    book = workbook(tmp_path / "2023.xlsx", {"Sheet1": rows})
    values = {o.indicator: o.value for o in read_submission([book], load_plan(None)).observations}
    assert values["1"] == 95.0
    assert values["5"] == 0.3


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (95.0, "95"),
        (2023.0, "2023"),
        (95.2, "95.2"),
        (95.00000000000001, "95"),
        (0.30000000000000004, "0.3"),
        (1e-7, "1e-07"),
        (7, "7"),
        (True, "TRUE"),
        (None, ""),
        ("N/A", "N/A"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_bad_cell_is_named_by_sheet_and_cell(tmp_path: Path) -> None:
    rows = sample_rows()
    rows[4][2] = "abc"  # row 5 of the sheet, column C: indicator 4's value
    book = workbook(tmp_path / "2023.xlsx", {"Sheet1": rows})
    result = invoke("evaluate", book)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{book}:5: Sheet1!C5: value: 'abc' is not a number")


def test_a_column_plancheck_does_not_use_is_skipped_with_its_cell_named(tmp_path: Path) -> None:
    book = workbook(
        tmp_path / "2023.xlsx", {"My data": [["indicator", "value", "colour"], [1, 100, "x"]]}
    )
    result = invoke("evaluate", book)
    assert result.exit_code == 1  # judged: the other binding indicators are missing
    assert (
        f"warning: {book}:1:3: 'My data'!C1: column 'colour' is not used by plancheck: skipped"
        in result.stderr.splitlines()
    )


def test_a_value_beyond_the_header(tmp_path: Path) -> None:
    book = workbook(
        tmp_path / "2023.xlsx", {"S": [["indicator", "value"], [1, 100, None, "stray"]]}
    )
    result = invoke("evaluate", book)
    assert result.exit_code == 2
    assert f"{book}:2:4: S!D2: a value in a column without a header" in result.stderr


def test_sheet_option_picks_a_sheet_and_names_the_choices(tmp_path: Path) -> None:
    book = workbook(
        tmp_path / "2023.xlsx",
        {"说明": [["这是说明页"]], "数据": sample_rows()},
    )
    assert invoke("evaluate", book).exit_code == 2  # the first sheet has no header we know
    assert invoke("evaluate", book, "--sheet", "数据").exit_code == 0
    missing = invoke("evaluate", book, "--sheet", "Sheet9")
    assert missing.exit_code == 2
    assert "no sheet 'Sheet9' in the workbook (sheets: '说明', '数据')" in missing.stderr


def test_sheet_option_needs_a_workbook() -> None:
    result = invoke("evaluate", SAMPLES / "2023.csv", "--sheet", "S")
    assert result.exit_code == 2
    assert "--sheet S: only Excel workbooks (.xlsx) have sheets" in result.stderr


def test_empty_sheet_and_broken_file(tmp_path: Path) -> None:
    empty = workbook(tmp_path / "2023.xlsx", {"Leer": []})
    result = invoke("evaluate", empty)
    assert result.exit_code == 2
    assert "the sheet 'Leer' is empty" in result.stderr
    broken = tmp_path / "broken.xlsx"
    broken.write_text("indicator,value\n1,100\n", encoding="utf-8")
    result = invoke("evaluate", broken)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}: not a readable Excel workbook")


def test_a_missing_excel_package_says_reinstall(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = workbook(tmp_path / "2023.xlsx", {"S": sample_rows()})
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails
    with pytest.raises(UserError, match=r"needs python-calamine.*reinstall plancheck") as raised:
        read_submission([book], load_plan(None))
    assert "pip install" not in str(raised.value)


def test_cell_names() -> None:
    assert [column_letters(c) for c in (0, 2, 25, 26, 27, 701, 702)] == [
        "A", "C", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip
    assert cell_ref("Sheet1", 5, 2) == "Sheet1!C5"
    assert cell_ref("数据", 1, 0) == "数据!A1"
    assert cell_ref("Bob's data", 2, 1) == "'Bob''s data'!B2"


def _drop_cached_value(book: Path, cell: str) -> None:
    """What a workbook written by a program that does not compute formulas looks like."""
    with zipfile.ZipFile(book) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(
        rb'(<c r="' + cell.encode() + rb'"[^>]*>)(<f>[^<]*</f>)<v>[^<]*</v>', rb"\1\2", parts[sheet]
    )
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _with_formula(book: Path, formula: str, cached: str | None) -> Path:
    """The sample as a workbook whose C5 (indicator 4's value) is a formula."""
    xl = xlsxwriter.Workbook(str(book))
    sheet = xl.add_worksheet("Sheet1")
    for r, row in enumerate(sample_rows()):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    sheet.write_formula(4, 2, formula, None, cached if cached is not None else 0)
    xl.close()
    if cached is None:
        _drop_cached_value(book, "C5")
    return book


def test_excel_errors_and_uncomputed_formulas_are_not_read_as_blanks(tmp_path: Path) -> None:
    """calamine gives both as empty cells, which would read as a figure not submitted."""
    book = _with_formula(tmp_path / "2023.xlsx", "=1/0", "#DIV/0!")
    result = invoke("evaluate", book)
    assert (result.exit_code, result.stderr) == (
        2,
        f"{book}:5: Sheet1!C5: value: '#DIV/0!' is an Excel error, not a number: fix the formula "
        "(indicator 4 重大行政决策合法性审查率)\n",
    )
    book = _with_formula(tmp_path / "2023.xlsx", "=B2*1", None)
    result = invoke("evaluate", book)
    assert result.exit_code == 2
    assert "Sheet1!C5: value: '=B2*1' is a formula Excel never computed" in result.stderr


def test_units_and_years_merged_down_the_rows(tmp_path: Path) -> None:
    """As such tables are laid out: one merged cell for a unit's rows, one for the year."""
    book = tmp_path / "districts.xlsx"
    xl = xlsxwriter.Workbook(str(book))
    sheet = xl.add_worksheet("数据")
    sheet.write_row(0, 0, ["区", "年份", "指标", "数值"])
    for start, unit in ((1, "徐汇区"), (4, "长宁区")):
        sheet.merge_range(start, 0, start + 2, 0, unit)
        sheet.merge_range(start, 1, start + 2, 1, 2023)
        for r, (indicator, value) in enumerate([(1, 100), (2, 3), (4, 99)], start=start):
            sheet.write_row(r, 2, [indicator, value])
    xl.close()
    result = invoke("evaluate", book, "-f", "json")
    assert result.exit_code == 1, result.stderr  # 4: 99 misses 100 for both
    given = {(r["unit"], r["id"]): r["value"] for r in json.loads(result.stdout)["results"]}
    assert given[("长宁区", "2")] == 3 and given[("徐汇区", "4")] == 99


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_a_figure_merged_down_the_rows_is_refused_at_its_cells(tmp_path: Path, layout: str) -> None:
    """A unit or year merged down counts for every row; a figure merged down would count for
    another indicator's (or unit's) row too: refused, naming the cells."""
    book = tmp_path / "2023.xlsx"
    xl = xlsxwriter.Workbook(str(book))
    sheet = xl.add_worksheet("Sheet1")
    if layout == "long":
        sheet.write_row(0, 0, ["指标", "年份", "数值"])
        for r, indicator in enumerate([1, 2, 4], start=1):
            sheet.write_row(r, 0, [indicator, 2023])
        sheet.write(1, 2, 100)
        sheet.merge_range(2, 2, 3, 2, 3)  # C3:C4: indicator 2's 3, shown over 4's row
        where, cells = ":3:", "Sheet1!C3:C4"
    else:
        sheet.write_row(0, 0, ["区", "年份", "1", "2"])
        sheet.write_row(1, 0, ["徐汇区", 2023, 100])
        sheet.write_row(2, 0, ["长宁区", 2023, 99])
        sheet.merge_range(1, 3, 2, 3, 3)  # D2:D3 over both districts
        where, cells = ":2:", "Sheet1!D2:D3"
    xl.close()
    result = invoke("evaluate", book)
    assert result.exit_code == 2
    assert f"{book}{where}" in result.stderr and cells in result.stderr
    assert "merged" in result.stderr and len(result.stderr.splitlines()) == 1


def test_percent_formatted_cells_read_as_the_percentage_shown(tmp_path: Path) -> None:
    """Typed as 98.5% in Excel, a cell stores 0.985: it is the figure 98.5, not 0.985."""
    book = tmp_path / "2023.xlsx"
    xl = xlsxwriter.Workbook(str(book))
    sheet = xl.add_worksheet("Sheet1")
    # The sample's figures as shares under percent formats: built-in 0% (id 9) and 0.00% (10),
    # custom 0.0% and one with a colour section.
    shares = {4: (1.0, "0%"), 11: (0.985, "0.0%"), 12: (0.86, "0.00%"), 18: (0.952, "[Blue]0.0%")}
    for r, row in enumerate(sample_rows()):
        for c, value in enumerate(row):
            indicator = int(row[0]) if r and isinstance(row[0], float) else None
            if c == 2 and indicator in shares:
                stored, fmt = shares[indicator]
                sheet.write_number(r, c, stored, xl.add_format({"num_format": fmt}))
            elif value is not None:
                sheet.write(r, c, value)
    xl.close()
    result = invoke("evaluate", book, "-f", "json")
    values = {r["id"]: r["value"] for r in json.loads(result.stdout)["results"]}
    assert (values["4"], values["11"], values["12"], values["18"]) == (100, 98.5, 86, 95.2)
    expected = invoke("evaluate", SAMPLES / "2023.csv", "-f", "json")
    assert result.exit_code == expected.exit_code == 0
    assert statuses(result.stdout) == statuses(expected.stdout)


def test_the_active_tab_is_read_and_hidden_sheets_are_not(tmp_path: Path) -> None:
    """Excel opens on the active tab; a hidden first sheet is none a person sees."""
    book = tmp_path / "2023.xlsx"
    xl = xlsxwriter.Workbook(str(book))
    notes = xl.add_worksheet("说明")
    notes.write(0, 0, "这是隐藏的说明页")
    notes.hide()
    for name, value in (("一月", 90), ("全年", 100)):
        sheet = xl.add_worksheet(name)
        sheet.write_row(0, 0, ["indicator", "value"])
        sheet.write_row(1, 0, [4, value])
    xl.worksheets()[1].activate()  # 一月: the tab the workbook was saved on
    xl.close()
    assert read_sheet(book) == ("一月", [["indicator", "value"], ["4", "90"]], {})
    assert read_sheet(book, "全年")[1][1] == ["4", "100"]
    assert read_sheet(book, "说明")[1] == [["这是隐藏的说明页"]]  # named, a hidden sheet is read


def test_the_name_of_the_sheet_read_is_kept_with_the_submission(tmp_path: Path) -> None:
    book = workbook(tmp_path / "2023.xlsx", {"说明": [["见数据页"]], "数据": sample_rows()})
    submission = read_submission([book], load_plan(None), sheet="数据")
    assert submission.sheets == {str(book): "数据"}
    assert submission.observations[0].indicator == "1"


def test_a_formula_never_computed_past_the_last_filled_row_is_still_an_error(
    tmp_path: Path,
) -> None:
    """calamine's grid ends at the last cell it has a value for; the formula after it is a
    figure the officer meant to give, not nothing."""
    rows = [*sample_rows()[:5], [None, None, "=1+1"]]
    book = workbook(tmp_path / "2023.xlsx", {"Sheet1": rows})
    _drop_cached_value(book, "C6")
    result = invoke("evaluate", book)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{book}:6: Sheet1!A6: indicator: empty;")


def test_a_formula_saved_by_a_program_that_asks_excel_to_compute_it_is_not_its_value(
    tmp_path: Path,
) -> None:
    """xlsxwriter saves 0 as a formula's value unless told the result, and sets fullCalcOnLoad:
    that 0 is no result."""
    book = _with_formula(tmp_path / "2023.xlsx", "=50*2", "0")
    with zipfile.ZipFile(book) as archive:
        assert b'fullCalcOnLoad="1"' in archive.read("xl/workbook.xml")
    result = invoke("evaluate", book)
    assert result.exit_code == 2
    assert "Sheet1!C5: value: '=50*2' is a formula Excel never computed" in result.stderr
    # Saved again by Excel, the value is the formula's result (no fullCalcOnLoad): it is read.
    _set_part(book, "xl/workbook.xml", lambda xml: xml.replace(b' fullCalcOnLoad="1"', b""))
    computed = b"<f>50*2</f><v>100</v>"
    _set_part(
        book, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<f>50*2</f><v>0</v>", computed)
    )
    result = invoke("evaluate", book, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert '"id": "4"' in result.stdout and '"status": "pass", "value": 100' in result.stdout
    # A program that saves the result it computed (not the placeholder 0) is taken at its word.
    book = _with_formula(tmp_path / "2023.xlsx", "=50*2", "100")
    result = invoke("evaluate", book, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert '"status": "pass", "value": 100' in result.stdout


def _set_part(book: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(book) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(book, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


@pytest.mark.parametrize(
    ("column", "cached", "said"),
    [
        ("note", None, "note: '=B2' is a formula Excel never computed"),
        ("unit", None, "unit: '=B2' is a formula Excel never computed"),
        ("note", "#N/A", "note: '#N/A' is an Excel error"),
    ],
)
def test_a_unit_or_note_excel_never_computed_is_no_text(
    tmp_path: Path, column: str, cached: str | None, said: str
) -> None:
    """A note or a unit is text taken as it is: an error or a formula never computed is not."""
    rows = sample_rows()
    header = rows[0] if column in rows[0] else [*rows[0], column]
    at = header.index(column)
    letter = chr(ord("A") + at)
    book = tmp_path / "2023.xlsx"
    xl = xlsxwriter.Workbook(str(book))
    sheet = xl.add_worksheet("Sheet1")
    for r, row in enumerate([header, *rows[1:]]):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
        if r and column == "unit":
            sheet.write(r, at, "徐汇区")
    sheet.write_formula(4, at, "=B2", None, cached if cached is not None else 0)
    xl.close()
    if cached is None:
        _drop_cached_value(book, f"{letter}5")
    result = invoke("evaluate", book)
    assert result.exit_code == 2
    cell = f"Sheet1!{letter}5"
    assert result.stderr.startswith(f"{book}:5: {cell}: {said}"), result.stderr
    assert result.stderr.count("\n") == 1


def test_a_formula_of_a_sheets_extension_past_its_cells_is_no_cells(tmp_path: Path) -> None:
    # A 2010 data bar keeps its formula in an <xm:f> after </sheetData>, and xlsxwriter asks for
    # a recompute on opening: that formula is no cell's (the last figure was refused as one).
    rows = sample_rows()
    book = tmp_path / "2023.xlsx"
    xl = xlsxwriter.Workbook(str(book))
    sheet, other = xl.add_worksheet("Sheet1"), xl.add_worksheet("Sheet2")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    other.write_number(0, 0, 1)
    sheet.conditional_format(1, 3, len(rows) - 1, 3, {
        "type": "data_bar", "data_bar_2010": True, "min_type": "formula",
        "min_value": "=Sheet2!$A$1"})  # fmt: skip
    xl.close()
    with zipfile.ZipFile(book) as package:
        assert b"<xm:f>" in package.read("xl/worksheets/sheet1.xml")  # past </sheetData>
    from_xlsx = invoke("evaluate", book, "-f", "json")
    from_csv = invoke("evaluate", SAMPLES / "2023.csv", "-f", "json")
    assert from_xlsx.exit_code == from_csv.exit_code == 0, from_xlsx.output
    assert statuses(from_xlsx.stdout) == statuses(from_csv.stdout)


def test_a_row_given_twice_is_named_by_its_sheets_cells(tmp_path: Path) -> None:
    # It was located as "line 2", where every other message of a workbook names the cell.
    long = workbook(tmp_path / "long-2023.xlsx", {"Results": [
        ["indicator", "value"], ["4", 100], ["4", 99]]})  # fmt: skip
    wide = workbook(tmp_path / "wide.xlsx", {"成果 表": [
        ["unit", "year", "4", "5"], ["徐汇区", 2023, 100, 1], ["徐汇区", 2023, 99, 2]]})  # fmt: skip
    result = invoke("evaluate", long)
    assert (result.exit_code, result.stderr) == (2, (
        f"{long}:3: Results!A3: indicator 4 is given twice for 徐汇区 2023 (also at Results!A2)\n"
    ))  # fmt: skip
    result = invoke("evaluate", wide, "--lang", "zh")
    assert (result.exit_code, result.stderr) == (2, (
        f"{wide}:3: '成果 表'!C3：指标 4 在徐汇区 2023年重复填报（另见 '成果 表'!C2）\n"
        f"{wide}:3: '成果 表'!D3：指标 5 在徐汇区 2023年重复填报（另见 '成果 表'!D2）\n"
    ))  # fmt: skip
    csv_first = tmp_path / "first-2023.csv"
    csv_first.write_text("indicator,value\n4,100\n", encoding="utf-8")
    result = invoke("evaluate", csv_first, long)  # the first in a CSV file: its line
    assert result.stderr.splitlines()[0] == (
        f"{long}:2: Results!A2: indicator 4 is given twice for 徐汇区 2023 (also at line 2 of "
        f"{csv_first}): neither file names its unit, so both are 徐汇区's: add a 'unit' column "
        "(单位) to each"
    )
    result = invoke("evaluate", long, csv_first)  # the first in a workbook: its cell
    assert (
        f"{csv_first}:2: indicator 4 is given twice for 徐汇区 2023 (also at Results!A2 of "
        f"{long})" in result.stderr
    )


@pytest.mark.parametrize(
    ("data", "said"),
    [(b"", "the file is empty (0 bytes)"),
     ("指标,数值\n4,100\n".encode("gbk"), "it is a text file (a CSV?) named .xlsx: give it the "
                                         "extension of what it holds (.csv, .yaml, .txt)"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "it is an old Office file (.xls or .doc) "
                                                     "named .xlsx: open it and save it as .xlsx"),
     (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(100), "the file is cut short (its end is "
                                                         "missing): copy or download it again")],
)  # fmt: skip
def test_a_file_that_is_no_workbook_at_all_is_said_for_what_it_is(
    tmp_path: Path, data: bytes, said: str
) -> None:
    """Issue: a CSV renamed .xlsx, an empty file, an old .xls and a download cut short were
    all 'not a readable Excel workbook: File is not a zip file' — zipfile's words, no hint."""
    source = tmp_path / "2023.xlsx"
    source.write_bytes(data)
    result = run_cli("evaluate", source)
    assert (result.code, result.stderr) == (
        2, f"{source}: not a readable Excel workbook: {said}\n"
    )  # fmt: skip
