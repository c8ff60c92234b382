"""``-f csv`` and ``-f xlsx``: one row per result, for a spreadsheet.

Read back with the standard library's csv and with openpyxl (what a statistician's Excel sees),
and compared with the JSON report of the same run.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from plancheck.report.csv import figure, neutralise
from tests.conftest import ROOT, SAMPLES, run
from tests.test_injection import admitting_other_units

DISTRICTS = SAMPLES / "districts-2023.csv"
EN = ["unit", "year", "indicator", "name", "binding", "target", "status", "value", "goal",
      "reference", "rank", "reason", "note"]  # fmt: skip
ZH = ["单位名称", "年份", "序号", "指标名称", "属性", "指标目标", "状态", "实际值", "判定目标值",
      "参照值", "排名", "判定理由", "备注"]  # fmt: skip


def read_csv(*args: str | Path) -> list[list[str]]:
    """The rows of ``evaluate ARGS -f csv`` as written to a file (bytes as they are)."""
    out = Path(args[-1])
    done = run("evaluate", *args[:-1], "-f", "csv", "-o", out)
    assert done.code in (0, 1), done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    body = data[3:].decode("utf-8")
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "").replace('\n"', "")
    return list(csv.reader(io.StringIO(body, newline="")))


def test_csv_has_one_row_per_result_as_the_json_has(tmp_path: Path) -> None:
    assert run("evaluate", DISTRICTS, "-f", "csv").code == 1  # the verdict's, in any format
    rows = read_csv(DISTRICTS, tmp_path / "r.csv")
    assert rows[0] == EN
    results = run("evaluate", DISTRICTS, "-f", "json").json()["results"]
    assert len(rows) - 1 == len(results) == 16 * 23 + 4 * 23 * 2  # 16 units in 2023, 4 earlier
    for row, result in zip(rows[1:], results, strict=True):
        got = dict(zip(EN, row, strict=True))
        assert (got["unit"], int(got["year"]), got["indicator"]) == (
            result["unit"],
            result["year"],
            result["id"],
        )
        assert got["status"] == result["status"]
        assert got["reason"] == result["reason"]
        value = result["value"]
        assert (float(got["value"]) if got["value"] else None) == value
        assert got["binding"] == ("binding" if result["binding"] else "expected")


def test_csv_headers_and_words_are_chinese_under_zh(tmp_path: Path) -> None:
    rows = read_csv(SAMPLES / "2023.csv", "--lang", "zh", tmp_path / "r.csv")
    assert rows[0] == ZH
    statuses = {row[6] for row in rows[1:]}
    assert statuses <= {"达标", "未达标", "推进中", "缺数", "无法判断"} and "达标" in statuses
    assert rows[1][4] == "约束性" and rows[1][5] == "100%"


def test_csv_quotes_by_rfc_4180_and_neutralises_formulas(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    indicators = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    (plan / "indicators.yaml").write_text(admitting_other_units(indicators), encoding="utf-8")
    submission = tmp_path / "2023.csv"
    hostile = ['=HYPERLINK("http://evil.example","点此")', "+1", "@SUM(A1)", "-2", 'a,b\r\n"c"']
    lines = ["unit,indicator,value,note"]
    for n, name in enumerate(hostile, start=1):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f'{quoted},4,100,"{"=1+1" if n == 1 else "note"}"')
    lines.append("徐汇区,4,100,")
    submission.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = read_csv(submission, "--plan", plan, tmp_path / "r.csv")
    notes = {row[0]: row[12] for row in rows[1:] if row[2] == "4"}
    assert set(notes) == {
        '\'=HYPERLINK("http://evil.example","点此")',
        "'+1",
        "'@SUM(A1)",
        "'-2",
        'a,b\n"c"',  # one cell, quoted: the comma, the quotes and the line break kept
        "徐汇区",
    }
    assert notes['\'=HYPERLINK("http://evil.example","点此")'] == "'=1+1"
    assert all(row[7] in ("", "100") for row in rows[1:] if row[2] == "4")  # figures: numbers


def test_figures_are_plain_numbers_and_never_prefixed() -> None:
    assert [figure(v) for v in (95.0, 98.5, 0.09, -1.5, None)] == ["95", "98.5", "0.09", "-1.5", ""]
    assert neutralise("-1.5") == "'-1.5"  # only as text: figures never go through it
    assert neutralise("\tx") == "'\tx" and neutralise("ok") == "ok"


def test_only_narrows_the_rows(tmp_path: Path) -> None:
    rows = read_csv(DISTRICTS, "--only", "failing", tmp_path / "f.csv")
    assert len(rows) > 1 and {row[6] for row in rows[1:]} == {"fail"}
    binding = read_csv(DISTRICTS, "--only", "binding", tmp_path / "b.csv")
    assert {row[4] for row in binding[1:]} == {"binding"}


def test_xlsx_is_a_filterable_sheet_with_numbers_as_numbers(tmp_path: Path) -> None:
    target = tmp_path / "results.xlsx"
    out = run("evaluate", DISTRICTS, "-f", "xlsx", "-o", target)
    assert out.code == 1, out.stderr
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EN
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{len(rows)}"
    assert sheet.column_dimensions["L"].width > 60  # the reason is wide enough to read
    text = read_csv(DISTRICTS, tmp_path / "r.csv")
    assert len(rows) == len(text)
    for got, row in zip(rows[1:], text[1:], strict=True):
        assert isinstance(got[1], int) and got[1] == int(row[1])  # the year, a number
        if row[7]:
            assert isinstance(got[7], int | float) and got[7] == float(row[7])
        else:
            assert got[7] is None
        assert [got[n] for n in (0, 2, 3, 6, 11)] == [row[n] for n in (0, 2, 3, 6, 11)]


def test_xlsx_is_the_same_bytes_for_the_same_input(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        assert run("evaluate", DISTRICTS, "-f", "xlsx", "-o", path, "--lang", "zh").code == 1
    assert first.read_bytes() == second.read_bytes()
    sheet = openpyxl.load_workbook(first).active
    assert sheet is not None and sheet.title == "评估结果"
    assert [c.value for c in sheet[1]] == ZH


@pytest.mark.parametrize("lang, mark", [("en", "… (truncated: "), ("zh", "…（已截断：")])
def test_xlsx_marks_a_text_cut_at_excels_cell_limit(tmp_path: Path, lang: str, mark: str) -> None:
    """A cell holds 32,767 characters: a longer note was cut there without a word. It ends with
    a mark saying so; a note that fits is whole."""
    long_note, fits = "长" * 40_000, "短" * 32_767
    data = tmp_path / "2023.csv"
    data.write_text(f"indicator,value,note\n1,100,{long_note}\n2,3,{fits}\n", encoding="utf-8")
    target = tmp_path / "r.xlsx"
    assert run("evaluate", data, "-f", "xlsx", "-o", target, "--lang", lang).code in (0, 1)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    cut, whole = sheet["M2"].value, sheet["M3"].value
    assert isinstance(cut, str) and len(cut) == 32_767
    kept, _, said = cut.partition(mark)
    assert set(kept) == {"长"} and len(kept) > 32_000 and "40,000" in said
    assert whole == fits


def test_a_cut_text_never_keeps_half_of_a_character() -> None:
    from plancheck.report.xlsx import CELL_LIMIT, truncated

    for text in ("😀" * 20_000, "a" + "😀" * 20_000):  # a pair across the limit, or not
        cut = truncated(text, "zh")
        assert len(cut.encode("utf-16-le")) // 2 <= CELL_LIMIT
        assert cut.encode("utf-16-le", errors="strict")  # no lone surrogate
        assert cut.endswith("-f csv 输出全文）") and "20,0" in cut


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_formats_are_registered_for_evaluate_only(fmt: str) -> None:
    assert fmt in run("evaluate", "--help").stdout
    assert run("indicators", "-f", fmt).code == 2


def test_xlsx_continues_on_a_second_sheet_past_the_row_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plancheck.evaluate.engine import evaluate
    from plancheck.plan.load import load_plan
    from plancheck.report import Options, render
    from plancheck.report import xlsx as workbook
    from plancheck.submission.read import read_submission

    monkeypatch.setattr(workbook, "MAX_ROWS", 500)  # Excel's is 1,048,575
    plan = load_plan(None)
    data = render("xlsx", "evaluation", evaluate(plan, read_submission([DISTRICTS], plan)),
                  Options())  # fmt: skip
    assert isinstance(data, bytes)
    (tmp_path / "r.xlsx").write_bytes(data)
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["Results", "Results 2"]
    first, second = (list(book[name].iter_rows(values_only=True)) for name in book.sheetnames)
    assert list(first[0]) == list(second[0]) == EN  # each sheet has its header
    assert len(first) - 1 == 500 and len(first) + len(second) - 2 == 16 * 23 + 4 * 23 * 2
    assert book["Results 2"].auto_filter.ref == f"A1:M{len(second)}"
    assert book["Results 2"].freeze_panes == "A2"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_results_file_reads_back_as_the_same_submission(lang: str, tmp_path: Path) -> None:
    results = tmp_path / "results.csv"
    assert run("evaluate", DISTRICTS, "-f", "csv", "--lang", lang, "-o", results).code == 1
    again = run("evaluate", results, "-f", "json")
    assert again.code == 1, again.stderr
    first = run("evaluate", DISTRICTS, "-f", "json").json()["results"]
    key = ("unit", "year", "id", "status", "value")
    assert sorted(tuple(r[k] for k in key) for r in again.json()["results"]) == sorted(
        tuple(r[k] for k in key) for r in first
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_baseline_figures_are_kept_and_judged_alike_read_back(
    fmt: str, lang: str, tmp_path: Path
) -> None:
    """The 2020 figures are no result but every change and 时序进度 is measured from them: the
    results file keeps them (status baseline), so that it is judged again as it was, silently."""
    files = [SAMPLES / f"{year}.csv" for year in (2020, 2022, 2023)]
    results = tmp_path / f"results.{fmt}"
    assert run("evaluate", *files, "-f", fmt, "--lang", lang, "-o", results).code == 0
    again = run("evaluate", results, "-f", "json")
    assert again.code == 0 and again.stderr == ""
    first = run("evaluate", *files, "-f", "json").json()
    key = ("year", "id", "status", "value", "reason", "schedule", "progress", "midterm")
    assert [tuple(r[k] for k in key) for r in again.json()["results"]] == [
        tuple(r[k] for k in key) for r in first["results"]
    ]
    assert again.json()["years"] == first["years"] == [2022, 2023]
    # --only narrows the listing: no baseline rows then
    narrowed = tmp_path / f"failing.{fmt}"
    run("evaluate", *files, "-f", fmt, "--only", "failing", "-o", narrowed)
    if fmt == "csv":
        assert ",2020," not in narrowed.read_text(encoding="utf-8-sig")
        assert ",2020," in results.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_units_and_notes_a_spreadsheet_would_run_read_back_as_typed(
    fmt: str, tmp_path: Path
) -> None:
    """The CSV puts a ``'`` before text a spreadsheet would run, and reading it takes it off;
    a workbook's cells are strings, never run, and are written as typed."""
    plan = tmp_path / "plan"
    plan.mkdir()
    indicators = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    (plan / "indicators.yaml").write_text(admitting_other_units(indicators), encoding="utf-8")
    submission = tmp_path / "2023.csv"
    submission.write_text("unit,indicator,value,note\n=X,4,100,-暂无\n+Y,4,90,@某人\n",
                          encoding="utf-8")  # fmt: skip
    results = tmp_path / f"results.{fmt}"
    assert run("evaluate", submission, "--plan", plan, "-f", fmt, "-o", results).code == 1
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(results).active
        assert sheet is not None
        cells = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert cells == {"=X", "+Y"}
    again = run("evaluate", results, "--plan", plan, "-f", "json")
    notes = {(r["unit"], r["id"]): r["note"] for r in again.json()["results"] if r["note"]}
    assert notes == {("=X", "4"): "-暂无", ("+Y", "4"): "@某人"}


def test_a_results_file_keeps_the_submitted_reference_and_rank(tmp_path: Path) -> None:
    """A relative target judged against a submitted reference, a rank target by a submitted
    rank: read back, the results file judges them alike (it holds both)."""
    submission = tmp_path / "2023.csv"
    submission.write_text("indicator,value,reference,rank\n4,100,,\n5,1.2,1.8,\n18,95.2,,3\n",
                          encoding="utf-8")  # fmt: skip
    for fmt in ("csv", "xlsx"):
        results = tmp_path / f"results.{fmt}"
        run("evaluate", submission, "-f", fmt, "-o", results)
        again = run("evaluate", results, "-f", "json").json()["results"]
        first = run("evaluate", submission, "-f", "json").json()["results"]
        assert [(r["id"], r["status"]) for r in again] == [(r["id"], r["status"]) for r in first]
        assert {r["id"]: r["status"] for r in again}["18"] == "pass"
