"""Templates: a blank submission, filled in, gives the same verdicts as the hand-written CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.plan.load import load_plan
from plancheck.submission import columns
from plancheck.template import HEADERS, neutralise, parse_units, render_csv, render_xlsx

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def figures() -> dict[str, dict[str, str]]:
    """samples/2023.csv: indicator → its value, reference, rank and note."""
    with open(SAMPLES / "2023.csv", encoding="utf-8") as handle:
        return {row["indicator"]: row for row in csv.DictReader(handle)}


def verdicts(path: Path, *extra: str) -> tuple[int, list[tuple[str, str, str]]]:
    result = invoke("evaluate", path, "-f", "json", *extra)
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    return result.exit_code, [(r.get("unit", ""), r["id"], r["status"]) for r in data["results"]]


EXPECTED = verdicts(SAMPLES / "2023.csv")


def fill_csv(text: str, lang: str) -> str:
    """What a person does in a spreadsheet: type the figures into the value columns."""
    data = figures()
    head = HEADERS[lang]
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header = rows[0]
    for row in rows[1:]:
        given = data[row[header.index(head["indicator"])]]
        for field in ("value", "reference", "rank"):
            if head[field] in header and given[field]:
                row[header.index(head[field])] = given[field]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + out.getvalue()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_filled_csv_template_gives_the_same_verdicts(tmp_path: Path, lang: str) -> None:
    blank = tmp_path / "blank.csv"
    assert invoke("template", "--year", "2023", "--lang", lang, "-o", blank).exit_code == 0
    filled = tmp_path / "filled.csv"  # no year in the name: the template carries it
    filled.write_text(fill_csv(blank.read_text(encoding="utf-8-sig"), lang), encoding="utf-8")
    assert verdicts(filled) == EXPECTED


def test_without_year_the_file_name_gives_it(tmp_path: Path) -> None:
    text = invoke("template").stdout
    assert "year" not in text.splitlines()[0]
    filled = tmp_path / "2023.csv"
    filled.write_text(fill_csv(text, "en"), encoding="utf-8")
    assert verdicts(filled) == EXPECTED


def fill_yaml(text: str) -> str:
    data = figures()
    out = []
    for line in text.splitlines():
        match = re.match(r'\s+"(\w+)": \{', line) or re.search(r'indicator: "(\w+)"', line)
        if match:
            given = data[match.group(1)]
            for field in ("value", "reference", "rank"):
                figure = given[field] or ""
                line = re.sub(rf"\b{field}: (?=[,}}])", f"{field}: {figure}", line, count=1)
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_filled_yaml_template_gives_the_same_verdicts(tmp_path: Path, lang: str) -> None:
    text = invoke("template", "-f", "yaml", "--year", "2023", "--lang", lang).stdout
    filled = tmp_path / "filled.yaml"
    filled.write_text(fill_yaml(text), encoding="utf-8")
    assert verdicts(filled) == EXPECTED


def test_filled_xlsx_template_gives_the_same_verdicts(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    blank = tmp_path / "blank.xlsx"
    assert invoke("template", "--year", "2023", "-o", blank).exit_code == 0  # xlsx from -o
    book = openpyxl.load_workbook(blank)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    data = figures()
    for row in sheet.iter_rows(min_row=2):
        given = data[row[header.index("indicator")].value]
        for field in ("value", "reference", "rank"):
            if given[field]:
                # as typed into the template's text-formatted cells: the text, e.g. "95.2"
                row[header.index(field)].value = given[field]
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    assert verdicts(filled) == EXPECTED


def test_xlsx_template_cells_to_fill_are_text_so_percentages_stay_as_typed() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(load_plan(None), year=2023)))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("value") + 1).number_format == "@"
    assert sheet.freeze_panes == "A2"


def test_several_units_get_rows_each(tmp_path: Path) -> None:
    text = invoke("template", "--units", "徐汇区，长宁区", "--year", "2023").stdout
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    indicators = len(load_plan(None).indicators)
    assert [r["unit"] for r in rows] == ["徐汇区"] * indicators + ["长宁区"] * indicators
    filled = tmp_path / "two.csv"
    filled.write_text(fill_csv(text, "en"), encoding="utf-8")
    code, found = verdicts(filled)
    assert {unit for unit, _, _ in found} == {"徐汇区", "长宁区"}
    yaml_text = invoke(
        "template", "-f", "yaml", "--units", "徐汇区,长宁区", "--year", "2023"
    ).stdout
    assert "records:" in yaml_text
    (tmp_path / "two.yaml").write_text(fill_yaml(yaml_text), encoding="utf-8")
    assert verdicts(tmp_path / "two.yaml") == (code, found)


def test_a_blank_template_is_not_a_pass(tmp_path: Path) -> None:
    blank = tmp_path / "2023.csv"
    invoke("template", "-o", blank)
    result = invoke("evaluate", blank)
    assert result.exit_code == 2
    assert "no indicator has a value" in result.stderr


def test_every_template_header_is_a_column_the_readers_know() -> None:
    for lang, headers in HEADERS.items():
        for column, header in headers.items():
            known = columns.field_of(header) or columns.is_informational(header)
            assert known, (lang, column, header)


def test_templates_are_deterministic_and_list_every_indicator() -> None:
    plan = load_plan(None)
    assert render_xlsx(plan, year=2023) == render_xlsx(plan, year=2023)
    text = render_csv(plan, year=2023)
    assert text == render_csv(plan, year=2023)
    ids = [row["indicator"] for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))]
    assert ids == [i.id for i in plan.indicators]


def test_formula_like_cells_are_neutralised() -> None:
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert [neutralise(t) for t in ("+1", "-1", "@x", "\tx")] == ["'+1", "'-1", "'@x", "'\tx"]
    assert neutralise("徐汇区") == "徐汇区"
    # A plan that lists no peer group members admits any unit, so the name is written as given.
    kinds = Path(__file__).resolve().parent / "fixtures" / "plans" / "kinds"
    text = invoke("template", "--units", "=cmd|' /C calc'!A0", "--plan", kinds).stdout
    assert "\n'=cmd|' /C calc'!A0," in text


def test_parse_units() -> None:
    assert parse_units("徐汇区, 长宁区、静安区，徐汇区") == ("徐汇区", "长宁区", "静安区")
    assert parse_units(None) == ()


def test_never_replaces_a_file_that_may_be_filled_in(tmp_path: Path) -> None:
    filled = tmp_path / "2024.csv"
    filled.write_text("indicator,value\n1,100\n", encoding="utf-8")
    result = invoke("template", "-o", filled)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{filled}: exists already, and may be filled in; give --force to replace it\n"
    )
    assert filled.read_text(encoding="utf-8") == "indicator,value\n1,100\n"
    assert invoke("template", "-o", filled, "--force").exit_code == 0
    assert "value" in filled.read_text(encoding="utf-8-sig").splitlines()[0]
    assert invoke("template", "-o", "-").stdout.startswith("\ufeffindicator,")


@pytest.mark.parametrize(
    ("args", "name", "starts"),
    [((), "t.csv", b"\xef\xbb\xbfindicator,"), ((), "t.CSV", b"\xef\xbb\xbfindicator,"),
     ((), "t.xlsx", b"PK"), ((), "t.yml", b"# "), (("-f", "yaml"), "t.yaml", b"# "),
     ((), "blank", b"\xef\xbb\xbfindicator,"), (("-f", "xlsx"), "blank", b"PK")],
)  # fmt: skip
def test_o_s_extension_gives_the_format(
    tmp_path: Path, args: tuple[str, ...], name: str, starts: bytes
) -> None:
    """Without -f, the format is the extension's; a name without one is what -f says (csv)."""
    result = invoke("template", *args, "-o", tmp_path / name)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_bytes().startswith(starts)


