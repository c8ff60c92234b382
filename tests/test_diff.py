"""plancheck diff: per indicator the value change and the status change, in every format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.evaluate.diff import Change, classify
from plancheck.evaluate.models import Result, Status
from plancheck.plan.load import load_plan
from plancheck.report import choices
from tests.conftest import run

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def diff_json(old: Path, new: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = invoke("diff", old, new, "-f", "json", *extra)
    return result.exit_code, json.loads(result.stdout)


def test_2022_to_2023() -> None:
    code, data = diff_json(SAMPLES / "2022.csv", SAMPLES / "2023.csv")
    assert code == 1  # indicator 5 newly fails
    rows = {r["id"]: r for r in data["rows"]}
    assert len(rows) == 23
    assert rows["5"]["change"] == "newly_failing"
    assert (rows["5"]["old"]["status"], rows["5"]["new"]["status"]) == ("pass", "fail")
    assert rows["5"]["delta"] == 0.9
    assert rows["13"]["change"] == "fixed"  # 99.2 → 100, fail → pass
    assert rows["7"]["change"] == "improved" and rows["7"]["delta"] == 6  # behind → behind, up
    assert rows["16"]["change"] == "improved" and rows["16"]["delta"] == -0.1  # lower is better
    assert rows["23"]["change"] == "worsened" and rows["23"]["delta"] is None  # behind → missing
    assert rows["1"]["change"] == "unchanged" and rows["1"]["delta"] == 0
    assert data["summary"] == {
        "newly_failing": 1,
        "fixed": 1,
        "improved": 12,
        "worsened": 2,
        "unchanged": 7,
    }
    assert data["old"]["year"] == 2022 and data["new"]["year"] == 2023
    assert data["regressed"] is True


def test_the_other_way_round() -> None:
    code, data = diff_json(SAMPLES / "2023.csv", SAMPLES / "2022.csv")
    rows = {r["id"]: r["change"] for r in data["rows"]}
    assert (rows["5"], rows["13"]) == ("fixed", "newly_failing")
    assert code == 1


def test_nothing_newly_failing_is_exit_0(tmp_path: Path) -> None:
    copy = tmp_path / "2023.csv"
    copy.write_text((SAMPLES / "2023.csv").read_text(encoding="utf-8"), encoding="utf-8")
    code, data = diff_json(SAMPLES / "2023.csv", copy)
    assert code == 0
    assert data["summary"]["unchanged"] == 23 and data["regressed"] is False


def indicator(id_: str) -> Any:
    plan = load_plan(None)
    found = plan.find_indicator(id_)
    assert found is not None
    return found


def result(id_: str, status: Status, value: float | None) -> Result:
    return Result("徐汇区", 2023, indicator(id_), status, value, ())


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ((Status.PASS, 100.0), (Status.FAIL, 90.0), Change.NEWLY_FAILING),
        ((Status.MISSING, None), (Status.FAIL, 90.0), Change.NEWLY_FAILING),
        ((Status.FAIL, 90.0), (Status.PASS, 100.0), Change.FIXED),
        ((Status.FAIL, 90.0), (Status.BEHIND, 95.0), Change.IMPROVED),
        ((Status.BEHIND, 95.0), (Status.MISSING, None), Change.WORSENED),
        ((Status.FAIL, 90.0), (Status.FAIL, 80.0), Change.WORSENED),
        ((Status.PASS, 100.0), (Status.PASS, 100.0), Change.UNCHANGED),
        ((Status.MISSING, None), (Status.MISSING, None), Change.UNCHANGED),
    ],
)
def test_classify(
    old: tuple[Status, float | None], new: tuple[Status, float | None], change: Change
) -> None:
    assert classify(indicator("1"), result("1", *old), result("1", *new))[0] is change


def test_lower_is_better_indicators() -> None:
    # 8 (行政诉讼败诉率): lower is better; the same status with a lower value is an improvement
    old, new = result("8", Status.PASS, 3.2), result("8", Status.PASS, 3.0)
    assert classify(indicator("8"), old, new) == (Change.IMPROVED, -0.2)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "html"])
def test_every_format_renders_a_diff(fmt: str) -> None:
    assert fmt in choices("diff")
    result = invoke("diff", SAMPLES / "2022.csv", SAMPLES / "2023.csv", "-f", fmt, "--lang", "zh")
    assert result.exit_code == 1
    assert "新增未达标" in result.stdout or '"newly_failing"' in result.stdout
    assert "规范性文件审查纠错率" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_an_english_diff_keeps_the_plans_own_name(fmt: str) -> None:
    """As the evaluation does: the indicator's Chinese name, verbatim, beside the English."""
    result = invoke("diff", SAMPLES / "2022.csv", SAMPLES / "2023.csv", "-f", fmt, "--lang", "en")
    assert "规范性文件审查纠错率" in result.stdout and "Correction rate" in result.stdout


