"""`plancheck evaluate` end to end: years, exit codes, encodings, delimiters, names, outputs."""

from __future__ import annotations

import codecs
import csv
import json
import os
import shutil
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, run

SAMPLE_2023 = (SAMPLES / "2023.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("sample", "code"),
    [("2021.csv", 0), ("2022.csv", 1), ("2023.csv", 0), ("2023.yaml", 0)],
)
def test_samples_exit_codes(sample: str, code: int) -> None:
    assert run("evaluate", SAMPLES / sample).code == code


def test_samples_show_every_status() -> None:
    statuses = set(run("evaluate", SAMPLES / "2023.csv", "-f", "json").statuses().values())
    assert statuses == {"pass", "fail", "behind", "missing", "unknown"}


def test_binding_failure_is_named_and_not_compliant() -> None:
    result = run("evaluate", SAMPLES / "2022.csv", "-f", "json")
    data = result.json()
    assert result.code == 1 and data["compliant"] is False
    failed = [r for r in data["results"] if r["status"] == "fail"]
    assert [(r["id"], r["binding"]) for r in failed] == [("13", True)]


def test_strict_makes_any_non_pass_non_compliant() -> None:
    assert run("evaluate", SAMPLES / "2023.csv").code == 0
    assert run("evaluate", SAMPLES / "2023.csv", "--strict").code == 1


def test_csv_and_yaml_forms_give_the_same_results() -> None:
    def results(name: str) -> list[dict[str, object]]:
        data = run("evaluate", SAMPLES / name, "-f", "json").json()
        return [{k: v for k, v in r.items() if k not in ("file", "line")} for r in data["results"]]

    assert results("2023.csv") == results("2023.yaml")


def test_baseline_year_gives_progress_against_time() -> None:
    data = run("evaluate", SAMPLES / "2020.csv", SAMPLES / "2023.csv", "-f", "json").json()
    by_id = {r["id"]: r for r in data["results"]}
    assert data["years"] == [2023]
    assert by_id["15"]["status"] == "behind" and by_id["15"]["schedule"] == "off"
    assert "20% of the gap" in by_id["15"]["reason"] and "60% of the time" in by_id["15"]["reason"]
    assert by_id["7"]["schedule"] == "on"


# --- the year -------------------------------------------------------------------------------


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_year_from_column_option_or_file_name(tmp_path: Path) -> None:
    body = "indicator,value\n1,100\n"
    named = write(tmp_path / "xuhui-2022.csv", body)
    assert run("evaluate", named, "-f", "json").json()["year"] == 2022
    unnamed = write(tmp_path / "figures.csv", body)
    assert run("evaluate", unnamed, "--year", "2024", "-f", "json").json()["year"] == 2024
    column = write(tmp_path / "figures2.csv", "year,indicator,value\n2021,1,100\n")
    assert run("evaluate", column, "-f", "json").json()["year"] == 2021


def test_no_year_anywhere_is_a_usage_error(tmp_path: Path) -> None:
    result = run("evaluate", write(tmp_path / "figures.csv", "indicator,value\n1,100\n"))
    assert result.code == 2
    assert "figures.csv:2: cannot tell the year" in result.stderr and "--year" in result.stderr


def test_year_column_disagreeing_with_option(tmp_path: Path) -> None:
    source = write(tmp_path / "x.csv", "year,indicator,value\n2022,1,100\n")
    result = run("evaluate", source, "--year", "2023")
    assert result.code == 2 and "x.csv:2: year: 2022 disagrees with --year 2023" in result.stderr


def test_baseline_year_alone_is_not_judged(tmp_path: Path) -> None:
    result = run("evaluate", SAMPLES / "2020.csv")
    assert result.code == 2 and "before the plan period" in result.stderr


# --- values and names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "status"),
    [("100", "pass"), ("100%", "pass"), ("１００", "pass"), ("99.5", "fail"), ("", "missing"),
     ("N/A", "missing"), ("—", "missing"), ("-", "missing"), ("无", "missing")],
)  # fmt: skip
def test_value_forms(tmp_path: Path, cell: str, status: str) -> None:
    source = write(tmp_path / "2023.csv", f"indicator,value\n2,3\n4,{cell}\n")
    assert run("evaluate", source, "-f", "json").statuses()["4"] == status