UNKNOWN = (
    ": a template is written as .csv, .yaml (.yml) or .xlsx, not '{}': give -o one of these "
    "extensions, or leave -o out to print it"
)
DISAGREES = (
    ": -f {} disagrees with the extension '{}' (-f {}): give the file the format's extension, "
    "or leave -f out"
)


@pytest.mark.parametrize(
    ("args", "name", "message"),
    [((), "t.docx", UNKNOWN.format(".docx")), ((), "t.json", UNKNOWN.format(".json")),
     ((), "t.xlsm", UNKNOWN.format(".xlsm")), (("-f", "xlsx"), "t.txt", UNKNOWN.format(".txt")),
     (("-f", "csv"), "t.xlsx", DISAGREES.format("csv", ".xlsx", "xlsx")),
     (("-f", "xlsx"), "t.csv", DISAGREES.format("xlsx", ".csv", "csv")),
     (("-f", "yaml"), "t.XLSX", DISAGREES.format("yaml", ".XLSX", "xlsx")),
     (("-f", "csv"), "t.yml", DISAGREES.format("csv", ".yml", "yaml"))],
)  # fmt: skip
def test_an_extension_a_template_is_not_written_as_is_refused(
    tmp_path: Path, args: tuple[str, ...], name: str, message: str
) -> None:
    """A CSV written into t.docx or t.xlsx is a file nothing opens (evaluate refuses the .xlsx):
    exit 2 in a line, and no file written."""
    result = invoke("template", *args, "-o", tmp_path / name)
    assert (result.exit_code, result.stderr) == (2, f"{tmp_path / name}{message}\n")
    assert list(tmp_path.iterdir()) == []


