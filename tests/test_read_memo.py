"""The reader checks each distinct cell text once (units, years, figures, ranks, 合计 rows): the
memos must never change what is read or said. Each case has rows sharing a cell but differing
elsewhere (another indicator, file, field or column), and the figures, warnings and errors read,
in order, with their lines — the same as before the memos."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.errors import UserError
from plancheck.plan.load import load_plan
from plancheck.plan.models import Plan
from plancheck.submission.read import read_submission

HEAD = "unit,year,indicator,value\n"

CASES: dict[str, tuple[dict[str, str], list[str]]] = {
    # "95%" is a figure of a rate, not of a count per year: per indicator, whatever came first.
    "figure_per_indicator": (
        {"2023.csv": "indicator,value\n1,95%\n2,95%\n1,95%\n3,95%\n"},
        ["2023.csv:3: value: '95%' has '%' but the indicator is measured in 次/年 "
         "(indicator 2 区委理论学习中心组专题学法次数)"],
    ),
    # A bad cell repeated is reported on every row, in file order.
    "bad_cell_every_row": (
        {"2023.csv": "unit,indicator,value\n徐汇区,1,约9\n长宁区,1,约9\n静安区,1,约9\n"},
        [f"2023.csv:{n}: value: '约9' is not a number (indicator 1 “三重一大”事项提交区委常委会审议率)"
         for n in (2, 3, 4)],
    ),
    # An empty year cell is each file's year from its name.
    "year_per_file": (
        {"2022.csv": HEAD + "徐汇区,,1,90\n徐汇区,2023,2,3\n",
         "2024.csv": HEAD + "徐汇区,,1,91\n徐汇区,2023,3,4\n"},
        ["徐汇区 2022 1 90.0 - - 2022.csv:2", "徐汇区 2024 1 91.0 - - 2024.csv:2",
         "徐汇区 2023 2 3.0 - - 2022.csv:3", "徐汇区 2023 3 4.0 - - 2024.csv:3"],
    ),
    "year_per_file_twice": (
        {"2022.csv": HEAD + "徐汇区,,1,90\n徐汇区,2023,2,3\n",
         "2024.csv": HEAD + "徐汇区,,1,91\n徐汇区,2023,2,4\n"},
        ["2024.csv:3: indicator 2 is given twice for 徐汇区 2023 (also at line 3 of 2022.csv)"],
    ),
    # 合计 in the unit or the year column, seen again: skipped with a warning each time.
    "totals_repeat": (
        {"2023.csv": HEAD + "徐汇区,2023,1,90\n合计,2023,1,1\n徐汇区,合计,2,2\n合计,2023,3,3\n"
                            "徐汇区,合计,4,4\n徐汇区,2023,5,1\n"},
        ["徐汇区 2023 1 90.0 - - 2023.csv:2", "徐汇区 2023 5 1.0 - - 2023.csv:7",
         *[f"warning: 2023.csv:{n}: a '合计' row is the table's own (a total or a note), not figures: skipped" for n in (3, 4, 5, 6)]],
    ),
    # Three texts of one unit are one unit.
    "unit_texts_fold": (
        {"2023.csv": "unit,indicator,value\n徐汇区,1,90\n 徐汇区 ,2,3\n长宁区,1,80\n徐汇区\u200b,3,90\n"},
        ["徐汇区 2023 1 90.0 - - 2023.csv:2", "长宁区 2023 1 80.0 - - 2023.csv:4",
         "徐汇区 2023 2 3.0 - - 2023.csv:3", "徐汇区 2023 3 90.0 - - 2023.csv:5"],
    ),
    "rank_per_indicator": (
        {"2023.csv": "indicator,value,rank\n1,90,3\n5,1,3\n18,90,3\n18,,第0名\n1,90,第0名\n"},
        ["2023.csv:5: rank: rank '第0名' is not a whole number from 1",
         "2023.csv:6: rank: rank '第0名' is not a whole number from 1"],
    ),
    # One text as a value and as a reference, of two indicators.
    "reference_and_value": (
        {"2023.csv": "indicator,value,reference\n5,101,1\n8,1,101\n5,,101\n"},
        ["2023.csv:2: value: 101 % is above the highest valid value 100 "
         "(indicator 5 规范性文件审查纠错率)",
         "2023.csv:3: reference: 101 % is above the highest valid value 100 "
         "(indicator 8 行政诉讼败诉率)",
         "2023.csv:4: reference: 101 % is above the highest valid value 100 "
         "(indicator 5 规范性文件审查纠错率)"],
    ),
    # A wide row's cells are labelled by their own column.
    "wide_labels": (
        {"2023.csv": "unit,year,1,2,6\n徐汇区,2023,90,约3,95\n长宁区,2023,约1,3,101\n"},
        ["2023.csv:2: 2: '约3' is not a number (indicator 2 区委理论学习中心组专题学法次数)",
         "2023.csv:3: 1: '约1' is not a number (indicator 1 “三重一大”事项提交区委常委会审议率)",
         "2023.csv:3: 6: 101 % is above the highest valid value 100 (indicator 6 依申请公开及时答复率)"],
    ),
    "blank_unit_then_named": (
        {"2023.csv": "unit,indicator,value\n,1,90\n,2,3\n徐汇区,3,90\n徐汇区,4,90\n"},
        ["2023.csv:2: unit: empty, but line 4 names its unit (徐汇区); give the unit on every row"],
    ),
    # A unit's text checked on a row dropped for another cell, then met after a blank unit:
    # the file names its unit there, whatever the reader remembers of the text.
    "unit_seen_on_a_dropped_row": (
        {"2023.csv": "unit,indicator,value\n徐汇区,1,约9\n,1,90\n徐汇区,2,90\n,2,90\n徐汇区,1,90\n"},
        ["2023.csv:2: value: '约9' is not a number (indicator 1 “三重一大”事项提交区委常委会审议率)",
         "2023.csv:3: unit: empty, but line 4 names its unit (徐汇区); give the unit on every row"],
    ),
    "unit_named_in_another_file": (
        {"2022.csv": "unit,indicator,value\n徐汇区,1,90\n",
         "2023.csv": "unit,indicator,value\n,1,90\n徐汇区,1,90\n"},
        ["2023.csv:2: unit: empty, but line 3 names its unit (徐汇区); give the unit on every row"],
    ),
    "notes_on_rows_seen_before": (
        {"2023.csv": "indicator,year,value,note\n1,2022,90,\n2,2023,90,第三方测评\n1,2023,90,口径调整\n"},
        ["徐汇区 2022 1 90.0 - - 2023.csv:2", "徐汇区 2023 1 90.0 - - 2023.csv:4 口径调整",
         "徐汇区 2023 2 90.0 - - 2023.csv:3 第三方测评"],
    ),
    "yaml_values": (
        {"2023.yaml": 'unit: 徐汇区\nvalues:\n  "1": 95%\n  "2": 95%\n  "3": {value: 90, rank: 0}\n'
                      '  "4": {value: 90, rank: 2}\n'},
        ["2023.yaml:4: value: '95%' has '%' but the indicator is measured in 次/年 "
         "(indicator 2 区委理论学习中心组专题学法次数)",
         "2023.yaml:5:20: rank: rank '0' is not a whole number from 1"],
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(tasks=False)


def said(paths: list[Path], plan: Plan, folder: Path, year: int | None = None) -> list[str]:
    """What reading ``paths`` gives: each figure, then each warning; or each error."""

    def short(text: str) -> str:
        return text.replace(f"{folder}/", "")

    try:
        submission = read_submission(paths, plan, year)
    except UserError as exc:
        return short(str(exc)).splitlines()

    def figure(number: float | int | None) -> str:
        return (
            "-"
            if number is None or (isinstance(number, float) and math.isnan(number))
            else str(number)
        )

    lines = [
        f"{o.unit} {o.year} {o.indicator} {figure(o.value)} {figure(o.reference)} {figure(o.rank)} "
        f"{short(o.file)}:{o.line}{f' {o.note}' if o.note else ''}"
        for o in submission.observations
    ]
    return lines + [f"warning: {short(w)}" for w in submission.warnings]


@pytest.mark.parametrize("name", list(CASES))
def test_a_cell_seen_before_reads_as_if_seen_first(tmp_path: Path, plan: Plan, name: str) -> None:
    files, expected = CASES[name]
    paths = []
    for file, text in files.items():
        (tmp_path / file).write_text(text, encoding="utf-8")
        paths.append(tmp_path / file)
    assert said(paths, plan, tmp_path) == expected


def test_the_year_a_file_disagrees_on_is_said_once_at_its_first_row(
    tmp_path: Path, plan: Plan
) -> None:
    """A year read before (2023, from the memo) still agrees; the first that does not is said,
    once: the file and --year disagree, not each row (a national file has thousands)."""
    path = tmp_path / "2023.csv"
    path.write_text(
        HEAD + "徐汇区,2023,1,90\n徐汇区,2023,2,3\n徐汇区,2022,3,90\n徐汇区,2022,4,90\n",
        encoding="utf-8",
    )
    assert said([path], plan, tmp_path, year=2023) == [
        "2023.csv:4: year: 2022 disagrees with --year 2023",
    ]


@pytest.mark.parametrize("first", [True, 1], ids=["TRUE first", "1 first"])
def test_a_workbook_number_1_and_a_true_cell_stay_apart(
    tmp_path: Path, plan: Plan, first: object
) -> None:
    """The workbook reader writes each distinct number once: TRUE (equal to 1 in Python) is
    not the number 1."""
    path = tmp_path / "2023.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    rows: list[list[object]] = [
        ["indicator", "value"],
        [1, first],
        [2, 1 if first is True else True],
    ]
    rows.append([3, 1.0])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    true_line = 2 if first is True else 3
    true_id = 1 if first is True else 2
    name = {1: "“三重一大”事项提交区委常委会审议率", 2: "区委理论学习中心组专题学法次数"}[true_id]
    assert said([path], plan, tmp_path) == [
        f"2023.xlsx:{true_line}: Sheet1!B{true_line}: value: 'TRUE' is not a number "
        f"(indicator {true_id} {name})"
    ]


CELLS = {
    "unit": ["徐汇区", "长宁区", "", " 徐汇区 ", "合计", "徐汇"],
    "year": ["2023", "2022", "", "合计", "2023.5"],
    "indicator": ["1", "2", "5", "18", "99", "", "合计"],
    "value": ["90", "95%", "1.2", "", "约9", "101", "N/A"],
    "reference": ["", "1.8", "x"],
    "note": ["", "", "备注", " "],
}


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    columns=st.lists(st.sampled_from(["unit", "year", "reference", "note"]), unique=True).map(
        lambda extra: ["indicator", "value", *extra]
    ),
    rows=st.lists(st.lists(st.integers(0, 6), min_size=6, max_size=6), min_size=1, max_size=40),
)  # fmt: skip
def test_a_row_of_cells_seen_before_reads_as_add_reads_it(
    tmp_path: Path, plan: Plan, columns: list[str], rows: list[list[int]]
) -> None:
    """Rows whose every cell was checked before are kept from the reader's memos without a
    call of ``add`` (Layout.keep_known_rows): what is read and said is what ``add`` gives."""
    from plancheck.submission.read import Layout

    lines = [",".join(columns)]
    for picks in rows:
        lines.append(
            ",".join(CELLS[c][p % len(CELLS[c])] for c, p in zip(columns, picks, strict=False))
        )
    path = tmp_path / "2023.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = said([path], plan, tmp_path)
    try:
        Layout.keep_known_rows = False
        assert said([path], plan, tmp_path) == kept
    finally:
        Layout.keep_known_rows = True