def test_thousands_separator_and_unit_suffix(tmp_path: Path) -> None:
    source = write(tmp_path / "2025.csv", 'indicator,value\n19,"1,234.5"\n2,3次\n')
    results = {r["id"]: r for r in run("evaluate", source, "-f", "json").json()["results"]}
    assert results["19"]["value"] == 1234.5 and results["2"]["value"] == 3


@pytest.mark.parametrize(
    "key",
    [
        "行政诉讼败诉率",
        " 行政诉讼败诉率 ",
        '"行政诉讼败诉率"',
        "８",
        "08",
        "Loss rate in administrative litigation",
    ],
)
def test_indicator_by_number_or_name(tmp_path: Path, key: str) -> None:
    cell = '"' + key.replace('"', '""') + '"'
    source = write(tmp_path / "2023.csv", f"indicator,value,reference\n{cell},3.1,4\n")
    result = run("evaluate", source, "-f", "json")
    assert result.statuses()["8"] == "pass", result.stderr


def test_quoted_name_with_lost_quotes_matches(tmp_path: Path) -> None:
    source = write(tmp_path / "2023.csv", "指标名称,实际值\n三重一大事项提交区委常委会审议率,100\n")
    assert run("evaluate", source, "-f", "json").statuses()["1"] == "pass"


# --- encodings and delimiters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
     ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""),
     ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)],
)  # fmt: skip
def test_excel_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = SAMPLE_2023.replace("“", "").replace("”", "")  # GBK has the quotes, but be plain
    source = tmp_path / "2023.csv"
    source.write_bytes(bom + text.replace("\n", "\r\n").encode(encoding))
    expected = run("evaluate", SAMPLES / "2023.csv", "-f", "json").statuses()
    assert run("evaluate", source, "-f", "json").statuses() == expected


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_whose_header_is_chinese(tmp_path: Path, encoding: str) -> None:
    """The first character is Chinese (no NUL in its two bytes): the byte order is told by the
    side the ASCII's NULs are on."""
    source = tmp_path / "2023.csv"
    source.write_bytes("指标,数值\n4,100\n5,1.2\n".encode(encoding))
    assert run("evaluate", source, "-f", "json").statuses()["4"] == "pass"


_NOTE = "该项指标由区司法局负责统计并在年度报告中予以说明和公布情况良好" * 3  # 96 characters


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_whose_text_is_mostly_chinese(tmp_path: Path, encoding: str) -> None:
    """Few ASCII characters, so few NULs (under one pair in ten): such a file was refused as
    undecodable. It is read: it is no UTF-8, has NULs no GB18030 text has, and decodes as
    UTF-16 into lines of Chinese."""
    source = tmp_path / "2023.csv"
    text = f"指标,数值,备注\r\n4,100,{_NOTE}\r\n6,90,{_NOTE}\r\n"
    source.write_bytes(text.encode(encoding))
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.statuses()["4"] == "pass" and result.statuses()["6"] == "fail"
    assert [r["note"] for r in result.json()["results"] if r["id"] == "4"] == [_NOTE]


