"""Reading submissions as statisticians save them: every bad cell at once, Excel's habits
skipped with a warning, units checked against the plan, lines counted as editors count them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, run


def write(tmp_path: Path, text: str, name: str = "2023.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_bad_cell_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    source = write(tmp_path, "indicator,value\n4,约68\n5,1.2\n6,约95\n不存在,3\n")
    result = run("evaluate", source)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"{source}:2: value: '约68' is not a number (indicator 4 重大行政决策合法性审查率)",
        f"{source}:4: value: '约95' is not a number (indicator 6 依申请公开及时答复率)",
        f"{source}:5: indicator: unknown indicator '不存在'",
    ]


def test_a_totals_row_and_an_extra_column_are_skipped_with_one_warning_each(tmp_path: Path) -> None:
    source = write(tmp_path, "indicator,value,数据来源\n4,100,区司法局\n合计,100,\n")
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1)
    assert result.statuses()["4"] == "pass"
    assert result.stderr.splitlines() == [
        f"warning: {source}:1:3: column '数据来源' is not used by plancheck: skipped",
        f"warning: {source}:3: a '合计' row is the table's own (a total or a note), not figures: skipped",
    ]


@pytest.mark.parametrize(
    "rows",
    ["unit,year,indicator,value\n徐汇区,2023,4,100\n合计,2023,,\n",  # 合计 in the first column
     "unit,year,4,6\n徐汇区,2023,100,100\n合计,2023,100,100\n"],  # a wide table's total row
    ids=["long", "wide"],
)  # fmt: skip
def test_a_totals_row_named_in_the_unit_column_is_skipped_once(tmp_path: Path, rows: str) -> None:
    source = write(tmp_path, rows)
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.statuses()["4"] == "pass"
    assert result.stderr.splitlines() == [
        f"warning: {source}:3: a '合计' row is the table's own (a total or a note), not figures: skipped"
    ]


def test_a_misspelled_unit_is_an_error_naming_the_nearest_member(tmp_path: Path) -> None:
    source = write(tmp_path, "unit,indicator,value\n徐汇区,4,100\n徐汇,5,1.2\n")
    result = run("evaluate", source)
    assert result.code == 2
    assert result.stderr.startswith(
        f"{source}:3: unit: '徐汇' is not one of the plan's units; did you mean '徐汇区'?"
    )


def bundled_plan_with(tmp_path: Path, old: str, new: str) -> Path:
    """A plan folder holding the bundled indicators.yaml with its first ``old`` made ``new``."""
    plan = tmp_path / "plan"
    plan.mkdir()
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    assert old in text
    (plan / "indicators.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return plan


def test_a_plan_may_admit_other_units(tmp_path: Path) -> None:
    plan = bundled_plan_with(
        tmp_path, "  target_year: 2025\n", "  target_year: 2025\n  other_units: true\n"
    )
    source = write(tmp_path, "unit,indicator,value\n徐汇区,4,100\n某街道,4,100\n")
    result = run("evaluate", source, "--plan", plan, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert {r["unit"] for r in result.json()["results"]} == {"徐汇区", "某街道"}


def test_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    source = write(tmp_path, "sep=;\nindicator;value\n4;100\n5;1.2\n")
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    values = {r["id"]: r["value"] for r in result.json()["results"]}
    assert values["4"] == 100


def test_lines_are_counted_as_editors_count_them(tmp_path: Path) -> None:
    # U+2028, a form feed and NEL are text inside a note, not line ends
    source = write(tmp_path, "indicator,value,note\n4,100,a\u2028b\f\x85c\n5,abc,\n")
    result = run("evaluate", source)
    assert result.code == 2
    assert result.stderr.startswith(f"{source}:3: value: 'abc' is not a number")


def test_two_indicator_columns_must_name_the_same_indicator(tmp_path: Path) -> None:
    agree = write(tmp_path, "序号,指标,实际值\n4,重大行政决策合法性审查率,100\n", "a-2023.csv")
    assert run("evaluate", agree, "-f", "json").statuses()["4"] == "pass"
    differ = write(tmp_path, "序号,指标,实际值\n4,规范性文件审查纠错率,100\n", "b-2023.csv")
    result = run("evaluate", differ)
    assert result.code == 2
    assert "'4' and '规范性文件审查纠错率' name different indicators (4 and 5)" in result.stderr


UNDECODABLE = b"a\x80b"  # no UTF-8, UTF-16 or GB18030 reads it


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_yaml_file_that_does_not_decode_is_advised_as_a_yaml_file(
    tmp_path: Path, lang: str
) -> None:
    """Issue: a plan's undecodable indicators.yaml was told to be saved as 'CSV UTF-8' from Excel."""
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "indicators.yaml").write_bytes(b"plan:\n  id: x\n  title: " + UNDECODABLE + b"\n")
    submission = tmp_path / "2023.yaml"
    submission.write_bytes(b"year: 2023\nvalues:\n  '1': {value: 1, note: " + UNDECODABLE + b"}\n")
    progress = tmp_path / "progress.yaml"
    progress.write_bytes(
        b"as_of: 2023-12-31\ntasks:\n  '1': {status: done, note: " + UNDECODABLE + b"}\n"
    )
    table = tmp_path / "2023.csv"
    table.write_bytes(b"indicator,value,note\n1,1," + UNDECODABLE + b"\n")
    advice = {"en": ("save it as UTF-8 (your editor's Save As, encoding UTF-8)", "'CSV UTF-8'"),
              "zh": ("请在编辑器中将其另存为 UTF-8 编码", "“CSV UTF-8”")}[lang]  # fmt: skip
    for args, line in [(("plan", "validate", plan), f"{plan / 'indicators.yaml'}:3: "),
                       (("evaluate", ROOT / "samples" / "2023.csv", "--plan", plan),
                        f"{plan / 'indicators.yaml'}:3: "),
                       (("evaluate", submission), f"{submission}:3: "),
                       (("tasks", "check", progress), f"{progress}:3: ")]:  # fmt: skip
        result = run(*args, "--lang", lang)
        assert result.code == 2
        assert result.stderr.startswith(line) and result.stderr.rstrip().endswith(advice[0])
        assert advice[1] not in result.stderr
    result = run("evaluate", table, "--lang", lang)  # a table is still told about Excel's CSV
    assert result.code == 2 and advice[1] in result.stderr


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('year: 2023\nvalues:\n  "4":\n    note: x\n    value: abc\n', ":5:5: value: 'abc'"),
        (
            "year: 2023\nrecords:\n  - indicator: 4\n    note: x\n    数值: abc\n",
            ":5:5: 数值: 'abc'",
        ),
    ],
)
def test_a_yaml_fields_problem_names_the_fields_own_line(
    tmp_path: Path, text: str, where: str
) -> None:
    source = tmp_path / "2023.yaml"
    source.write_text(text, encoding="utf-8")
    result = run("evaluate", source)
    assert result.code == 2
    assert result.stderr.startswith(f"{source}{where} is not a number")


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("４", "4"), ("０４", "04"), ("Ａ-３", "A-3"), ("⼀", "一"), ("ﬁ", "fi"), ("Ⅳ", "IV"),
     ("④", "④"), ("⁴", "⁴"), ("₄", "₄"), ("⑷", "⑷"), ("⒋", "⒋"), ("𝟒", "𝟒"), ("½", "½"),
     ("审查率①", "审查率①"), ("Ａ④ｂ²⼀", "A④b²一"), ("e\u0301④e\u0301", "é④é")],
)  # fmt: skip
def test_names_fold_as_nfkc_but_a_footnote_mark_is_no_digit(typed: str, folded: str) -> None:
    """One rule with figures (values.fold_figure): a digit is 0–9, half- or full-width; what NFKC
    would make a digit of besides (², ④, ⑴, 𝟒, ½) stays itself. The rest of NFKC still folds."""
    from plancheck.submission.values import compatible, fold

    assert compatible(typed) == folded
    assert fold(f" \u200b{typed} ") == folded


