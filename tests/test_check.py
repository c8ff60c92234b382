"""plancheck check: exit 0 for a well-formed submission whatever its figures, 2 for everything
evaluate refuses — one line per file (figures, units, years) and the warnings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import CASES, SAMPLES, run

HOSTILE = sorted(p for p in (CASES / "hostile").iterdir() if p.is_dir())
ANNOTATION = re.compile(r"::(error|warning|notice)(?: ([^:]*))?::(.*)")


def submission(case: Path) -> Path:
    return next(p for p in case.iterdir() if p.name not in ("expected.txt", "statuses.json"))


def test_a_failing_but_well_formed_file_passes() -> None:
    evaluated = run("evaluate", SAMPLES / "2022.csv")
    assert evaluated.code == 1  # binding indicator 13 fails
    result = run("check", SAMPLES / "2022.csv", "--lang", "en")
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        f"ok {SAMPLES / '2022.csv'}: 23 figures, unit 徐汇区, year 2022\n"
        "well-formed: 1 file, 23 figures, plan xuhui-rule-of-law-2021-2025; not judged "
        "(plancheck evaluate judges them)\n"
    )


def test_one_line_per_file_with_units_and_years() -> None:
    result = run("check", SAMPLES / "2020.csv", SAMPLES / "districts-2023.csv", "--lang", "en")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"ok {SAMPLES / '2020.csv'}: 19 figures, unit 徐汇区, year 2020"
    assert lines[1].startswith(f"ok {SAMPLES / 'districts-2023.csv'}: ")
    assert "16 units (黄浦区, 徐汇区, 长宁区, 静安区, 普陀区 and 11 more)" in lines[1]
    assert lines[1].endswith("years 2021–2023")
    assert "baseline year 2020" in lines[2]
    assert len(lines) == 3
    zh = run("check", SAMPLES / "districts-2023.csv", "--lang", "zh").stdout.splitlines()
    assert zh[0].endswith("年度为2021—2023年")  # the dash Chinese writes a span with


def test_counts_match_the_file(tmp_path: Path) -> None:
    path = tmp_path / "xuhui-2023.csv"
    path.write_text("indicator,value\n4,100\n5,N/A\n6,\n18,95\n", encoding="utf-8")
    result = run("check", path, "--lang", "en")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"ok {path}: 2 figures (2 without a value), unit 徐汇区, year 2023"
    )


def test_chinese_lines_use_full_width_punctuation() -> None:
    result = run("check", SAMPLES / "2023.csv", "--lang", "zh")
    assert result.code == 0
    first, last = result.stdout.splitlines()
    assert (
        first
        == f"已读取 {SAMPLES / '2023.csv'}：22 个数值（1 个无数值），单位为徐汇区，年度为2023年"
    )
    assert last.startswith("格式无误：1 个文件，22 个数值，")
    assert "," not in last.replace("xuhui-rule-of-law-2021-2025", "")


def test_warnings_are_listed_under_their_file(tmp_path: Path) -> None:
    path = tmp_path / "2023.csv"
    path.write_text("indicator,value,remarks\n4,100,x\n合计,100,\n", encoding="utf-8")
    result = run("check", path, "--lang", "en")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"ok {path}: 1 figure, ")
    assert lines[1] == f"  warning: {path}:1:3: column 'remarks' is not used by plancheck: skipped"
    assert (
        lines[2]
        == f"  warning: {path}:3: a '合计' row is the table's own (a total or a note), not figures: skipped"
    )
    assert result.stderr == ""  # the warnings are the report here, said once


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("indicator,value\n4,abc\n", "{file}:2: value: 'abc' is not a number"),  # a value
        ("indicator,value\n4,95‰\n", "{file}:2: value: '95‰' has '‰'"),  # the unit of measure
        ("indicator,value\n4,100\n4,99\n", "{file}:3: indicator 4 is given twice"),  # duplicate
        ("indicator,value\n99,1\n", "{file}:2: indicator: unknown indicator '99'"),  # structure
        ("indicator,value,year\n4,100,20x3\n", "{file}:2: year: '20x3' is not a year"),  # a year
        ("indicator,value\n4,\n", "{file}: no indicator has a value"),  # nothing to judge
    ],
)
def test_what_evaluate_refuses_check_refuses(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "2023.csv"
    path.write_text(content, encoding="utf-8")
    evaluated, checked = run("evaluate", path), run("check", path)
    assert evaluated.code == checked.code == 2
    assert checked.stderr == evaluated.stderr
    assert checked.stderr.startswith(message.format(file=path)), checked.stderr
    assert checked.stdout == ""


def test_baseline_years_alone_are_refused_as_evaluate_does() -> None:
    evaluated, checked = run("evaluate", SAMPLES / "2020.csv"), run("check", SAMPLES / "2020.csv")
    assert evaluated.code == checked.code == 2
    assert checked.stderr == evaluated.stderr and "nothing to judge" in checked.stderr


def test_options_are_read_as_evaluate_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("indicator,value\n4,100\n", encoding="utf-8")
    assert run("check", path).code == 2  # no year
    assert run("check", path, "--year", "2023").code == 0
    assert run("check", path, "--year", "3000").code == 2
    assert run("check", path, "--year", "2023", "--unit", "徐汇区").code == 0
    wrong = run("check", path, "--year", "2023", "--unit", "长宁区")
    assert wrong.code == 2 and "--unit 长宁区" in wrong.stderr
    reference = tmp_path / "reference.csv"
    reference.write_text("year,indicator,reference\n2023,5,abc\n", encoding="utf-8")
    bad = run("check", path, "--year", "2023", "--reference", reference)
    assert bad.code == 2 and bad.stderr.startswith(str(reference))
    sheet = run("check", path, "--year", "2023", "--sheet", "数据")
    assert sheet.code == 2 and "only Excel workbooks" in sheet.stderr


def test_a_workbook_names_its_sheet(tmp_path: Path) -> None:
    template = tmp_path / "2023.xlsx"
    assert run("template", "-o", template, "--year", "2023").code == 0
    result = run("check", template)
    assert result.code == 2 and "no indicator has a value" in result.stderr  # a blank template


@pytest.mark.parametrize("case", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_cases(case: Path, tmp_path: Path) -> None:
    """Every hostile file: check gives exit 2 and evaluate's message, or 0 when it reads."""
    source = tmp_path / submission(case).name
    source.write_bytes(submission(case).read_bytes())
    result = run("check", source)
    expected = case / "expected.txt"
    if expected.exists():
        message = expected.read_text(encoding="utf-8").strip().replace("{file}", str(source))
        assert result.code == 2
        assert result.stderr == message + "\n"
    else:
        assert result.code == 0, result.stderr
        assert result.stdout.startswith(f"ok {source}")