def test_gb18030_with_a_nul_is_not_taken_for_utf16(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    data = f"指标,数值,备注\r\n4,100,{_NOTE}\r\n".encode("gb18030")
    source.write_bytes(data[:30] + b"\x00" + data[30:])
    result = run("evaluate", source)
    assert (result.code, result.stderr) == (
        2, f"{source}:2: the file contains a NUL byte (binary data?)\n"
    )  # fmt: skip


_TRADITIONAL = "indicator,value,note\r\n4,100,第三方測評\r\n5,1.2,示例數據（虛構）\r\n23,N/A,統計口徑調整中\r\n"
_JAPANESE = "indicator,value,note\r\n4,100,第三者評価\r\n5,1.2,サンプルデータ（架空）\r\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(_TRADITIONAL, "big5"), (_JAPANESE, "shift_jis"), (_TRADITIONAL, "cp950"),
     (SAMPLE_2023.replace("“", "").replace("”", ""), "big5")],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_big5_and_shift_jis_are_refused_not_read_garbled(
    tmp_path: Path, text: str, encoding: str, lang: str
) -> None:
    """Issue: a Big5 or Shift-JIS file decodes as GB18030 too (GB18030 takes almost any pair of
    bytes), and was judged, exit 0, its notes garbled (示例數據 as ボㄒ计沮) — a unit would have been
    an unknown unit. It is refused at the first garbled line, with what to do."""
    source = tmp_path / "2023.csv"
    source.write_bytes(text.encode(encoding, errors="replace"))
    result = run("evaluate", source, "--lang", lang)
    advice = {"en": "read as GB18030 this line is garbled (Big5 or Shift-JIS?); save it as UTF-8",
              "zh": "按 GB18030 读取，这一行是乱码（Big5 或 Shift-JIS？）；请保存为 UTF-8"}[lang]  # fmt: skip
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{source}:2: ") and advice in result.stderr
    assert result.stderr.count("\n") == 1


def test_gbk_with_traditional_and_rare_characters_is_still_read(tmp_path: Path) -> None:
    """GBK has traditional characters and rare ones beyond GB2312 (in its extension): a file
    with some of them among simplified Chinese is GBK, not Big5."""
    source = tmp_path / "2023.csv"
    notes = ["第三方測評", "統計口徑調整中（徐匯區）", "堃喆昇 主管", "重大行政決策合法性審查率"]
    rows = "".join(f"{i},100,{note}\r\n" for i, note in zip((4, 6, 9, 13), notes, strict=True))
    source.write_bytes(("indicator,value,note\r\n" + rows).encode("gbk"))
    result = run("evaluate", source, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert [r["note"] for r in result.json()["results"] if r["note"]] == notes


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    source = write(tmp_path / "2023.csv", f"indicator{delimiter}value\n4{delimiter}100\n")
    assert run("evaluate", source, "-f", "json").statuses()["4"] == "pass"


# --- exit 2 on bad input, with a located one-line message ------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("indicator,value\n4,abc\n", "2023.csv:2: value: 'abc' is not a number"),
        ("indicator,value\n4,100\n4,100\n", "2023.csv:3: indicator 4 is given twice"),
        (
            "indicator,value\n4,100\n重大行政决策合法性审查率,100\n",
            "2023.csv:3: indicator 4 is given twice",
        ),
        ("indicator,value\n不存在,100\n", "2023.csv:2: indicator: unknown indicator '不存在'"),
        (
            "indicator,value\n重大行政决策合法审查率,100\n",
            "did you mean '4 重大行政决策合法性审查率'",
        ),
        (
            "indicator,value\n4,120\n",
            "2023.csv:2: value: 120 % is above the highest valid value 100",
        ),
        ("indicator,value\n4,-1\n", "2023.csv:2: value: -1 % is below the lowest valid value 0"),
        ("indicator,value\n4,nan\n", "2023.csv:2: value: 'nan' is not a number"),
        ("indicator,value\n4,inf\n", "2023.csv:2: value: 'inf' is not a number"),
        ("indicator,value\n4,\n6,\n", "2023.csv: no indicator has a value"),
        ("indicator,value\n", "2023.csv: no figures in the file"),
        ("", "2023.csv: the file is empty"),
        ("foo,bar\n1,2\n", "2023.csv:1: header not recognised"),
        ("indicator,value\n4,100,extra\n", "2023.csv:2:3: more cells than the header"),
        ('indicator,value\n4,"100\n', "2023.csv:2: malformed CSV"),
        ("indicator,value,rank\n18,90,17\n", "2023.csv:2: rank: rank 17 is beyond the 16 units"),
        ("indicator,value,rank\n18,90,2.5\n", "2023.csv:2: rank: rank '2.5' is not a whole number"),
        (
            "indicator,value\n20,95‰\n",
            "2023.csv:2: value: '95‰' has '‰' but the indicator is measured in %",
        ),
    ],
)
def test_bad_input(tmp_path: Path, content: str, message: str) -> None:
    source = write(tmp_path / "2023.csv", content)
    result = run("evaluate", source)
    assert result.code == 2
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_same_file_twice_and_a_reference_given_twice(tmp_path: Path) -> None:
    sample = SAMPLES / "2023.csv"
    result = run("evaluate", sample, sample)
    assert (result.code, result.stderr) == (2, f"{sample}: given twice on the command line\n")
    official = write(tmp_path / "city.csv", "year,indicator,reference\n2023,8,1.5\n2023,8,1.6\n")
    result = run("evaluate", sample, "--reference", official)
    assert (result.code, result.stderr) == (
        2,
        f"{official}:3: indicator 8: the reference for 2023 is given twice (also at line 2)\n",
    )