def test_an_indicator_is_not_named_by_a_footnote_mark_or_another_scripts_digit() -> None:
    from plancheck.plan.load import load_plan

    plan = load_plan(None)
    found = {key: getattr(plan.find_indicator(key), "id", None)
             for key in ("4", "４", "04", "０４", "④", "⁴", "₄", "⑷", "𝟒", "٤", "४")}  # fmt: skip
    assert found == {"4": "4", "４": "4", "04": "4", "０４": "4", "④": None, "⁴": None,
                     "₄": None, "⑷": None, "𝟒": None, "٤": None, "४": None}  # fmt: skip


def test_messages_quote_the_cell_as_typed_in_both_languages(tmp_path: Path) -> None:
    """Matching folds a cell (NFKC, invisible characters out); a message quotes it as typed,
    a bidi control and an ESC escaped: never 'IV' for Ⅳ, nor a U+202E silently dropped."""
    source = write(tmp_path, "indicator,value,unit\nⅣ,100,徐汇区\n4,100,\u202e徐汇区\x1b\u200b\n")
    result = run("evaluate", source)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"{source}:2: indicator: unknown indicator 'Ⅳ'",
        f"{source}:3: unit: '\\u202e徐汇区\\x1b\\u200b' is not one of the plan's units; did you "
        "mean '徐汇区'? (a plan that admits other units says `other_units: true`)",
    ]
    result = run("evaluate", source, "--lang", "zh")
    assert result.stderr.splitlines()[:1] == [f"{source}:2: indicator：未知指标“Ⅳ”"]
    assert "unit：“\\u202e徐汇区\\x1b\\u200b”不是规划所列的单位" in result.stderr
    source = write(tmp_path, "indicator,value\n4,100\n合计\u202e,100\n", "2024.csv")
    result = run("evaluate", source, "-f", "json")
    assert f"warning: {source}:3: a '合计\\u202e' row is the table's own" in result.stderr
    source = write(tmp_path, "序号,指标,value\n４,规范性文件审查纠错率\u200b,100\n", "2025.csv")
    assert run("evaluate", source).stderr == (
        f"{source}:2: 序号: '４' and '规范性文件审查纠错率\\u200b' name different indicators (4 and 5)\n"
    )