def test_github_format() -> None:
    result = run("check", SAMPLES / "2023.csv", "-f", "github", "--lang", "en")
    assert result.code == 0
    lines = result.stdout.splitlines()
    for line in lines:
        assert ANNOTATION.fullmatch(line), line
    assert lines[0].startswith("::notice file=")
    assert lines[0].endswith(f"::ok {SAMPLES / '2023.csv'}: 22 figures (1 without a value), "
                             "unit 徐汇区, year 2023")  # fmt: skip


def test_github_format_warnings_point_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "2023.csv"
    path.write_text("indicator,value,remarks\n4,100,x\n", encoding="utf-8")
    result = run("check", path, "-f", "github")
    warning = next(line for line in result.stdout.splitlines() if line.startswith("::warning"))
    props = dict(p.split("=", 1) for p in ANNOTATION.fullmatch(warning).group(2).split(","))  # type: ignore[union-attr]
    assert props["line"] == "1" and props["col"] == "3"
    assert props["file"] == str(path).replace(":", "%3A").replace(",", "%2C")


def test_junit_format(tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(Path(__file__).parent / "fixtures" / "junit" / "junit.xsd")
    out = tmp_path / "junit.xml"
    result = run("check", SAMPLES / "2022.csv", SAMPLES / "2023.csv", "-f", "junit", "-o", out)
    assert result.code == 0
    text = out.read_text(encoding="utf-8")
    schema.validate(text)
    cases = ET.fromstring(text).findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [str(SAMPLES / "2022.csv"), str(SAMPLES / "2023.csv")]
    assert all(c.get("classname") == "plancheck.check" and len(c.findall("failure")) == 0
               for c in cases)  # fmt: skip


def test_output_is_deterministic() -> None:
    first = run("check", SAMPLES / "districts-2023.csv")
    assert first.stdout == run("check", SAMPLES / "districts-2023.csv").stdout


def test_the_readmes_example_is_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES.parent)
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ plancheck check samples/2020.csv samples/2023.csv\n", 1)[1]
    shown = block.split("```", 1)[0]
    result = run("check", "samples/2020.csv", "samples/2023.csv", "--lang", "en")
    assert result.stdout == shown