def test_an_extension_refused_in_chinese(tmp_path: Path) -> None:
    result = invoke("template", "-o", tmp_path / "t.docx", "--lang", "zh")
    assert result.stderr == (
        f"{tmp_path / 't.docx'}: 模板只能写成 .csv、.yaml（.yml）或 .xlsx 文件，不能写成“.docx”："
        "请为 -o 使用其中一种扩展名，或省略 -o 直接输出\n"
    )
    result = invoke("template", "-f", "csv", "-o", tmp_path / "t.xlsx", "--lang", "zh")
    assert result.stderr == (
        f"{tmp_path / 't.xlsx'}: -f csv 与扩展名“.xlsx”（对应 -f xlsx）不符：请使用与格式相符的"
        "扩展名，或省略 -f\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_yaml_template_speaks_of_a_year_of_the_plan_given(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    assert invoke("init", folder, "--period", "2026-2030").exit_code == 0
    text = invoke("template", "--plan", folder, "-f", "yaml").stdout
    assert "name the file like 2030.yaml" in text and "# year: 2030" in text
    assert "2025" not in text


def hostile_plan(tmp_path: Path) -> Path:
    """The bundled plan with an ESC sequence, a bidi override and a NUL in its title, an
    indicator's name, English name and unit."""
    text = (SAMPLES.parent / "data" / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  title: 徐汇区全面依法治区第十四个五年规划",
        '  title: "徐汇区\\e[31m规划\\u202e"',
        1,
    )
    text = text.replace(
        "    name: 规范性文件审查纠错率\n",
        '    name: "规范性\\e[31m文件\\u202e审查\\0纠错率"\n    name_en: "Correction\\e[2J\\u202erate"\n',
        1,
    ).replace("    name_en: Correction rate in the review of normative documents\n", "", 1)
    text = text.replace(
        '    unit: "%"\n    target_text: 低于全市平均值',
        '    unit: "%\\e[0m"\n    target_text: 低于全市平均值',
        1,
    )
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "indicators.yaml").write_text(text, encoding="utf-8")
    (folder / "tasks.yaml").write_bytes((SAMPLES.parent / "data" / "tasks.yaml").read_bytes())
    return folder


RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_names_a_plan_gives_are_shown_escaped_and_the_template_reads_back(
    tmp_path: Path, fmt: str, lang: str
) -> None:
    """Issue: template wrote raw ESC and U+202E from plan names to stdout (evaluate and
    indicators escape them): the names are shown as the reports show them, and the filled-in
    template still reads back."""
    plan = hostile_plan(tmp_path)
    assert invoke("plan", "validate", plan).exit_code == 0
    for output in ("-", tmp_path / f"blank.{fmt}"):
        result = invoke("template", "--plan", plan, "-f", fmt, "--lang", lang, "--year", "2023",
                        "-o", output)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        text = result.stdout if output == "-" else Path(output).read_text(encoding="utf-8")
        assert RAW_CONTROL.findall(text.replace("\r\n", "\n")) == []
        assert "规范性\\x1b[31m文件\\u202e审查\\x00纠错率" in text
        assert "徐汇区\\x1b[31m规划\\u202e" in text or fmt == "csv"
    filled = tmp_path / f"filled.{fmt}"
    blank = (tmp_path / f"blank.{fmt}").read_text(encoding="utf-8-sig")
    filled.write_text(fill_csv(blank, lang) if fmt == "csv" else fill_yaml(blank), "utf-8")
    assert verdicts(filled, "--plan", str(plan)) == verdicts(
        SAMPLES / "2023.csv", "--plan", str(plan)
    )


def test_names_a_plan_gives_are_shown_escaped_in_the_xlsx_template(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    plan = hostile_plan(tmp_path)
    blank = tmp_path / "blank.xlsx"
    assert invoke("template", "--plan", plan, "--year", "2023", "-o", blank).exit_code == 0
    book = openpyxl.load_workbook(blank)
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert "规范性\\x1b[31m文件\\u202e审查\\x00纠错率" in cells
    assert [c for c in cells if RAW_CONTROL.search(c) or "_x00" in c] == []
    assert book.properties.title == "Submission template: 徐汇区\\x1b[31m规划\\u202e"


def test_a_year_that_disagrees_with_the_files_name_is_refused(tmp_path: Path) -> None:
    # `--year 2025 -o 2024.csv` wrote a 2024.csv whose cells say 2025: evaluate judged it as
    # 2025, the year its cells say, and the file's name said otherwise to everyone who opened it.
    target = tmp_path / "徐汇-2024.csv"
    result = CliRunner().invoke(app, ["template", "--year", "2025", "-o", str(target)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"{target}: --year 2025 disagrees with the year 2024 in the file's name: give one of"
        " them, or the same year\n",
    )
    assert not target.exists()
    agreed = CliRunner().invoke(app, ["template", "--year", "2024", "-o", str(target)])
    assert agreed.exit_code == 0 and target.read_text(encoding="utf-8-sig").count("\n2024,") == 23


@pytest.mark.parametrize(
    ("name", "lang", "hint"),
    [
        ("2027.yaml", "en", "# Year 2027: the file's name (2027.yaml) says it.\n# year: 2027\n"),
        ("徐汇-2026.yml", "zh", "# 年度为2026年：取自文件名（徐汇-2026.yml）。\n# year: 2026\n"),
    ],
)
def test_the_yaml_template_says_the_year_its_files_name_gives(
    tmp_path: Path, name: str, lang: str, hint: str
) -> None:
    # `-o 2027.yaml` wrote "No year given: … name the file like 2025.yaml": a year asked for
    # that the name gave, and another year shown as the example.
    target = tmp_path / name
    assert invoke("template", "-o", target, "--lang", lang).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert hint in text and "2025" not in text
    assert "No year given" not in text and "未指定年度" not in text