VALUES = 'values:\n  "4": 100\n  "6": {value: 100}\n  "7": 50\n'
RECORDS = 'records:\n  - {indicator: "4", value: 100}\n  - {indicator: "6", value: 100}\n'


@pytest.mark.parametrize("figures", [VALUES, RECORDS], ids=["values", "records"])
@pytest.mark.parametrize(
    ("top", "args", "said"),
    [
        ("year: 2023.5\nunit: 徐汇区\n", (), ":1:1: year: '2023.5' is not a year"),
        ("unit: 徐汇区\nyear: 2023\n", ("--year", "2022"), ":2:1: year: 2023 disagrees with --year 2022"),
        ("year: 2023\nunit: 徐汇\n", (), ":2:1: unit: '徐汇' is not one of the plan's units; did you mean '徐汇区'?"),
    ],
)  # fmt: skip
def test_a_yaml_files_own_year_or_unit_is_said_once_at_its_key(
    tmp_path: Path, figures: str, top: str, args: tuple[str, ...], said: str
) -> None:
    """The file's ``year:`` and ``unit:`` are one cell each, read for every figure: a problem
    with one is one error at its key, never one per figure at the figures' lines."""
    source = write(tmp_path, top + figures, "2023.yaml")
    result = run("evaluate", source, *args)
    assert result.code == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"{source}{said}"), result.stderr


def test_a_records_own_year_and_unit_are_said_at_their_keys(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        'year: 2023\nrecords:\n  - {indicator: "4", value: 100, year: 2023.5}\n'
        '  - {indicator: "6", value: 100, unit: 徐汇}\n',
        "2023.yaml",
    )
    result = run("evaluate", source)
    assert result.code == 2
    assert [line.split(" '")[0] for line in result.stderr.splitlines()] == [
        f"{source}:3:34: year:",
        f"{source}:4:34: unit:",
    ]


def test_a_wide_rows_bad_year_is_said_once(tmp_path: Path) -> None:
    source = write(tmp_path, "year,4,6\n2023.5,100,100\n2022.5,100,100\n", "figures.csv")
    result = run("evaluate", source)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"{source}:2: year: '2023.5' is not a year",
        f"{source}:3: year: '2022.5' is not a year",
    ]


@pytest.mark.parametrize(
    "header",
    ["序号,实际值（%）,备注", "序号,实际值\n（%）,备注", "序号,2023年实际值,备注（说明）",
     "序号,2023年度完成值(%),备注", "指标序号,完成值【%】,说明"],
    ids=["unit", "unit-on-a-second-line", "year", "year-and-unit", "square-brackets"],
)  # fmt: skip
def test_a_column_headed_with_its_unit_or_its_year_is_read(tmp_path: Path, header: str) -> None:
    """实际值（%）, 2023年实际值: how Chinese tables head the figures' column — read, not skipped
    (its figures were lost, and the run said no indicator had a value)."""
    head = ",".join(f'"{h}"' for h in header.split(","))  # a line break inside a quoted cell
    source = write(tmp_path, f"{head}\n4,100,区司法局\n6,95%,\n")
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.stderr == ""
    assert result.statuses()["4"] == "pass"
    assert result.statuses()["6"] == "fail"
    notes = {r["id"]: r["note"] for r in result.json()["results"]}
    assert notes["4"] == "区司法局"