def test_json_format(tmp_path: Path) -> None:
    path = tmp_path / "2023.csv"
    path.write_text("indicator,value,remarks\n4,100,x\n5,N/A,\n", encoding="utf-8")
    result = run("check", SAMPLES / "2020.csv", path, "-f", "json")
    assert result.code == 0, result.stderr
    data = result.json()
    assert data["well_formed"] is True and data["plan"]["id"] == "xuhui-rule-of-law-2021-2025"
    assert data["history"] == [2020] and data["figures"] == 20
    first, second = data["files"]
    assert first == {"file": str(SAMPLES / "2020.csv"), "figures": 19, "empty": 0,
                     "units": ["徐汇区"], "years": [2020], "sheet": None, "warnings": []}  # fmt: skip
    assert (second["figures"], second["empty"], second["years"]) == (1, 1, [2023])
    assert second["warnings"] == [f"{path}:1:3: column 'remarks' is not used by plancheck: skipped"]


def test_check_names_the_sheet_and_the_plan_as_chinese_does(tmp_path: Path) -> None:
    """工作表 数据 and 规划 xuhui-… read as two words side by side: 工作表“数据”, 规划“…”."""
    from tests.test_xlsx import workbook

    book = workbook(tmp_path / "2023.xlsx", {"数据": [["indicator", "value"], ["4", 100]]})
    out = run("check", book, "--lang", "zh").stdout
    assert "，工作表“数据”\n" in out, out
    assert "规划“xuhui-rule-of-law-2021-2025”；" in out and "规划 " not in out
    english = run("check", book, "--lang", "en").stdout
    assert ", sheet 数据\n" in english and "plan xuhui-rule-of-law-2021-2025;" in english


def test_every_bad_file_is_said_not_only_the_first(tmp_path: Path) -> None:
    """Among many files, one that cannot be read at all (an empty file, a header not
    recognised) does not hide the errors of the others: every file is read, and every problem
    said, in the order the files were given."""
    good = tmp_path / "a-2021.csv"
    good.write_text("indicator,value\n4,100\n", encoding="utf-8")
    bad_value = tmp_path / "b-2022.csv"
    bad_value.write_text("indicator,value\n4,abc\n", encoding="utf-8")
    empty = tmp_path / "c-2022.csv"
    empty.write_text("", encoding="utf-8")
    bad_header = tmp_path / "d-2023.csv"
    bad_header.write_text("foo,bar\n1,2\n", encoding="utf-8")
    also_bad = tmp_path / "e-2023.csv"
    also_bad.write_text("indicator,value\n5,xyz\n", encoding="utf-8")
    files = (good, bad_value, empty, bad_header, also_bad)
    for command in ("check", "evaluate"):
        result = run(command, *files, "--lang", "en")
        assert result.code == 2, result.stderr
        lines = result.stderr.splitlines()
        assert [line.split(":")[0] for line in lines] == [
            str(bad_value),
            str(empty),
            str(bad_header),
            str(also_bad),
        ], lines
        assert lines[0] == f"{bad_value}:2: value: 'abc' is not a number (indicator 4 " + (
            "重大行政决策合法性审查率)"
        )
        assert lines[1].startswith(f"{empty}: the file is empty")
        assert lines[2].startswith(f"{bad_header}:1: header not recognised")
    github = run("check", *files, "-f", "github", "--lang", "en")
    assert github.code == 2
    assert [line.split("::")[1].split(",")[0] for line in github.stdout.splitlines()] == [
        f"error file={f}" for f in (bad_value, empty, bad_header, also_bad)
    ]


def test_a_file_given_twice_does_not_hide_another_files_error(tmp_path: Path) -> None:
    bad = tmp_path / "a-2023.csv"
    bad.write_text("indicator,value\n4,abc\n", encoding="utf-8")
    good = tmp_path / "b-2022.csv"
    good.write_text("indicator,value\n4,100\n", encoding="utf-8")
    result = run("check", bad, good, tmp_path / "." / good.name, "--lang", "en")
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bad}:2: value: 'abc' is not a number")
    assert lines[1] == f"{tmp_path / '.' / good.name}: given twice on the command line"
    assert len(lines) == 2