def test_markdown_diff_is_a_table_per_row() -> None:
    text = invoke("diff", SAMPLES / "2022.csv", SAMPLES / "2023.csv", "-f", "markdown").stdout
    rows = [line for line in text.splitlines() if line.startswith("| 5 |")]
    assert rows == [
        "| 5 | 规范性文件审查纠错率 (Correction rate in the review of normative documents) | 1.4% ✔ pass | 2.3% ✘ FAIL | +0.9 | newly failing |"
    ]


def test_several_units(tmp_path: Path) -> None:
    old, new = tmp_path / "2022.csv", tmp_path / "2023.csv"
    old.write_text("unit,indicator,value\n徐汇区,1,100\n长宁区,1,90\n", encoding="utf-8")
    new.write_text("unit,indicator,value\n徐汇区,1,95\n长宁区,1,100\n", encoding="utf-8")
    code, data = diff_json(old, new)
    changes = {(r["unit"], r["id"]): r["change"] for r in data["rows"]}
    assert changes[("徐汇区", "1")] == "newly_failing" and changes[("长宁区", "1")] == "fixed"
    assert code == 1
    table = invoke("diff", old, new).stdout
    assert "长宁区" in table


def test_bad_input_is_exit_2(tmp_path: Path) -> None:
    result = invoke("diff", SAMPLES / "2022.csv", tmp_path / "nope.csv")
    assert result.exit_code == 2
    assert "nope.csv: file not found" in result.stderr


def test_a_unit_on_one_side_is_compared_with_its_absence(tmp_path: Path) -> None:
    """A district that starts reporting with a failing binding indicator is a regression; one
    that stops reporting loses what it had. Neither is left out."""
    old = tmp_path / "2022.csv"
    new = tmp_path / "2023.csv"
    old.write_text("unit,indicator,value\n徐汇区,1,100\n", encoding="utf-8")
    new.write_text("unit,indicator,value\n徐汇区,1,100\n黄浦区,1,50\n", encoding="utf-8")
    result = run("diff", old, new, "-f", "json")
    assert result.code == 1
    rows = {(r["unit"], r["id"]): r for r in json.loads(result.stdout)["rows"]}
    appeared = rows[("黄浦区", "1")]
    assert (appeared["old"]["status"], appeared["change"]) == ("missing", "newly_failing")
    assert appeared["old"]["reason"] == "no figures of the unit on this side"
    assert rows[("黄浦区", "2")]["change"] == "unchanged"  # missing then, missing now
    back = run("diff", new, old, "-f", "json")
    assert back.code == 0
    gone = {(r["unit"], r["id"]): r for r in json.loads(back.stdout)["rows"]}
    assert gone[("黄浦区", "1")]["change"] == "worsened"
    assert gone[("黄浦区", "1")]["new"]["reason"] == "no figures of the unit on this side"
    assert gone[("黄浦区", "2")]["change"] == "unchanged"


def test_a_file_compared_with_itself_is_refused(tmp_path: Path) -> None:
    """``diff 2023.csv 2023.csv`` (a typo for 2022.csv) said every indicator unchanged, exit 0;
    a link to the file is the same file. A copy is a second file (compared as any other)."""
    link = tmp_path / "link.csv"
    link.symlink_to(SAMPLES / "2023.csv")
    for again in (SAMPLES / "2023.csv", link):
        result = run("diff", SAMPLES / "2023.csv", again, "--lang", "en")
        assert result.code == 2 and result.stdout == ""
        assert result.stderr == (
            f"{again}: is the earlier file again: diff compares two files, or two years of one "
            "file (--year A --year B)\n"
        )