def test_the_year_before_a_figures_column_is_the_year_of_its_figures(tmp_path: Path) -> None:
    """2024年实际值 says whose figures they are, as 2024年 merged over 实际值 does in a sheet:
    they were judged as the file name's year (2023.csv: 2024's figures as 2023's), or the run
    said it could not tell the year."""
    named = write(tmp_path, "序号,2024年实际值\n4,100\n")  # 2023.csv
    assert run("evaluate", named, "-f", "json").json()["year"] == 2024
    alone = write(tmp_path, "序号,2024年度完成值（%）\n4,100\n", name="figures.csv")
    assert run("evaluate", alone, "-f", "json").json()["year"] == 2024
    other = run("evaluate", alone, "--year", "2023")
    assert other.code == 2
    assert other.stderr.splitlines() == [
        f"{alone}:1:2: 2024年度完成值（%）: 2024 disagrees with --year 2023"
    ]
    cells = write(tmp_path, "序号,年份,2024年实际值\n4,2024,100\n6,2023,100\n", name="t.csv")
    refused = run("evaluate", cells)
    assert refused.code == 2
    assert refused.stderr.splitlines() == [
        f"{cells}:3: 年份: 2023 disagrees with 2024 in the header (2024年实际值)"
    ]
    two = write(tmp_path, "序号,2024年实际值,2023年参照值\n5,1,2\n", name="two.csv")
    refused = run("evaluate", two, "--lang", "zh")
    assert refused.code == 2
    assert refused.stderr.splitlines() == [
        f"{two}:1:2: 2024年实际值：表头并列了 2023、2024年的数值"
    ]


def test_a_sheets_one_row_header_gives_its_year_too(tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    pytest.importorskip("python_calamine")
    path = tmp_path / "figures.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["序号", "2024年实际值"])
    sheet.write_row(1, 0, [4, 100])
    book.close()
    assert run("evaluate", path, "-f", "json").json()["year"] == 2024
    other = run("evaluate", path, "--year", "2023")
    assert other.code == 2
    assert other.stderr.splitlines() == [f"{path}:1:2: Sheet1!B1: 2024 disagrees with --year 2023"]


def test_no_value_left_names_the_columns_skipped(tmp_path: Path) -> None:
    """A figures column not recognised was skipped with a warning the failed run never printed:
    the one line says which columns were not read."""
    source = write(tmp_path, "序号,2023年数据,参照值,填报人\n4,100,,张三\n")
    result = run("evaluate", source, "--lang", "zh")
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"{source}: 没有任何指标填报了数值：无可评估（空单元格和 N/A 都表示无数据）"
        "；未读取的列：“2023年数据”、“填报人”"
    ]
    result = run("evaluate", source)
    assert result.stderr.splitlines()[-1].endswith("; columns not read: '2023年数据', '填报人'")


@pytest.mark.parametrize(
    "cell",
    ["8 行政诉讼败诉率", "8.行政诉讼败诉率", "８．行政诉讼败诉率", "8、行政诉讼败诉率",
     "（8）行政诉讼败诉率", "08 “行政诉讼败诉率”"],
)  # fmt: skip
def test_the_number_and_the_name_in_one_cell_are_read_as_the_did_you_mean_hint_writes_them(
    tmp_path: Path, cell: str
) -> None:
    """The hint for a misspelt name is '8 行政诉讼败诉率'; typed back as suggested, that cell was
    an unknown indicator again, with the same hint (the plan's table shows number and name)."""
    source = write(tmp_path, f"indicator,value\n{cell},3\n4,100\n")
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.statuses()["8"] == "unknown"  # read: 3, with no city average to judge it by
    wide = write(tmp_path, f"unit,year,4,{cell}\n徐汇区,2023,100,3\n", "wide.csv")
    assert run("evaluate", wide, "-f", "json").statuses()["8"] == "unknown"


def test_a_number_and_another_indicators_name_in_one_cell_are_no_indicator(tmp_path: Path) -> None:
    source = write(tmp_path, "indicator,value\n4 行政诉讼败诉率,3\n")
    result = run("evaluate", source)
    assert (result.code, result.stderr) == (2, f"{source}:2: indicator: unknown indicator "
                                            "'4 行政诉讼败诉率'; did you mean '8 行政诉讼败诉率'?\n")  # fmt: skip