def test_missing_file_and_directory(tmp_path: Path) -> None:
    result = run("evaluate", tmp_path / "nope.csv")
    assert result.code == 2 and "nope.csv: file not found" in result.stderr
    result = run("evaluate", tmp_path)
    assert result.code == 2 and "is a directory" in result.stderr


def test_unknown_format_is_a_usage_error() -> None:
    assert run("evaluate", SAMPLES / "2023.csv", "-f", "pdf").code == 2


# --- output ---------------------------------------------------------------------------------


def test_output_written_atomically_and_identically(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    assert run("evaluate", SAMPLES / "2023.csv", "-f", "markdown", "-o", report).code == 0
    first = report.read_bytes()
    assert run("evaluate", SAMPLES / "2023.csv", "-f", "markdown", "-o", report).code == 0
    assert report.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary left behind


def test_never_writes_over_an_input(tmp_path: Path) -> None:
    source = write(tmp_path / "2023.csv", SAMPLE_2023)
    result = run("evaluate", source, "-o", source)
    assert result.code == 2 and "over an input" in result.stderr
    assert source.read_text(encoding="utf-8") == SAMPLE_2023


def test_bad_input_leaves_an_earlier_report_intact(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("earlier report", encoding="utf-8")
    source = write(tmp_path / "2023.csv", "indicator,value\n4,abc\n")
    assert run("evaluate", source, "-f", "json", "-o", report).code == 2
    assert report.read_text(encoding="utf-8") == "earlier report"


def test_a_device_or_pipe_is_written_through_never_replaced(tmp_path: Path) -> None:
    """-o /dev/null (or a named pipe) must not swap the device for a file, as a rename would."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("evaluate", SAMPLES / "2023.csv", "-f", "json", "-o", fifo)
    reader.join(timeout=10)
    assert result.code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == [run("evaluate", SAMPLES / "2023.csv", "-f", "json").stdout.encode()]
    before = os.stat("/dev/null")
    assert run("evaluate", SAMPLES / "2023.csv", "-o", "/dev/null").code == 0
    assert (
        stat.S_ISCHR(os.stat("/dev/null").st_mode) and os.stat("/dev/null").st_ino == before.st_ino
    )


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("evaluate", SAMPLES / "2023.csv", "-f", "json", "-o", "-")
    assert result.code == 0 and result.stdout.startswith("{")
    assert list(tmp_path.iterdir()) == []


def test_readability_is_left_to_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """typer's own check would print a usage block; the reader says it in one located line."""
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    assert run("evaluate", SAMPLES / "2023.csv").code == 0


def test_a_quoted_cell_over_two_lines(tmp_path: Path) -> None:
    """The note keeps its line break; a record is located at the line it starts on."""
    source = write(tmp_path / "2023.csv", 'indicator,value,note\n1,100,"first\nsecond"\n4,100,\n')
    result = run("evaluate", source, "-f", "json")
    notes = {r["id"]: r["note"] for r in json.loads(result.stdout)["results"]}
    assert notes["1"] == "first\nsecond"
    assert result.stdout.count('"line": 4') == 1  # indicator 4 starts on line 4
    source = write(tmp_path / "2023.csv", 'indicator,value,note\n1,"abc",x\n4,"1\n0",y\n')
    result = run("evaluate", source)
    assert result.stderr.startswith(f"{source}:2: value: 'abc' is not a number")
    source = write(tmp_path / "2023.csv", 'indicator,value,note\n1,100,"a\nb"\n4,abc,y\n')
    assert run("evaluate", source).stderr.startswith(f"{source}:4: value: 'abc'")
    source = write(tmp_path / "2023.csv", 'indicator,value,note\n1,"10\n0",x\n')
    assert run("evaluate", source).stderr.startswith(f"{source}:2: value: '10 0' is not")


def test_a_header_too_long_or_a_cell_too_large_is_a_located_error(tmp_path: Path) -> None:
    source = write(tmp_path / "2023.csv", "indicator,value," + ",".join(["x"] * 60_000) + "\n")
    result = run("evaluate", source)
    assert (result.code, result.stderr) == (
        2,
        f"{source}:1: the header row has 120,015 characters (at most 100,000): "
        "not the header of a submission\n",
    )
    limit = csv.field_size_limit(1000)  # as a 64 MiB cell is to the real limit
    try:
        source = write(tmp_path / "2023.csv", "indicator,value,note" + "x" * 2000)
        header = run("evaluate", source)
        source = write(tmp_path / "2024.csv", "indicator,value,note\n4,100," + "x" * 2000)
        cell = run("evaluate", source, "--lang", "zh")
        source = write(tmp_path / "2025.csv", 'indicator;value\n4;100\n1;"' + "9\n" * 600 + '"\n')
        lines = run("evaluate", source)
    finally:
        csv.field_size_limit(limit)
    too_large = "the cell is larger than 1,000 characters: a cell holds at most 1,000 characters"
    assert (header.code, header.stderr) == (2, f"{tmp_path / '2023.csv'}:1:3: {too_large}\n")
    zh = "note：单元格超过 1,000 个字符：每个单元格最多 1,000 个字符"
    assert (cell.code, cell.stderr) == (2, f"{tmp_path / '2024.csv'}:2:3: {zh}\n")
    # A quoted cell over many lines: at the line its record starts on, not where it was cut.
    assert (lines.code, lines.stderr) == (2, f"{source}:3:2: value: {too_large}\n")


def test_the_actual_cell_tells_the_figure_from_its_target(tmp_path: Path) -> None:
    source = write(tmp_path / "2023.csv", "indicator,value\n1,99.99999\n4,100\n")
    markdown = run("evaluate", source, "-f", "markdown").stdout
    assert "| 100% | 99.99999 | ✘ FAIL |" in markdown
    assert "| 100% | 100 | ✔ pass |" in markdown


@pytest.mark.parametrize(
    ("lang", "format", "verdict"),
    [
        ("en", "table", "COMPLIANT: every binding indicator is met or not yet due (3 behind schedule)"),
        ("zh", "table", "合规：约束性指标均已达标或未到目标年份（3项推进中）"),
        ("zh", "markdown", "合规：约束性指标均已达标或未到目标年份（3项推进中）"),
    ],
)  # fmt: skip
def test_a_compliant_verdict_never_calls_a_binding_indicator_behind_met(
    tmp_path: Path, lang: str, format: str, verdict: str
) -> None:
    """``behind`` does not block: the run is compliant, but its binding indicators are not all
    met, and the verdict says so."""
    figures = tmp_path / "2021.csv"
    figures.write_text(
        "indicator,value\n9,10.9\n14,2.7\n15,3.6\n16,87.5\n17,85\n18,24.1\n19,7\n20,47\n",
        encoding="utf-8",
    )
    plan = SAMPLES / "plans" / "national-14th-fyp"
    result = run("evaluate", figures, "--plan", plan, "-f", format, "--lang", lang)
    assert result.code == 0, result.stderr
    assert verdict in result.stdout
    figures.write_text("indicator,value\n9,11.3\n14,13.5\n15,18\n16,87.5\n17,85\n18,24.1\n"
                       "19,7\n20,47\n", encoding="utf-8")  # fmt: skip
    met = run("evaluate", figures, "--plan", plan, "--year", "2021", "--lang", "en")
    assert "COMPLIANT: every binding indicator is met\n" in met.stdout


def test_the_index_bears_the_name_the_plan_gives_it(tmp_path: Path) -> None:
    """The index is the plan's: 法治指数 is the Xuhui plan's name, not every plan's."""
    figures = tmp_path / "2021.csv"
    figures.write_text("indicator,value\n9,10.9\n16,87.5\n", encoding="utf-8")
    national = SAMPLES / "plans" / "national-14th-fyp"
    for lang, name in (("en", "Composite index 2021"), ("zh", "2021年综合指数")):
        shown = run("evaluate", figures, "--plan", national, "--lang", lang).stdout
        assert name in shown and "法治" not in shown and "ule-of-law" not in shown
    markdown = run("evaluate", figures, "--plan", national, "-f", "markdown", "--lang", "zh")
    assert "## 2021年综合指数" in markdown.stdout and "即为综合指数。" in markdown.stdout
    own = run("evaluate", SAMPLES / "2023.csv", "--lang", "zh").stdout
    assert "2023年法治指数" in own


def test_a_computed_mean_is_shown_alike_beside_every_unit() -> None:
    """One city average, one text: 2.62 beside 普陀区's 3 as beside 黄浦区's 2.9."""
    report = run("evaluate", SAMPLES / "districts-2023.csv", "-f", "markdown").stdout
    shown = {line.split("city average ")[1].split(" ")[0]
             for line in report.splitlines() if "16 案件改判发回率" in line and "city average" in line}  # fmt: skip
    assert shown == {"2.62"}


@pytest.mark.parametrize(
    ("lang", "fmt", "said"),
    [
        ("en", "table", "NOT COMPLIANT: 11 binding results not met (indicators: 2, units: 10)"),
        ("zh", "markdown", "不合规：11 项约束性指标结果未完成（涉及 2 项指标、10 个单位）"),
    ],
)
def test_the_verdict_of_several_units_counts_results_not_indicators(
    lang: str, fmt: str, said: str
) -> None:
    """The plan has 8 binding indicators; 11 of its results fail in 10 districts: "11 binding
    indicators" would be untrue."""
    result = run("evaluate", SAMPLES / "districts-2023.csv", "--lang", lang, "-f", fmt)
    assert result.code == 1
    assert said in result.stdout


def test_unit_suggestion_only_when_the_name_is_close() -> None:
    far = run("evaluate", SAMPLES / "2023.csv", "--unit", "长宁区")
    assert far.code == 2 and "did you mean" not in far.stderr
    near = run("evaluate", SAMPLES / "districts-2023.csv", "--unit", "徐汇")
    assert near.code == 2 and "did you mean '徐汇区'?" in near.stderr


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["evaluate", SAMPLES / "2023.csv", "--plan", ""], "--plan"),
        (["evaluate", SAMPLES / "2023.csv", "--plan="], "--plan"),
        (["indicators", "--plan", ""], "--plan"),
        (["evaluate", SAMPLES / "2023.csv", "--reference", ""], "--reference"),
        (["check", SAMPLES / "2023.csv", "--reference", ""], "--reference"),
        (["evaluate", SAMPLES / "2023.csv", "--tasks", ""], "--tasks"),
    ],
)
def test_a_file_option_with_an_empty_name_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str | Path], option: str
) -> None:
    """``--plan ""`` (an unset shell variable) was Path(""), the current folder: its plan read
    unasked when it holds one, else '.: no indicators.yaml'."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "indicators.yaml").write_text("plan: {}\n", encoding="utf-8")
    result = run(*args, "--lang", "en")
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"Option '{option}' names no file (the name is empty)" in result.stderr


@pytest.mark.parametrize(
    ("args", "number"),
    [
        (["evaluate", ""], 1),
        (["evaluate", SAMPLES / "2023.csv", ""], 2),
        (["evaluate", "--", ""], 1),
        (["check", ""], 1),
        (["diff", "", SAMPLES / "2023.csv"], 1),
        (["plan", "validate", ""], 1),
        (["plan", "import", "", "-o", "drafted"], 1),
        (["tasks", "check", ""], 1),
        (["tasks", "--plan", ROOT / "data", "check", ""], 1),
    ],
)
def test_an_empty_file_argument_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str | Path], number: int
) -> None:
    """``plan validate ""`` (an unset shell variable) validated the current folder, and
    ``evaluate ""`` said '.: is a directory': an empty name is no file, as ``--plan ""`` is not."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "indicators.yaml").write_text("plan: {}\n", encoding="utf-8")
    result = run("--lang", "en", *args)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"Argument {number} names no file (the name is empty)" in result.stderr
    assert not (tmp_path / "drafted").exists()
    chinese = run("--lang", "zh", *args)
    assert f"第{number}个参数的路径为空，未指明文件" in chinese.stderr
    if "--" not in args:  # an option the command does not have is click's to say; --help helps
        assert "No such option: --bogus" in run("--lang", "en", *args, "--bogus").stderr
        assert run(*args, "--help").stdout.startswith("Usage: ")


