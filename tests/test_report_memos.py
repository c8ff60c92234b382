"""What results share is made once per report (a figure's cell, a reason's words, an indicator's
cells, an escaped file name): results that share a cell and differ elsewhere keep what is their
own, in every format that memoises (markdown, html, csv, github)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import ROOT, run
from tests.test_injection import admitting_other_units

# Two units; indicator 1 is given 2 and 2.5 (its figures are printed with one decimal: "2.0"),
# indicator 3 (the same target, 100%) is given 2 twice (printed "2"): one figure, two cells. 甲 and 乙 share
# indicator 4's figure and reason and differ in their notes.
SUBMISSION = """unit,indicator,value,note
甲,1,2,
乙,1,2.5,
甲,3,2,
乙,3,2,
甲,4,90,first note
乙,4,90,second note
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("memos")
    plan = folder / "plan"
    plan.mkdir()
    indicators = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    (plan / "indicators.yaml").write_text(admitting_other_units(indicators), encoding="utf-8")
    (plan / "tasks.yaml").write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    submission = folder / "2023.csv"
    submission.write_text(SUBMISSION, encoding="utf-8")
    return plan, submission


def report(inputs: tuple[Path, Path], fmt: str) -> str:
    plan, submission = inputs
    result = run("evaluate", submission, "--plan", plan, "-f", fmt, "--lang", "en")
    assert result.code == 1, result.stderr
    return result.stdout


def markdown_rows(text: str) -> dict[tuple[str, str], list[str]]:
    """The category tables' rows by (unit, indicator id)."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if line.startswith("| ") and len(cells) > 5 and cells[1].isdecimal():
            rows[(cells[0], cells[1])] = cells
    return rows


def test_markdown_a_shared_figure_keeps_each_indicators_decimals_and_notes(
    inputs: tuple[Path, Path],
) -> None:
    rows = markdown_rows(report(inputs, "markdown"))
    actual = 5  # unit, id, indicator, binding, target, then the figure
    assert rows[("甲", "1")][actual] == "2.0" and rows[("乙", "1")][actual] == "2.5"
    assert rows[("甲", "3")][actual] == "2" and rows[("乙", "3")][actual] == "2"
    first, second = rows[("甲", "4")], rows[("乙", "4")]
    assert first[-1] == "first note" and second[-1] == "second note"
    assert first[-2] == second[-2] and "90" in first[-2]  # one reason, the same words


def test_html_a_shared_figure_keeps_each_indicators_decimals_and_notes(
    inputs: tuple[Path, Path],
) -> None:
    page = report(inputs, "html")
    row = {
        key: page.split(f'<tr id="indicator-{key}">', 1)[1].split("</tr>", 1)[0]
        for key in ("甲-1", "乙-1", "甲-3", "甲-4", "乙-4")
    }
    assert "<td>2.0</td>" in row["甲-1"] and "<td>2.5</td>" in row["乙-1"]
    assert "<td>2</td>" in row["甲-3"]
    assert row["甲-4"].endswith("<td>first note</td>")
    assert row["乙-4"].endswith("<td>second note</td>")


def test_csv_rows_sharing_a_reason_keep_their_own_notes(inputs: tuple[Path, Path]) -> None:
    rows = list(csv.reader(io.StringIO(report(inputs, "csv").lstrip("\ufeff"))))
    four = [row for row in rows[1:] if row[2] == "4"]
    assert {row[0]: row[-1] for row in four} == {"甲": "first note", "乙": "second note"}
    assert four[0][11] == four[1][11] and "90" in four[0][11]


def test_github_annotations_sharing_a_title_keep_their_own_line_and_note(
    inputs: tuple[Path, Path],
) -> None:
    lines = report(inputs, "github").splitlines()
    four = [line for line in lines if "title=甲 4 " in line or "title=乙 4 " in line]
    assert len(four) == 2
    by_unit = {("甲" if "title=甲" in line else "乙"): line for line in four}
    assert "line=6," in by_unit["甲"] and by_unit["甲"].endswith("(Note: first note)")
    assert "line=7," in by_unit["乙"] and by_unit["乙"].endswith("(Note: second note)")
    assert lines[-1].startswith("::error title=plancheck::NOT COMPLIANT")