@pytest.mark.parametrize("cell", ["99", "4 4", "24 4", "(4)4"])
def test_digits_alone_are_one_number_never_a_number_and_a_name(tmp_path: Path, cell: str) -> None:
    result = run("evaluate", write(tmp_path, f"indicator,value\n{cell},1\n"))
    assert result.code == 2 and f"unknown indicator '{cell}'" in result.stderr


@pytest.mark.parametrize(
    "header", ["序号,指标名称,数值", "指标名称,序号,数值", "name,indicator,value"]
)
def test_a_name_beside_a_number_column_is_only_read_whichever_comes_first(
    tmp_path: Path, header: str
) -> None:
    """README: name/指标名称 is the key only when there is no number column; beside one it is
    for people. A name column before the number column was taken as the key, so a name
    abbreviated or typed loosely there stopped the run ("unknown indicator")."""
    first = header.split(",")[0]
    name, number = "重大行政决策审查率", "4"  # abbreviated: no indicator's name
    cells = f"{name},{number}" if first in ("指标名称", "name") else f"{number},{name}"
    source = write(tmp_path, f"{header}\n{cells},100\n")
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.statuses()["4"] == "pass" and result.stderr == ""


@pytest.mark.parametrize("cell", ["1 2", "１ ２", "１　２", "1\u00a02", "0 1 2"])
def test_digits_with_a_space_between_them_name_no_indicator(tmp_path: Path, cell: str) -> None:
    """Matching ignores spaces, so '1 2' was read as indicator 12 (or were 1 and 2 run
    together?): refused, in both languages, quoting the cell as typed."""
    source = write(tmp_path, f"indicator,value\n4,100\n{cell},95\n")
    result = run("evaluate", source)
    assert (result.code, result.stderr) == (2, f"{source}:3: indicator: '{cell}' has a space "
        "between its digits: is it indicator 12, or two numbers run together? Write the "
        "indicator's number without spaces\n")  # fmt: skip
    result = run("evaluate", source, "--lang", "zh")
    assert result.stderr == f"{source}:3: indicator：“{cell}”的数字之间有空格：是指标 12，还是两个" \
        "数字连在了一起？请不带空格填写指标序号\n"  # fmt: skip
    yaml = write(tmp_path, f'year: 2023\nvalues:\n  "4": 100\n  "{cell}": 95\n', "2023.yaml")
    result = run("evaluate", yaml)
    assert result.code == 2 and result.stderr.startswith(f"{yaml}:4: values: '{cell}' has a space")