@pytest.mark.parametrize(
    ("args", "said", "zh"),
    [
        (["indicators", ""], "Got unexpected extra argument ('')", "多余的参数：''"),
        (["template", "", "x"], "Got unexpected extra arguments ('' x)", "多余的参数：'' x"),
    ],
)
def test_an_empty_argument_to_a_command_of_none_is_shown_as_typed(
    args: list[str], said: str, zh: str
) -> None:
    """click joined the extra arguments with spaces: an empty one was said as ``()``."""
    result = run("--lang", "en", *args)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and said in result.stderr
    assert zh in run("--lang", "zh", *args).stderr


def test_a_file_option_given_twice_by_two_names_of_one_file_is_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--plan pl --plan ./pl`` was refused as two values; it is one folder named two ways."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data", tmp_path / "pl")
    shutil.copy(SAMPLES / "2023.csv", tmp_path / "2023.csv")
    alone = run("evaluate", "2023.csv", "--plan", "pl", "-f", "json")
    for twice in (
        ["--plan", "pl", "--plan", "./pl"],
        ["--plan", "pl", "--plan=pl/"],
        ["--plan", "pl/indicators.yaml", "--plan", "pl"],  # the plan's file and its folder
    ):
        result = run("evaluate", "2023.csv", *twice, "-f", "json")
        assert (result.code, result.stdout) == (alone.code, alone.stdout), result.stderr
    written = run("evaluate", "2023.csv", "-o", "r.md", "-o", "./r.md")
    assert written.code == 0 and (tmp_path / "r.md").exists(), written.stderr
    (tmp_path / "other").mkdir()
    shutil.copy(tmp_path / "pl" / "indicators.yaml", tmp_path / "other")
    refused = run("evaluate", "2023.csv", "--plan", "pl", "--plan", "other", "--lang", "en")
    assert refused.code == 2 and "'--plan' is given twice ('pl', then 'other')" in refused.stderr


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--sheet", ""], "{file}: --sheet '': only Excel workbooks (.xlsx) have sheets"),
        (["--unit", ""], "--unit '': not a unit of the submission (units: 徐汇区)"),
        (["--date", ""], "--date '': not a date (YYYY-MM-DD)"),
        (["--date", " "], "--date ' ': not a date (YYYY-MM-DD)"),
    ],
)
def test_an_empty_option_value_is_quoted_in_its_message(args: list[str], line: str) -> None:
    """``--date : not a date`` read as a stray space: the empty value is shown as typed, ''."""
    sample = SAMPLES / "2023.csv"
    result = run("evaluate", sample, *args, "--lang", "en")
    assert (result.code, result.stderr) == (2, line.format(file=sample) + "\n")
