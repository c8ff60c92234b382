"""A CSV file with a title above its header, as Excel saves a sheet with a title row
(``徐汇区2023年法治指标实际值,,`` and then ``指标,实际值,备注``): read by the sheets' rule
(``columns.find_header``), lines numbered as in the file. Submissions and references alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run

TITLE = "徐汇区2023年法治指标实际值"


def lines(stdout: str) -> dict[str, tuple[object, int]]:
    return {r["id"]: (r["value"], r["line"]) for r in json.loads(stdout)["results"]}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_a_title_line_above_the_header_is_skipped_lines_kept(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "2023.csv"
    source.write_bytes(f"{TITLE},,\r\n指标,实际值,备注\r\n1,100,\r\n2,3,\r\n".encode(encoding))
    done = run("evaluate", source, "-f", "json")
    assert done.code == 1, done.stderr  # judged (other binding indicators missing)
    found = lines(done.stdout)
    assert found["1"] == (100, 3) and found["2"] == (3, 4)
    source.write_bytes(f"{TITLE},,\n指标,实际值,备注\n1,100,\n4,abc,\n".encode(encoding))
    refused = run("evaluate", source)
    assert refused.code == 2
    assert refused.stderr.startswith(f"{source}:4: 实际值: 'abc' is not a number")


def test_up_to_three_title_lines_blank_lines_between_any_delimiter(tmp_path: Path) -> None:
    titles = f"{TITLE};;\n\n填报单位：徐汇区司法局;;\n单位：%;;\n"
    source = tmp_path / "2023.csv"
    source.write_text(titles + "指标;实际值\n1;98,5\n", encoding="utf-8")
    assert lines(run("evaluate", source, "-f", "json").stdout)["1"] == (98.5, 6)
    four = tmp_path / "four-2023.csv"
    four.write_text("一\n" + titles + "指标;实际值\n1;100\n", encoding="utf-8")
    refused = run("evaluate", four)
    assert (refused.code, refused.stderr.split(": ")[:2]) == (
        2,
        [f"{four}:1", "header not recognised"],
    )
    declared = tmp_path / "sep-2023.csv"
    declared.write_text("sep=;\n" + titles + "指标;实际值\n1;98,5\n", encoding="utf-8")
    assert lines(run("evaluate", declared, "-f", "json").stdout)["1"] == (98.5, 7)


def test_a_line_with_a_figure_above_the_header_is_no_title(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    source.write_text("填报,100\n指标,实际值\n1,100\n", encoding="utf-8")
    refused = run("evaluate", source)
    assert (refused.code, refused.stderr) == (2, (
        f"{source}:1:2: '100' is above the header (row 2), where only a title may be: delete the"
        " row, or move the figure below the header\n"
    ))  # fmt: skip
    source.write_text("填报日期,2024年1月5日\n指标,实际值\n1,100\n", encoding="utf-8")
    assert run("evaluate", source).code == 1  # words: a title


def test_a_mistyped_header_is_no_title_over_its_figures(tmp_path: Path) -> None:
    """``4,100`` names indicator 4 as a wide header would: below a mistyped header it is a row
    of figures, never taken as the header (that said "unknown indicator '100'" at line 2)."""
    source = tmp_path / "2023.csv"
    source.write_text("indicatr,valeu\n4,100\n19,5\n", encoding="utf-8")
    refused = run("evaluate", source)
    assert refused.code == 2
    assert refused.stderr.startswith(f"{source}:1: header not recognised:")
    assert refused.stderr.endswith("found 'indicatr,valeu'\n")
    wide = tmp_path / "wide-2023.csv"  # a wide header by numbers below a title is one
    wide.write_text(f"{TITLE}\n区,4,19\n徐汇区,100,5.2\n", encoding="utf-8")
    assert lines(run("evaluate", wide, "-f", "json").stdout)["4"] == (100, 3)


def test_a_reference_file_with_a_title(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    source.write_text("指标,实际值\n5,1.2\n", encoding="utf-8")
    reference = tmp_path / "ref-2023.csv"
    reference.write_text("上海市各区法治指标参照值,,\n指标,参照值\n5,1.8\n", encoding="utf-8")
    done = run("evaluate", source, "--reference", reference, "-f", "json")
    assert done.code in (0, 1), done.stderr
    found = {r["id"]: r["reference"] for r in done.json()["results"]}
    assert found["5"] == 1.8
    reference.write_text("上海市各区法治指标参照值,,\n指标,参照值\n5,x\n", encoding="utf-8")
    refused = run("evaluate", source, "--reference", reference)
    assert refused.code == 2 and refused.stderr.startswith(f"{reference}:3: 参照值: 'x'")


def test_excel_text_forcing_is_the_text_kept_as_typed(tmp_path: Path) -> None:
    """``="0123"`` is how systems export a text for Excel to keep: the text (it was "unknown
    indicator '=\"4\"'", and a figure "a formula Excel never computed")."""
    source = tmp_path / "2023.csv"
    source.write_text('指标,实际值,备注\n="4",="100",="注：a""b"\n', encoding="utf-8")
    done = run("evaluate", source, "-f", "json")
    assert done.code in (0, 1), done.stderr
    four = next(r for r in done.json()["results"] if r["id"] == "4")
    assert (four["value"], four["note"], four["line"]) == (100, '注：a"b', 2)
    source.write_text('指标,实际值\n4,="=1+1"&""\n', encoding="utf-8")  # a formula: no text
    refused = run("evaluate", source)
    assert refused.code == 2 and "formula" in refused.stderr


def test_a_progress_report_with_a_title_is_read_by_the_same_rule(tmp_path: Path) -> None:
    """``--tasks progress.csv`` skips up to three title lines above its header, as a
    submission does (``columns.find_header``); its lines are numbered as in the file."""
    source = tmp_path / "progress-2023.csv"
    body = "task,milestone,status,state\n19,,in_progress,\n19,19.1,,bogus\n"
    source.write_text("徐汇区2023年任务进展报送表,,,\n填报单位：区司法局,,,\n" + body, "utf-8")
    refused = run("tasks", "check", source)
    assert refused.code == 2 and refused.stderr.startswith(f"{source}:5:4: "), refused.stderr
    source.write_text("徐汇区2023年任务进展报送表,,,\n" + body.replace("bogus", "done"), "utf-8")
    done = run("tasks", "check", source, "-f", "json")
    assert done.code in (0, 1), done.stderr
    [nineteen] = [t for t in done.json()["tasks"] if t["id"] == "19"]
    assert nineteen["line"] == 3
    four = tmp_path / "four-2023.csv"
    four.write_text("一\n二\n三\n四\n" + body, "utf-8")
    refused = run("tasks", "check", four)
    assert refused.code == 2 and refused.stderr.startswith(f"{four}:1: "), refused.stderr