def test_digits_with_a_space_between_them_are_read_when_the_plan_types_a_key_so(
    tmp_path: Path,
) -> None:
    plan = bundled_plan_with(tmp_path, '  - id: "12"\n', '  - id: "12"\n    aliases: ["1 2"]\n')
    source = write(tmp_path, "indicator,value\n4,100\n１ ２,95\n")
    result = run("evaluate", source, "--plan", plan, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.statuses()["12"] == "pass"
    other = write(tmp_path, "indicator,value\n4,100\n0 12,95\n", "2024.csv")
    assert run("evaluate", other, "--plan", plan).code == 2  # not as the plan types it


@pytest.mark.parametrize(
    ("cell", "figure"),
    [("98,5", 98.5), ("0,125", 0.125), ("12,50", 12.5), ("1234,5", 1234.5), ("98.5", 98.5),
     ("1.234", 1.234), ("1,234.5", 1234.5), ("1,234,567", 1234567), ("１２，５", 12.5)],
)  # fmt: skip
def test_in_a_file_delimited_by_semicolons_the_comma_is_the_decimal_mark(
    tmp_path: Path, cell: str, figure: float
) -> None:
    """Excel saves CSV with semicolons where the comma is the decimal mark: there 98,5 is 98.5
    (it was refused), and a dot is still the decimal point, a comma before it groups thousands."""
    source = write(tmp_path, f"indicator;value\n4;100\n19;{cell}\n")
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert [r["value"] for r in result.json()["results"] if r["id"] == "19"] == [figure]


@pytest.mark.parametrize("cell", ["1,234", "12,345", "-999,000", "１，２３４"])
def test_in_a_file_delimited_by_semicolons_a_comma_read_either_way_is_refused(
    tmp_path: Path, cell: str
) -> None:
    """1,234 in a semicolon file was read as 1234, though its comma is the decimal mark there:
    1.234 or 1234? Refused, with both readings, never guessed."""
    source = write(tmp_path, f"indicator;value\n4;100\n19;{cell}\n")
    result = run("evaluate", source)
    assert result.code == 2
    assert result.stderr.startswith(f"{source}:3: value: '{cell}' reads two ways"), result.stderr
    result = run("evaluate", source, "--lang", "zh")
    assert f"value：“{cell}”有两种读法：以分号分隔的文件以逗号为小数点" in result.stderr


def test_a_comma_is_read_by_its_own_files_delimiter(tmp_path: Path) -> None:
    """Figures are remembered by their text: 1,234 is 1234 in a comma file, refused in a
    semicolon file, whichever is read first; 98,5 is 98.5 only in the semicolon file."""
    comma = write(tmp_path, 'unit,indicator,value\n徐汇区,19,"1,234"\n徐汇区,20,"98,5"\n', "a.csv")
    semicolon = write(tmp_path, "unit;indicator;value\n长宁区;19;1,234\n", "b.csv")
    said = {
        comma: f"{comma}:3: value: '98,5' is not a number (indicator 20 ",
        semicolon: f"{semicolon}:2: value: '1,234' reads two ways in a file delimited by ",
    }
    for files in ((comma, semicolon), (semicolon, comma)):
        result = run("evaluate", *files, "--year", "2023")
        assert result.code == 2
        lines = result.stderr.splitlines()
        assert [line[: len(said[f])] for line, f in zip(lines, files, strict=True)] == [
            said[f] for f in files
        ]
    semicolon = write(tmp_path, "unit;indicator;value\n长宁区;19;98,5\n", "b.csv")
    comma = write(tmp_path, 'unit,indicator,value\n徐汇区,19,"1,234"\n', "a.csv")
    for files in ((comma, semicolon), (semicolon, comma)):
        result = run("evaluate", *files, "--year", "2023", "-f", "json")
        assert result.code in (0, 1), result.stderr
        got = {r["unit"]: r["value"] for r in result.json()["results"] if r["id"] == "19"}
        assert got == {"徐汇区": 1234, "长宁区": 98.5}


def test_a_records_own_year_must_be_the_files(tmp_path: Path) -> None:
    """A record's year silently overrode the file's own ``year:``: two years are refused at
    the record's key, in both languages; one year written two ways is one year."""
    source = write(tmp_path, 'year: 2023\nrecords:\n  - {indicator: "4", value: 100, year: 2022}\n',
                   "a.yaml")  # fmt: skip
    result = run("evaluate", source)
    assert (result.code, result.stderr) == (2, f"{source}:3:34: year: 2022 disagrees with the "
        "file's 'year: 2023' (line 1); give a record its own year only when it is the file's, "
        "or give the year on each record and none at the top\n")  # fmt: skip
    result = run("evaluate", source, "--lang", "zh")
    assert result.stderr == f"{source}:3:34: year：2022 与文件顶部的“year: 2023”（第 1 行）不一致；" \
        "记录自带的年份须与文件的年份相同，或者在每条记录中给出年份、不在顶部给出\n"  # fmt: skip
    same = write(tmp_path, 'year: 2023\nrecords:\n  - {indicator: "4", value: 100, year: 2023年}\n'
                 '  - {indicator: "6", value: 90, 年份: ２０２３}\n', "b.yaml")  # fmt: skip
    result = run("evaluate", same, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.json()["years"] == [2023] and result.statuses()["4"] == "pass"
    own = write(tmp_path, 'records:\n  - {indicator: "4", value: 100, year: 2022}\n'
                '  - {indicator: "4", value: 100, year: 2023}\n', "c.yaml")  # fmt: skip
    result = run("evaluate", own, "-f", "json")
    assert result.code in (0, 1) and result.json()["years"] == [2022, 2023], result.stderr


def test_a_records_own_unit_must_be_the_files(tmp_path: Path) -> None:
    """A record's unit silently overrode the file's own ``unit:``: two units are refused at the
    record's key, in both languages, as two years are; one unit written two ways (another
    header's name, spaces, full-width forms) is one unit."""
    source = write(tmp_path, 'unit: 徐汇区\nrecords:\n  - {indicator: "4", value: 100, unit: 长宁区}\n',
                   "2023.yaml")  # fmt: skip
    result = run("evaluate", source)
    assert (result.code, result.stderr) == (2, f"{source}:3:34: unit: '长宁区' disagrees with the "
        "file's 'unit: 徐汇区' (line 1); give a record its own unit only when it is the file's, "
        "or give the unit on each record and none at the top\n")  # fmt: skip
    result = run("evaluate", source, "--lang", "zh")
    assert result.stderr == f"{source}:3:34: unit：“长宁区”与文件顶部的“unit: 徐汇区”（第 1 行）不一致；" \
        "记录自带的单位须与文件的单位相同，或者在每条记录中给出单位、不在顶部给出\n"  # fmt: skip
    same = write(tmp_path, 'unit: 徐汇区\nrecords:\n  - {indicator: "4", value: 100, 区: " 徐汇区"}\n'
                 '  - {indicator: "6", value: 90, unit: 徐汇区}\n', "b-2023.yaml")  # fmt: skip
    result = run("evaluate", same, "-f", "json")
    assert result.code in (0, 1), result.stderr
    results = result.json()["results"]
    assert "unit" not in results[0] and len(results) == 23  # one unit: 徐汇区
    assert result.statuses()["4"] == "pass"


def test_a_values_entry_takes_the_csv_headers_names_for_its_fields(tmp_path: Path) -> None:
    """``values:`` refused ``{数值: 90}`` that ``records:`` and a CSV header take: an entry's
    fields are named as a header's columns are (one table of names), each once."""
    source = write(tmp_path, 'year: 2023\nvalues:\n  "4": {数值: 90, 备注: 第三方测评}\n'
                   '  "5": {实际值: 1.2, 参考值: 1.5}\n  "18": {value: 92, 名次: 3}\n',
                   "2023.yaml")  # fmt: skip
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    got = {r["id"]: (r["value"], r["note"], r["rank"], r["reference"])
           for r in result.json()["results"] if r["id"] in ("4", "5", "18")}  # fmt: skip
    assert got == {"4": (90, "第三方测评", None, None), "5": (1.2, None, None, 1.5),
                   "18": (92, None, 3, None)}  # fmt: skip
    twice = write(tmp_path, 'year: 2023\nvalues:\n  "4": {value: 90, 数值: 91}\n', "b-2023.yaml")
    result = run("evaluate", twice)
    assert (result.code, result.stderr) == (2, f"{twice}:3:20: two 'value' keys (value, 数值)\n")
    result = run("evaluate", twice, "--lang", "zh")
    assert result.stderr == f"{twice}:3:20: 有两个“value”键（value、数值）\n"
    other = write(tmp_path, 'year: 2023\nvalues:\n  "4": {数值: 90, 年份: 2023}\n', "c-2023.yaml")
    result = run("evaluate", other)
    assert result.code == 2 and result.stderr.startswith(f"{other}:3:17: unknown key '年份'")


@pytest.mark.parametrize(
    ("text", "line"),
    [("单位,指标,数值\n长宁区,4,100\n长宁区,5,1.2\n", 2),  # 长宁区's figures, as 徐汇区's
     ("单位,1,4\n徐汇区,100,100\n长宁区,100,100\n", 3),  # a wide file, one row per district
     ("指标,单位,数值\n4,徐汇区,100\n5,浙江省,1.2\n", 3)],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_column_headed_unit_that_names_districts_is_refused(
    tmp_path: Path, text: str, line: int, lang: str
) -> None:
    """Issue: 单位 is read as the unit of measure and ignored, so a district's file headed so
    (单位 as the reporting unit, 填报单位) was judged, exit 0 or 1, as 徐汇区's figures."""
    source = write(tmp_path, text)
    result = run("evaluate", source, "--lang", lang)
    head = {"en": "单位: '", "zh": "单位：“"}[lang]
    advice = {"en": "head it 地区 or 单位名称", "zh": "请将列名改为“地区”或“单位名称”"}[lang]
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"{source}:{line}:") and head in result.stderr
    assert advice in result.stderr and result.stderr.count("\n") == 1


def test_a_column_headed_unit_of_measures_or_the_plans_own_unit_is_still_ignored(
    tmp_path: Path,
) -> None:
    source = write(tmp_path, "指标,单位,数值\n4,%,100\n19,人/万人,11\n2,次/年,3\n")
    assert run("evaluate", source, "-f", "json").statuses()["19"] == "behind"
    own = write(tmp_path, "单位,指标,数值\n徐汇区,4,100\n徐汇 区,5,1.2\n", "own-2023.csv")
    result = run("evaluate", own, "-f", "json")
    assert result.code in (0, 1) and result.statuses()["4"] == "pass"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rates_typed_as_fractions_are_read_as_typed_with_a_warning(
    tmp_path: Path, lang: str
) -> None:
    """Issue: a file whose rates are fractions (1 for 100 %, 0.62 for 62 %), as some systems
    export them, failed every binding rate without a word on why ('1 misses the target ≥ 100')."""
    source = write(tmp_path, "indicator,value\n1,1\n4,1\n7,0.62\n11,0.985\n")
    result = run("evaluate", source, "--lang", lang)
    assert result.code == 1  # read as typed: 1 %, 0.62 %
    said = {"en": "every figure of an indicator in % is between 0 and 1 (4 of them",
            "zh": "以 % 计的指标数值全部在 0 到 1 之间（共 4 个"}[lang]  # fmt: skip
    (warning,) = result.stderr.splitlines()
    assert f"{source}:2: " in warning and said in warning


def test_a_few_small_rates_among_others_are_no_fractions(tmp_path: Path) -> None:
    source = write(tmp_path, "indicator,value\n5,0.5\n8,0.8\n22,0.09\n16,0.7\n4,100\n")
    assert run("evaluate", source).stderr == ""
    few = write(tmp_path, "indicator,value\n5,0.5\n22,0.09\n", "few-2023.csv")
    assert run("evaluate", few).stderr == ""
    # 纠错率, 败诉率, 改判发回率: less is better, and below 1 % is no sign of a fraction.
    lower = write(tmp_path, "indicator,value\n5,0.5\n8,0.8\n16,0.7\n", "lower-2023.csv")
    assert run("evaluate", lower).stderr == ""


def test_year_overruling_the_file_name_is_said_once_and_judged_as_given(tmp_path: Path) -> None:
    # A file named for 2023 judged as --year 2022: said once however many rows, the figures
    # judged as 2022's; the same year, a name without a year or a year column say nothing.
    source = write(tmp_path, "indicator,value\n4,100\n5,1.2\n6,95\n")
    result = run("evaluate", source, "--year", "2022", "-f", "json")
    assert result.code in (0, 1)
    assert result.json()["year"] == 2022
    assert result.stderr.splitlines() == [
        f"warning: {source}: its name says 2023, --year says 2022: its figures are judged as 2022's"
    ]
    assert run("evaluate", source, "--year", "2023").stderr == ""
    unnamed = write(tmp_path, "indicator,value\n4,100\n", name="xuhui.csv")
    assert run("evaluate", unnamed, "--year", "2022").stderr == ""
    columned = write(tmp_path, "year,indicator,value\n2022,4,100\n", name="2021.csv")
    assert run("evaluate", columned, "--year", "2022").stderr == ""
    zh = run("evaluate", source, "--year", "2022", "--lang", "zh")
    assert zh.stderr.splitlines() == [
        f"警告：{source}：文件名中的年份为2023年，--year 为 2022：其数据按2022年评估"
    ]


@pytest.mark.parametrize(
    ("name", "said"),
    [("2023.csv", "an Excel workbook or another zip file: give it the .xlsx extension"),
     ("2023.docx", "a Word document: plancheck reads CSV, YAML or .xlsx submissions "
                   "(plancheck plan import drafts a plan from a Word document)")],
)  # fmt: skip
def test_a_word_document_given_as_a_submission_is_said_to_be_one(
    tmp_path: Path, name: str, said: str
) -> None:
    """A .docx (the plan's document, picked by mistake) was told to take the .xlsx extension,
    as a workbook saved under another name is: no rename makes a document a workbook."""
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04" + bytes(60))
    result = run("evaluate", path)
    assert result.code == 2
    assert result.stderr.startswith(f"{path}:1: this is not a text file but {said}")


def test_two_files_naming_no_unit_that_clash_say_why(tmp_path: Path) -> None:
    # 长宁区/2023.csv beside 徐汇区/2023.csv, no unit column: both are the plan's own unit, and
    # each clash says so; a clash within one file, or with a file naming its unit, does not.
    for district in ("长宁区", "徐汇区"):
        (tmp_path / district).mkdir()
        write(tmp_path / district, "indicator,value\n4,100\n")
    first, second = tmp_path / "长宁区" / "2023.csv", tmp_path / "徐汇区" / "2023.csv"
    result = run("check", first, second)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"{second}:2: indicator 4 is given twice for 徐汇区 2023 (also at line 2 of {first}): "
        "neither file names its unit, so both are 徐汇区's: add a 'unit' column (单位) to each"
    ]
    zh = run("check", first, second, "--lang", "zh").stderr
    assert "两个文件都未写明单位，都按徐汇区读取" in zh
    named = write(tmp_path, "unit,indicator,value\n徐汇区,4,100\n", name="named-2023.csv")
    assert "names its unit" not in run("check", first, named).stderr
    within = write(tmp_path, "indicator,value\n4,100\n4,90\n", name="twice-2023.csv")
    assert "names its unit" not in run("check", within).stderr
