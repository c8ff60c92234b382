"""`plancheck template --units`: the units are checked against the plan as `evaluate` reads them
back — a unit the plan does not list is exit 2 with the nearest one suggested, unless the plan
admits others; `--units` with no name is exit 2; a name with a control character is never
written into a template."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, run

NOT_LISTED = "(a plan that admits other units says `other_units: true`)"


def other_units_plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(ROOT / "data", folder)
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  unit: 徐汇区\n", "  unit: 徐汇区\n  other_units: true\n", 1), "utf-8"
    )
    return folder


def test_a_unit_the_plan_does_not_list_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "u.csv"
    result = run("template", "--units", "徐汇区,不存在", "-o", out)
    assert result.code == 2
    assert result.stderr == f"--units: '不存在' is not one of the plan's units {NOT_LISTED}\n"
    assert not out.exists()


def test_the_nearest_unit_is_suggested(tmp_path: Path) -> None:
    result = run("template", "--units", "徐汇,长宁区", "-o", tmp_path / "u.csv")
    assert result.code == 2
    assert result.stderr == (
        f"--units: '徐汇' is not one of the plan's units; did you mean '徐汇区'? {NOT_LISTED}\n"
    )


def test_it_is_said_in_chinese(tmp_path: Path) -> None:
    result = run("template", "--units", "徐汇", "--lang", "zh", "-o", tmp_path / "u.csv")
    assert result.code == 2
    assert result.stderr == (
        "--units：“徐汇”不是规划所列的单位；是否应为“徐汇区”？"
        "（允许其他单位的规划须写明 `other_units: true`）\n"
    )


@pytest.mark.parametrize("units", ["", " ", ",", " ， 、"])
def test_units_with_no_name_are_refused(tmp_path: Path, units: str) -> None:
    out = tmp_path / "u.csv"
    result = run("template", "--units", units, "-o", out)
    assert result.code == 2
    assert result.stderr == (
        "--units: no unit named: give the units separated by commas (徐汇区,长宁区)\n"
    )
    assert not out.exists()


def test_a_unit_with_a_control_character_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "u.csv"
    result = run("template", "--units", "\x1b[31mX", "-o", out)
    assert result.code == 2 and not out.exists()
    assert "\x1b" not in result.stderr
    assert result.stderr.startswith("--units: '\\x1b[31mX' is not one of the plan's units")
    # Not even by a plan that admits any unit.
    for plan in (other_units_plan(tmp_path), FIXTURES / "plans" / "kinds"):
        for name in ("\x1b[31mX", "A\nB", "A\u2028B", "A\x85B"):
            result = run("template", "--units", f"长宁区,{name}", "--plan", plan, "-o", out)
            assert result.code == 2 and not out.exists(), name
            assert len(result.stderr.splitlines()) == 1
            assert "holds a control character: a unit's name is plain text" in result.stderr


def test_the_template_of_listed_units_is_read_back(tmp_path: Path) -> None:
    out = tmp_path / "2023.csv"
    assert run("template", "--units", "徐汇区，长宁区", "-o", out).code == 0
    filled = fill(out)
    result = run("evaluate", filled, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert set(result.json()["units"]) >= {"徐汇区", "长宁区"}


def test_a_plan_that_admits_other_units_takes_any_plain_name(tmp_path: Path) -> None:
    plan = other_units_plan(tmp_path)
    out = tmp_path / "2023.csv"
    assert run("template", "--units", "徐汇区,不存在", "--plan", plan, "-o", out).code == 0
    result = run("evaluate", fill(out), "--plan", plan, "-f", "json")
    assert result.code in (0, 1), result.stderr


def test_units_are_folded_as_the_reader_folds_them(tmp_path: Path) -> None:
    """A zero-width space pasted along, or spaces around a name, are no other unit."""
    out = tmp_path / "u.csv"
    assert run("template", "--units", " 徐汇区\u200b , 长宁区", "-o", out).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {r["unit"] for r in rows} == {"徐汇区", "长宁区"}


def fill(template: Path) -> Path:
    """The template with a value for every indicator of every unit."""
    rows = list(csv.DictReader(io.StringIO(template.read_text(encoding="utf-8-sig"))))
    filled = template.with_name("filled-2023.csv")
    with filled.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["unit", "indicator", "value"])
        writer.writeheader()
        for row in rows:
            writer.writerow({"unit": row["unit"], "indicator": row["indicator"], "value": "1"})
    return filled
